-- The home page's reminder list (issue 21): a reminder names the date it is about, so that identical
-- reminders (same case, kind and due date) merge into one row and the page counts what is due this
-- week and what is overdue. Older reminders take the due date of their clock.
ALTER TABLE notifications ADD COLUMN due_on date;
UPDATE notifications n SET due_on = k.due_date FROM deadline_clocks k WHERE k.id = n.clock_id AND n.due_on IS NULL;
CREATE INDEX notifications_user_unread_idx ON notifications (user_id, due_on) WHERE read_at IS NULL;
