/**
 * 登记履行: one payment (or, for a revocation, one act done) against an obligation, with its evidence —
 * a file of the obligation's case (uploaded through the case-files module) or a reference to one (the
 * number of a 缴款书 or receipt), the date and the amount. A partial settlement keeps the obligation
 * open with the remainder; the one that clears it marks it fulfilled on its date. An amount above the
 * remainder is refused. Version-checked, audited in the same transaction (YT-10, CI-23).
 */
import { maySettleObligations } from '../../../core/access/record-abilities';
import { randomUUID } from 'node:crypto';
import { inScope } from '../../../core/access/policy';
import { AppError } from '../../../core/errors';
import { fromFen, isYuan, toFen } from '../../../core/obligations/obligations';
import { businessDate } from '../../../core/time/clock';
import { isIsoDate } from '../../../core/time/iso-date';
import type { AppContext, RequestContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { obligationForPolicy, presentObligation, type ObligationRow } from './settle-obligation';

export interface SettlementInput { version: number; paidOn: string; amountYuan: string; fileId?: string; evidenceRef?: string; note?: string }

export async function recordSettlement(app: AppContext, req: RequestContext, id: string, input: SettlementInput) {
  if (!isIsoDate(input.paidOn)) throw new AppError('INVALID_DATE', { field: 'paidOn' });
  if (input.paidOn > businessDate(app.clock)) throw new AppError('INVALID_DATE', { field: 'paidOn', zh: '履行日期不能晚于今天' });
  if (!isYuan(input.amountYuan) || toFen(input.amountYuan) <= 0n) throw new AppError('VALIDATION_FAILED', { field: 'amountYuan', zh: '金额应为大于零、不超过两位小数的元数' });
  const ref = input.evidenceRef?.trim() || null;
  if (!input.fileId && !ref) throw new AppError('VALIDATION_FAILED', { field: 'fileId', zh: '请上传履行凭证，或填写凭证编号（如缴款书号）' });
  return app.db.transaction(async (tx) => {
    const [o] = await tx.query<ObligationRow>('SELECT *, amount_yuan::text AS amount_yuan, settled_yuan::text AS settled_yuan FROM obligations WHERE id = $1 FOR UPDATE', [id]);
    if (!o || !inScope(req.scope, obligationForPolicy(o))) throw new AppError('NOT_FOUND');
    if (!maySettleObligations(req.actor.role)) throw new AppError('FORBIDDEN', { zh: '只有经办人员可以登记履行情况' });
    if (o.version !== input.version) throw new AppError('VERSION_CONFLICT', { field: 'version' });
    if (o.status !== 'open') throw new AppError('CASE_STATE', { zh: '该事项已履行完毕或已免除' });
    if (o.amount_yuan === null) throw new AppError('PRECONDITION_UNMET', { field: 'amountYuan', zh: '尚未核定应履行金额，请先核定金额', requirement: 'amount_set', clause: o.clause });
    if (input.fileId) {
      const [f] = await tx.query<{ case_id: string }>('SELECT case_id FROM files WHERE id = $1', [input.fileId]);
      if (!f || f.case_id !== o.case_id) throw new AppError('VALIDATION_FAILED', { field: 'fileId', zh: '凭证文件不属于该事项所在的案件' });
    }
    const left = toFen(o.amount_yuan) - toFen(o.settled_yuan) - toFen(input.amountYuan);
    if (left < 0n) throw new AppError('VALIDATION_FAILED', { field: 'amountYuan', zh: `金额超过尚未履行的 ${fromFen(toFen(o.amount_yuan) - toFen(o.settled_yuan))} 元` });
    const settled = fromFen(toFen(o.settled_yuan) + toFen(input.amountYuan));
    const remainder = fromFen(left);
    const done = left === 0n;
    const now = app.clock.now().toISOString();
    const sid = randomUUID();
    await tx.query(
      `INSERT INTO obligation_settlements (id, obligation_id, paid_on, amount_yuan, file_id, evidence_ref, note, remainder_yuan, recorded_by, created_at)
       VALUES ($1, $2, $3, $4::numeric, $5, $6, $7, $8::numeric, $9, $10)`,
      [sid, id, input.paidOn, input.amountYuan, input.fileId ?? null, ref, input.note ?? null, remainder, req.actor.userId, now]);
    const [row] = await tx.query<ObligationRow>(
      `UPDATE obligations SET settled_yuan = $2::numeric, status = CASE WHEN $3 THEN 'fulfilled' ELSE status END, settled_on = CASE WHEN $3 THEN $4::date ELSE settled_on END,
              settlement_note = CASE WHEN $3 THEN $5 ELSE settlement_note END, version = version + 1, updated_at = $6 WHERE id = $1 RETURNING *, amount_yuan::text AS amount_yuan, settled_yuan::text AS settled_yuan`,
      [id, settled, done, input.paidOn, input.note ?? ref, now]);
    await appendAudit(tx, app, {
      actor: req.actor, ip: req.ip, action: 'obligation.settlement_record', objectType: 'obligation', objectId: id,
      before: { status: o.status, settledYuan: o.settled_yuan }, after: { settlement: sid, paidOn: input.paidOn, amountYuan: input.amountYuan, file: input.fileId ?? null, evidenceRef: ref, remainderYuan: remainder, status: row.status, clause: o.clause },
    });
    return presentObligation(row, businessDate(app.clock));
  });
}
