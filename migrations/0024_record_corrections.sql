-- CI-27 经核查属实的，及时更正: an upheld objection corrects the sanction record it names. Each
-- corrected field is a row here with the value it had and the value it has now, the case whose step
-- corrected it, who and when: a history, never an update without trace. The sanction row holds the
-- current values; `facts` holds a corrected statement of the facts (the decision's own reasons stand
-- while it is NULL).
CREATE TABLE sanction_corrections (
  id uuid PRIMARY KEY,
  sanction_id uuid NOT NULL REFERENCES sanctions (id),
  case_id uuid NOT NULL REFERENCES cases (id),
  field text NOT NULL CHECK (field IN ('misconduct_kind', 'conduct_date', 'measures', 'facts', 'public_list')),
  old_value jsonb,
  new_value jsonb NOT NULL,
  reason text NOT NULL,
  clause text NOT NULL,
  corrected_on date NOT NULL,
  corrected_by uuid NOT NULL REFERENCES users (id),
  corrected_at timestamptz NOT NULL
);
CREATE INDEX sanction_corrections_sanction_idx ON sanction_corrections (sanction_id, corrected_at);
CREATE INDEX sanction_corrections_case_idx ON sanction_corrections (case_id);
ALTER TABLE sanctions ADD COLUMN facts text;
