-- Issue 19: participation entered by staff, not only by the demo loader. An expert's review
-- assignment (a call or a project, the day, whether a recusal was declared) and an agency's service
-- on a project (CI-18, CI-20: rated on taking part in the year). Each record also keeps the
-- year's row in subject_activity, which the ratings read (one reading for demo and entered facts).
CREATE TABLE participations (
  id uuid PRIMARY KEY,
  subject_id uuid NOT NULL REFERENCES subjects (id),
  kind text NOT NULL CHECK (kind IN ('review', 'service')),
  call_ref text CHECK (call_ref IS NULL OR char_length(call_ref) BETWEEN 1 AND 100),
  project_id uuid REFERENCES projects (id),
  on_date date NOT NULL,
  recusal_declared boolean,
  note text CHECK (note IS NULL OR char_length(note) <= 500),
  region_code text NOT NULL REFERENCES regions (code),
  recorded_by uuid REFERENCES users (id),
  recorded_at timestamptz NOT NULL,
  CHECK (
    (kind = 'review' AND (call_ref IS NOT NULL OR project_id IS NOT NULL) AND recusal_declared IS NOT NULL)
    OR (kind = 'service' AND project_id IS NOT NULL AND call_ref IS NULL AND recusal_declared IS NULL)
  )
);
CREATE INDEX participations_subject_idx ON participations (subject_id, on_date);
