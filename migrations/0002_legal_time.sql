-- Legal time: holiday notices and local overlays as data, deadline clocks with their ledger,
-- the record of every recomputation that moved a date, and reminders claimed once.

CREATE TABLE holiday_notices (
  year integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
  notice text NOT NULL,
  published date NOT NULL,
  off jsonb NOT NULL,
  workdays jsonb NOT NULL,
  loaded_at timestamptz NOT NULL,
  loaded_by uuid REFERENCES users (id)
);

CREATE TABLE local_holidays (
  id uuid PRIMARY KEY,
  jurisdiction text NOT NULL REFERENCES regions (code),
  from_date date NOT NULL,
  to_date date NOT NULL,
  name text NOT NULL,
  source text,
  created_at timestamptz NOT NULL,
  CHECK (to_date >= from_date),
  UNIQUE (jurisdiction, from_date, name)
);

CREATE TABLE deadline_clocks (
  id uuid PRIMARY KEY,
  limit_id text NOT NULL,
  owner_type text NOT NULL,
  owner_id text NOT NULL,
  title text NOT NULL,
  jurisdiction_code text NOT NULL REFERENCES regions (code),
  start_date date NOT NULL,
  due_date date NOT NULL,
  provisional boolean NOT NULL,
  provisional_years integer[] NOT NULL DEFAULT '{}',
  derivation text NOT NULL,
  status text NOT NULL CHECK (status IN ('running', 'paused', 'stopped')),
  stopped_date date,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX deadline_clocks_open_due_idx ON deadline_clocks (due_date) WHERE status <> 'stopped';
CREATE INDEX deadline_clocks_owner_idx ON deadline_clocks (owner_type, owner_id);
CREATE INDEX deadline_clocks_jurisdiction_idx ON deadline_clocks (jurisdiction_code, due_date) WHERE status <> 'stopped';

CREATE TABLE deadline_ledger (
  id uuid PRIMARY KEY,
  clock_id uuid NOT NULL REFERENCES deadline_clocks (id),
  kind text NOT NULL CHECK (kind IN ('pause', 'extension')),
  from_date date,
  to_date date,
  reason text,
  evidence text,
  approved_by text,
  recorded_by uuid REFERENCES users (id),
  recorded_at timestamptz NOT NULL,
  CHECK (kind <> 'pause' OR from_date IS NOT NULL),
  CHECK (to_date IS NULL OR from_date IS NULL OR to_date >= from_date)
);
CREATE INDEX deadline_ledger_clock_idx ON deadline_ledger (clock_id);

CREATE TABLE deadline_moves (
  id uuid PRIMARY KEY,
  clock_id uuid NOT NULL REFERENCES deadline_clocks (id),
  cause text NOT NULL,
  old_due date NOT NULL,
  new_due date NOT NULL,
  old_provisional boolean NOT NULL,
  new_provisional boolean NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX deadline_moves_clock_idx ON deadline_moves (clock_id);

-- One row per reminder ever raised: the primary key is the atomic claim that makes each one happen once.
CREATE TABLE reminders (
  clock_id uuid NOT NULL REFERENCES deadline_clocks (id),
  kind text NOT NULL CHECK (kind IN ('before_3', 'before_1', 'overdue')),
  due_date date NOT NULL,
  raised_on date NOT NULL,
  raised_at timestamptz NOT NULL,
  raised_by text NOT NULL,
  PRIMARY KEY (clock_id, kind, due_date)
);

CREATE TABLE notifications (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  clock_id uuid REFERENCES deadline_clocks (id),
  kind text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL,
  read_at timestamptz
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);
