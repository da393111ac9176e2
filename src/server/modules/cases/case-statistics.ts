/** 案件统计: cases by procedure, state and region, and how each time limit was kept, in the reader's scope. */
import { CASE_UNIT_SQL, CASE_AGENCY_SQL } from './cases-repo';
import { businessDate } from '../../../core/time/clock';
import type { AppContext, RequestContext } from '../../context';
import { Params, scopeSql } from '../../db/params';
import { procedureOf } from './procedure-of';

export async function caseStatistics(app: AppContext, ctx: RequestContext) {
  const today = businessDate(app.clock);
  const p = new Params();
  const scope = scopeSql(ctx.scope, p, { region: ['c.jurisdiction_code'], unit: [CASE_UNIT_SQL], person: ['c.applicant_person_id'], agency: [CASE_AGENCY_SQL] });
  const byState = await app.db.query<{ procedure: string; state: string; jurisdiction_code: string; n: number }>(
    `SELECT c.procedure, c.state, c.jurisdiction_code, count(*)::int AS n FROM cases c WHERE ${scope} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`, p.values);
  const clocks = await app.db.query<{ limit_id: string; met: number; late: number; running: number; overdue: number }>(
    `SELECT d.limit_id,
            count(*) FILTER (WHERE d.status = 'stopped' AND d.stopped_date <= d.due_date)::int AS met,
            count(*) FILTER (WHERE d.status = 'stopped' AND d.stopped_date > d.due_date)::int AS late,
            count(*) FILTER (WHERE d.status <> 'stopped' AND d.due_date >= ${p.add(today)}::date)::int AS running,
            count(*) FILTER (WHERE d.status <> 'stopped' AND d.due_date < ${p.add(today)}::date)::int AS overdue
       FROM deadline_clocks d JOIN cases c ON d.owner_type = 'case' AND d.owner_id = c.id::text WHERE ${scope} GROUP BY 1 ORDER BY 1`, p.values);
  return {
    today,
    byState: byState.map((r) => {
      const def = procedureOf(r.procedure);
      return { procedure: r.procedure, title: def.title, state: r.state, stateLabel: def.states.find((x) => x.id === r.state)?.label ?? r.state, jurisdictionCode: r.jurisdiction_code, jurisdictionName: app.regions.get(r.jurisdiction_code)?.name ?? r.jurisdiction_code, count: r.n };
    }),
    clocks: clocks.map((k) => ({ limitId: k.limit_id, met: k.met, late: k.late, running: k.running, overdue: k.overdue })),
  };
}
