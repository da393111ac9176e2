/** 案件材料与文书：上传（按内容识别类型）、下载（仅有权查看案件者，留痕）、按案件数据生成文书. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DOCUMENT_KINDS, type DocumentKind } from '../../../core/documents/templates';
import { FILE_KIND_LABEL } from '../../../core/procedure/tolerance-case';
import type { AppContext } from '../../context';
import { generateDocument } from '../../modules/documents/generate-document';
import { addMaterial, readCaseFile } from '../../modules/files/add-material';
import { ctxOf } from '../auth';
import { IdParams } from '../schemas';
import { PostCasesByIdDocumentsOut, PostCasesByIdMaterialsOut } from '../../../core/api/case-files';
import { Binary } from '../../../core/api/common';

export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function caseFileRoutes(s: FastifyInstance, app: AppContext) {
  const server = s.withTypeProvider<TypeBoxTypeProvider>();
  // Uploads arrive as the raw file body; the type is decided from the bytes, not from this header.
  server.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: app.config.uploadMaxBytes }, (_req, body, done) => done(null, body));

  server.post('/api/cases/:id/materials', {
    bodyLimit: app.config.uploadMaxBytes,
    schema: {
      tags: ['案件'], summary: '上传申请材料或调查材料（请求体为文件本身，Content-Type: application/octet-stream）', params: IdParams,
      querystring: Type.Object({ kind: Type.Union(Object.keys(FILE_KIND_LABEL).map((k) => Type.Literal(k))), fileName: Type.String({ minLength: 1, maxLength: 200 }) }), response: { 201: PostCasesByIdMaterialsOut },
    },
  }, async (req, reply) => {
    const ctx = ctxOf(req);
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    return reply.status(201).send(await addMaterial(app, ctx, req.params.id, { kind: req.query.kind, fileName: req.query.fileName, bytes }));
  });

  server.get('/api/files/:id', { schema: { tags: ['案件'], summary: '下载案件材料或文书', params: IdParams, response: { 200: Binary('案件材料或文书的原文件') } } }, async (req, reply) => {
    const f = await readCaseFile(app, ctxOf(req), req.params.id);
    return reply.header('content-type', f.mediaType).header('content-disposition', contentDisposition(f.fileName)).send(f.bytes);
  });

  server.post('/api/cases/:id/documents', {
    schema: {
      tags: ['案件'], summary: '按案件数据生成文书（DOCX 或 PDF），随案保存并留痕', params: IdParams,
      body: Type.Object({ kind: Type.Union(DOCUMENT_KINDS.map((k) => Type.Literal(k))), format: Type.Union([Type.Literal('docx'), Type.Literal('pdf')]) }, { additionalProperties: false }),
      response: { 201: PostCasesByIdDocumentsOut },
    },
  }, async (req, reply) => reply.status(201).send(await generateDocument(app, ctxOf(req), req.params.id, req.body.kind as DocumentKind, req.body.format)));
}
