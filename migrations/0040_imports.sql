-- Imports (issue 19): each confirmed import file, with its digests (SHA-256 and SM3) and counts, and
-- every record it created or changed with the fields before and after. The audit event of the import
-- (import.apply) carries the SM3 of this change list, so the hash chain covers every change.
CREATE TABLE import_batches (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('units', 'persons', 'projects', 'relations')),
  file_name text,
  file_sha256 text NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
  file_sm3 text NOT NULL CHECK (file_sm3 ~ '^[0-9a-f]{64}$'),
  rows_total integer NOT NULL CHECK (rows_total >= 0),
  created_count integer NOT NULL CHECK (created_count >= 0),
  changed_count integer NOT NULL CHECK (changed_count >= 0),
  unchanged_count integer NOT NULL CHECK (unchanged_count >= 0),
  changes_sm3 text NOT NULL,
  imported_by uuid REFERENCES users (id),
  imported_at timestamptz NOT NULL
);
CREATE INDEX import_batches_user_idx ON import_batches (imported_by, imported_at DESC);

CREATE TABLE import_changes (
  batch_id uuid NOT NULL REFERENCES import_batches (id),
  row_no integer NOT NULL,
  object_type text NOT NULL CHECK (object_type IN ('subject', 'project', 'relation')),
  object_id uuid NOT NULL,
  -- The natural key as shown: credit code, masked ID number, project code, or the relation's parts.
  natural_key text NOT NULL,
  change text NOT NULL CHECK (change IN ('new', 'changed')),
  -- New: the values written; changed: { column: { before, after } }. Never a plain ID number.
  fields jsonb NOT NULL,
  PRIMARY KEY (batch_id, row_no)
);
CREATE INDEX import_changes_object_idx ON import_changes (object_id);

-- Projects are matched by their code on re-import; subjects by credit code and ID-number blind index
-- (both already unique since 0001). A relation is matched by (person, unit, kind, start).
CREATE INDEX subject_relations_person_idx ON subject_relations (person_id);
