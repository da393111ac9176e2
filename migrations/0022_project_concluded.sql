-- YT-5.2: a high-risk project whose team was found diligent may be concluded (结题) with a third-party
-- expert review and the S&T department's approval: a project state of its own, with its date.
ALTER TABLE projects ADD COLUMN concluded_date date;
ALTER TABLE projects DROP CONSTRAINT projects_status_check;
ALTER TABLE projects ADD CONSTRAINT projects_status_check CHECK (status IN ('approved', 'in_progress', 'acceptance_applied', 'accepted', 'terminated', 'concluded'));
ALTER TABLE projects ADD CONSTRAINT projects_concluded_check CHECK ((status = 'concluded') = (concluded_date IS NOT NULL));
