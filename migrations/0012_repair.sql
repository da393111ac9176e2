-- CI-30, CI-31: a repaired listing (and the sanction it rests on) leaves the public page from the day
-- of the office meeting's decision; the sanction's other measures stand.
ALTER TABLE listings ADD COLUMN repaired_on date;
ALTER TABLE listings ADD COLUMN repair_case_id uuid REFERENCES cases (id);
ALTER TABLE sanctions ADD COLUMN repaired_on date;
