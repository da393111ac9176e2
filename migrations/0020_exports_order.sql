-- The export log lists the newest first; two exports in the same instant (a fixed clock, or one
-- request making both formats) are told apart by the order they were written in.
ALTER TABLE exports ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
CREATE INDEX exports_seq_idx ON exports (created_at DESC, seq DESC);
