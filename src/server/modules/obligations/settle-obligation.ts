/**
 * 履行情况: an obligation a decision created (YT-10: return surplus funds to the treasury) is settled
 * as fulfilled, with the amount and a note of the evidence, or waived with a reason. Version-checked
 * and audited; a settled obligation stays settled.
 */
import { maySettleObligations } from '../../../core/access/record-abilities';
import { AppError } from '../../../core/errors';
import { isIsoDate } from '../../../core/time/iso-date';
import { businessDate } from '../../../core/time/clock';
import type { AppContext, RequestContext } from '../../context';
import { caseNumber } from '../../../core/documents/templates';
import { appendAudit } from '../audit/append-audit';
import { inScope, type ScopedRecord } from '../../../core/access/policy';
import { OBLIGATION_KINDS, OBLIGATION_STATE_LABEL, fromFen, isObligationKind, obligationState, remainderYuan, toFen } from '../../../core/obligations/obligations';
import { randomUUID } from 'node:crypto';

export interface ObligationRow {
  id: string; kind: string; clause: string; case_id: string; project_id: string | null; subject_id: string | null; jurisdiction_code: string;
  description: string; amount_yuan: string | null; status: 'open' | 'fulfilled' | 'waived'; settled_on: string | null; settlement_note: string | null;
  due_date: string | null; due_basis: string | null; settled_yuan: string;
  version: number; created_at: Date; updated_at: Date;
}

export function obligationForPolicy(o: Pick<ObligationRow, 'jurisdiction_code' | 'subject_id'>): ScopedRecord {
  return { regionCodes: [o.jurisdiction_code], unitIds: o.subject_id ? [o.subject_id] : [], personIds: [] };
}

/** What is still owed: the amount less what has been paid (null while the amount is not set). */
export const remainderOf = (o: Pick<ObligationRow, 'amount_yuan' | 'settled_yuan'>) => (o.amount_yuan === null ? null : remainderYuan(o.amount_yuan, o.settled_yuan));

export function presentObligation(o: ObligationRow, today: string) {
  const state = obligationState(o.status, o.due_date, today);
  return {
    state, stateLabel: OBLIGATION_STATE_LABEL[state], kindLabel: isObligationKind(o.kind) ? OBLIGATION_KINDS[o.kind].label : o.kind,
    dueDate: o.due_date, dueBasis: o.due_basis, settledYuan: o.settled_yuan, remainderYuan: remainderOf(o),
    id: o.id, kind: o.kind, clause: o.clause, caseId: o.case_id, projectId: o.project_id, subjectId: o.subject_id, jurisdictionCode: o.jurisdiction_code,
    description: o.description, amountYuan: o.amount_yuan, status: o.status, settledOn: o.settled_on, settlementNote: o.settlement_note, version: o.version,
    createdAt: new Date(o.created_at).toISOString(),
  };
}

/** A row of the list across cases: the obligation with its case number, region, project and obliged party. */
export function presentObligationItem(app: Pick<AppContext, 'regions'>, o: ObligationRow & { procedure: string; project_code: string | null; subject_name: string | null }, today: string) {
  return { ...presentObligation(o, today), caseNo: caseNumber(o.case_id), procedure: o.procedure, regionName: app.regions.get(o.jurisdiction_code)?.name ?? o.jurisdiction_code, projectCode: o.project_code, subjectName: o.subject_name };
}

/** Who records that an obligation was met: the officers who handle the case. */
/** The handling bureau's case officers settle obligations: the permission obligation.settle (core/access/roles.ts). */

export async function settleObligation(app: AppContext, req: RequestContext, id: string, input: { version: number; status: 'fulfilled' | 'waived'; settledOn?: string; amountYuan?: string; note: string }) {
  if (!maySettleObligations(req.actor.role)) throw new AppError('FORBIDDEN', { zh: '只有经办人员可以登记履行情况' });
  const settledOn = input.settledOn ?? businessDate(app.clock);
  if (!isIsoDate(settledOn)) throw new AppError('INVALID_DATE', { field: 'settledOn' });
  if (input.amountYuan !== undefined && !/^\d{1,12}(\.\d{1,2})?$/.test(input.amountYuan)) throw new AppError('VALIDATION_FAILED', { field: 'amountYuan', zh: '金额应为不超过两位小数的元数' });
  return app.db.transaction(async (tx) => {
    const [o] = await tx.query<ObligationRow>('SELECT *, amount_yuan::text AS amount_yuan, settled_yuan::text AS settled_yuan FROM obligations WHERE id = $1 FOR UPDATE', [id]);
    if (!o || !inScope(req.scope, obligationForPolicy(o))) throw new AppError('NOT_FOUND');
    if (o.version !== input.version) throw new AppError('VERSION_CONFLICT', { field: 'version' });
    if (o.status !== 'open') throw new AppError('CASE_STATE', { zh: '该事项已登记履行情况' });
    // Fulfilled in one go: what was still owed is recorded as the last settlement, with the note as its evidence,
    // so the list of payments always adds up to the amount (record-settlement.ts records payments one by one).
    const amount = input.amountYuan ?? o.amount_yuan;
    const rest = input.status === 'fulfilled' && amount !== null ? toFen(amount) - toFen(String(o.settled_yuan)) : 0n;
    if (rest < 0n) throw new AppError('VALIDATION_FAILED', { field: 'amountYuan', zh: `金额不能低于已履行的 ${o.settled_yuan} 元` });
    const now = app.clock.now().toISOString();
    const [row] = await tx.query<ObligationRow>(
      `UPDATE obligations SET status = $2, settled_on = $3, amount_yuan = COALESCE($4::numeric, amount_yuan), settlement_note = $5, settled_yuan = settled_yuan + $7::numeric, version = version + 1, updated_at = $6
        WHERE id = $1 RETURNING *, amount_yuan::text AS amount_yuan, settled_yuan::text AS settled_yuan`, [id, input.status, settledOn, input.amountYuan ?? null, input.note, now, fromFen(rest)]);
    if (rest > 0n) {
      await tx.query(`INSERT INTO obligation_settlements (id, obligation_id, paid_on, amount_yuan, evidence_ref, note, remainder_yuan, recorded_by, created_at) VALUES ($1, $2, $3, $4::numeric, $5, $5, 0, $6, $7)`,
        [randomUUID(), id, settledOn, fromFen(rest), input.note, req.actor.userId, now]);
    }
    await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'obligation.settle', objectType: 'obligation', objectId: id, before: { status: o.status }, after: { status: input.status, settledOn, amountYuan: input.amountYuan ?? null } });
    return presentObligation(row, businessDate(app.clock));
  });
}
