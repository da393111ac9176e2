/**
 * 补算履行期限: obligations opened before migration 0045 had no due date. On start each gets the one its
 * clause's dated parameter gives, counted from the day it was opened (the decision's day: the effect
 * opens it in the decision's transaction), in Beijing time. Values already stored are never changed.
 */
import { isObligationKind, obligationDueDate } from '../../../core/obligations/obligations';
import type { AppContext } from '../../context';
import type { Sql } from '../../db/database';
import { appendAudit } from '../audit/append-audit';

export async function backfillObligationDueDates(app: Pick<AppContext, 'db' | 'clock' | 'auditSeal' | 'policies' | 'calendar' | 'regions'>): Promise<number> {
  return app.db.transaction(async (tx: Sql) => {
    const rows = await tx.query<{ id: string; kind: string; jurisdiction_code: string; opened_on: string }>(
      `SELECT id, kind, jurisdiction_code, to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS opened_on FROM obligations WHERE due_date IS NULL ORDER BY id`);
    const set: Array<{ id: string; due: string; basis: string }> = [];
    for (const r of rows) {
      if (!isObligationKind(r.kind)) continue;
      const d = obligationDueDate(r.kind, r.opened_on, app.calendar.book.national, app.policies.registry, app.regions.lineage(r.jurisdiction_code));
      set.push({ id: r.id, due: d.dueDate, basis: `${d.basis}（迁移 0045 补算，自登记之日起算${d.warning ? `；${d.warning}` : ''}）` });
    }
    if (set.length === 0) return 0;
    await tx.query(`UPDATE obligations o SET due_date = t.due, due_basis = t.basis FROM jsonb_to_recordset($1::jsonb) AS t(id uuid, due date, basis text) WHERE o.id = t.id AND o.due_date IS NULL`, [JSON.stringify(set)]);
    await appendAudit(tx, app, { actor: null, action: 'obligation.due_backfill', objectType: 'obligation', objectId: null, after: { obligations: set.map((s) => ({ id: s.id, dueDate: s.due })), clause: 'YT-10 CI-23', basis: '迁移 0045' } });
    return set.length;
  });
}
