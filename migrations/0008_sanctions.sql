-- Sanctions decided in misconduct cases (CI-23 to CI-26): one row per subject sanctioned, including the
-- persons who answer for an organisation (CI-26). Whether a ban is in force is derived from its dates
-- (ban_end is computed from start and length when the row is written, NULL for life); never a flag.
CREATE TABLE sanctions (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases (id),
  subject_id uuid NOT NULL REFERENCES subjects (id),
  -- CI-26: set when this person is sanctioned for answering for an organisation.
  responsible_for uuid REFERENCES subjects (id),
  responsible_role text CHECK (responsible_role IN ('legal_representative', 'principal', 'actual_controller')),
  misconduct_kind text NOT NULL,
  severity text NOT NULL CHECK (severity IN ('minor', 'moderate', 'serious', 'grave')),
  measures text[] NOT NULL,
  conduct_date date NOT NULL,
  filed_date date NOT NULL,
  decided_date date NOT NULL,
  ban_years integer CHECK (ban_years > 0),
  ban_life boolean NOT NULL DEFAULT false,
  ban_start date,
  ban_end date,
  public_disclosure boolean NOT NULL,
  -- CI-22: simple-procedure penalties and minor violations corrected at once are kept off the public list.
  public_list boolean NOT NULL,
  judiciary_referral boolean NOT NULL DEFAULT false,
  policy_version_id text NOT NULL REFERENCES policy_versions (id),
  clause text NOT NULL,
  created_at timestamptz NOT NULL,
  CHECK (NOT (ban_life AND ban_years IS NOT NULL))
);
CREATE INDEX sanctions_subject_idx ON sanctions (subject_id, ban_start);
CREATE INDEX sanctions_public_idx ON sanctions (ban_end) WHERE public_list;
