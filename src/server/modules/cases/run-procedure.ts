/**
 * The one runner for every declared procedure. Starting a case and taking a step are each one
 * transaction: the case row (locked, version-checked), the step log, the clocks the step opens and
 * stops, notifications and the audit event. Of two concurrent steps on one case exactly one wins;
 * the other gets VERSION_CONFLICT and nothing of it is written.
 */
import { randomUUID } from 'node:crypto';
import { inScope, type Actor, type ScopedRecord } from '../../../core/access/policy';
import { TIME_LIMITS } from '../../../core/deadlines/time-limits';
import { AppError } from '../../../core/errors';
import { available, plan } from '../../../core/procedure/engine';
import { PROCEDURES } from '../../../core/procedure/procedures';
import { businessDate } from '../../../core/time/clock';
import type { Role } from '../../../core/access/roles';
import type { AppContext, RequestContext } from '../../context';
import type { Sql } from '../../db/database';
import { appendAudit } from '../audit/append-audit';
import { openDeadlineIn } from '../deadlines/open-deadline';
import { stopOwnerClocks } from '../deadlines/stop-owner-clocks';
import { EFFECTS } from './effects';

export interface CaseRow {
  id: string; procedure: string; state: string; version: number; jurisdiction_code: string; project_id: string | null;
  unit_id: string | null; applicant_person_id: string | null; parent_case_id: string | null; data: Record<string, unknown>; created_at: Date; updated_at: Date;
}

export function caseForPolicy(c: Pick<CaseRow, 'jurisdiction_code' | 'unit_id' | 'applicant_person_id'>): ScopedRecord {
  return { regionCodes: [c.jurisdiction_code], unitIds: c.unit_id ? [c.unit_id] : [], personIds: c.applicant_person_id ? [c.applicant_person_id] : [] };
}

export function procedureOf(id: string) {
  const def = PROCEDURES[id];
  if (!def) throw new AppError('NOT_FOUND', { field: 'procedure', zh: `没有“${id}”这一程序` });
  return def;
}

async function openClocks(app: AppContext, tx: Sql, req: RequestContext, c: Pick<CaseRow, 'id' | 'jurisdiction_code'>, title: string, limits: readonly string[], on: string) {
  for (const limitId of limits) {
    await openDeadlineIn(app, tx, req.actor, { limitId, ownerType: 'case', ownerId: c.id, title: `${title}：${TIME_LIMITS[limitId]?.action ?? limitId}`, jurisdictionCode: c.jurisdiction_code, startDate: on }, req.ip);
  }
}

async function notify(app: AppContext, tx: Sql, c: Pick<CaseRow, 'id' | 'jurisdiction_code' | 'unit_id'>, roles: readonly Role[], title: string, body: string) {
  if (roles.length === 0) return;
  const users = await tx.query<{ id: string }>(
    `SELECT id FROM users WHERE NOT disabled AND role = ANY($1::text[]) AND (region_code = $2 OR (role = 'unit_admin' AND unit_id = $3))`,
    [roles, c.jurisdiction_code, c.unit_id],
  );
  for (const u of users) {
    await tx.query('INSERT INTO notifications (id, user_id, clock_id, kind, title, body, created_at) VALUES ($1, $2, NULL, $3, $4, $5, $6)',
      [randomUUID(), u.id, 'case', title, body, app.clock.now().toISOString()]);
  }
}

export interface StartCaseInput {
  procedure: string;
  start: string;
  jurisdictionCode: string;
  projectId: string | null;
  unitId: string | null;
  applicantPersonId: string | null;
  /** The case this one follows from (YT-9.1 correction, X-2 referral). */
  parentCaseId?: string | null;
  data: Record<string, unknown>;
}

/** 立案: begins a case in one of the states its procedure declares as a start, for a role allowed to. */
export async function startCase(app: AppContext, req: RequestContext, input: StartCaseInput, tx: Sql): Promise<CaseRow> {
  const def = procedureOf(input.procedure);
  const start = def.starts.find((s) => s.state === input.start);
  if (!start) throw new AppError('VALIDATION_FAILED', { field: 'start', zh: `${def.title}不能从“${input.start}”开始` });
  if (!start.roles.includes(req.actor.role)) throw new AppError('FORBIDDEN', { zh: `无权${start.label}（${start.clause}）` });
  const scoped = { jurisdiction_code: input.jurisdictionCode, unit_id: input.unitId, applicant_person_id: input.applicantPersonId };
  if (!inScope(req.scope, caseForPolicy(scoped))) throw new AppError('FORBIDDEN', { zh: '该案件不在您的管辖或本人范围内' });
  const id = randomUUID();
  const now = app.clock.now().toISOString();
  const on = businessDate(app.clock);
  await tx.query(
    `INSERT INTO cases (id, procedure, state, jurisdiction_code, project_id, unit_id, applicant_person_id, parent_case_id, data, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $11)`,
    [id, def.id, start.state, input.jurisdictionCode, input.projectId, input.unitId, input.applicantPersonId, input.parentCaseId ?? null, JSON.stringify(input.data), req.actor.userId, now],
  );
  await tx.query(`INSERT INTO case_events (id, case_id, seq, step, clause, from_state, to_state, actor_user_id, actor_role, at, on_date, input)
    VALUES ($1, $2, 1, 'start', $3, NULL, $4, $5, $6, $7, $8, '{}'::jsonb)`, [randomUUID(), id, start.clause, start.state, req.actor.userId, req.actor.role, now, on]);
  await openClocks(app, tx, req, { id, jurisdiction_code: input.jurisdictionCode }, def.title, start.opens ?? [], on);
  await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'case.start', objectType: 'case', objectId: id, after: { procedure: def.id, state: start.state, clause: start.clause, parent: input.parentCaseId ?? null } });
  const [row] = await tx.query<CaseRow>('SELECT * FROM cases WHERE id = $1', [id]);
  return row;
}

