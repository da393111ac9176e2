/** 投诉举报（CI-29）：公众提交与凭受理码查询（无需登录）；受理、转办、查看举报人身份（仅受理岗位，须说明理由）. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../../core/errors';
import type { AppContext } from '../../context';
import { procedureOf } from '../../modules/cases/procedure-of';
import { readComplainant, registerComplaint, rejectComplaint } from '../../modules/complaints/handle-complaint';
import { COMPLAINT_MAX_FILES, receiptDigest, submitComplaint } from '../../modules/complaints/submit-complaint';
import { issueComplaintChallenge } from '../../modules/complaints/complaint-challenge';
import { readComplaintFile } from '../../modules/complaints/read-complaint-file';
import { complaintStatusByReceipt, listComplaintFiles, listComplaints } from '../../modules/complaints/complaints-repo';
import { contentDisposition } from './case-files';
import { ctxOf } from '../auth';
import { IdParams, Page, Uuid } from '../schemas';
import { RATE_LIMITS } from '../rate-limits';
import { GetComplaintsOut, GetPublicComplaintsStatusOut, PostComplaintsByIdComplainantOut, PostComplaintsByIdRegisterOut, PostPublicComplaintsOut } from '../../../core/api/complaints';
import { Ok } from '../../../core/api/common';

const STATUS_LABEL: Record<string, string> = { new: '已收到，待受理', registered: '已受理', rejected: '不予受理' };

export function complaintRoutes(s: FastifyInstance, app: AppContext) {
  const server = s.withTypeProvider<TypeBoxTypeProvider>();
  // Base64 of at most COMPLAINT_MAX_FILES files at the size limit, and the text around them.
  const base64Max = Math.ceil(app.config.complaintFileMaxBytes / 3) * 4;
  const submitBodyLimit = COMPLAINT_MAX_FILES * base64Max + 256 * 1024;

  server.get('/api/public/complaints/challenge', {
    config: { public: true, rateLimit: RATE_LIMITS.complaintChallenge },
    schema: { tags: ['公开'], summary: '取得投诉举报表单的人机校验（工作量证明）：求 nonce 使 SHA-256(challenge:nonce) 以 bits 个 0 位开头；一次有效，限时',
      response: { 200: Type.Object({ challenge: Type.String(), bits: Type.Integer(), expiresAt: Type.String() }) } },
  }, async () => issueComplaintChallenge(app));

  server.post('/api/public/complaints', {
    config: { public: true, rateLimit: RATE_LIMITS.complaintSubmit },
    bodyLimit: submitBodyLimit,
    schema: {
      response: { 201: PostPublicComplaintsOut },
      tags: ['公开'], summary: '提交投诉举报（无需登录）；返回受理码，凭码查询办理进度。举报人信息加密另存，不随案件流转',
      body: Type.Object({
        accusedName: Type.String({ minLength: 2, maxLength: 100 }),
        accusedCreditCode: Type.Optional(Type.Union([Type.String({ pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$' }), Type.Null()])),
        accusedKind: Type.Union([Type.Literal('organization'), Type.Literal('person')]),
        content: Type.String({ minLength: 10, maxLength: 5000 }),
        complainant: Type.Object({ name: Type.String({ minLength: 1, maxLength: 50 }), phone: Type.String({ pattern: '^[0-9+\\- ]{6,20}$' }), email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 100 }), Type.Null()])) }, { additionalProperties: false }),
        attachments: Type.Optional(Type.Array(Type.Object({ fileName: Type.String({ minLength: 1, maxLength: 200 }), contentBase64: Type.String({ maxLength: base64Max + 4, pattern: '^[A-Za-z0-9+/]*={0,2}$' }) }, { additionalProperties: false }), { description: `证据材料，最多 ${COMPLAINT_MAX_FILES} 个（PDF、JPEG、PNG、Word），按内容检查` })),
        proof: Type.Optional(Type.Object({ challenge: Type.String({ maxLength: 600 }), nonce: Type.String({ pattern: '^[0-9]{1,12}$' }) }, { additionalProperties: false, description: '人机校验的答案（GET /api/public/complaints/challenge）' })),
      }, { additionalProperties: false }),
    },
  }, async (req, reply) => reply.status(201).send(await submitComplaint(app, req.body)));

  server.get('/api/public/complaints/status', {
    config: { public: true, rateLimit: RATE_LIMITS.complaintStatus },
    schema: { tags: ['公开'], summary: '凭受理码查询投诉举报办理进度', querystring: Type.Object({ receipt: Type.String({ minLength: 16, maxLength: 16 }) }), response: { 200: GetPublicComplaintsStatusOut } },
  }, async (req) => {
    const r = await complaintStatusByReceipt(app.db, receiptDigest(req.query.receipt));
    if (!r) throw new AppError('NOT_FOUND', { field: 'receipt', zh: '受理码不存在' });
    const stateLabel = r.procedure ? procedureOf(r.procedure).states.find((x) => x.id === r.state)?.label ?? null : null;
    return { status: STATUS_LABEL[r.status], submittedAt: new Date(r.submitted_at).toISOString(), handledAt: r.handled_at ? new Date(r.handled_at).toISOString() : null, progress: stateLabel, rejectionReason: r.rejection_reason };
  });

  server.get('/api/complaints', { config: { permission: 'complaint.intake' },
    schema: { tags: ['科研诚信'], summary: '投诉举报受理台账（不含举报人信息）', querystring: Type.Object({ status: Type.Optional(Type.Union([Type.Literal('new'), Type.Literal('registered'), Type.Literal('rejected')])), ...Page }), response: { 200: GetComplaintsOut } },
  }, async (req) => {
    const ctx = ctxOf(req);
    const { total, rows } = await listComplaints(app.db, ctx.scope, { status: req.query.status, page: req.query.page ?? 1, pageSize: req.query.pageSize ?? 20 });
    const files = await listComplaintFiles(app.db, rows.map((r) => r.id));
    return {
      total, items: rows.map((r) => ({
        attachments: files.filter((f) => f.intake_id === r.id).map((f) => ({ id: f.id, fileName: f.file_name, mediaType: f.media_type, sizeBytes: f.size_bytes, sha256: f.sha256, sm3: f.sm3 })), id: r.id, accusedName: r.accused_name, accusedCreditCode: r.accused_credit_code, accusedKind: r.accused_is_unit, content: r.content,
        status: r.status, statusLabel: STATUS_LABEL[r.status], caseId: r.case_id, rejectionReason: r.rejection_reason, submittedAt: new Date(r.submitted_at).toISOString(), version: r.version })),
    };
  });

  server.get('/api/complaints/files/:id', { config: { permission: 'complaint.intake' },
    schema: { tags: ['科研诚信'], summary: '下载举报人提交的证据材料（仅本辖区受理岗位，逐次留痕）', params: IdParams,
      response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: '文件本身' }) } },
  }, async (req, reply) => {
    const f = await readComplaintFile(app, ctxOf(req), req.params.id);
    return reply.header('content-type', f.mediaType).header('content-disposition', contentDisposition(f.fileName)).send(f.bytes);
  });

  server.post('/api/complaints/:id/register', { config: { permission: 'complaint.intake' },
    schema: { tags: ['科研诚信'], summary: '受理并按 CI-29 转办（本人所在单位或上级主管部门）', params: IdParams, body: Type.Object({ version: Type.Integer({ minimum: 1 }), accusedId: Uuid, isUnitHead: Type.Boolean() }, { additionalProperties: false }), response: { 200: PostComplaintsByIdRegisterOut } },
  }, async (req) => {
    const c = await registerComplaint(app, ctxOf(req), req.params.id, req.body);
    return { caseId: c.id, state: c.state };
  });

  server.post('/api/complaints/:id/reject', { config: { permission: 'complaint.intake' },
    schema: { tags: ['科研诚信'], summary: '不予受理（写明理由）', params: IdParams, body: Type.Object({ version: Type.Integer({ minimum: 1 }), reason: Type.String({ minLength: 5, maxLength: 1000 }) }, { additionalProperties: false }), response: { 200: Ok } },
  }, async (req) => {
    await rejectComplaint(app, ctxOf(req), req.params.id, req.body);
    return { ok: true };
  });

  server.post('/api/complaints/:id/complainant', { config: { permission: 'complaint.identity.read' },
    schema: { tags: ['科研诚信'], summary: '查看举报人身份（仅受理岗位；须说明理由，逐次留痕）', params: IdParams, body: Type.Object({ reason: Type.String({ minLength: 5, maxLength: 500 }) }, { additionalProperties: false }), response: { 200: PostComplaintsByIdComplainantOut } },
  }, async (req) => readComplainant(app, ctxOf(req), req.params.id, req.body.reason));
}
