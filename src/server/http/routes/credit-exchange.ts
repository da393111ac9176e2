/** 信用信息报送 (issue 20): increments to the credit platform and the provincial project system, re-sending and acknowledgements — the integrity section's. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { EXCHANGE_TARGETS, EXCHANGE_TARGET_LABEL, type ExchangeTarget } from '../../../core/exchange/credit-exchange';
import type { AppContext } from '../../context';
import { acknowledgeExchangeBatches } from '../../modules/exchange/acknowledge-exchange-batches';
import { buildExchangeBatch } from '../../modules/exchange/build-exchange-batch';
import { listBatches, type BatchRow } from '../../modules/exchange/exchange-repo';
import { resendExchangeBatch } from '../../modules/exchange/resend-exchange-batch';
import { callerOf, ctxOf } from '../auth';
import { Uuid } from '../schemas';
import { contentDisposition } from './case-files';

const Target = Type.Union(EXCHANGE_TARGETS.map((t) => Type.Literal(t)));
const OrNull = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Batch = Type.Object({
  id: Type.String(), target: Type.String(), targetLabel: Type.String(), jurisdiction: Type.String(), seq: Type.Integer(), count: Type.Integer(),
  operations: Type.Record(Type.String(), Type.Integer()), sha256: Type.String(), sm3: Type.String(), createdAt: Type.String(), createdBy: Type.String(),
  acknowledgedAt: OrNull(Type.String()), acknowledgedBy: OrNull(Type.String()), reference: OrNull(Type.String()),
});
const present = (b: BatchRow) => ({
  id: b.id, target: b.target, targetLabel: EXCHANGE_TARGET_LABEL[b.target], jurisdiction: b.jurisdiction_code, seq: b.seq, count: b.item_count, operations: b.operations as Record<string, number>,
  sha256: b.sha256, sm3: b.sm3, createdAt: new Date(b.created_at).toISOString(), createdBy: b.created_by_name,
  acknowledgedAt: b.acknowledged_at ? new Date(b.acknowledged_at).toISOString() : null, acknowledgedBy: b.acknowledged_by_name, reference: b.ack_reference,
});

const AckBody = Type.Object({ target: Target, jurisdiction: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })), acknowledgements: Type.Unknown() });
const AckOut = Type.Object({ acknowledged: Type.Array(Type.Object({ seq: Type.Integer(), id: Type.String(), already: Type.Boolean() })) });

export function creditExchangeRoutes(s: FastifyInstance, app: AppContext) {
  const server = s.withTypeProvider<TypeBoxTypeProvider>();
  const permission = 'creditExchange.manage' as const;

  server.get('/api/credit-exchange/batches', { config: { permission },
    schema: { tags: ['信用信息报送'], summary: '报送批次（可只列未确认的）', querystring: Type.Object({ target: Type.Optional(Target), unacknowledged: Type.Optional(Type.Boolean()) }), response: { 200: Type.Object({ items: Type.Array(Batch) }) } },
  }, async (req) => {
    const ctx = ctxOf(req);
    const rows = await listBatches(app.db, ctx.scope, { target: req.query.target ?? null, unacknowledgedOnly: req.query.unacknowledged ?? false });
    return { items: rows.map(present) };
  });

  server.post('/api/credit-exchange/batches', { config: { permission },
    schema: { tags: ['信用信息报送'], summary: '生成报送批次：自上次已确认批次以来的新增、移出、信用修复和更正（无变化则不生成）', body: Type.Object({ target: Target }),
      response: { 200: Type.Object({ batch: Type.Union([Type.Object({ id: Type.String(), seq: Type.Integer(), count: Type.Integer(), sha256: Type.String(), sm3: Type.String() }), Type.Null()]) }) } },
  }, async (req) => {
    const b = await buildExchangeBatch(app, ctxOf(req), req.body.target as ExchangeTarget);
    return { batch: b && { id: b.id, seq: b.seq, count: b.count, sha256: b.sha256, sm3: b.sm3 } };
  });

  server.get('/api/credit-exchange/batches/:id/body', { config: { permission },
    schema: { tags: ['信用信息报送'], summary: '报送批次文件（原样重发：字节与摘要不变）', params: Type.Object({ id: Uuid }), response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'application/json; charset=utf-8：批次原文，字节不变' }) } },
  }, async (req, reply) => {
    const b = await resendExchangeBatch(app, ctxOf(req), req.params.id);
    return reply.header('content-type', 'application/json; charset=utf-8').header('content-disposition', contentDisposition(`报送批次-${b.target}-${b.jurisdiction_code}-${b.seq}.json`))
      .header('x-batch-seq', String(b.seq)).header('x-batch-sha256', b.sha256).header('x-batch-sm3', b.sm3).send(b.body);
  });

  server.post('/api/credit-exchange/acknowledgements', { config: { permission },
    schema: { tags: ['信用信息报送'], summary: '登记平台回执（批次序号和 SHA-256 摘要；任一条有误则整份不予登记）', body: AckBody, response: { 200: AckOut } },
  }, async (req) => acknowledgeExchangeBatches(app, ctxOf(req), { target: req.body.target as ExchangeTarget, jurisdiction: req.body.jurisdiction, acknowledgements: req.body.acknowledgements }));

  server.post('/api/machine/exchange-acknowledgements', { config: { machineScope: 'exchange.acknowledge' },
    schema: { tags: ['信用信息报送', '接口客户端'], summary: '平台回执（接口客户端）：与诚信科室登记回执同一规则，整份核对，任一条有误整份不予登记并指出第几条',
      security: [{ apiClient: ['exchange.acknowledge'] }], body: AckBody, response: { 200: AckOut } },
  }, async (req) => acknowledgeExchangeBatches(app, callerOf(req), { target: req.body.target as ExchangeTarget, jurisdiction: req.body.jurisdiction, acknowledgements: req.body.acknowledgements }));
}