/** Takes one declared step on a case. */
export async function takeStep(app: AppContext, req: RequestContext, caseId: string, step: string, input: Record<string, unknown> & { version: number }): Promise<CaseRow> {
  return app.db.transaction(async (tx) => {
    const [c] = await tx.query<CaseRow>('SELECT * FROM cases WHERE id = $1 FOR UPDATE', [caseId]);
    if (!c || !inScope(req.scope, caseForPolicy(c))) throw new AppError('NOT_FOUND');
    if (c.version !== input.version) throw new AppError('VERSION_CONFLICT', { field: 'version', zh: '案件已被他人办理，请刷新后重试' });
    const def = procedureOf(c.procedure);
    const { version: _v, ...stepInput } = input;
    const clockRows = await tx.query<{ limit_id: string; due_date: string; status: string }>(`SELECT limit_id, due_date, status FROM deadline_clocks WHERE owner_type = 'case' AND owner_id = $1`, [c.id]);
    const env = { registry: app.policies.registry, today: businessDate(app.clock), clocks: Object.fromEntries(clockRows.map((k) => [k.limit_id, { dueDate: k.due_date, status: k.status }])) };
    const p = plan(def, { state: c.state, version: c.version, data: c.data }, req.actor.role, step, stepInput, levelOf(app, req.actor), env);
    if (p.refused) {
      const code = p.code === 'INVALID_STATE' ? 'CASE_STATE' : p.code === 'FORBIDDEN' ? 'FORBIDDEN' : p.code === 'UNKNOWN_TRANSITION' ? 'NOT_FOUND' : 'INCONSISTENT';
      throw new AppError(code, { zh: p.zh, field: p.field });
    }
    const now = app.clock.now().toISOString();
    const on = businessDate(app.clock);
    const updated = await tx.query('UPDATE cases SET state = $2, data = $3::jsonb, version = version + 1, updated_at = $4 WHERE id = $1 AND version = $5 RETURNING id',
      [c.id, p.to, JSON.stringify(p.data), now, c.version]);
    if (updated.length === 0) throw new AppError('VERSION_CONFLICT', { field: 'version' });
    const [{ seq }] = await tx.query<{ seq: number }>('SELECT COALESCE(max(seq), 0) + 1 AS seq FROM case_events WHERE case_id = $1', [c.id]);
    await tx.query(`INSERT INTO case_events (id, case_id, seq, step, clause, from_state, to_state, actor_user_id, actor_role, at, on_date, input)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb)`,
      [randomUUID(), c.id, seq, step, p.transition.clause, c.state, p.to, req.actor.userId, req.actor.role, now, on, JSON.stringify(stepInput)]);
    if (p.stops.length) await stopOwnerClocks(app, tx, req.actor, { type: 'case', id: c.id }, p.stops, on, req.ip);
    await openClocks(app, tx, req, c, def.title, p.opens, on);
    for (const name of p.effects) {
      const effect = EFFECTS[name as keyof typeof EFFECTS];
      if (!effect) throw new Error(`procedure ${def.id} names an unknown effect ${name}`);
      await effect({
        app, tx, req, c, data: p.data as Record<string, unknown>, on,
        startFollowOn: ({ visibleToParties = true, ...f }) => startCase(app, req, {
          ...f, jurisdictionCode: c.jurisdiction_code, projectId: c.project_id, parentCaseId: c.id,
          unitId: visibleToParties ? c.unit_id : null, applicantPersonId: visibleToParties ? c.applicant_person_id : null,
        }, tx),
      });
    }
    await notify(app, tx, c, p.notify, `${def.title}：${p.transition.label}`, `案件已${p.transition.label}（${p.transition.clause}），请及时办理。`);
    await appendAudit(tx, app, {
      actor: req.actor, ip: req.ip, action: 'case.transition', objectType: 'case', objectId: c.id,
      before: { state: c.state, version: c.version }, after: { state: p.to, step, clause: p.transition.clause },
    });
    const [row] = await tx.query<CaseRow>('SELECT * FROM cases WHERE id = $1', [c.id]);
    return row;
  });
}

/** The bureau level an actor sits at (staff only), which some steps require (e.g. the province assesses YT-11 reports). */
export function levelOf(app: AppContext, actor: Actor) {
  return actor.regionCode ? app.regions.get(actor.regionCode)?.level ?? null : null;
}

export function stepsFor(app: AppContext, c: CaseRow, actor: Actor) {
  return available(procedureOf(c.procedure), { state: c.state, version: c.version, data: c.data }, actor.role, levelOf(app, actor));
}
