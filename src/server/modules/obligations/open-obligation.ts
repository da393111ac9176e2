/**
 * 登记应履行事项: an obligation a decision creates, opened inside the decision's transaction with its
 * due date worked out from the dated parameter of its clause (core/obligations) and its amount where
 * the records give it (CI-23 clawback: the funds granted to the project); otherwise the officer sets
 * the amount (set-obligation-amount.ts). Audited with the computation's basis.
 */
import { randomUUID } from 'node:crypto';
import { OBLIGATION_KINDS, obligationDueDate, type ObligationKind } from '../../../core/obligations/obligations';
import type { Actor } from '../../../core/access/policy';
import type { AppContext } from '../../context';
import type { Sql } from '../../db/database';
import { appendAudit } from '../audit/append-audit';
import { regionPath } from '../deadlines/recompute-clock';

export interface OpenObligation {
  kind: ObligationKind; caseId: string; projectId: string | null; subjectId: string | null; jurisdictionCode: string;
  description: string; decidedOn: string; amountYuan?: string | null;
}

export async function openObligationIn(app: AppContext, tx: Sql, actor: Actor | null, o: OpenObligation, ip?: string | null): Promise<{ id: string; dueDate: string; amountYuan: string | null }> {
  const id = randomUUID();
  const now = app.clock.now().toISOString();
  const due = obligationDueDate(o.kind, o.decidedOn, app.calendar.book.national, app.policies.registry, regionPath(app, o.jurisdictionCode));
  let amount = o.amountYuan ?? null;
  if (amount === null && o.kind === 'clawback_funds' && o.projectId) {
    const [p] = await tx.query<{ funds_granted: string }>('SELECT funds_granted::text AS funds_granted FROM projects WHERE id = $1', [o.projectId]);
    amount = p?.funds_granted ?? null;
  }
  const basis = due.warning ? `${due.basis}（${due.warning}）` : due.basis;
  await tx.query(
    `INSERT INTO obligations (id, kind, clause, case_id, project_id, subject_id, jurisdiction_code, description, amount_yuan, due_date, due_basis, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::numeric, $10, $11, $12, $12)`,
    [id, o.kind, OBLIGATION_KINDS[o.kind].clause, o.caseId, o.projectId, o.subjectId, o.jurisdictionCode, o.description, amount, due.dueDate, basis, now]);
  await appendAudit(tx, app, {
    actor, ip: ip ?? undefined, action: 'obligation.open', objectType: 'obligation', objectId: id,
    after: { kind: o.kind, case: o.caseId, clause: due.clause, amountYuan: amount, dueDate: due.dueDate, workingDays: due.workingDays, policyVersion: due.policyVersionId },
  });
  return { id, dueDate: due.dueDate, amountYuan: amount };
}
