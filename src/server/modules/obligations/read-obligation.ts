/** 事项详情: one obligation with its settlements (each with its evidence), for someone whose scope holds it; otherwise it does not exist. */
import { maySettleObligations } from '../../../core/access/record-abilities';
import { inScope } from '../../../core/access/policy';
import { AppError } from '../../../core/errors';
import { businessDate } from '../../../core/time/clock';
import type { AppContext, RequestContext } from '../../context';
import { getObligation, listSettlements } from './obligations-repo';
import { obligationForPolicy, presentObligation } from './settle-obligation';

export async function readObligation(app: AppContext, req: RequestContext, id: string) {
  const o = await getObligation(app.db, id);
  if (!o || !inScope(req.scope, obligationForPolicy(o))) throw new AppError('NOT_FOUND');
  const settlements = await listSettlements(app.db, id);
  return {
    ...presentObligation(o, businessDate(app.clock)),
    settlements: settlements.map((s) => ({ id: s.id, paidOn: s.paid_on, amountYuan: s.amount_yuan, fileId: s.file_id, evidenceRef: s.evidence_ref, note: s.note, remainderYuan: s.remainder_yuan, recordedBy: s.recorded_by_name, at: new Date(s.created_at).toISOString() })),
    abilities: { settle: o.status === 'open' && maySettleObligations(req.actor.role) },
  };
}
