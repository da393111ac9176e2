-- Complaints (CI-29). What was complained of is an intake record; who complained lives apart, SM4-
-- encrypted with the key outside the database, readable only by the intake role with a stated reason.
-- The complainant follows the case with a receipt code, of which only the SM3 digest is kept.
CREATE TABLE complaint_intake (
  id uuid PRIMARY KEY,
  receipt_digest text NOT NULL UNIQUE,
  jurisdiction_code text NOT NULL REFERENCES regions (code),
  accused_name text NOT NULL,
  accused_credit_code text,
  accused_is_unit text NOT NULL CHECK (accused_is_unit IN ('organization', 'person')),
  content text NOT NULL,
  status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'registered', 'rejected')),
  case_id uuid REFERENCES cases (id),
  rejection_reason text,
  submitted_at timestamptz NOT NULL,
  handled_at timestamptz,
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX complaint_intake_jurisdiction_idx ON complaint_intake (jurisdiction_code, status, submitted_at);

CREATE TABLE complainant_identities (
  intake_id uuid PRIMARY KEY REFERENCES complaint_intake (id),
  identity_cipher text NOT NULL
);
