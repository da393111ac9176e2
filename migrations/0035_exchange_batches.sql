-- Issue 20: what leaves for the credit platform (CI-27, CI-28, CI-31) and the provincial project
-- system (YT-6.5) as increments. One counter per (bureau, target), advanced in the transaction that
-- builds the batch, so sequence numbers are gap-free; the batch keeps its exact bytes and digests so
-- it can be re-sent byte-identical; each item keeps the row sent, so the next increment is planned
-- against what the platform acknowledged.
CREATE TABLE exchange_sequences (
  jurisdiction_code text NOT NULL REFERENCES regions (code),
  target text NOT NULL CHECK (target IN ('credit_platform', 'project_system')),
  last_seq integer NOT NULL,
  PRIMARY KEY (jurisdiction_code, target)
);

CREATE TABLE exchange_batches (
  id uuid PRIMARY KEY,
  jurisdiction_code text NOT NULL REFERENCES regions (code),
  target text NOT NULL CHECK (target IN ('credit_platform', 'project_system')),
  seq integer NOT NULL CHECK (seq > 0),
  export_id uuid NOT NULL UNIQUE REFERENCES exports (id),
  body text NOT NULL,
  sha256 text NOT NULL,
  sm3 text NOT NULL,
  item_count integer NOT NULL,
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL,
  acknowledged_at timestamptz,
  acknowledged_by uuid REFERENCES users (id),
  ack_reference text,
  UNIQUE (jurisdiction_code, target, seq)
);
CREATE INDEX exchange_batches_unacknowledged_idx ON exchange_batches (jurisdiction_code, target, seq) WHERE acknowledged_at IS NULL;

CREATE TABLE exchange_batch_items (
  batch_id uuid NOT NULL REFERENCES exchange_batches (id),
  item_id uuid NOT NULL,
  operation text NOT NULL CHECK (operation IN ('add', 'remove', 'repair', 'correct')),
  row_text text NOT NULL,
  PRIMARY KEY (batch_id, item_id)
);
CREATE INDEX exchange_batch_items_item_idx ON exchange_batch_items (item_id);
