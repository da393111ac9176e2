/** 停用接口客户端: from now on its secret and every token it holds are refused (CLIENT_REVOKED). Kept, not deleted: the audit log names it. */
import { AppError } from '../../../core/errors';
import type { AppContext, RequestContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { findApiClient, markRevoked } from './api-clients-repo';
import { presentApiClient, type PresentedApiClient } from './present-api-client';

export async function revokeApiClient(app: AppContext, req: RequestContext, id: string, version: number): Promise<PresentedApiClient> {
  const row = await app.db.transaction(async (tx) => {
    const c = await findApiClient(tx, id, true);
    if (!c) throw new AppError('NOT_FOUND');
    if (c.version !== version) throw new AppError('VERSION_CONFLICT');
    if (c.revoked_at) throw new AppError('CLIENT_REVOKED', { zh: '该接口客户端已停用' });
    await markRevoked(tx, id, req.actor.userId, app.clock.now().toISOString());
    await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'api_client.revoke', objectType: 'api_client', objectId: id, after: { clientId: c.client_id } });
    return (await findApiClient(tx, id))!;
  });
  return presentApiClient(row);
}
