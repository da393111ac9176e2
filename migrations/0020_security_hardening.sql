-- Issue 16: what an attack on the running system found, closed.

-- H1: the unmatched ID numbers each caller asked the veto check about, by masked form (area code
-- and last four digits) and blind index; many of one masked form is how an ID number is recovered.
CREATE TABLE veto_probes (
  user_id uuid NOT NULL REFERENCES users (id),
  masked text NOT NULL,
  blind_index text NOT NULL,
  first_at timestamptz NOT NULL,
  last_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, masked, blind_index)
);
CREATE INDEX veto_probes_recent_idx ON veto_probes (user_id, masked, last_at);

-- H2 (三员分立): the system administrator opens an account (pending, no role, no password); the
-- security administrator authorises it (role, region, unit, person), and the system makes a one-time
-- initial password that must be changed at first login. Administrator roles are granted by dual
-- control: proposed by the security administrator, approved by the audit administrator.
ALTER TABLE users ALTER COLUMN role DROP NOT NULL;
ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL;
ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'active' CHECK (status IN ('pending', 'active'));
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
ALTER TABLE users ADD COLUMN created_by uuid REFERENCES users (id);
ALTER TABLE users ADD COLUMN authorized_by uuid REFERENCES users (id);
ALTER TABLE users ADD COLUMN authorized_at timestamptz;
ALTER TABLE users ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE users ADD CONSTRAINT users_active_has_role CHECK (status = 'pending' OR (role IS NOT NULL AND password_hash IS NOT NULL));

CREATE TABLE admin_grants (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  role text NOT NULL CHECK (role IN ('system_admin', 'security_admin', 'audit_admin')),
  reason text NOT NULL,
  proposed_by uuid NOT NULL REFERENCES users (id),
  proposed_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  decided_by uuid REFERENCES users (id),
  decided_at timestamptz,
  CHECK (decided_by IS NULL OR decided_by <> proposed_by)
);
CREATE UNIQUE INDEX admin_grants_one_pending ON admin_grants (user_id) WHERE status = 'pending';

-- M1: failures decay: the counter starts again once the last failure is older than the lockout.
ALTER TABLE users ADD COLUMN last_failed_at timestamptz;
-- M1: attempts whose password is being verified count against the limit with the failures.
ALTER TABLE users ADD COLUMN logins_in_flight integer NOT NULL DEFAULT 0;

-- M6: a spot check publishes its draw without the candidates' credit codes and levels; the whole
-- input is bound by an SM3 commitment over it and a salt kept here, shown only to the bureau.
ALTER TABLE spot_checks ADD COLUMN commitment_salt text;
ALTER TABLE spot_checks ADD COLUMN commitment_sm3 text;
