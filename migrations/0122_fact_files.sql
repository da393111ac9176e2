-- Issue 19: files that are the evidence of a recorded fact rather than of a case — the source
-- document of a finding (CI-5: a finding names its source; 0026 added the deciding case, this the
-- uploaded document itself) and a signed integrity commitment scanned by staff (CI-9). Checked by
-- content like case files (core/files/sniff.ts, formats/inspect-upload.ts), hashed SHA-256 and SM3.
CREATE TABLE fact_files (
  id uuid PRIMARY KEY,
  owner_type text NOT NULL CHECK (owner_type IN ('finding', 'commitment')),
  owner_id uuid NOT NULL,
  file_name text NOT NULL,
  media_type text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL,
  sm3 text NOT NULL,
  content bytea NOT NULL,
  uploaded_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL
);
CREATE INDEX fact_files_owner_idx ON fact_files (owner_type, owner_id);
ALTER TABLE findings ADD COLUMN source_file_id uuid REFERENCES fact_files (id);
