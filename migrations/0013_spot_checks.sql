-- CI-21, YT-8: random spot checks. The input of the draw (seed, ratios, candidates, inspector pool, by
-- their public identifiers) is stored as published, with the result, so anyone can re-run it.
CREATE TABLE spot_checks (
  id uuid PRIMARY KEY,
  jurisdiction_code text NOT NULL REFERENCES regions (code),
  title text NOT NULL,
  input jsonb NOT NULL,
  result jsonb NOT NULL,
  drawn_by uuid NOT NULL REFERENCES users (id),
  drawn_at timestamptz NOT NULL
);
CREATE INDEX spot_checks_jurisdiction_idx ON spot_checks (jurisdiction_code, drawn_at DESC);
