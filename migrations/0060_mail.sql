-- E-mail delivery of notices and reminders (issue 19 "people hear of it").
-- The address a user enters on the account page; checked by core/notices/email-address.ts, bounded here too.
ALTER TABLE users ADD COLUMN email text CHECK (email IS NULL OR (length(email) BETWEEN 3 AND 254 AND email !~ '[[:space:]]' AND position('@' IN email) > 1));

-- Kinds of mail a user does not want (core/notices/mail.ts MAIL_KINDS): a row is an opt-out; the in-system notice stays.
CREATE TABLE mail_opt_outs (
  user_id uuid NOT NULL REFERENCES users (id),
  kind text NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (user_id, kind)
);

-- The transactional outbox: written by notify() in the transaction of the notification it carries,
-- delivered by the mail sweep, which claims each row atomically (status pending → sending).
CREATE TABLE mail_outbox (
  id uuid PRIMARY KEY,
  notification_id uuid NOT NULL REFERENCES notifications (id),
  user_id uuid NOT NULL REFERENCES users (id),
  kind text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'skipped')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  claimed_by text,
  claimed_at timestamptz,
  sent_at timestamptz,
  last_error text,
  created_at timestamptz NOT NULL
);
CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX mail_outbox_sending_idx ON mail_outbox (claimed_at) WHERE status = 'sending';
CREATE INDEX mail_outbox_user_idx ON mail_outbox (user_id, created_at DESC);

-- The delivery log: one row per attempt (sent, or failed with when it is retried — none once the cap is reached).
CREATE TABLE mail_deliveries (
  outbox_id uuid NOT NULL REFERENCES mail_outbox (id),
  attempt integer NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('sent', 'failed', 'skipped')),
  at timestamptz NOT NULL,
  by_instance text NOT NULL,
  to_address text,
  smtp_code integer,
  response text,
  retry_at timestamptz,
  PRIMARY KEY (outbox_id, attempt)
);
