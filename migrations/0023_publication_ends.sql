-- Every entry on the list and on the public page has an end (CI-27, CI-28, and the national
-- credit-repair rules, 国家发展改革委令2025年第36号, registered as policy document CR).
ALTER TABLE policy_versions DROP CONSTRAINT policy_versions_document_check;
ALTER TABLE policy_versions ADD CONSTRAINT policy_versions_document_check CHECK (document IN ('YT', 'CI', 'CR'));

-- A sanction is published (CI-25.4) until public_until (inclusive; NULL: not published or not yet
-- worked out), a date computed when the sanction is written from its tier (CR) and its period; the
-- tier and the explanation are kept with it.
ALTER TABLE sanctions ADD COLUMN publication_tier text CHECK (publication_tier IN ('minor', 'general', 'serious'));
ALTER TABLE sanctions ADD COLUMN public_until date;
ALTER TABLE sanctions ADD COLUMN publication_basis text;

-- A listing lasts until `until` (the sanction's period, or the tier's longest publication period
-- where the sanction has none) and is published until public_until; end_basis says how both were
-- reached. Rows listed before this migration are given their ends on start (backfill-publication-ends.ts),
-- which reads the dated registry rather than copying its figures here. removed_on records the sweep
-- that took an ended listing off the list (CI-28), once.
ALTER TABLE listings ADD COLUMN public_until date;
ALTER TABLE listings ADD COLUMN end_basis text;
ALTER TABLE listings ADD COLUMN removed_on date;
CREATE INDEX sanctions_public_until_idx ON sanctions (public_until) WHERE public_list;
