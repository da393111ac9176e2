/** 失败原因分析报告汇编 (YT-11; issue 20): the yearly package compiled and sent up, and who has not sent. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context';
import { MEDIA_TYPES } from '../../modules/documents/render';
import { compileFailurePackage } from '../../modules/failure-reports/compile-failure-package';
import { listPackageStatus } from '../../modules/failure-reports/list-package-status';
import { ctxOf } from '../auth';
import { contentDisposition } from './case-files';

const Year = Type.Integer({ minimum: 2000, maximum: 2100 });

export function failurePackageRoutes(s: FastifyInstance, app: AppContext) {
  const server = s.withTypeProvider<TypeBoxTypeProvider>();
  const permission = 'failureReport.compile' as const;

  server.post('/api/failure-packages', { config: { permission },
    schema: {
      tags: ['容错纠错'], summary: '汇编年度失败原因分析报告（YT-11，州（市）、县科技部门）：目录、报告正文和汇总情况，DOCX 或 PDF；记录汇编并留痕，再次汇编则替换',
      body: Type.Object({ year: Year, format: Type.Union([Type.Literal('docx'), Type.Literal('pdf')]) }, { additionalProperties: false }),
      response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'DOCX 或 PDF' }) },
    },
  }, async (req, reply) => {
    const p = await compileFailurePackage(app, ctxOf(req), req.body.year);
    return reply.header('content-type', MEDIA_TYPES[req.body.format]).header('x-report-count', String(p.reports))
      .header('content-disposition', contentDisposition(`失败原因分析报告汇编-${p.regionCode}-${p.year}.${req.body.format}`)).send(req.body.format === 'docx' ? p.docx : p.pdf);
  });

  server.get('/api/failure-packages/status', { config: { permission },
    schema: {
      tags: ['容错纠错'], summary: '年度汇编报送情况（YT-11）：本辖区各州（市）、县是否已报送当年汇编及所持报告数；unsent=true 只列未报送的',
      querystring: Type.Object({ year: Year, unsent: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      response: { 200: Type.Object({ year: Type.Integer(), due: Type.String(), items: Type.Array(Type.Object({
        regionCode: Type.String(), regionName: Type.String(), level: Type.String(), sent: Type.Boolean(), compiledAt: Type.Union([Type.String(), Type.Null()]), reports: Type.Integer() })) }) },
    },
  }, async (req) => listPackageStatus(app, ctxOf(req), req.query.year, req.query.unsent ?? false));
}
