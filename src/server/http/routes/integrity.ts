/** 科研诚信：公开名单（无需登录）、申报一票否决审查、失信线索登记. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../../core/errors';
import { businessDate } from '../../../core/time/clock';
import type { AppContext } from '../../context';
import { startMisconductCase } from '../../modules/cases/start-misconduct-case';
import { publicList } from '../../modules/integrity/public-list';
import { vetoCheck } from '../../modules/integrity/veto-check';
import { ctxOf } from '../auth';
import { IsoDate, Page, Uuid } from '../schemas';

const STAFF = ['business_officer', 'integrity_officer', 'county_officer', 'bureau_leader', 'auditor'];

export function integrityRoutes(s: FastifyInstance, app: AppContext) {
  const server = s.withTypeProvider<TypeBoxTypeProvider>();

  server.get('/api/public/sanctions', {
    config: { public: true },
    schema: { tags: ['公开'], summary: '公开名单：在期的严重失信处理（无需登录；期满次日自动不再显示）', querystring: Type.Object({ q: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })), ...Page }) },
  }, async (req) => {
    const today = businessDate(app.clock);
    return { today, ...(await publicList(app.db, today, req.query.q?.trim() || null, req.query.page ?? 1, req.query.pageSize ?? 20)) };
  });

  server.post('/api/veto-check', {
    schema: {
      tags: ['科研诚信'], summary: '申报一票否决审查（CI-10）：逐一返回是否在取消资格期内、最近信用等级及依据',
      body: Type.Object({
        on: IsoDate,
        applicants: Type.Array(Type.Object({
          ref: Type.String({ minLength: 1, maxLength: 64 }),
          creditCode: Type.Optional(Type.String({ pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$' })),
          idNumber: Type.Optional(Type.String({ pattern: '^[0-9]{17}[0-9Xx]$' })),
        }, { additionalProperties: false }), { minItems: 1, maxItems: 10000 }),
      }, { additionalProperties: false }),
    },
  }, async (req) => {
    const ctx = ctxOf(req);
    if (!STAFF.includes(ctx.actor.role)) throw new AppError('FORBIDDEN');
    const missing = req.body.applicants.findIndex((a) => !a.creditCode && !a.idNumber);
    if (missing >= 0) throw new AppError('VALIDATION_FAILED', { field: `applicants/${missing}`, zh: '每个申报主体须提供统一社会信用代码或身份证号' });
    const results = await vetoCheck(app, ctx, req.body.on, req.body.applicants);
    return { on: req.body.on, vetoed: results.filter((r) => r.vetoed).length, results };
  });

  server.post('/api/cases/misconduct', {
    schema: {
      tags: ['案件'], summary: '登记失信线索（投诉举报、审计、抽查），进入立案审查（CI-22）',
      body: Type.Object({ subjectId: Uuid, source: Type.Union([Type.Literal('complaint'), Type.Literal('audit'), Type.Literal('spot_check')]), grounds: Type.String({ minLength: 5, maxLength: 4000 }) }, { additionalProperties: false }),
    },
  }, async (req, reply) => {
    const c = await startMisconductCase(app, ctxOf(req), req.body);
    return reply.status(201).send({ id: c.id, state: c.state, version: c.version });
  });
}
