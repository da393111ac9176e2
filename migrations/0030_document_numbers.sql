-- Official documents in the form of GB/T 9704-2012 (issue 20): each bureau's form (organ mark, organ
-- code of its document numbers, printing office, copy-to organs, date numerals), filled on start from the
-- core defaults where empty and never overwritten; and document numbers issued per bureau, kind and year
-- without gaps: the counter row is taken with INSERT … ON CONFLICT DO UPDATE … RETURNING inside the
-- transaction that stores the document, so a rolled-back issue gives its number back.
ALTER TABLE bureaus ADD COLUMN organ_mark text;
ALTER TABLE bureaus ADD COLUMN doc_prefix text;
ALTER TABLE bureaus ADD COLUMN printer text;
ALTER TABLE bureaus ADD COLUMN copy_to jsonb;
ALTER TABLE bureaus ADD COLUMN date_numerals text CHECK (date_numerals IN ('chinese', 'arabic'));

CREATE TABLE document_counters (
  bureau_code text NOT NULL REFERENCES bureaus (region_code),
  kind text NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2999),
  last_no integer NOT NULL CHECK (last_no > 0),
  PRIMARY KEY (bureau_code, kind, year)
);

-- One number per document: a case's document of one kind and edition keeps its number however often it
-- is rendered again (DOCX and PDF of one decision carry one number).
CREATE TABLE document_numbers (
  case_id uuid NOT NULL REFERENCES cases (id),
  kind text NOT NULL,
  edition integer NOT NULL DEFAULT 1 CHECK (edition > 0),
  bureau_code text NOT NULL,
  year integer NOT NULL,
  seq integer NOT NULL CHECK (seq > 0),
  doc_no text NOT NULL,
  issued_on date NOT NULL,
  issued_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (case_id, kind, edition),
  UNIQUE (bureau_code, kind, year, seq),
  FOREIGN KEY (bureau_code, kind, year) REFERENCES document_counters (bureau_code, kind, year)
);
