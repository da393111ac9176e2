/** 统计简报 (YT-12; issue 20): a period's figures for a region within the caller's scope, as JSON or as the DOCX brief. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context';
import { generateBriefing } from '../../modules/briefings/generate-briefing';
import { MEDIA_TYPES } from '../../modules/documents/render';
import { ctxOf } from '../auth';
import { IsoDate } from '../schemas';
import { contentDisposition } from './case-files';

const Counts = Type.Record(Type.String(), Type.Integer());
const Figures = Type.Object({
  regionCode: Type.String(), regionName: Type.String(), issuer: Type.String(), from: Type.String(), to: Type.String(), today: Type.String(),
  toleranceReceived: Type.Integer(), toleranceDecided: Counts, correctionsStarted: Type.Integer(), sanctions: Counts, listings: Type.Integer(), externalRecords: Type.Integer(),
});

export function briefingRoutes(s: FastifyInstance, app: AppContext) {
  const server = s.withTypeProvider<TypeBoxTypeProvider>();
  const permission = 'briefing.generate' as const;
  server.get('/api/briefings/yt12', { config: { permission },
    schema: {
      tags: ['统计简报'], summary: '统计简报（YT-12）：选定期间和区划（本人数据范围内）的容错免责申请受理与认定、纠错、失信处理、列入名单、外部失信记录件数；format=docx 为报送省科技领导小组和纪委监委的简报',
      querystring: Type.Object({ regionCode: Type.String({ pattern: '^[0-9]{6}$' }), from: IsoDate, to: IsoDate, format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('docx')])) }, { additionalProperties: false }),
      response: { 200: Type.Union([Figures, Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'DOCX 简报' })]) },
    },
  }, async (req, reply) => {
    const b = await generateBriefing(app, ctxOf(req), req.query);
    if (req.query.format !== 'docx') return b.figures;
    return reply.header('content-type', MEDIA_TYPES.docx).header('content-disposition', contentDisposition(`统计简报-${b.figures.regionName}-${b.figures.from}至${b.figures.to}.docx`)).send(b.docx);
  });
}
