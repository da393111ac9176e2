-- Foundation: regions and bureaus, subjects (CI-4) and their relations (CI-26), projects,
-- accounts and sessions, and the append-only, hash-chained audit log.

CREATE TABLE regions (
  code text PRIMARY KEY,
  name text NOT NULL,
  level text NOT NULL CHECK (level IN ('province', 'prefecture', 'county')),
  parent_code text REFERENCES regions (code),
  standard_code boolean NOT NULL DEFAULT true
);

CREATE TABLE bureaus (
  region_code text PRIMARY KEY REFERENCES regions (code),
  name text NOT NULL,
  leadership_body text NOT NULL
);

CREATE TABLE sections (
  id text PRIMARY KEY,
  bureau_region_code text NOT NULL REFERENCES bureaus (region_code),
  kind text NOT NULL CHECK (kind IN ('business', 'integrity', 'leadership')),
  name text NOT NULL,
  UNIQUE (bureau_region_code, kind, name)
);

CREATE TABLE subjects (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('organization', 'person')),
  org_type text CHECK (org_type IN ('undertaking_unit', 'recommending_department', 'service_agency')),
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  credit_code text UNIQUE,
  id_number_cipher text,
  id_number_index text UNIQUE,
  id_number_masked text,
  gender text CHECK (gender IN ('male', 'female')),
  employer_id uuid REFERENCES subjects (id),
  is_expert boolean NOT NULL DEFAULT false,
  expert_field text,
  title text,
  region_code text NOT NULL REFERENCES regions (code),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (
    (kind = 'organization' AND org_type IS NOT NULL AND credit_code IS NOT NULL AND id_number_cipher IS NULL)
    OR (kind = 'person' AND org_type IS NULL AND credit_code IS NULL AND id_number_cipher IS NOT NULL AND id_number_index IS NOT NULL)
  )
);
CREATE INDEX subjects_region_kind_idx ON subjects (region_code, kind, org_type);
CREATE INDEX subjects_employer_idx ON subjects (employer_id);

CREATE TABLE subject_relations (
  id uuid PRIMARY KEY,
  person_id uuid NOT NULL REFERENCES subjects (id),
  organization_id uuid NOT NULL REFERENCES subjects (id),
  kind text NOT NULL CHECK (kind IN ('unit_head', 'legal_representative', 'principal', 'actual_controller')),
  since date,
  until date,
  created_at timestamptz NOT NULL,
  CHECK (until IS NULL OR since IS NULL OR until >= since),
  UNIQUE (person_id, organization_id, kind, since)
);
CREATE INDEX subject_relations_org_idx ON subject_relations (organization_id);

CREATE TABLE projects (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  plan_level text NOT NULL CHECK (plan_level IN ('province', 'prefecture', 'county')),
  jurisdiction_code text NOT NULL REFERENCES regions (code),
  region_code text NOT NULL REFERENCES regions (code),
  funding_source text NOT NULL CHECK (funding_source IN ('provincial_fiscal', 'prefecture_fiscal', 'county_fiscal', 'other_state', 'self_raised')),
  undertaking_unit_id uuid NOT NULL REFERENCES subjects (id),
  leader_id uuid NOT NULL REFERENCES subjects (id),
  recommending_department_id uuid REFERENCES subjects (id),
  service_agency_id uuid REFERENCES subjects (id),
  start_date date NOT NULL,
  due_date date NOT NULL,
  extended_due_date date,
  status text NOT NULL CHECK (status IN ('approved', 'in_progress', 'acceptance_applied', 'accepted', 'terminated')),
  acceptance_applied_date date,
  accepted_date date,
  terminated_date date,
  funds_granted numeric(14, 2) NOT NULL DEFAULT 0 CHECK (funds_granted >= 0),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (due_date > start_date),
  CHECK (extended_due_date IS NULL OR extended_due_date > due_date),
  CHECK ((status = 'accepted') = (accepted_date IS NOT NULL)),
  CHECK ((status = 'terminated') = (terminated_date IS NOT NULL))
);
CREATE INDEX projects_region_status_due_idx ON projects (region_code, status, due_date);
CREATE INDEX projects_jurisdiction_idx ON projects (jurisdiction_code);
CREATE INDEX projects_unit_idx ON projects (undertaking_unit_id);
CREATE INDEX projects_leader_idx ON projects (leader_id);

CREATE TABLE milestones (
  id uuid PRIMARY KEY,
  project_id uuid NOT NULL REFERENCES projects (id),
  seq integer NOT NULL,
  name text NOT NULL,
  due_date date NOT NULL,
  completed_date date,
  UNIQUE (project_id, seq)
);

CREATE TABLE users (
  id uuid PRIMARY KEY,
  username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{3,32}$'),
  display_name text NOT NULL,
  role text NOT NULL,
  region_code text REFERENCES regions (code),
  unit_id uuid REFERENCES subjects (id),
  person_id uuid REFERENCES subjects (id),
  password_hash text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  password_changed_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  ip text,
  user_agent text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE SEQUENCE audit_events_seq;
CREATE TABLE audit_events (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_user_id uuid,
  actor_role text,
  actor_region text,
  action text NOT NULL,
  object_type text,
  object_id text,
  outcome text NOT NULL CHECK (outcome IN ('success', 'failure')),
  before jsonb,
  after jsonb,
  ip text,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_events_object_idx ON audit_events (object_type, object_id);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_user_id, at);

-- No role edits or deletes audit rows through the system; the database refuses it too.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END
$$;
CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
