/**
 * 案件：one start route and one step route for every procedure, the work queue, statistics and the
 * case page. The bodies in the OpenAPI document are the declarations' own schemas (one per start and
 * per step); the command checks a body against the schema of the start or step it names, so a
 * refusal names the field by its Chinese label and the clause that decides it.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from 'typebox';
import { PROCEDURES } from '../../../core/procedure/procedures';
import { businessDate } from '../../../core/time/clock';
import type { AppContext } from '../../context';
import { caseStatistics } from '../../modules/cases/case-statistics';
import { caseSummary, presentCaseDetail, readCase } from '../../modules/cases/read-case';
import { startCase } from '../../modules/cases/start-case';
import { takeStep } from '../../modules/cases/take-step';
import { listWorkQueue } from '../../modules/cases/work-queue';
import { ctxOf } from '../auth';
import { commandValidated, IdParams, Page } from '../schemas';
import { GetCasesByIdOut, GetCasesOut, GetCasesStatsOut, PostCasesByIdStepsByStepOut, PostCasesOut } from '../../../core/api/cases';

const requestStarts = Object.values(PROCEDURES).flatMap((def) => def.starts.filter((s) => s.by === 'request').map((s) => ({ def, s: s as Extract<typeof s, { by: 'request' }> })));

/** The start body: which procedure, which way in, and the input that start declares. */
const StartBody = commandValidated(
  Type.Object({
    procedure: Type.Union(Object.keys(PROCEDURES).map((id) => Type.Literal(id))),
    start: Type.String({ pattern: '^[a-z_]{2,40}$' }),
    input: Type.Object({}, { additionalProperties: true }),
  }, { additionalProperties: false }),
  requestStarts.map(({ def, s }) => Type.Object({
    procedure: Type.Literal(def.id), start: Type.Literal(s.id), input: s.input as TSchema,
  }, { additionalProperties: false, title: `${def.title}：${s.label}`, description: `${s.clause}；${def.title}（${def.id}）以“${s.label}”开始，可由${s.roles.join('、')}办理` })),
);

/** A step body: the case's version and the input the step declares. */
const StepBody = commandValidated(
  Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: true }),
  Object.values(PROCEDURES).flatMap((def) => def.steps.map((st) => Type.Intersect([Type.Object({ version: Type.Integer({ minimum: 1 }) }), st.input as TSchema], {
    title: `${def.title}：${st.label}（${def.id}.${st.id}）`,
    description: `${st.clause}；${(st.requires ?? []).map((r) => `须先：${r.zh}（${r.clause}）`).join('；') || '无前置要求'}`,
  }))),
);

export function caseRoutes(s: FastifyInstance, app: AppContext) {
  const server = s.withTypeProvider<TypeBoxTypeProvider>();

  server.post('/api/cases', {
    schema: { tags: ['案件'], summary: '立案（各类程序通用）：申请、依职权启动、登记线索、拟列入名单、申请修复、监督检查……按所选程序和开始方式的声明校验', body: StartBody, response: { 201: PostCasesOut } },
  }, async (req, reply) => {
    const ctx = ctxOf(req);
    const body = req.body as { procedure: string; start: string; input: Record<string, unknown> };
    return reply.status(201).send(await presentCaseDetail(app, ctx, await startCase(app, ctx, body)));
  });

  server.get('/api/cases', {
    schema: {
      tags: ['案件'], summary: '待办案件（按最近到期日排序，可按程序、状态、区划、是否逾期筛选）',
      querystring: Type.Object({
        state: Type.Optional(Type.String({ maxLength: 30 })), procedure: Type.Optional(Type.String({ maxLength: 30 })),
        regionCode: Type.Optional(Type.String({ pattern: '^[0-9A-Z]{6,12}$' })), overdue: Type.Optional(Type.Boolean()),
        awaiting: Type.Optional(Type.Literal('extension', { description: '待领导审批的延长申请（YT-6.3）' })), ...Page,
      }), response: { 200: GetCasesOut },
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
      items: rows.map((r) => ({
        ...caseSummary(app, r), nextDue: r.next_due, overdue: r.next_due !== null && r.next_due < today,
        projectCode: r.project_code, projectName: r.project_name, unitName: r.unit_name,
      })),
    };
  });

  server.get('/api/cases/stats', { schema: { tags: ['案件'], summary: '案件统计：按程序、阶段、区划；时限遵守情况', response: { 200: GetCasesStatsOut } } }, async (req) => caseStatistics(app, ctxOf(req)));

  server.get('/api/cases/:id', { schema: { tags: ['案件'], summary: '案件详情：当事方、事实、可办理的步骤（含尚未满足的前置要求）、下一步由谁办理、时限、经过', params: IdParams, response: { 200: GetCasesByIdOut } } },
    async (req) => readCase(app, ctxOf(req), req.params.id));

  server.post('/api/cases/:id/steps/:step', {
    schema: { tags: ['案件'], summary: '办理一步（带版本号；并发时只有一人成功）：请求体为该步骤声明的输入', params: Type.Object({ id: Type.String({ format: 'uuid' }), step: Type.String({ pattern: '^[a-z_]{2,40}$' }) }), body: StepBody, response: { 200: PostCasesByIdStepsByStepOut } },
  }, async (req) => {
    const ctx = ctxOf(req);
    return presentCaseDetail(app, ctx, await takeStep(app, ctx, req.params.id, req.params.step, req.body as Record<string, unknown> & { version: number }));
  });
}
