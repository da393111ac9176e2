/**
 * 立案: the one command that begins a case, for every procedure. A start made by a person (the start
 * route) has its input checked against the start's schema, the records it names loaded in the
 * caller's scope, its requirements checked with their clauses, and is then opened; a start made by the
 * system (a step's effect, registering a complaint) hands its data over directly. Either way the case
 * row, its first step, its clocks and the audit event are written in the caller's transaction.
 */
import { randomUUID } from 'node:crypto';
import { inScope } from '../../../core/access/policy';
import { AppError } from '../../../core/errors';
import { inputProblem, planStart, type CaseOpening, type ProcedureDef, type StartDef } from '../../../core/procedure/engine';
import { TIME_LIMITS } from '../../../core/deadlines/time-limits';
import { businessDate } from '../../../core/time/clock';
import type { AppContext, RequestContext } from '../../context';
import type { Sql } from '../../db/database';
import { appendAudit } from '../audit/append-audit';
import { openDeadlineIn } from '../deadlines/open-deadline';
import { computeClock } from '../deadlines/recompute-clock';
import { appendCaseEvent, caseForPolicy, getCase, insertCase, type CaseRow } from './cases-repo';
import { loadStartFacts } from './load-start-facts';
import { levelOf, procedureOf, refusalError } from './procedure-of';

export interface StartRequest { procedure: string; start: string; input: Record<string, unknown> }

/** Begins a case as a person asks (POST /api/cases). */
export async function startCase(app: AppContext, req: RequestContext, r: StartRequest): Promise<CaseRow> {
  const def = procedureOf(r.procedure);
  const s = def.starts.find((x) => x.id === r.start);
  if (!s || s.by !== 'request') throw new AppError('NOT_FOUND', { field: 'start', zh: `${def.title}不能以“${r.start}”方式开始` });
  // Role and input first, so a refused caller learns nothing of the records the input names.
  if (!s.roles.includes(req.actor.role)) throw new AppError('FORBIDDEN', { zh: `无权${s.label}（${s.clause}）`, clause: s.clause });
  const bad = inputProblem(s.input, r.input);
  if (bad) throw refusalError({ ...bad, zh: `${bad.zh}（${s.clause}）`, clause: s.clause });
  return app.db.transaction(async (tx) => {
    const facts = await loadStartFacts(tx, req.scope, s.loads ?? {}, r.input, app);
    const jurisdiction = facts.misconductCase?.jurisdictionCode ?? facts.listing?.jurisdictionCode ?? facts.project?.jurisdictionCode ?? req.actor.regionCode;
    const env = {
      registry: app.policies.registry, today: businessDate(app.clock),
      // A start's periods count in the bureau of the record it rests on, else the actor's (the case's jurisdiction is decided by the start).
      dueDate: jurisdiction ? dueDateIn(app, jurisdiction) : undefined,
      actor: { role: req.actor.role, regionCode: req.actor.regionCode, personId: req.actor.personId, unitId: req.actor.unitId },
    };
    const p = planStart(def, s.id, r.input, facts, env, levelOf(app, req.actor));
    if (p.refused) throw refusalError(p);
    return openCase(app, tx, req, def, s, p.opening, null, r.input);
  });
}

/** Begins a case the system starts (a step's effect, registering a complaint), in the caller's transaction. */
export async function startInternalCase(app: AppContext, tx: Sql, req: RequestContext, r: { procedure: string; start: string; opening: CaseOpening<unknown>; parentCaseId?: string | null }): Promise<CaseRow> {
  const def = procedureOf(r.procedure);
  const s = def.starts.find((x) => x.id === r.start);
  if (!s || s.by !== 'internal') throw new Error(`procedure ${def.id} has no internal start ${r.start}`);
  if (!s.roles.includes(req.actor.role)) throw new AppError('FORBIDDEN', { zh: `无权${s.label}（${s.clause}）`, clause: s.clause });
  return openCase(app, tx, req, def, s, r.opening, r.parentCaseId ?? null, {});
}

async function openCase(app: AppContext, tx: Sql, req: RequestContext, def: ProcedureDef, s: StartDef<unknown>, o: CaseOpening<unknown>, parentCaseId: string | null, input: Record<string, unknown>): Promise<CaseRow> {
  if (!inScope(req.scope, caseForPolicy({ jurisdiction_code: o.jurisdictionCode, unit_id: o.unitId, applicant_person_id: o.applicantPersonId, state: s.state }))) {
    throw new AppError('FORBIDDEN', { zh: '该案件不在您的管辖或本人范围内' });
  }
  const id = randomUUID();
  const at = app.clock.now().toISOString();
  const on = businessDate(app.clock);
  await insertCase(tx, {
    id, procedure: def.id, state: s.state, jurisdiction_code: o.jurisdictionCode, project_id: o.projectId, unit_id: o.unitId, applicant_person_id: o.applicantPersonId,
    parent_case_id: parentCaseId, data: o.data as Record<string, unknown>, created_by: req.actor.userId, at,
  });
  await appendCaseEvent(tx, { caseId: id, step: 'start', clause: s.clause, from: null, to: s.state, userId: req.actor.userId, role: req.actor.role, at, on, input: { start: s.id, ...input } });
  const clocks = [...(s.opens ?? []).map((limitId) => ({ limitId, startDate: on })), ...(o.clocks ?? [])];
  await openCaseClocks(app, tx, req, { id, jurisdiction_code: o.jurisdictionCode }, def.title, clocks);
  await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'case.start', objectType: 'case', objectId: id, after: { procedure: def.id, start: s.id, state: s.state, clause: s.clause, parent: parentCaseId } });
  return (await getCase(tx, id))!;
}

/** Due dates counted as a case's clocks are counted in a jurisdiction (GuardEnv.dueDate). */
export const dueDateIn = (app: AppContext, jurisdictionCode: string) => (limitId: string, startDate: string) =>
  computeClock(app, { limit_id: limitId, start_date: startDate, jurisdiction_code: jurisdictionCode }, []).dueDate;

/** The clocks a start or step opens, each titled by its case's procedure and the act it waits for. */
export async function openCaseClocks(app: AppContext, tx: Sql, req: RequestContext, c: Pick<CaseRow, 'id' | 'jurisdiction_code'>, title: string, clocks: ReadonlyArray<{ limitId: string; startDate: string }>) {
  for (const k of clocks) {
    await openDeadlineIn(app, tx, req.actor, { limitId: k.limitId, ownerType: 'case', ownerId: c.id, title: `${title}：${TIME_LIMITS[k.limitId]?.action ?? k.limitId}`, jurisdictionCode: c.jurisdiction_code, startDate: k.startDate }, req.ip);
  }
}
