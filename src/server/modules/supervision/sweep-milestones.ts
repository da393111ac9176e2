/**
 * The milestone sweep (YT-8): warns the unit and the bureau before an open milestone's date and once
 * it has passed. As with deadline reminders, inserting the warning row is the claim: one process
 * wins, the warning is raised once, and its notifications are written in the same transaction.
 */
import { milestoneLeadDays, milestoneWarning, type MilestoneWarning } from '../../../core/deadlines/milestones';
import { businessDate } from '../../../core/time/clock';
import { addCalendarDays } from '../../../core/time/iso-date';
import type { AppContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { notify } from '../notifications/notify';
import { runClaimedSweep, type ClaimedSweep } from '../../jobs/claimed-sweep';

interface Candidate { id: string; name: string; due_date: string; completed_date: string | null; project_id: string; code: string; jurisdiction_code: string; undertaking_unit_id: string }

const TEXT: Record<MilestoneWarning, (m: Candidate) => [string, string]> = {
  approaching: (m) => [`里程碑将到期：${m.code} ${m.name}`, `项目 ${m.code} 的里程碑“${m.name}”将于 ${m.due_date} 到期，请按期完成（YT-8）。`],
  overdue: (m) => [`里程碑已逾期：${m.code} ${m.name}`, `项目 ${m.code} 的里程碑“${m.name}”已于 ${m.due_date} 到期仍未完成，请说明情况（YT-8）。`],
};

/** YT-8 warnings: a row in `milestone_warnings` keyed (milestone, kind, due date) is the claim. */
const MILESTONES: ClaimedSweep<Candidate, MilestoneWarning> = {
  candidates: (app) => app.db.query<Candidate>(
    `SELECT m.id, m.name, m.due_date, m.completed_date, p.id AS project_id, p.code, p.jurisdiction_code, p.undertaking_unit_id
       FROM milestones m JOIN projects p ON p.id = m.project_id
      WHERE m.completed_date IS NULL AND m.due_date <= $1::date AND p.status IN ('approved', 'in_progress')
        AND NOT EXISTS (SELECT 1 FROM milestone_warnings w WHERE w.milestone_id = m.id AND w.kind = 'overdue' AND w.due_date = m.due_date)
      ORDER BY m.due_date LIMIT 5000`, [addCalendarDays(businessDate(app.clock), milestoneLeadDays(businessDate(app.clock), app.policies.registry))]),
  due: (app, m) => milestoneWarning(m.due_date, m.completed_date, businessDate(app.clock), milestoneLeadDays(businessDate(app.clock), app.policies.registry)),
  async claim(tx, app, m, kind) {
    const claim = await tx.query(
      `INSERT INTO milestone_warnings (milestone_id, kind, due_date, raised_on, raised_at, raised_by) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING milestone_id`,
      [m.id, kind, m.due_date, businessDate(app.clock), app.clock.now().toISOString(), app.instanceId]);
    return claim.length > 0;
  },
  async act(tx, app, m, kind) {
    const officer = app.regions.get(m.jurisdiction_code)?.level === 'county' ? 'county_officer' : 'business_officer';
    const [title, body] = TEXT[kind](m);
    const recipients = await notify(tx, app, { staffRoles: [officer], jurisdictionCode: m.jurisdiction_code, unitId: m.undertaking_unit_id }, { kind: `milestone_${kind}`, title, body, dueOn: m.due_date, mail: { kind: kind === 'overdue' ? 'overdue' : 'reminder' } });
    await appendAudit(tx, app, { actor: null, action: 'reminder.raise', objectType: 'milestone', objectId: m.id, after: { kind, dueDate: m.due_date, project: m.code, recipients, by: app.instanceId } });
  },
};

export async function sweepMilestones(app: AppContext): Promise<Array<{ milestoneId: string; kind: MilestoneWarning }>> {
  return (await runClaimedSweep(app, MILESTONES)).won.map((w) => ({ milestoneId: w.candidate.id, kind: w.kind }));
}
