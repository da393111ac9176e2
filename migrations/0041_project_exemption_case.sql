-- YT-6.5 (issue 19): the exemption mark carries its case, so that project lists, the project page and
-- the project API show the date and the case without searching the cases. Backfilled from the
-- tolerance cases decided "exempt" (the latest per project); a mark set without a case (the demo's)
-- keeps a null case.
ALTER TABLE projects ADD COLUMN exempted_by_case uuid REFERENCES cases (id);
UPDATE projects p SET exempted_by_case = x.id
  FROM (SELECT DISTINCT ON (project_id) project_id, id FROM cases
         WHERE procedure = 'tolerance' AND project_id IS NOT NULL AND data->'decision'->>'outcome' = 'exempt'
         ORDER BY project_id, updated_at DESC) x
 WHERE p.id = x.project_id AND p.exempted_on IS NOT NULL;
