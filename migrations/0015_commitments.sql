-- CI-9: the integrity commitment (承诺书) each unit and person on an application signs, per call.
CREATE TABLE commitments (
  id uuid PRIMARY KEY,
  call_ref text NOT NULL,
  subject_id uuid NOT NULL REFERENCES subjects (id),
  role text NOT NULL CHECK (role IN ('unit', 'leader', 'member', 'expert')),
  signed_on date NOT NULL,
  recorded_by uuid NOT NULL REFERENCES users (id),
  recorded_at timestamptz NOT NULL,
  UNIQUE (call_ref, subject_id, role)
);
