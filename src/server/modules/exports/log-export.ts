/**
 * Every file sent to another system is logged with what it held (the ids of its items), its digest,
 * who sent it and when, in the same transaction as its audit event — so a bureau can say exactly
 * what it sent (YT-6.5 exemption marks, CI-27 credit list).
 */
import crypto, { randomUUID } from 'node:crypto';
import type { AuditAction } from '../../../core/audit/events';
import type { AppContext, RequestContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { insertExport } from './exports-repo';

export async function logExport(app: AppContext, req: RequestContext, e: { kind: string; action: AuditAction; format: 'json' | 'xlsx'; itemIds: readonly string[]; body: Buffer; at: string }) {
  const sha256 = crypto.createHash('sha256').update(e.body).digest('hex');
  const id = randomUUID();
  await app.db.transaction(async (tx) => {
    await insertExport(tx, { id, kind: e.kind, format: e.format, jurisdictionCode: req.actor.regionCode!, itemIds: e.itemIds, sha256, userId: req.actor.userId, at: e.at });
    await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: e.action, objectType: 'export', objectId: id, after: { format: e.format, count: e.itemIds.length, sha256 } });
  });
  return { id, body: e.body, count: e.itemIds.length, sha256 };
}
