/**
 * 更换接口客户端密钥: a new secret, shown once and kept hashed; the secret version rises, so every token
 * issued under the old secret is refused from now on (a rotation is what follows a suspected leak).
 */
import { hash } from '@node-rs/argon2';
import { AppError } from '../../../core/errors';
import type { AppContext, RequestContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { findApiClient, replaceSecret } from './api-clients-repo';
import { newSecret } from './create-api-client';
import { presentApiClient, type PresentedApiClient } from './present-api-client';

export async function rotateApiClientSecret(app: AppContext, req: RequestContext, id: string, version: number): Promise<PresentedApiClient & { secret: string }> {
  const secret = newSecret();
  const secretHash = await hash(secret);
  const row = await app.db.transaction(async (tx) => {
    const c = await findApiClient(tx, id, true);
    if (!c) throw new AppError('NOT_FOUND');
    if (c.version !== version) throw new AppError('VERSION_CONFLICT');
    if (c.revoked_at) throw new AppError('CLIENT_REVOKED', { zh: '该接口客户端已停用，不能更换密钥' });
    const secretVersion = await replaceSecret(tx, id, secretHash, app.clock.now().toISOString());
    await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'api_client.rotate', objectType: 'api_client', objectId: id, before: { secretVersion: c.secret_version }, after: { secretVersion } });
    return (await findApiClient(tx, id))!;
  });
  return { ...presentApiClient(row), secret };
}
