-- Issue 19, CI-9: the units and persons on a call's applications, so the call shows who has not yet
-- signed; a commitment signed in the system by the subject itself or uploaded by staff as a signed
-- scan (fact_files), with the policy version whose text was signed and that text's SM3.
CREATE TABLE call_applicants (
  call_ref text NOT NULL CHECK (char_length(call_ref) BETWEEN 1 AND 64),
  subject_id uuid NOT NULL REFERENCES subjects (id),
  role text NOT NULL CHECK (role IN ('unit', 'leader', 'member', 'expert')),
  added_by uuid NOT NULL REFERENCES users (id),
  added_at timestamptz NOT NULL,
  PRIMARY KEY (call_ref, subject_id, role)
);
ALTER TABLE commitments ADD COLUMN method text NOT NULL DEFAULT 'recorded' CHECK (method IN ('recorded', 'self', 'scan'));
ALTER TABLE commitments ADD COLUMN scan_file_id uuid REFERENCES fact_files (id);
ALTER TABLE commitments ADD COLUMN policy_version_id text;
ALTER TABLE commitments ADD COLUMN text_sm3 text;
ALTER TABLE commitments ADD CONSTRAINT commitments_scan_check CHECK ((method = 'scan') = (scan_file_id IS NOT NULL));
