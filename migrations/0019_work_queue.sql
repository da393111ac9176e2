-- The officer's work queue (issue 7) sorts a bureau's cases by their nearest open deadline. Reading
-- that from the clocks for every candidate case does not scale to a province's million cases, so each
-- case carries its nearest open due date, kept by the database itself whenever a clock is written
-- (opened, recomputed after a holiday notice, paused, stopped), including bulk writes: one set-wise
-- update per statement, from the rows the statement touched.
ALTER TABLE cases ADD COLUMN next_due date;

CREATE FUNCTION cases_sync_next_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE cases c
     SET next_due = (SELECT min(d.due_date) FROM deadline_clocks d WHERE d.owner_type = 'case' AND d.owner_id = c.id::text AND d.status <> 'stopped')
   WHERE c.id IN (SELECT owner_id::uuid FROM changed_clocks WHERE owner_type = 'case');
  RETURN NULL;
END $$;

CREATE TRIGGER deadline_clocks_next_due_insert AFTER INSERT ON deadline_clocks
  REFERENCING NEW TABLE AS changed_clocks FOR EACH STATEMENT EXECUTE FUNCTION cases_sync_next_due();
CREATE TRIGGER deadline_clocks_next_due_update AFTER UPDATE ON deadline_clocks
  REFERENCING NEW TABLE AS changed_clocks FOR EACH STATEMENT EXECUTE FUNCTION cases_sync_next_due();

UPDATE cases c SET next_due = (SELECT min(d.due_date) FROM deadline_clocks d WHERE d.owner_type = 'case' AND d.owner_id = c.id::text AND d.status <> 'stopped');

-- A page of the queue in its exact order (nearest deadline first, then most recently worked on): by
-- state for any set of regions, or one bureau's own cases; the count reads the index alone.
CREATE INDEX cases_state_next_due_idx ON cases (state, next_due, updated_at DESC);
DROP INDEX cases_jurisdiction_state_idx;
CREATE INDEX cases_jurisdiction_state_due_idx ON cases (jurisdiction_code, state, next_due, updated_at DESC);
