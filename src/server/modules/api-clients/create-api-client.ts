/**
 * 登记接口客户端 (issue 20): the security administrator registers another system with its scopes, the
 * one region whose data scope it reads with and its budget of calls per minute. The secret is made
 * here, shown once in the answer and kept as its argon2id hash only (as account passwords are); the
 * audit event names the client, never the secret.
 */
import crypto, { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { API_RATE_BOUNDS, type ApiScope } from '../../../core/access/api-clients';
import { AppError } from '../../../core/errors';
import type { AppContext, RequestContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { findApiClient, insertApiClient } from './api-clients-repo';
import { presentApiClient, type PresentedApiClient } from './present-api-client';

export interface NewApiClient { name: string; scopes: ApiScope[]; regionCode: string; ratePerMinute: number }

/** 256 random bits, URL-safe: what the client presents with its id. */
export const newSecret = () => crypto.randomBytes(32).toString('base64url');

export async function createApiClient(app: AppContext, req: RequestContext, input: NewApiClient): Promise<PresentedApiClient & { secret: string }> {
  if (!app.regions.get(input.regionCode)) throw new AppError('VALIDATION_FAILED', { field: 'regionCode', zh: '区划代码不存在' });
  if (!input.scopes.length) throw new AppError('VALIDATION_FAILED', { field: 'scopes', zh: '至少授予一项权限范围' });
  if (input.ratePerMinute < API_RATE_BOUNDS.min || input.ratePerMinute > API_RATE_BOUNDS.max) {
    throw new AppError('VALIDATION_FAILED', { field: 'ratePerMinute', zh: `每分钟访问次数应在 ${API_RATE_BOUNDS.min}–${API_RATE_BOUNDS.max} 之间` });
  }
  const id = randomUUID();
  const clientId = `kx_${crypto.randomBytes(8).toString('hex')}`;
  const secret = newSecret();
  const secretHash = await hash(secret);
  const scopes = [...new Set(input.scopes)];
  const row = await app.db.transaction(async (tx) => {
    await insertApiClient(tx, { id, clientId, name: input.name, scopes, regionCode: input.regionCode, ratePerMinute: input.ratePerMinute, secretHash, createdBy: req.actor.userId, at: app.clock.now().toISOString() });
    await appendAudit(tx, app, {
      actor: req.actor, ip: req.ip, action: 'api_client.create', objectType: 'api_client', objectId: id,
      after: { clientId, name: input.name, scopes, regionCode: input.regionCode, ratePerMinute: input.ratePerMinute },
    });
    return (await findApiClient(tx, id))!;
  });
  return { ...presentApiClient(row), secret };
}
