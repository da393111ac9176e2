-- Issue 20: the credit platform acknowledges a batch itself through the machine API (scope
-- exchange.acknowledge). Such an acknowledgement names the API client, not a member of staff;
-- exactly one of the two is set on an acknowledged batch.
ALTER TABLE exchange_batches ADD COLUMN acknowledged_by_client uuid REFERENCES api_clients (id);
ALTER TABLE exchange_batches ADD CONSTRAINT exchange_batches_acknowledger_check
  CHECK (acknowledged_at IS NULL OR (acknowledged_by IS NULL) <> (acknowledged_by_client IS NULL));
