/** 信用报告 (issue 20): issuing a subject's report as a PDF (audited), and its public verification by code. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context';
import { issueCreditReport } from '../../modules/credit-reports/issue-credit-report';
import { verifyCreditReport } from '../../modules/credit-reports/verify-credit-report';
import { ctxOf } from '../auth';
import { RATE_LIMITS } from '../rate-limits';
import { IdParams } from '../schemas';
import { contentDisposition } from './case-files';

const Statement = Type.Object({ heading: Type.String(), basis: Type.String(), lines: Type.Array(Type.String()) });

export function creditReportRoutes(s: FastifyInstance, app: AppContext) {
  const server = s.withTypeProvider<TypeBoxTypeProvider>();

  server.post('/api/subjects/:id/credit-reports', {
    config: { permission: 'creditReport.issue' },
    schema: {
      tags: ['科研诚信'], summary: '出具信用报告（PDF，含验证码和二维码；留痕）：在效的信用评价、失信处理、名单及信用修复，各附依据', params: IdParams,
      body: Type.Optional(Type.Object({}, { additionalProperties: false })),
      response: { 201: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'application/pdf；响应头 x-report-code 为验证码，x-report-sha256 为文件摘要' }) },
    },
  }, async (req, reply) => {
    const r = await issueCreditReport(app, ctxOf(req), req.params.id, `${req.protocol}://${req.host}`);
    return reply.status(201).header('content-type', 'application/pdf').header('content-disposition', contentDisposition(r.fileName))
      .header('x-report-code', r.code).header('x-report-sha256', r.sha256).send(r.pdf);
  });

  server.get('/api/public/credit-reports/verify', {
    config: { public: true, rateLimit: RATE_LIMITS.creditReportVerify },
    schema: {
      tags: ['公开'], summary: '核验信用报告：凭验证码查看报告出具时记载的摘要（不含报告以外的信息）；可附文件的 SHA-256 核对是否为原件',
      querystring: Type.Object({
        code: Type.String({ minLength: 16, maxLength: 24, description: '报告上的验证码，如 ABCD-EFGH-JKMN-PQRS' }),
        sha256: Type.Optional(Type.String({ pattern: '^[0-9a-fA-F]{64}$' })),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          code: Type.String(), issuedOn: Type.String(), issuer: Type.String(),
          subject: Type.Object({ name: Type.String(), kindLabel: Type.String(), identifier: Type.String() }),
          sentence: Type.String(), statements: Type.Array(Statement),
          digest: Type.Object({ sha256: Type.String(), sm3: Type.String() }), fileMatches: Type.Union([Type.Boolean(), Type.Null()]),
        }),
      },
    },
  }, async (req) => verifyCreditReport(app, req.query.code, req.query.sha256));
}
