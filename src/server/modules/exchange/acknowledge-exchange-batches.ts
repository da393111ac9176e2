/**
 * 登记平台回执 (issue 20): a platform's acknowledgement names each batch by its number and SHA-256.
 * The file is checked whole first (core `checkAcknowledgements`), then every row against the batch it
 * names, in one transaction: a batch outside the caller's area or unknown, or a digest that is not the
 * batch's, refuses the whole file naming the row and field, and nothing is recorded. A batch already
 * acknowledged with the same digest is left as it is (a platform may send its receipt twice).
 * The same command serves the integrity section (creditExchange.manage) and the platform itself as an
 * API client with the scope `exchange.acknowledge` (POST /api/machine/exchange-acknowledgements), which
 * acknowledges the batches of its own region; the batch then names the client as who acknowledged.
 */
import { API_CLIENT_ROLE } from '../../../core/access/api-clients';
import { hasPermission } from '../../../core/access/roles';
import { AppError } from '../../../core/errors';
import { checkAcknowledgements, type ExchangeTarget } from '../../../core/exchange/credit-exchange';
import type { AppContext, CallerContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { lockBatchBySeq, markAcknowledged } from './exchange-repo';

export async function acknowledgeExchangeBatches(app: AppContext, req: CallerContext, input: { target: ExchangeTarget; jurisdiction?: string; acknowledgements: unknown }) {
  const client = req.actor.role === API_CLIENT_ROLE;
  const allowed = client ? (req.apiScopes ?? []).includes('exchange.acknowledge') : hasPermission(req.actor.role as Exclude<typeof req.actor.role, typeof API_CLIENT_ROLE>, 'creditExchange.manage');
  if (!allowed) throw new AppError(client ? 'SCOPE_MISSING' : 'FORBIDDEN', { zh: client ? '访问令牌不含确认报送批次的权限范围 exchange.acknowledge' : '只有科研诚信管理科室可以登记回执' });
  const jurisdiction = input.jurisdiction ?? req.actor.regionCode;
  if (!jurisdiction) throw new AppError('VALIDATION_FAILED', { field: 'jurisdiction', zh: '请指明报送批次所属的区划' });
  const rows = checkAcknowledgements(input.acknowledgements);
  const at = app.clock.now().toISOString();
  return app.db.transaction(async (tx) => {
    const recorded: Array<{ seq: number; id: string; already: boolean }> = [];
    for (const [i, r] of rows.entries()) {
      const b = await lockBatchBySeq(tx, req.scope, jurisdiction, input.target, r.seq);
      if (!b) throw new AppError('NOT_FOUND', { field: `acknowledgements[${i}].seq`, zh: `第 ${i + 1} 条回执所指的批次 ${r.seq} 不存在` });
      if (b.sha256 !== r.sha256) throw new AppError('EXCHANGE_DIGEST_MISMATCH', { field: `acknowledgements[${i}].sha256`, zh: `第 ${i + 1} 条回执的摘要与批次 ${r.seq} 的 SHA-256 摘要不一致，整份回执不予登记` });
      if (b.acknowledged_at) { recorded.push({ seq: r.seq, id: b.id, already: true }); continue; }
      await markAcknowledged(tx, b.id, client ? { clientId: req.actor.userId } : { userId: req.actor.userId }, at, r.reference);
      await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'exchange.acknowledge', objectType: 'exchange_batch', objectId: b.id, after: { target: input.target, jurisdiction, seq: r.seq, sha256: r.sha256, reference: r.reference, via: client ? 'machine' : 'staff' } });
      recorded.push({ seq: r.seq, id: b.id, already: false });
    }
    return { acknowledged: recorded };
  });
}
