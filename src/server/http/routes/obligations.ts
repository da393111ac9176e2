/** 应履行事项（YT-10 结余资金退回等）与对外报送（免责标注导出）及其记录. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context';
import { exportExemptionMarks } from '../../modules/exports/export-exemption-marks';
import { presentObligationItem, settleObligation } from '../../modules/obligations/settle-obligation';
import { recordSettlement } from '../../modules/obligations/record-settlement';
import { setObligationAmount } from '../../modules/obligations/set-obligation-amount';
import { readObligation } from '../../modules/obligations/read-obligation';
import { exportObligations } from '../../modules/obligations/export-obligations';
import { OBLIGATION_STATES, type ObligationState } from '../../../core/obligations/obligations';
import { businessDate } from '../../../core/time/clock';
import { mayExportList } from '../../../core/access/record-abilities';
import { sendXlsx } from '../excel';
import { listObligations } from '../../modules/obligations/obligations-repo';
import { listExports } from '../../modules/exports/exports-repo';
import { ctxOf } from '../auth';
import { IdParams, IsoDate, Money } from '../schemas';
import { contentDisposition } from './case-files';
import { GetExportsOut } from '../../../core/api/obligations';
import { Binary, XLSX } from '../../../core/api/common';

export function obligationRoutes(s: FastifyInstance, app: AppContext) {
  const server = s.withTypeProvider<TypeBoxTypeProvider>();

  const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
  const State = Type.Union([Type.Literal('open'), Type.Literal('overdue'), Type.Literal('fulfilled'), Type.Literal('waived')], { description: OBLIGATION_STATES.join(' / ') });
  const obligationFields = {
    id: Type.String(), kind: Type.String(), kindLabel: Type.String(), clause: Type.String(), caseId: Type.String(), projectId: Nullable(Type.String()), subjectId: Nullable(Type.String()),
    jurisdictionCode: Type.String(), description: Type.String(), amountYuan: Nullable(Type.String()), settledYuan: Type.String(), remainderYuan: Nullable(Type.String()),
    dueDate: Nullable(Type.String()), dueBasis: Nullable(Type.String()), state: State, stateLabel: Type.String(), status: Type.String(),
    settledOn: Nullable(Type.String()), settlementNote: Nullable(Type.String()), version: Type.Integer(), createdAt: Type.String(),
  };
  const ObligationOut = Type.Object(obligationFields);
  const ObligationItem = Type.Object({ ...obligationFields, caseNo: Type.String(), procedure: Type.String(), regionName: Type.String(), projectCode: Nullable(Type.String()), subjectName: Nullable(Type.String()) });
  const ObligationDetail = Type.Object({ ...obligationFields,
    settlements: Type.Array(Type.Object({ id: Type.String(), paidOn: Type.String(), amountYuan: Type.String(), fileId: Nullable(Type.String()), evidenceRef: Nullable(Type.String()), note: Nullable(Type.String()), remainderYuan: Type.String(), recordedBy: Type.String(), at: Type.String() })),
    abilities: Type.Object({ settle: Type.Boolean() }),
  });
  const ListQuery = Type.Object({
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('fulfilled'), Type.Literal('waived')])), state: Type.Optional(State),
    regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })), caseId: Type.Optional(Type.String({ format: 'uuid' })),
  }, { additionalProperties: false });
  type Q = { status?: 'open' | 'fulfilled' | 'waived'; state?: ObligationState; regionCode?: string; caseId?: string };
  const filterOf = (q: Q) => ({ status: q.status, state: q.state, caseId: q.caseId, regionCodes: q.regionCode ? app.regions.subtree(q.regionCode) : undefined });

  server.get('/api/obligations', {
    schema: { tags: ['案件'], summary: '应履行事项（YT-10 结余资金退回、CI-23 收回资金与撤销奖励），跨案件按区划和状态筛选', querystring: ListQuery,
      response: { 200: Type.Object({ items: Type.Array(ObligationItem), abilities: Type.Object({ export: Type.Boolean() }) }) } },
  }, async (req) => {
    const ctx = ctxOf(req);
    const today = businessDate(app.clock);
    const rows = await listObligations(app.db, ctx.scope, { ...filterOf(req.query), today });
    return { items: rows.map((r) => presentObligationItem(app, r, today)), abilities: { export: mayExportList(ctx.actor.role) } };
  });

  server.get('/api/obligations/export.xlsx', { config: { permission: 'list.export' }, schema: { tags: ['案件'], summary: '导出应履行事项（Excel，与列表同一筛选）', querystring: ListQuery, response: { 200: XLSX } } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const { bytes } = await exportObligations(app, ctx, filterOf(req.query), req.query);
    return sendXlsx(reply, '应履行事项.xlsx', bytes);
  });

  server.get('/api/obligations/:id', { schema: { tags: ['案件'], summary: '应履行事项详情及各笔履行记录', params: IdParams, response: { 200: ObligationDetail } } },
    async (req) => readObligation(app, ctxOf(req), req.params.id));

  server.post('/api/obligations/:id/settlements', {
    schema: {
      tags: ['案件'], summary: '登记一笔履行（日期、金额、凭证文件或凭证编号）；部分履行的，事项仍待履行并显示尚欠金额', params: IdParams,
      body: Type.Object({ version: Type.Integer({ minimum: 1 }), paidOn: IsoDate, amountYuan: Money, fileId: Type.Optional(Type.String({ format: 'uuid' })), evidenceRef: Type.Optional(Type.String({ minLength: 2, maxLength: 200 })), note: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false }),
      response: { 200: ObligationOut },
    },
  }, async (req) => recordSettlement(app, ctxOf(req), req.params.id, req.body));

  server.post('/api/obligations/:id/amount', {
    schema: {
      tags: ['案件'], summary: '核定应履行金额（如财政部门核定的结余资金数）', params: IdParams,
      body: Type.Object({ version: Type.Integer({ minimum: 1 }), amountYuan: Money, basis: Type.String({ minLength: 2, maxLength: 500 }) }, { additionalProperties: false }),
      response: { 200: ObligationOut },
    },
  }, async (req) => setObligationAmount(app, ctxOf(req), req.params.id, req.body));

  server.post('/api/obligations/:id/settle', {
    schema: {
      tags: ['案件'], summary: '登记履行情况（整笔履行或免除）', params: IdParams,
      body: Type.Object({ version: Type.Integer({ minimum: 1 }), status: Type.Union([Type.Literal('fulfilled'), Type.Literal('waived')]), settledOn: Type.Optional(IsoDate), amountYuan: Type.Optional(Money), note: Type.String({ minLength: 2, maxLength: 1000 }) }, { additionalProperties: false }),
      response: { 200: ObligationOut },
    },
  }, async (req) => settleObligation(app, ctxOf(req), req.params.id, req.body));

  server.get('/api/exports/exemption-marks', {
    schema: { tags: ['案件'], summary: '导出免责标注（报送省级项目管理系统，JSON 或 Excel），并记录所报送内容', querystring: Type.Object({ format: Type.Union([Type.Literal('json'), Type.Literal('xlsx')]), since: Type.Optional(IsoDate) }), response: { 200: Binary('JSON 或 Excel：所报送的免责标注，字节与所记录的摘要一致') } },
  }, async (req, reply) => {
    const e = await exportExemptionMarks(app, ctxOf(req), req.query.format, req.query.since ?? null);
    const name = `免责标注-${e.id.slice(0, 8)}.${req.query.format}`;
    return reply.header('content-type', req.query.format === 'json' ? 'application/json; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', contentDisposition(name)).header('x-export-id', e.id).header('x-export-sha256', e.sha256).send(e.body);
  });

  server.get('/api/exports', { schema: { tags: ['案件'], summary: '对外报送记录：何时报送了什么', response: { 200: GetExportsOut } } }, async (req) => {
    const ctx = ctxOf(req);
    const rows = await listExports(app.db, ctx.scope);
    return { items: rows.map((r) => ({ id: r.id, kind: r.kind, format: r.format, jurisdictionCode: r.jurisdiction_code, count: r.item_count, sha256: r.sha256, at: new Date(r.created_at).toISOString(), by: r.display_name })) };
  });
}
