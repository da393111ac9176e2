-- CI-28: a sanction's entry leaves the public list by itself the day after its period ends (derived
-- from dates). The sweep records that removal once, and notifies, claiming it by this row's key.
CREATE TABLE sanction_removals (
  sanction_id uuid PRIMARY KEY REFERENCES sanctions (id),
  removed_on date NOT NULL,
  raised_at timestamptz NOT NULL,
  raised_by text NOT NULL
);
