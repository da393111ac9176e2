/** 应履行事项（YT-10 结余资金退回等）与对外报送（免责标注导出）及其记录. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context';
import { exportExemptionMarks } from '../../modules/exports/export-exemption-marks';
import { presentObligation, settleObligation, type ObligationRow } from '../../modules/obligations/settle-obligation';
import { listObligations } from '../../modules/obligations/obligations-repo';
import { listExports } from '../../modules/exports/exports-repo';
import { ctxOf } from '../auth';
import { IdParams, IsoDate, Money } from '../schemas';
import { contentDisposition } from './case-files';

export function obligationRoutes(s: FastifyInstance, app: AppContext) {
  const server = s.withTypeProvider<TypeBoxTypeProvider>();

  server.get('/api/obligations', {
    schema: { tags: ['案件'], summary: '应履行事项（如结余资金退回）', querystring: Type.Object({ status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('fulfilled'), Type.Literal('waived')])), caseId: Type.Optional(Type.String({ format: 'uuid' })) }) },
  }, async (req) => {
    const ctx = ctxOf(req);
    const rows = await listObligations(app.db, ctx.scope, { status: req.query.status, caseId: req.query.caseId });
    return { items: rows.map(presentObligation) };
  });

  server.post('/api/obligations/:id/settle', {
    schema: {
      tags: ['案件'], summary: '登记履行情况', params: IdParams,
      body: Type.Object({ version: Type.Integer({ minimum: 1 }), status: Type.Union([Type.Literal('fulfilled'), Type.Literal('waived')]), settledOn: Type.Optional(IsoDate), amountYuan: Type.Optional(Money), note: Type.String({ minLength: 2, maxLength: 1000 }) }, { additionalProperties: false }),
    },
  }, async (req) => settleObligation(app, ctxOf(req), req.params.id, req.body));

  server.get('/api/exports/exemption-marks', {
    schema: { tags: ['案件'], summary: '导出免责标注（报送省级项目管理系统，JSON 或 Excel），并记录所报送内容', querystring: Type.Object({ format: Type.Union([Type.Literal('json'), Type.Literal('xlsx')]), since: Type.Optional(IsoDate) }) },
  }, async (req, reply) => {
    const e = await exportExemptionMarks(app, ctxOf(req), req.query.format, req.query.since ?? null);
    const name = `免责标注-${e.id.slice(0, 8)}.${req.query.format}`;
    return reply.header('content-type', req.query.format === 'json' ? 'application/json; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', contentDisposition(name)).header('x-export-id', e.id).header('x-export-sha256', e.sha256).send(e.body);
  });

  server.get('/api/exports', { schema: { tags: ['案件'], summary: '对外报送记录：何时报送了什么' } }, async (req) => {
    const ctx = ctxOf(req);
    const rows = await listExports(app.db, ctx.scope);
    return { items: rows.map((r) => ({ id: r.id, kind: r.kind, format: r.format, jurisdictionCode: r.jurisdiction_code, count: r.item_count, sha256: r.sha256, at: new Date(r.created_at).toISOString(), by: r.display_name })) };
  });
}
