/** API clients, their tokens and their per-minute budgets. Queries only. */
import type { ApiScope } from '../../../core/access/api-clients';
import type { Sql } from '../../db/database';

export interface ApiClientRow {
  id: string; client_id: string; name: string; scopes: ApiScope[]; region_code: string; rate_per_minute: number; secret_hash: string; secret_version: number;
  created_by: string; created_at: Date; rotated_at: Date | null; revoked_at: Date | null; version: number;
}

const COLUMNS = 'id, client_id, name, scopes, region_code, rate_per_minute, secret_hash, secret_version, created_by, created_at, rotated_at, revoked_at, version';

export async function insertApiClient(tx: Sql, c: { id: string; clientId: string; name: string; scopes: readonly ApiScope[]; regionCode: string; ratePerMinute: number; secretHash: string; createdBy: string; at: string }) {
  await tx.query(
    `INSERT INTO api_clients (id, client_id, name, scopes, region_code, rate_per_minute, secret_hash, created_by, created_at) VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9)`,
    [c.id, c.clientId, c.name, JSON.stringify(c.scopes), c.regionCode, c.ratePerMinute, c.secretHash, c.createdBy, c.at]);
}

export async function findApiClient(db: Sql, id: string, forUpdate = false): Promise<ApiClientRow | null> {
  const [r] = await db.query<ApiClientRow>(`SELECT ${COLUMNS} FROM api_clients WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return r ?? null;
}

export async function findApiClientByClientId(db: Sql, clientId: string): Promise<ApiClientRow | null> {
  const [r] = await db.query<ApiClientRow>(`SELECT ${COLUMNS} FROM api_clients WHERE client_id = $1`, [clientId]);
  return r ?? null;
}

export async function listApiClients(db: Sql): Promise<ApiClientRow[]> {
  return db.query<ApiClientRow>(`SELECT ${COLUMNS} FROM api_clients ORDER BY created_at, client_id`);
}

export async function replaceSecret(tx: Sql, id: string, secretHash: string, at: string): Promise<number> {
  const [r] = await tx.query<{ secret_version: number }>(
    `UPDATE api_clients SET secret_hash = $2, secret_version = secret_version + 1, rotated_at = $3, version = version + 1 WHERE id = $1 RETURNING secret_version`, [id, secretHash, at]);
  return r.secret_version;
}

export async function markRevoked(tx: Sql, id: string, by: string, at: string): Promise<void> {
  await tx.query('UPDATE api_clients SET revoked_at = $3, revoked_by = $2, version = version + 1 WHERE id = $1', [id, by, at]);
}

export async function insertToken(tx: Sql, t: { digest: string; clientId: string; secretVersion: number; scopes: readonly ApiScope[]; issuedAt: string; expiresAt: string }) {
  await tx.query('INSERT INTO api_tokens (token_digest, client_id, secret_version, scopes, issued_at, expires_at) VALUES ($1, $2, $3, $4::jsonb, $5, $6)',
    [t.digest, t.clientId, t.secretVersion, JSON.stringify(t.scopes), t.issuedAt, t.expiresAt]);
}

/** Tokens that expired before `before` are of no use to anyone: removed as new ones are issued. */
export async function deleteExpiredTokens(tx: Sql, before: string): Promise<void> {
  await tx.query('DELETE FROM api_tokens WHERE expires_at < $1', [before]);
}

export interface TokenRow { client: ApiClientRow; token_secret_version: number; token_scopes: ApiScope[]; expires_at: Date }

export async function findToken(db: Sql, digest: string): Promise<TokenRow | null> {
  const [r] = await db.query<ApiClientRow & { token_secret_version: number; token_scopes: ApiScope[]; expires_at: Date }>(
    `SELECT ${COLUMNS.split(', ').map((c) => `c.${c}`).join(', ')}, t.secret_version AS token_secret_version, t.scopes AS token_scopes, t.expires_at
       FROM api_tokens t JOIN api_clients c ON c.id = t.client_id WHERE t.token_digest = $1`, [digest]);
  if (!r) return null;
  const { token_secret_version, token_scopes, expires_at, ...client } = r;
  return { client, token_secret_version, token_scopes, expires_at };
}

/**
 * Takes one call from the client's budget for the minute starting at `windowStart`: the count after
 * this call (the row is advanced in one statement, so concurrent calls and processes count exactly).
 */
export async function countCall(db: Sql, clientId: string, windowStart: string): Promise<number> {
  const [r] = await db.query<{ calls: number }>(
    `INSERT INTO api_client_usage (client_id, window_start, calls) VALUES ($1, $2, 1)
     ON CONFLICT (client_id, window_start) DO UPDATE SET calls = api_client_usage.calls + 1 RETURNING calls`, [clientId, windowStart]);
  return Number(r.calls);
}

export async function deleteUsageBefore(db: Sql, clientId: string, before: string): Promise<void> {
  await db.query('DELETE FROM api_client_usage WHERE client_id = $1 AND window_start < $2', [clientId, before]);
}
