/**
 * The obligation sweep (YT-10, CI-23), declared on the one claimed-sweep skeleton: an open obligation is
 * reminded of once when it comes within the first reminder lead (the dated setting
 * reminders.leadWorkingDays of its document, in working days) and once when its due date has passed.
 * Inserting the row in `obligation_reminders` keyed (obligation, kind, due date) is the claim; the winner
 * tells the handling officers and the obliged unit (mailed as a reminder or an overdue notice) and
 * writes the audit event in the same transaction.
 */
import type { Role } from '../../../core/access/roles';
import { OBLIGATION_KINDS, isObligationKind, remainderYuan } from '../../../core/obligations/obligations';
import { businessDate } from '../../../core/time/clock';
import { addCalendarDays } from '../../../core/time/iso-date';
import type { AppContext } from '../../context';
import { runClaimedSweep, type ClaimedSweep } from '../../jobs/claimed-sweep';
import { appendAudit } from '../audit/append-audit';
import { notify } from '../notifications/notify';

type Kind = 'before_due' | 'overdue';
interface Candidate { id: string; kind: string; clause: string; case_id: string; subject_id: string | null; jurisdiction_code: string; description: string; due_date: string; amount_yuan: string | null; settled_yuan: string }

/** Calendar days that safely contain the reminder lead in working days (the longest holiday is 9 days). */
const LOOKAHEAD_DAYS = 20;

function firstLead(app: AppContext, kind: string, today: string): number {
  const doc = isObligationKind(kind) ? OBLIGATION_KINDS[kind].document : 'CI';
  const v = app.policies.registry.parameter(app.policies.registry.versionFor(doc, today, ['532300', '530000']), 'reminders.leadWorkingDays').value as readonly number[];
  return v[0];
}

const owed = (o: Candidate) => (o.amount_yuan === null ? '' : `，尚欠 ${remainderYuan(o.amount_yuan, o.settled_yuan)} 元`);
const TEXT: Record<Kind, (o: Candidate) => [string, string]> = {
  before_due: (o) => [`应履行事项将到期：${o.description}`, `${o.description}（${o.clause}）应于 ${o.due_date} 前履行完毕${owed(o)}。`],
  overdue: (o) => [`应履行事项已逾期：${o.description}`, `${o.description}（${o.clause}）已于 ${o.due_date} 到期仍未履行完毕${owed(o)}，请督促履行并说明情况。`],
};

const OBLIGATIONS: ClaimedSweep<Candidate, Kind> = {
  async candidates(app) {
    await app.calendar.refresh(app.db);
    return app.db.query<Candidate>(
      `SELECT o.id, o.kind, o.clause, o.case_id, o.subject_id, o.jurisdiction_code, o.description, o.due_date, o.amount_yuan::text AS amount_yuan, o.settled_yuan::text AS settled_yuan
         FROM obligations o WHERE o.status = 'open' AND o.due_date IS NOT NULL AND o.due_date <= $1::date
          AND NOT EXISTS (SELECT 1 FROM obligation_reminders r WHERE r.obligation_id = o.id AND r.kind = 'overdue' AND r.due_date = o.due_date)
        ORDER BY o.due_date, o.id LIMIT 5000`, [addCalendarDays(businessDate(app.clock), LOOKAHEAD_DAYS)]);
  },
  due(app, o) {
    const today = businessDate(app.clock);
    if (today > o.due_date) return 'overdue';
    return app.calendar.book.national.countWorkdays(today, o.due_date) <= firstLead(app, o.kind, today) ? 'before_due' : null;
  },
  async claim(tx, app, o, kind) {
    const won = await tx.query(
      `INSERT INTO obligation_reminders (obligation_id, kind, due_date, raised_on, raised_at, raised_by) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING obligation_id`,
      [o.id, kind, o.due_date, businessDate(app.clock), app.clock.now().toISOString(), app.instanceId]);
    return won.length > 0;
  },
  async act(tx, app, o, kind) {
    const officer: Role = app.regions.get(o.jurisdiction_code)?.level === 'county' ? 'county_officer' : 'business_officer';
    const roles: Role[] = [officer, 'integrity_officer', ...(kind === 'overdue' ? ['bureau_leader' as const] : [])];
    const [title, body] = TEXT[kind](o);
    const mail = { kind: kind === 'overdue' ? 'overdue' as const : 'reminder' as const };
    let recipients = await notify(tx, app, { staffRoles: roles, jurisdictionCode: o.jurisdiction_code }, { kind: `obligation_${kind}`, title, body, caseId: o.case_id, dueOn: o.due_date, mail });
    // The obliged unit hears of it too (its administrators); a person obliged is told through his unit's case.
    if (o.subject_id) recipients += await notify(tx, app, { unitId: o.subject_id }, { kind: `obligation_${kind}`, title, body, dueOn: o.due_date, mail });
    await appendAudit(tx, app, { actor: null, action: 'reminder.raise', objectType: 'obligation', objectId: o.id, after: { kind, dueDate: o.due_date, clause: o.clause, recipients, by: app.instanceId } });
  },
};

export async function sweepObligations(app: AppContext): Promise<Array<{ obligationId: string; kind: Kind }>> {
  return (await runClaimedSweep(app, OBLIGATIONS)).won.map((w) => ({ obligationId: w.candidate.id, kind: w.kind }));
}
