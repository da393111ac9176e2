-- Complaints (CI-29), issue 21: the evidence a complainant attaches, kept like a case's files (content
-- in the database, SHA-256 and SM3) but with the intake record, seen only by the intake staff of its
-- area; and the claims of the form's proof-of-work challenges, so that an answer is used once.
CREATE TABLE complaint_files (
  id uuid PRIMARY KEY,
  intake_id uuid NOT NULL REFERENCES complaint_intake (id),
  -- The order the complainant attached them in.
  position integer NOT NULL,
  file_name text NOT NULL,
  media_type text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL,
  sm3 text NOT NULL,
  content bytea NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX complaint_files_intake_idx ON complaint_files (intake_id, position);

CREATE TABLE complaint_challenge_claims (
  id uuid PRIMARY KEY,
  expires_at timestamptz NOT NULL,
  claimed_at timestamptz NOT NULL
);
CREATE INDEX complaint_challenge_claims_expiry_idx ON complaint_challenge_claims (expires_at);
