-- Rules engine: policy versions (with extensions and successors) as data, findings with their
-- source documents (CI-5), yearly activity of experts / departments / agencies, and stored ratings
-- with their explanation and the officer's determination where the rules leave a gap.

CREATE TABLE policy_versions (
  id text PRIMARY KEY,
  document text NOT NULL CHECK (document IN ('YT', 'CI')),
  doc_no text NOT NULL,
  title text NOT NULL,
  jurisdiction text NOT NULL REFERENCES regions (code),
  in_force_from date NOT NULL,
  in_force_to date,
  kind text NOT NULL CHECK (kind IN ('original', 'extension', 'successor')),
  extends text REFERENCES policy_versions (id),
  basis text NOT NULL,
  parameters jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  CHECK (in_force_to IS NULL OR in_force_to >= in_force_from),
  CHECK ((kind = 'extension') = (extends IS NOT NULL))
);

-- X-1: a project whose failure was exempted (YT-10) never counts against anyone.
ALTER TABLE projects ADD COLUMN exempted_on date;
ALTER TABLE projects ADD COLUMN extension_requested_on date;

CREATE TABLE findings (
  id uuid PRIMARY KEY,
  subject_id uuid NOT NULL REFERENCES subjects (id),
  subject_type text NOT NULL CHECK (subject_type IN ('unit', 'leader', 'expert', 'recommender', 'agency')),
  clause text NOT NULL,
  fact_date date NOT NULL,
  met boolean NOT NULL DEFAULT true,
  description text NOT NULL,
  source_kind text NOT NULL CHECK (source_kind IN ('application', 'contract', 'commitment', 'evaluation', 'report', 'audit_report', 'acceptance', 'investigation')),
  source_document text NOT NULL,
  project_id uuid REFERENCES projects (id),
  region_code text NOT NULL REFERENCES regions (code),
  recorded_by uuid NOT NULL REFERENCES users (id),
  recorded_at timestamptz NOT NULL,
  withdrawn_at timestamptz,
  withdrawn_reason text
);
CREATE INDEX findings_subject_idx ON findings (subject_id, subject_type, fact_date);
CREATE INDEX findings_date_idx ON findings (fact_date);

CREATE TABLE subject_activity (
  subject_id uuid NOT NULL REFERENCES subjects (id),
  year integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('review', 'recommendation', 'service')),
  note text,
  PRIMARY KEY (subject_id, year, kind)
);

CREATE TABLE ratings (
  id uuid PRIMARY KEY,
  subject_id uuid NOT NULL REFERENCES subjects (id),
  subject_type text NOT NULL CHECK (subject_type IN ('unit', 'leader', 'expert', 'recommender', 'agency')),
  year integer NOT NULL,
  region_code text NOT NULL REFERENCES regions (code),
  computed_level text CHECK (computed_level IN ('AA', 'A', 'B', 'C')),
  clauses text[] NOT NULL,
  determination_required boolean NOT NULL,
  result jsonb NOT NULL,
  policy_version_id text NOT NULL,
  policy_in_force boolean NOT NULL,
  computed_at timestamptz NOT NULL,
  determined_level text CHECK (determined_level IN ('AA', 'A', 'B', 'C')),
  determined_reason text,
  determined_by uuid REFERENCES users (id),
  determined_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  UNIQUE (subject_id, subject_type, year)
);
CREATE INDEX ratings_region_year_idx ON ratings (region_code, year, subject_type);
