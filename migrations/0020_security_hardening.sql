-- Issue 16: what an attack on the running system found, closed.

-- H1: the unmatched ID numbers each caller asked the veto check about, by masked form (area code
-- and last four digits) and blind index; many of one masked form is how an ID number is recovered.
CREATE TABLE veto_probes (
  user_id uuid NOT NULL REFERENCES users (id),
  masked text NOT NULL,
  blind_index text NOT NULL,
  first_at timestamptz NOT NULL,
  last_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, masked, blind_index)
);
CREATE INDEX veto_probes_recent_idx ON veto_probes (user_id, masked, last_at);
