-- YT-11 (issue 20): the yearly package in which a county or prefecture bureau compiles the
-- failure-analysis reports of the cases it handled and sends them to the province by the end of
-- December. One per region and year; compiling again replaces it (the reports it holds and the digests
-- of the DOCX and PDF made), each compilation audited.
CREATE TABLE failure_packages (
  region_code text NOT NULL REFERENCES regions (code),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  report_case_ids uuid[] NOT NULL,
  docx_sha256 text NOT NULL,
  pdf_sha256 text NOT NULL,
  compiled_by uuid NOT NULL REFERENCES users (id),
  compiled_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, year)
);
