-- CI-5: a finding the system records from a decided misconduct case keeps that case as its source.
ALTER TABLE findings ADD COLUMN source_case_id uuid REFERENCES cases (id);
CREATE INDEX findings_source_case_idx ON findings (source_case_id) WHERE source_case_id IS NOT NULL;
