/** 案件（容错免责等程序）：立案、办理、时间线. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { inScope } from '../../../core/access/policy';
import { AppError } from '../../../core/errors';
import type { AppContext, RequestContext } from '../../context';
import { businessDate } from '../../../core/time/clock';
import { Params, scopeSql } from '../../db/params';
import { caseForPolicy, procedureOf, stepsFor, takeStep, type CaseRow } from '../../modules/cases/run-procedure';
import { listWorkQueue } from '../../modules/cases/work-queue';
import { startToleranceCase } from '../../modules/cases/start-tolerance-case';
import { startSupervisionCase, type SupervisionStart } from '../../modules/cases/start-supervision-case';
import { availableDocuments, documentTitle } from '../../../core/documents/templates';
import { FILE_KIND_LABEL } from '../../../core/procedure/tolerance-case';
import { handlesCases } from '../../../core/procedure/common';
import { caseNumber, documentFacts } from '../../modules/documents/generate-document';
import { listCaseFiles } from '../../modules/files/store-file';
import { presentObligation, type ObligationRow } from '../../modules/obligations/settle-obligation';
import { ctxOf } from '../auth';
import { IdParams, Page, StartSupervisionBody, StartToleranceBody, StepBody } from '../schemas';

async function presentCase(app: AppContext, ctx: RequestContext, c: CaseRow, full = false) {
  const def = procedureOf(c.procedure);
  const base = {
    id: c.id, procedure: c.procedure, title: def.title, state: c.state, stateLabel: def.states.find((s) => s.id === c.state)?.label ?? c.state,
    version: c.version, jurisdictionCode: c.jurisdiction_code, jurisdictionName: app.regions.get(c.jurisdiction_code)?.name ?? c.jurisdiction_code,
    projectId: c.project_id, data: c.data, steps: stepsFor(app, c, ctx.actor),
  };
  if (!full) return base;
  const events = await app.db.query<any>(
    `SELECT e.seq, e.step, e.clause, e.from_state, e.to_state, e.on_date, e.at, e.input, u.display_name FROM case_events e JOIN users u ON u.id = e.actor_user_id WHERE e.case_id = $1 ORDER BY e.seq`, [c.id]);
  const clocks = await app.db.query<any>(`SELECT id, limit_id, title, start_date, due_date, provisional, derivation, status, stopped_date FROM deadline_clocks WHERE owner_type = 'case' AND owner_id = $1 ORDER BY created_at`, [c.id]);
  const files = await listCaseFiles(app.db, c.id);
  // Only related cases the reader may see: a misconduct referral is not shown to the applicant.
  const related = (await app.db.query<Pick<CaseRow, 'id' | 'procedure' | 'state' | 'parent_case_id' | 'jurisdiction_code' | 'unit_id' | 'applicant_person_id'>>(
    'SELECT id, procedure, state, parent_case_id, jurisdiction_code, unit_id, applicant_person_id FROM cases WHERE parent_case_id = $1 OR id = $2 ORDER BY created_at', [c.id, c.parent_case_id]))
    .filter((r) => inScope(ctx.scope, caseForPolicy(r)));
  const obligations = await app.db.query<ObligationRow>('SELECT * FROM obligations WHERE case_id = $1 ORDER BY created_at', [c.id]);
  const facts = await documentFacts(app, app.db, c);
  const mayIssue = handlesCases(ctx.actor.role);
  return {
    ...base,
    caseNo: caseNumber(c.id),
    materials: files.filter((f) => f.origin === 'material').map((f) => ({ ...f, kindLabel: FILE_KIND_LABEL[f.kind] ?? f.kind })),
    documents: files.filter((f) => f.origin === 'document'),
    documentsAvailable: mayIssue ? availableDocuments(facts).map((k) => ({ kind: k, title: documentTitle(k, facts) })) : [],
    related: related.map((r) => {
      const d = procedureOf(r.procedure);
      return { id: r.id, relation: r.id === c.parent_case_id ? 'parent' : 'child', procedure: r.procedure, title: d.title, stateLabel: d.states.find((x) => x.id === r.state)?.label ?? r.state };
    }),
    obligations: obligations.map(presentObligation),
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

  server.post('/api/cases/supervision', { schema: { tags: ['案件'], summary: '监督检查立案：政策落实督查（YT-7）、中期检查、重大事项变更报告（YT-8）', body: StartSupervisionBody } }, async (req, reply) => {
    const ctx = ctxOf(req);
    return reply.status(201).send(await presentCase(app, ctx, await startSupervisionCase(app, ctx, req.body as SupervisionStart)));
  });

  server.get('/api/cases', {
    schema: {
      tags: ['案件'], summary: '待办案件（按最近到期日排序，可按程序、状态、区划、是否逾期筛选）',
      querystring: Type.Object({
        state: Type.Optional(Type.String({ maxLength: 30 })), procedure: Type.Optional(Type.String({ maxLength: 30 })),
        regionCode: Type.Optional(Type.String({ pattern: '^[0-9A-Z]{6,12}$' })), overdue: Type.Optional(Type.Boolean()),
        awaiting: Type.Optional(Type.Literal('extension', { description: '待领导审批的延长申请（YT-6.3）' })), ...Page,
      }),
    },
  }, async (req) => {
    const ctx = ctxOf(req);
    const today = businessDate(app.clock);
    const page = req.query.page ?? 1;
    const pageSize = req.query.pageSize ?? 20;
    const { total, totalCapped, rows } = await listWorkQueue(app.db, ctx.scope, {
      state: req.query.state, procedure: req.query.procedure, overdue: req.query.overdue, awaitingExtension: req.query.awaiting === 'extension',
      regionCodes: req.query.regionCode ? app.regions.subtree(req.query.regionCode) : undefined,
    }, today, page, pageSize);
    return {
      total, totalCapped, page, pageSize, today,
      items: await Promise.all(rows.map(async (r) => ({
        ...(await presentCase(app, ctx, r)), caseNo: caseNumber(r.id), nextDue: r.next_due, overdue: r.next_due !== null && r.next_due < today,
        projectCode: r.project_code, projectName: r.project_name, unitName: r.unit_name,
      }))),
    };
  });

  server.get('/api/cases/stats', { schema: { tags: ['案件'], summary: '案件统计：按程序、阶段、区划；时限遵守情况' } }, async (req) => {
    const ctx = ctxOf(req);
    const today = businessDate(app.clock);
    const p = new Params();
    const scope = scopeSql(ctx.scope, p, { region: ['c.jurisdiction_code'], unit: ['c.unit_id'], person: ['c.applicant_person_id'] });
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
