/** 主体：单位、个人、专家、推荐部门、科技服务机构 (CI-4). Routes: validate → authorize → command → present. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { listAbilities } from '../../../core/access/record-abilities';
import { ORGANIZATION_TYPE_LABEL, SUBJECT_KIND_LABEL } from '../../../core/domain/vocabulary';
import type { AppContext, RequestContext } from '../../context';
import { auditExport } from '../../modules/audit/audit-export';
import { createRelation } from '../../modules/subjects/create-relation';
import { endRelation } from '../../modules/subjects/end-relation';
import { createSubject } from '../../modules/subjects/create-subject';
import { revealIdNumber } from '../../modules/subjects/reveal-id-number';
import { updateSubject } from '../../modules/subjects/update-subject';
import { listRelations, listSubjects, listSubjectsForExport, type SubjectFilter } from '../../modules/subjects/subjects-repo';
import { normaliseIdNumber } from '../../../core/identity/id-number';
import { AppError } from '../../../core/errors';
import { ctxOf } from '../auth';
import { recordOf } from '../records';
import { sendXlsx } from '../excel';
import { toXlsx } from '../../formats/xlsx';
import { presentSubject } from '../presenters';
import { XLSX } from '../../../core/api/common';
import { CreatedRelationOut, IdNumberOut, SubjectDetailOut, SubjectListOut, SubjectOut } from '../../../core/api/subjects';
import { CreateRelationBody, CreateSubjectBody, EndRelationBody, IdParams, RelationParams, RelationResponse, SubjectListQuery, UpdateSubjectBody, type Static } from '../schemas';

export const EXPORT_CAP = 10_000;

const looksLikeIdNumber = (q: string | undefined) => !!q && /^\d{17}[\dXx]$/.test(q.trim());

/**
 * An ID number is searched for only through a request body (POST /api/subjects/search): in a URL it
 * would stay in logs, proxies and the browser's history (issue 16 M4).
 */
function refuseIdNumberInUrl(q: string | undefined) {
  if (looksLikeIdNumber(q)) throw new AppError('VALIDATION_FAILED', { field: 'q', zh: '按身份证号检索请使用 POST /api/subjects/search（请求体），身份证号不应出现在网址中' });
}

function filterOf(app: AppContext, q: Static<typeof SubjectListQuery>): SubjectFilter {
  const f: SubjectFilter = { kind: q.kind, orgType: q.orgType, isExpert: q.isExpert, employerId: q.employerId };
  if (q.regionCode) f.regionCodes = app.regions.subtree(q.regionCode);
  if (q.q) {
    // An 18-character ID number is looked up by its blind index, never by scanning plaintext.
    if (looksLikeIdNumber(q.q)) f.idNumberIndex = app.cipher.blindIndex(normaliseIdNumber(q.q));
    else f.q = q.q.trim();
  }
  return f;
}


