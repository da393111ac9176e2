-- Issue 20 (CI-12, CI-13): misconduct records decided elsewhere and sent from the province's or the
-- national research-integrity database, by file (integrity section) or through the machine API
-- (scope misconduct.import). Each keeps its source as received — who sent it, the document number,
-- the deciding body, the decision date — and is never edited here (a trigger refuses an update; a
-- correction is the sender's and arrives as a new record). The subject is kept by its identifiers
-- (credit code; or the ID number's blind index and masked form, never the number) so that its ban
-- vetoes an application here (CI-10) whether or not the subject is in this register; subject_id is
-- set when it is. region_code is the area that received it (the importer's region).
CREATE TABLE external_misconduct_records (
  id uuid PRIMARY KEY,
  source text NOT NULL CHECK (source IN ('province', 'national')),
  sender text NOT NULL CHECK (length(sender) BETWEEN 1 AND 100),
  document_no text NOT NULL CHECK (length(document_no) BETWEEN 1 AND 100),
  decided_by text NOT NULL CHECK (length(decided_by) BETWEEN 1 AND 100),
  decided_on date NOT NULL,
  subject_kind text NOT NULL CHECK (subject_kind IN ('organization', 'person')),
  name text NOT NULL,
  credit_code text,
  id_number_index text,
  id_number_masked text,
  subject_id uuid REFERENCES subjects (id),
  conduct text NOT NULL,
  measures text[] NOT NULL,
  ban_start date,
  ban_end date,
  ban_life boolean NOT NULL DEFAULT false,
  region_code text NOT NULL REFERENCES regions (code),
  imported_via text NOT NULL CHECK (imported_via IN ('file', 'machine')),
  imported_by uuid REFERENCES users (id),
  imported_by_client uuid REFERENCES api_clients (id),
  imported_at timestamptz NOT NULL,
  CHECK ((subject_kind = 'organization' AND credit_code IS NOT NULL AND id_number_index IS NULL)
      OR (subject_kind = 'person' AND id_number_index IS NOT NULL AND credit_code IS NULL)),
  CHECK (NOT (ban_life AND ban_end IS NOT NULL)),
  CHECK ((imported_by IS NULL) <> (imported_by_client IS NULL))
);
-- The same decision about the same subject from the same sender is one record (sent twice, taken once).
CREATE UNIQUE INDEX external_misconduct_identity_idx ON external_misconduct_records (sender, document_no, COALESCE(credit_code, id_number_index));
CREATE INDEX external_misconduct_code_idx ON external_misconduct_records (credit_code) WHERE credit_code IS NOT NULL;
CREATE INDEX external_misconduct_index_idx ON external_misconduct_records (id_number_index) WHERE id_number_index IS NOT NULL;
CREATE INDEX external_misconduct_region_idx ON external_misconduct_records (region_code, decided_on);

CREATE FUNCTION external_misconduct_as_received() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'external misconduct records are kept as received and cannot be edited (CI-13)';
END;
$$;
CREATE TRIGGER external_misconduct_no_update BEFORE UPDATE ON external_misconduct_records
  FOR EACH ROW EXECUTE FUNCTION external_misconduct_as_received();
