-- 复查 (国科发监〔2022〕221号): a review may revoke a decision or change it. A revoked sanction is not in
-- force from the day of the review decision (the in-force reading, integrity/ban-in-force.ts, asks this
-- column); a changed one has its terms rewritten. Either way each value it had is kept in
-- sanction_corrections (migration 0024) with the review case that changed it, as an upheld objection's
-- corrections are, so the record shows one history.
ALTER TABLE sanctions ADD COLUMN revoked_on date;

ALTER TABLE sanction_corrections DROP CONSTRAINT sanction_corrections_field_check;
ALTER TABLE sanction_corrections ADD CONSTRAINT sanction_corrections_field_check CHECK (field IN (
  'misconduct_kind', 'conduct_date', 'measures', 'facts', 'public_list',
  'severity', 'ban', 'public_until', 'listed_until', 'revoked_on'));

-- The reviews of a decision, found without reading every case (one review per decision is a reading).
CREATE INDEX cases_review_of_idx ON cases ((data->>'misconductCaseId')) WHERE procedure = 'misconduct_review';
