-- Machine API clients (issue 20): registered by the security administrator with scopes, one region and
-- a budget of calls per minute; the secret is kept as its argon2id hash only, and a rotation raises
-- secret_version so tokens issued under the old secret stop working. Tokens are kept as their SM3
-- digest with their expiry; the budget is counted per client and minute in the database, so several
-- server processes share one budget.
CREATE TABLE api_clients (
  id uuid PRIMARY KEY,
  client_id text NOT NULL UNIQUE CHECK (client_id ~ '^kx_[0-9a-f]{16}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  scopes jsonb NOT NULL,
  region_code text NOT NULL REFERENCES regions (code),
  rate_per_minute integer NOT NULL CHECK (rate_per_minute BETWEEN 1 AND 6000),
  secret_hash text NOT NULL,
  secret_version integer NOT NULL DEFAULT 1,
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL,
  rotated_at timestamptz,
  revoked_at timestamptz,
  revoked_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1
);

CREATE TABLE api_tokens (
  token_digest text PRIMARY KEY,
  client_id uuid NOT NULL REFERENCES api_clients (id),
  secret_version integer NOT NULL,
  scopes jsonb NOT NULL,
  issued_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX api_tokens_expiry_idx ON api_tokens (expires_at);

CREATE TABLE api_client_usage (
  client_id uuid NOT NULL REFERENCES api_clients (id),
  window_start timestamptz NOT NULL,
  calls integer NOT NULL,
  PRIMARY KEY (client_id, window_start)
);

-- The veto check remembers unmatched ID numbers per caller (migration 0020): a caller is now a user or
-- an API client, so the column no longer points at users only.
ALTER TABLE veto_probes DROP CONSTRAINT veto_probes_user_id_fkey;
