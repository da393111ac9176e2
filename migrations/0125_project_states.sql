-- Issue 19, decisions followed through: the project states the texts name besides those of 0001 and 0022 —
-- 暂缓, 暂停 and 强制中止 (CI-19.1.2; 暂停 also CI-23 "暂停财政资助科研项目……限期整改") and 验收不通过 —
-- each set by the command or case effect that causes it, and kept as a history row with its date, the case
-- that caused it, its clause and, for a suspension, the last day to rectify. The rating reads the history
-- (CI-19.1.2: a recommended project deferred, suspended or halted in the year).
ALTER TABLE projects DROP CONSTRAINT projects_status_check;
ALTER TABLE projects ADD CONSTRAINT projects_status_check CHECK (status IN (
  'approved', 'in_progress', 'acceptance_applied', 'accepted', 'terminated', 'concluded',
  'deferred', 'suspended', 'forcibly_halted', 'acceptance_failed'));

CREATE TABLE project_status_changes (
  id uuid PRIMARY KEY,
  -- The order of changes (a fixed clock may give several the same instant).
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  project_id uuid NOT NULL REFERENCES projects (id),
  from_status text NOT NULL,
  to_status text NOT NULL,
  on_date date NOT NULL,
  clause text NOT NULL,
  reason text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 2000),
  case_id uuid REFERENCES cases (id),
  rectify_by date,
  changed_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL,
  CHECK (rectify_by IS NULL OR rectify_by > on_date)
);
CREATE INDEX project_status_changes_project_idx ON project_status_changes (project_id, on_date);
