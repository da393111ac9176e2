/**
 * 取得访问令牌 (OAuth 2.0 client credentials, RFC 6749 4.4): a registered client proves itself with its
 * id and secret (checked against the argon2id hash; an unknown id costs the same work, so ids cannot be
 * told apart by timing) and gets a bearer token (RFC 6750) that lasts `apiTokenSeconds`, with the scopes
 * it asked for within its own. The token is kept as its SM3 digest. Issued and refused tokens are audited
 * with the client as actor.
 */
import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { API_CLIENT_ROLE, grantedScopes } from '../../../core/access/api-clients';
import { AppError } from '../../../core/errors';
import type { AppContext } from '../../context';
import { sm3Hex } from '../../crypto/sm';
import { appendAudit } from '../audit/append-audit';
import { deleteExpiredTokens, findApiClientByClientId, insertToken, type ApiClientRow } from './api-clients-repo';

export interface TokenRequest { grantType: string | undefined; clientId: string | undefined; secret: string | undefined; scope: string | undefined }
export interface TokenAnswer { access_token: string; token_type: 'Bearer'; expires_in: number; scope: string }

let dummyHash: Promise<string> | null = null;
/** Verified against when the client id is unknown, so a wrong id takes as long as a wrong secret. */
const noSuchClient = () => (dummyHash ??= hash(crypto.randomBytes(32).toString('base64url')));

export const clientActor = (c: ApiClientRow) => ({ userId: c.id, role: API_CLIENT_ROLE, regionCode: c.region_code });

/** Writes a refusal in a transaction of its own (the request itself changes nothing). */
export async function auditRefusal(app: AppContext, client: ApiClientRow | null, ip: string | null, after: Record<string, unknown>) {
  await app.db.transaction((tx) => appendAudit(tx, app, {
    actor: client ? clientActor(client) : null, ip, action: 'api_client.refused', objectType: 'api_client', objectId: client?.id ?? null, outcome: 'failure', after,
  }));
}

export async function issueApiToken(app: AppContext, ip: string | null, r: TokenRequest): Promise<TokenAnswer> {
  if (r.grantType !== 'client_credentials') throw new AppError('GRANT_UNSUPPORTED', { field: 'grant_type' });
  if (!r.clientId || !r.secret) throw new AppError('CLIENT_AUTH_FAILED', { zh: '缺少客户端编号或密钥（HTTP Basic 认证或 client_id、client_secret 参数）' });
  const client = /^kx_[0-9a-f]{16}$/.test(r.clientId) ? await findApiClientByClientId(app.db, r.clientId) : null;
  const ok = await verify(client?.secret_hash ?? (await noSuchClient()), r.secret).catch(() => false);
  if (!client || !ok) {
    await auditRefusal(app, client, ip, { reason: 'bad_credentials', clientId: r.clientId.slice(0, 40) });
    throw new AppError('CLIENT_AUTH_FAILED');
  }
  if (client.revoked_at) {
    await auditRefusal(app, client, ip, { reason: 'revoked', clientId: client.client_id });
    throw new AppError('CLIENT_REVOKED');
  }
  const scopes = grantedScopes(r.scope, client.scopes);
  if (!scopes) throw new AppError('VALIDATION_FAILED', { field: 'scope', zh: `申请的权限范围超出该客户端的授权（${client.scopes.join(' ')}）` });
  const token = crypto.randomBytes(32).toString('base64url');
  const now = app.clock.now();
  const expiresAt = new Date(now.getTime() + app.config.apiTokenSeconds * 1000).toISOString();
  await app.db.transaction(async (tx) => {
    await insertToken(tx, { digest: sm3Hex(token), clientId: client.id, secretVersion: client.secret_version, scopes, issuedAt: now.toISOString(), expiresAt });
    await deleteExpiredTokens(tx, new Date(now.getTime() - 86_400_000).toISOString());
    await appendAudit(tx, app, { actor: clientActor(client), ip, action: 'api_client.token', objectType: 'api_client', objectId: client.id, after: { scopes, expiresAt } });
  });
  return { access_token: token, token_type: 'Bearer', expires_in: app.config.apiTokenSeconds, scope: scopes.join(' ') };
}
