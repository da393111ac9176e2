-- Audit events are chained with HMAC-SM3 under a key kept outside the database from now on
-- (GB/T 22239-2019 8.1.4.3); each event names the key it was chained under, so keys can rotate.
-- Events written before this migration keep their plain SM3 links: the chain may begin with them and
-- never return to them (a keyless event after the first keyed one is a forgery).
ALTER TABLE audit_events ADD COLUMN mac_key_id text;
CREATE TABLE audit_chain_start (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  legacy_until_seq bigint NOT NULL
);
INSERT INTO audit_chain_start (legacy_until_seq) SELECT COALESCE(max(seq), 0) FROM audit_events;
