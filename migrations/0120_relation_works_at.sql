-- Issue 19: a person's work at a unit is a dated relation like the CI-26 roles (entered on the
-- subject page with its start and end); subjects.employer_id stays the current employer.
ALTER TABLE subject_relations DROP CONSTRAINT subject_relations_kind_check;
ALTER TABLE subject_relations ADD CONSTRAINT subject_relations_kind_check
  CHECK (kind IN ('works_at', 'unit_head', 'legal_representative', 'principal', 'actual_controller'));
-- Ending a relation is a change of a mutable row: optimistic concurrency like every other.
ALTER TABLE subject_relations ADD COLUMN version integer NOT NULL DEFAULT 1;
