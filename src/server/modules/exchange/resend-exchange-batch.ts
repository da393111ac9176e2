/** 重新发送报送批次 (issue 20): a batch's stored bytes, byte-identical with the same digests, for the caller's area only (otherwise 404); each re-send audited. */
import { AppError } from '../../../core/errors';
import type { AppContext, RequestContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { findBatch } from './exchange-repo';

export async function resendExchangeBatch(app: AppContext, req: RequestContext, id: string) {
  const b = await findBatch(app.db, req.scope, id);
  if (!b) throw new AppError('NOT_FOUND', { zh: '报送批次不存在' });
  await app.db.transaction((tx) => appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'exchange.resend', objectType: 'exchange_batch', objectId: b.id, after: { target: b.target, jurisdiction: b.jurisdiction_code, seq: b.seq, sha256: b.sha256 } }));
  return { ...b, body: Buffer.from(b.body, 'utf8') };
}