export function subjectRoutes(s: FastifyInstance, app: AppContext) {
  const server = s.withTypeProvider<TypeBoxTypeProvider>();
  const present = (ctx: RequestContext, row: Parameters<typeof presentSubject>[0]) => presentSubject(row, ctx.actor, ctx.scope, app.regions);

  const list = async (ctx: RequestContext, query: Static<typeof SubjectListQuery>) => {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const { total, items } = await listSubjects(app.db, ctx.scope, filterOf(app, query), page, pageSize);
    return {
      total, page, pageSize, items: items.map((r) => present(ctx, r)),
      abilities: listAbilities(ctx.actor.role, 'subject'),
    };
  };
  server.get('/api/subjects', { config: { permission: 'subject.read' }, schema: { tags: ['主体'], summary: '主体列表（名称或信用代码检索；身份证号请用 POST /api/subjects/search）', querystring: SubjectListQuery, response: { 200: SubjectListOut } } }, async (req) => {
    const ctx = ctxOf(req);
    refuseIdNumberInUrl(req.query.q);
    return list(ctx, req.query);
  });
  server.post('/api/subjects/search', { config: { permission: 'subject.read' }, schema: { tags: ['主体'], summary: '主体检索（条件在请求体中，可按身份证号，经盲索引查找）', body: SubjectListQuery, response: { 200: SubjectListOut } } }, async (req) => {
    return list(ctxOf(req), req.body);
  });

  server.get('/api/subjects/export.xlsx', { config: { permission: ['list.export', 'subject.read'] }, schema: { tags: ['主体'], summary: '导出主体列表（Excel）', querystring: SubjectListQuery, response: { 200: XLSX } } }, async (req, reply) => {
    const ctx = ctxOf(req);
    refuseIdNumberInUrl(req.query.q);
    const filter = filterOf(app, req.query);
    const rows = await listSubjectsForExport(app.db, ctx.scope, filter, EXPORT_CAP);
    const buf = await toXlsx('主体', [
      { header: '类别', value: (r) => (r.kind === 'person' ? (r.is_expert ? '个人（专家）' : SUBJECT_KIND_LABEL.person) : ORGANIZATION_TYPE_LABEL[r.org_type!]) },
      { header: '名称/姓名', width: 30, value: (r) => r.name },
      { header: '统一社会信用代码', width: 22, value: (r) => r.credit_code },
      { header: '身份证号码（脱敏）', width: 22, value: (r) => r.id_number_masked },
      { header: '工作单位', width: 30, value: (r) => r.employer_name },
      { header: '所属区划', value: (r) => app.regions.get(r.region_code)?.name ?? r.region_code },
    ], rows);
    await auditExport(app, ctx, 'list.export', 'subject', { filter: req.query, rows: rows.length });
    return sendXlsx(reply, '主体列表.xlsx', buf);
  });

  server.get('/api/subjects/:id', { config: { permission: 'subject.read', record: 'subject' }, schema: { tags: ['主体'], summary: '主体详情', params: IdParams, response: { 200: SubjectDetailOut } } }, async (req) => {
    // A role without the permission is refused outright (403); a record out of scope does not exist (404, records.ts).
    const ctx = ctxOf(req);
    const row = recordOf(req, 'subject');
    const relations = await listRelations(app.db, row.id);
    return { ...present(ctx, row), relations: relations.map((r) => ({ id: r.id, kind: r.kind, personId: r.person_id, personName: r.person_name, organizationId: r.organization_id, organizationName: r.organization_name, since: r.since, until: r.until, version: r.version })) };
  });

  server.get('/api/subjects/:id/id-number', { config: { permission: 'subject.read' }, schema: { tags: ['主体'], summary: '查看完整身份证号码（留痕）', params: IdParams, response: { 200: IdNumberOut } } }, async (req) => {
    return { idNumber: await revealIdNumber(app, ctxOf(req), req.params.id) };
  });

  server.post('/api/subjects', { config: { permission: 'subject.write' }, schema: { tags: ['主体'], summary: '新增主体', body: CreateSubjectBody, response: { 201: SubjectOut } } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const row = await createSubject(app, ctx, req.body);
    return reply.status(201).send(present(ctx, row));
  });

  server.patch('/api/subjects/:id', { config: { permission: 'subject.read' }, schema: { tags: ['主体'], summary: '修改主体', params: IdParams, body: UpdateSubjectBody, response: { 200: SubjectOut } } }, async (req) => {
    const ctx = ctxOf(req);
    return present(ctx, await updateSubject(app, ctx, req.params.id, req.body));
  });

  server.post('/api/subjects/:id/relations', { config: { permission: 'subject.write' }, schema: { tags: ['主体'], summary: '新增主体关系（CI-26；任职单位）及起止日期', params: IdParams, body: CreateRelationBody, response: { 201: RelationResponse } } }, async (req, reply) => {
    const ctx = ctxOf(req);
    return reply.status(201).send(await createRelation(app, ctx, req.params.id, req.body));
  });

  server.post('/api/subjects/:id/relations/:relationId/end', { config: { permission: 'subject.write' }, schema: { tags: ['主体'], summary: '终止主体关系（登记结束日期）', params: RelationParams, body: EndRelationBody, response: { 200: RelationResponse } } }, async (req) => {
    const ctx = ctxOf(req);
    return endRelation(app, ctx, req.params.id, req.params.relationId, req.body);
  });
}
