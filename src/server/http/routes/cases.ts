/** 案件（容错免责等程序）：立案、办理、时间线. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { inScope } from '../../../core/access/policy';
import { AppError } from '../../../core/errors';
import type { AppContext, RequestContext } from '../../context';
import { Params, scopeSql } from '../../db/params';
import { caseForPolicy, procedureOf, stepsFor, takeStep, type CaseRow } from '../../modules/cases/run-procedure';
import { startToleranceCase } from '../../modules/cases/start-tolerance-case';
import { ctxOf } from '../auth';
import { IdParams, StartToleranceBody, StepBody } from '../schemas';

async function presentCase(app: AppContext, ctx: RequestContext, c: CaseRow, full = false) {
  const def = procedureOf(c.procedure);
  const base = {
    id: c.id, procedure: c.procedure, title: def.title, state: c.state, stateLabel: def.states.find((s) => s.id === c.state)?.label ?? c.state,
    version: c.version, jurisdictionCode: c.jurisdiction_code, jurisdictionName: app.regions.get(c.jurisdiction_code)?.name ?? c.jurisdiction_code,
    projectId: c.project_id, data: c.data, steps: stepsFor(c, ctx.actor.role),
  };
  if (!full) return base;
  const events = await app.db.query<any>(
    `SELECT e.seq, e.step, e.clause, e.from_state, e.to_state, e.on_date, e.at, e.input, u.display_name FROM case_events e JOIN users u ON u.id = e.actor_user_id WHERE e.case_id = $1 ORDER BY e.seq`, [c.id]);
  const clocks = await app.db.query<any>(`SELECT id, limit_id, title, start_date, due_date, provisional, derivation, status, stopped_date FROM deadline_clocks WHERE owner_type = 'case' AND owner_id = $1 ORDER BY created_at`, [c.id]);
  return {
    ...base,
    timeline: events.map((e) => ({
      seq: e.seq, step: e.step, clause: e.clause,
      label: e.step === 'start' ? def.starts.find((x) => x.state === e.to_state)?.label ?? '立案' : def.transitions.find((t) => t.id === e.step)?.label ?? e.step, from: e.from_state, to: e.to_state, on: e.on_date, at: new Date(e.at).toISOString(), by: e.display_name, input: e.input })),
    clocks: clocks.map((k) => ({ id: k.id, limitId: k.limit_id, title: k.title, startDate: k.start_date, dueDate: k.due_date, provisional: k.provisional, derivation: k.derivation, status: k.status, stoppedDate: k.stopped_date })),
  };
}

export function caseRoutes(s: FastifyInstance, app: AppContext) {
  const server = s.withTypeProvider<TypeBoxTypeProvider>();

  server.post('/api/cases/tolerance', { schema: { tags: ['案件'], summary: '提出容错免责申请（或依职权启动）', body: StartToleranceBody } }, async (req, reply) => {
    const ctx = ctxOf(req);
    return reply.status(201).send(await presentCase(app, ctx, await startToleranceCase(app, ctx, req.body)));
  });

  server.get('/api/cases', { schema: { tags: ['案件'], summary: '待办案件（按最近到期日排序）', querystring: Type.Object({ state: Type.Optional(Type.String({ maxLength: 30 })) }) } }, async (req) => {
    const ctx = ctxOf(req);
    const p = new Params();
    const w = [scopeSql(ctx.scope, p, { region: ['c.jurisdiction_code'], unit: ['c.unit_id'], person: ['c.applicant_person_id'] })];
    if (req.query.state) w.push(`c.state = ${p.add(req.query.state)}`);
    const rows = await app.db.query<CaseRow & { next_due: string | null }>(
      `SELECT c.*, (SELECT min(d.due_date) FROM deadline_clocks d WHERE d.owner_type = 'case' AND d.owner_id = c.id::text AND d.status <> 'stopped') AS next_due
         FROM cases c WHERE ${w.join(' AND ')} ORDER BY next_due NULLS LAST, c.updated_at DESC LIMIT 200`, p.values);
    return { items: await Promise.all(rows.map(async (r) => ({ ...(await presentCase(app, ctx, r)), nextDue: r.next_due }))) };
  });

  server.get('/api/cases/:id', { schema: { tags: ['案件'], summary: '案件详情：时间线、计时与可办理的步骤', params: IdParams } }, async (req) => {
    const ctx = ctxOf(req);
    const [c] = await app.db.query<CaseRow>('SELECT * FROM cases WHERE id = $1', [req.params.id]);
    if (!c || !inScope(ctx.scope, caseForPolicy(c))) throw new AppError('NOT_FOUND');
    return presentCase(app, ctx, c, true);
  });

  server.post('/api/cases/:id/steps/:step', {
    schema: { tags: ['案件'], summary: '办理一步（带版本号；并发时只有一人成功）', params: Type.Object({ id: Type.String({ format: 'uuid' }), step: Type.String({ pattern: '^[a-z_]{2,40}$' }) }), body: StepBody },
  }, async (req) => {
    const ctx = ctxOf(req);
    return presentCase(app, ctx, await takeStep(app, ctx, req.params.id, req.params.step, req.body as Record<string, unknown> & { version: number }), true);
  });
}
