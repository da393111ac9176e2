/**
 * 核定金额: the officer sets (or corrects, before anything is paid against it) what an obligation
 * amounts to — the surplus the finance department reports (YT-10), the funds or bonus to recover
 * (CI-23). Never below what has been paid. Version-checked and audited.
 */
import { maySettleObligations } from '../../../core/access/record-abilities';
import { inScope } from '../../../core/access/policy';
import { AppError } from '../../../core/errors';
import { isYuan, toFen } from '../../../core/obligations/obligations';
import { businessDate } from '../../../core/time/clock';
import type { AppContext, RequestContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { obligationForPolicy, presentObligation, type ObligationRow } from './settle-obligation';

export async function setObligationAmount(app: AppContext, req: RequestContext, id: string, input: { version: number; amountYuan: string; basis: string }) {
  if (!isYuan(input.amountYuan)) throw new AppError('VALIDATION_FAILED', { field: 'amountYuan', zh: '金额应为不超过两位小数的元数' });
  return app.db.transaction(async (tx) => {
    const [o] = await tx.query<ObligationRow>('SELECT *, amount_yuan::text AS amount_yuan, settled_yuan::text AS settled_yuan FROM obligations WHERE id = $1 FOR UPDATE', [id]);
    if (!o || !inScope(req.scope, obligationForPolicy(o))) throw new AppError('NOT_FOUND');
    if (!maySettleObligations(req.actor.role)) throw new AppError('FORBIDDEN', { zh: '只有经办人员可以核定金额' });
    if (o.version !== input.version) throw new AppError('VERSION_CONFLICT', { field: 'version' });
    if (o.status !== 'open') throw new AppError('CASE_STATE', { zh: '该事项已履行完毕或已免除' });
    if (toFen(input.amountYuan) < toFen(o.settled_yuan)) throw new AppError('VALIDATION_FAILED', { field: 'amountYuan', zh: `金额不能低于已履行的 ${o.settled_yuan} 元` });
    const [row] = await tx.query<ObligationRow>('UPDATE obligations SET amount_yuan = $2::numeric, version = version + 1, updated_at = $3 WHERE id = $1 RETURNING *, amount_yuan::text AS amount_yuan, settled_yuan::text AS settled_yuan', [id, input.amountYuan, app.clock.now().toISOString()]);
    await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'obligation.amount_set', objectType: 'obligation', objectId: id, before: { amountYuan: o.amount_yuan }, after: { amountYuan: input.amountYuan, basis: input.basis, clause: o.clause } });
    return presentObligation(row, businessDate(app.clock));
  });
}
