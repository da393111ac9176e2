-- YT-8 milestone early warnings: a row per (milestone, kind, due date) is the claim, so each warning
-- is raised once however many processes sweep, as for deadline reminders.
CREATE TABLE milestone_warnings (
  milestone_id uuid NOT NULL REFERENCES milestones (id),
  kind text NOT NULL CHECK (kind IN ('approaching', 'overdue')),
  due_date date NOT NULL,
  raised_on date NOT NULL,
  raised_at timestamptz NOT NULL,
  raised_by text NOT NULL,
  PRIMARY KEY (milestone_id, kind, due_date)
);
CREATE INDEX milestones_open_due_idx ON milestones (due_date) WHERE completed_date IS NULL;
