-- A notification names the case it is about, so every to-do opens its case (one link, not a search).
ALTER TABLE notifications ADD COLUMN case_id uuid REFERENCES cases (id);
CREATE INDEX notifications_case_idx ON notifications (case_id) WHERE case_id IS NOT NULL;
