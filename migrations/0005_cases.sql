-- Cases of every procedure (tolerance now; listing, objection, repair and complaints later): the
-- state, the declared procedure it follows, and the log of every step taken.
CREATE TABLE cases (
  id uuid PRIMARY KEY,
  procedure text NOT NULL,
  state text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  jurisdiction_code text NOT NULL REFERENCES regions (code),
  project_id uuid REFERENCES projects (id),
  unit_id uuid REFERENCES subjects (id),
  applicant_person_id uuid REFERENCES subjects (id),
  data jsonb NOT NULL,
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX cases_jurisdiction_state_idx ON cases (jurisdiction_code, state);
CREATE INDEX cases_unit_idx ON cases (unit_id);
CREATE INDEX cases_applicant_idx ON cases (applicant_person_id);

CREATE TABLE case_events (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases (id),
  seq integer NOT NULL,
  step text NOT NULL,
  clause text NOT NULL,
  from_state text,
  to_state text NOT NULL,
  actor_user_id uuid NOT NULL REFERENCES users (id),
  actor_role text NOT NULL,
  at timestamptz NOT NULL,
  on_date date NOT NULL,
  input jsonb NOT NULL,
  UNIQUE (case_id, seq)
);
