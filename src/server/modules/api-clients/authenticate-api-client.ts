/**
 * A machine call's bearer token (RFC 6750) becomes the caller: the client, with the data scope of its
 * region (as that region's staff have, core/access/api-clients.ts) and the token's scopes. Refused, with
 * a stable code and an audit event naming the client: a token of a revoked client (CLIENT_REVOKED), one
 * issued before the secret was rotated (TOKEN_INVALID), an expired one (TOKEN_EXPIRED), one without the
 * scope the endpoint needs (SCOPE_MISSING). Then one call is taken from the client's budget for the
 * current minute, counted in the database so that all server processes share it.
 */
import { API_SCOPE_LABEL, API_CLIENT_ROLE, clientScope, type ApiScope } from '../../../core/access/api-clients';
import { AppError, type ErrorCode } from '../../../core/errors';
import type { AppContext, CallerContext } from '../../context';
import { sm3Hex } from '../../crypto/sm';
import { countCall, deleteUsageBefore, findToken, type ApiClientRow } from './api-clients-repo';
import { auditRefusal } from './issue-api-token';

const BEARER = /^Bearer ([A-Za-z0-9_-]{20,128})$/;

export async function authenticateApiClient(app: AppContext, authorization: string | undefined, needed: ApiScope, ip: string | null): Promise<{ caller: CallerContext; client: ApiClientRow }> {
  const m = BEARER.exec(authorization ?? '');
  if (!m) throw new AppError('TOKEN_INVALID', { zh: '缺少访问令牌：请先向 /api/oauth/token 申请，并以 Authorization: Bearer 携带' });
  const t = await findToken(app.db, sm3Hex(m[1]));
  if (!t) throw new AppError('TOKEN_INVALID');
  const refuse = async (code: ErrorCode, reason: string, zh?: string): Promise<never> => {
    await auditRefusal(app, t.client, ip, { reason, needed });
    throw new AppError(code, zh ? { zh } : {});
  };
  if (t.client.revoked_at) await refuse('CLIENT_REVOKED', 'revoked');
  if (t.token_secret_version !== t.client.secret_version) await refuse('TOKEN_INVALID', 'secret_rotated', '访问令牌已失效：客户端密钥已更换，请用新密钥重新申请');
  if (new Date(t.expires_at).getTime() <= app.clock.now().getTime()) await refuse('TOKEN_EXPIRED', 'expired');
  if (!t.token_scopes.includes(needed)) await refuse('SCOPE_MISSING', 'scope', `访问令牌不含此接口所需的权限范围 ${needed}（${API_SCOPE_LABEL[needed]}）`);
  const c = t.client;
  return {
    client: c,
    caller: { actor: { userId: c.id, role: API_CLIENT_ROLE, regionCode: c.region_code }, scope: clientScope(c.region_code, app.regions), ip, apiScopes: t.token_scopes },
  };
}

/** Takes one call from the client's budget: null when granted, else the seconds until the minute turns (Retry-After). */
export async function spendApiBudget(app: AppContext, client: ApiClientRow): Promise<number | null> {
  const now = app.clock.now().getTime();
  const windowStart = Math.floor(now / 60_000) * 60_000;
  const calls = await countCall(app.db, client.id, new Date(windowStart).toISOString());
  if (calls === 1) await deleteUsageBefore(app.db, client.id, new Date(windowStart - 3_600_000).toISOString());
  return calls <= client.rate_per_minute ? null : Math.max(1, Math.ceil((windowStart + 60_000 - now) / 1000));
}
