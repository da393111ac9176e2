/**
 * The reminder sweep: before a due date (3 and 1 working days ahead, a setting) and once overdue
 * (escalated to the bureau's leaders too), each reminder is claimed by inserting its row — the
 * primary key (clock, kind, due date) lets exactly one process win, however many run the sweep,
 * and across restarts. The winner writes the notifications in the same transaction.
 */
import { TIME_LIMITS, overlayApplies } from '../../../core/deadlines/time-limits';
import type { DocumentId } from '../../../core/policy/registry';
import { businessDate } from '../../../core/time/clock';
import { addCalendarDays } from '../../../core/time/iso-date';
import type { AppContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import type { Role } from '../../../core/access/roles';
import { reminderMailKind } from '../../../core/notices/mail';
import { notify } from '../notifications/notify';
import { casePartyOf, type ClockRow } from './clocks-repo';
import { regionPath } from './recompute-clock';
import { runClaimedSweep, type ClaimedSweep } from '../../jobs/claimed-sweep';

/** Working days before the due date at which a reminder is raised: the dated parameter of the clock's document (a setting). */
function leadDays(app: AppContext, limitDocument: DocumentId, today: string): readonly [number, number] {
  // Reminders are the bureau's own setting, kept with its integrity or tolerance policy; a national rule's clock follows CI's.
  const doc = limitDocument === 'YT' ? 'YT' : 'CI';
  const v = app.policies.registry.parameter(app.policies.registry.versionFor(doc, today, ['532300', '530000']), 'reminders.leadWorkingDays').value as readonly number[];
  return [v[0], v[1]];
}
/** Calendar-day window that safely contains 3 working days (the longest holiday is 9 days). */
const LOOKAHEAD_DAYS = 20;

type Kind = 'before_3' | 'before_1' | 'overdue';

function dueKind(app: AppContext, clock: ClockRow, today: string): Kind | null {
  if (today > clock.due_date) return 'overdue';
  const limit = TIME_LIMITS[clock.limit_id];
  const cal = limit && overlayApplies(limit) ? app.calendar.book.forJurisdiction(regionPath(app, clock.jurisdiction_code)) : app.calendar.book.national;
  const left = cal.countWorkdays(today, clock.due_date);
  const [first, last] = leadDays(app, limit?.document ?? 'YT', today);
  if (left <= last) return 'before_1'; // includes "due today" (0 left)
  if (left <= first) return 'before_3';
  return null;
}

const TEXT: Record<Kind, (c: ClockRow, lead: readonly [number, number]) => [string, string]> = {
  before_3: (c, lead) => [`即将到期：${c.title}`, `${c.limit_id} 时限将于 ${c.due_date} 到期（剩余不超过 ${lead[0]} 个工作日）。`],
  before_1: (c, lead) => [`明日/今日到期：${c.title}`, `${c.limit_id} 时限于 ${c.due_date} 到期（剩余不超过 ${lead[1]} 个工作日）。`],
  overdue: (c) => [`已逾期：${c.title}`, `${c.limit_id} 时限已于 ${c.due_date} 届满，请即办理并说明情况（已同时报告局领导）。`],
};

/** What the party reads: the act it owes and the last day, without the staff's instruction to report. */
const PARTY_TEXT = (c: ClockRow) => `请于 ${c.due_date} 前${TIME_LIMITS[c.limit_id]?.action ?? '办理'}（${c.limit_id}），详情请登录系统查看。`;

export interface SweepResult { examined: number; raised: Array<{ clockId: string; kind: Kind }> }

/** X-4 reminders: a row in `reminders` keyed (clock, kind, due date) is the claim. */
const REMINDERS: ClaimedSweep<ClockRow, Kind> = {
  async candidates(app) {
    await app.calendar.refresh(app.db);
    return app.db.query<ClockRow>(
      // A clock whose overdue reminder is out has nothing left to raise until its date moves.
      `SELECT c.* FROM deadline_clocks c WHERE c.status = 'running' AND c.due_date <= $1::date
         AND NOT EXISTS (SELECT 1 FROM reminders r WHERE r.clock_id = c.id AND r.kind = 'overdue' AND r.due_date = c.due_date)
       ORDER BY c.due_date LIMIT 5000`,
      [addCalendarDays(businessDate(app.clock), LOOKAHEAD_DAYS)],
    );
  },
  due: (app, clock) => dueKind(app, clock, businessDate(app.clock)),
  async claim(tx, app, clock, kind) {
    const claim = await tx.query(
      `INSERT INTO reminders (clock_id, kind, due_date, raised_on, raised_at, raised_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING RETURNING clock_id`,
      [clock.id, kind, clock.due_date, businessDate(app.clock), app.clock.now().toISOString(), app.instanceId],
    );
    return claim.length > 0;
  },
  async act(tx, app, clock, kind) {
    const level = app.regions.get(clock.jurisdiction_code)?.level;
    const roles = [level === 'county' ? 'county_officer' : 'business_officer', 'integrity_officer', ...(kind === 'overdue' ? ['bureau_leader'] : [])];
    const [title, body] = TEXT[kind](clock, leadDays(app, TIME_LIMITS[clock.limit_id]?.document ?? 'YT', businessDate(app.clock)));
    const caseId = clock.owner_type === 'case' ? clock.owner_id : null;
    const message = { kind, title, body, clockId: clock.id, caseId, dueOn: clock.due_date, mail: { kind: reminderMailKind(kind) } };
    let recipients = await notify(tx, app, { staffRoles: roles as Role[], jurisdictionCode: clock.jurisdiction_code }, message);
    // A window the party owes (an objection, a statement, an application) is also the party's to hear of before it closes.
    const party = kind !== 'overdue' && caseId && TIME_LIMITS[clock.limit_id]?.owedBy === 'applicant' ? await casePartyOf(tx, caseId) : null;
    if (party && (party.unit_id || party.applicant_person_id)) {
      recipients += await notify(tx, app, { unitId: party.unit_id, personId: party.applicant_person_id }, { ...message, body: PARTY_TEXT(clock) });
    }
    await appendAudit(tx, app, { actor: null, action: 'reminder.raise', objectType: 'deadline', objectId: clock.id, after: { kind, dueDate: clock.due_date, recipients, by: app.instanceId } });
  },
};

export async function sweepReminders(app: AppContext): Promise<SweepResult> {
  const { examined, won } = await runClaimedSweep(app, REMINDERS);
  return { examined, raised: won.map((w) => ({ clockId: w.candidate.id, kind: w.kind })) };
}
