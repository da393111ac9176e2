-- Obligations followed through (issue 19): each obligation a decision creates (YT-10 surplus funds
-- returned; CI-23 clawback and revocation) has its amount, the due date worked out from the dated
-- parameter of its clause (with that computation's basis), what has been paid so far, the settlements
-- with their evidence (a case file or a reference to one), and reminders claimed like deadline
-- reminders (a row keyed obligation, kind and due date: the one process whose insert succeeds tells).
ALTER TABLE obligations ADD COLUMN due_date date;
ALTER TABLE obligations ADD COLUMN due_basis text;
ALTER TABLE obligations ADD COLUMN settled_yuan numeric(14, 2) NOT NULL DEFAULT 0 CHECK (settled_yuan >= 0);
ALTER TABLE obligations ADD CONSTRAINT obligations_not_overpaid CHECK (amount_yuan IS NULL OR settled_yuan <= amount_yuan);
CREATE INDEX obligations_due_idx ON obligations (status, due_date);

CREATE TABLE obligation_settlements (
  id uuid PRIMARY KEY,
  obligation_id uuid NOT NULL REFERENCES obligations (id),
  paid_on date NOT NULL,
  amount_yuan numeric(14, 2) NOT NULL CHECK (amount_yuan > 0),
  file_id uuid REFERENCES files (id),
  evidence_ref text,
  note text,
  remainder_yuan numeric(14, 2) NOT NULL CHECK (remainder_yuan >= 0),
  recorded_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL,
  CHECK (file_id IS NOT NULL OR evidence_ref IS NOT NULL)
);
CREATE INDEX obligation_settlements_obligation_idx ON obligation_settlements (obligation_id, created_at);

CREATE TABLE obligation_reminders (
  obligation_id uuid NOT NULL REFERENCES obligations (id),
  kind text NOT NULL CHECK (kind IN ('before_due', 'overdue')),
  due_date date NOT NULL,
  raised_on date NOT NULL,
  raised_at timestamptz NOT NULL,
  raised_by text NOT NULL,
  PRIMARY KEY (obligation_id, kind, due_date)
);
