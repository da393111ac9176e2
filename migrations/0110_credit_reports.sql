-- 信用报告 (issue 20): each credit report issued about a subject, kept by its verification code with
-- the digests of the PDF handed out and the summary of what it says. The public verification page
-- reads only `summary` (what the report itself shows); the PDF's bytes are not kept.
CREATE TABLE credit_reports (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE CHECK (code ~ '^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$'),
  subject_id uuid NOT NULL REFERENCES subjects (id),
  jurisdiction_code text NOT NULL REFERENCES regions (code),
  issued_on date NOT NULL,
  issued_at timestamptz NOT NULL,
  issued_by uuid NOT NULL REFERENCES users (id),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  sm3 text NOT NULL CHECK (sm3 ~ '^[0-9a-f]{64}$'),
  summary jsonb NOT NULL
);
CREATE INDEX credit_reports_subject_idx ON credit_reports (subject_id, issued_at);
