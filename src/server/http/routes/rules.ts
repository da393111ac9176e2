/** 政策版本、认定事实、信用评价. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { inScope, regionRecord } from '../../../core/access/policy';
import { ROLE_DEFINITIONS } from '../../../core/access/roles';
import { findingAbilities, participationAbilities, ratingAbilities, ratingListAbilities } from '../../../core/access/record-abilities';
import { CRITERIA, LEVEL_LABEL, SUBJECT_TYPE_LABEL, type SubjectType } from '../../../core/rating/criteria';
import { expandResult, type StoredRating } from '../../../core/rating/rate';
import { clausesOf } from '../../../core/policy/clauses';
import { AppError } from '../../../core/errors';
import { businessDate } from '../../../core/time/clock';
import type { AppContext, RequestContext } from '../../context';
import { findingsOfSubject, listRatings, ratingsOfSubject, revisionsOfRating, subjectOfRating, type RatingRow } from '../../modules/rules/ratings-repo';
import { addPolicyVersion } from '../../modules/rules/add-policy-version';
import { ratedTypesOf } from '../../modules/rules/rating-facts';
import { recordFinding } from '../../modules/rules/record-finding';
import { attachFindingSource } from '../../modules/rules/attach-finding-source';
import { readFactFile } from '../../modules/files/read-fact-file';
import { contentDisposition } from './case-files';
import { Type } from 'typebox';
import { recordParticipation } from '../../modules/rules/record-participation';
import { activityYearsOf, participationsOf } from '../../modules/rules/participations-repo';
import { determineRating, previewRating, rateRegion, rateSubject } from '../../modules/rules/store-rating';
import { ctxOf } from '../auth';
import { recordOf } from '../records';
import { loadVisibleSubject } from '../../modules/subjects/subject-input';
import { Binary } from '../../../core/api/common';
import { AddPolicyVersionBody, ComputeRatingBody, CorrectFindingBody, DetermineBody, FactFileAnswer, FileNameQuery, IdParams, ParticipationList, ParticipationRecorded, PreviewRatingBody, RatingListQuery, RatingRunAnswer, RatingRunBody, RecordFindingBody, RecordParticipationBody, WithdrawFindingBody } from '../schemas';
import { correctFinding, withdrawFinding } from '../../modules/rules/correct-finding';
import { GetPoliciesOut, GetRatingsByIdRevisionsOut, GetRatingsOut, GetSubjectsByIdFindingsOut, GetSubjectsByIdRatingsOut, PostFindingsByIdCorrectOut, PostFindingsByIdWithdrawOut, PostFindingsOut, PostPoliciesOut, PostRatingsByIdDeterminationOut, PostSubjectsByIdRatingsOut, PostSubjectsByIdRatingsPreviewOut } from '../../../core/api/rules';

function presentRating(app: AppContext, ctx: RequestContext, r: RatingRow) {
  return {
    id: r.id, subjectId: r.subject_id, subjectName: r.subject_name, subjectType: r.subject_type, subjectTypeLabel: SUBJECT_TYPE_LABEL[r.subject_type],
    year: r.year, regionName: app.regions.get(r.region_code)?.name ?? r.region_code, computedLevel: r.computed_level, clauses: r.clauses,
    determinationRequired: r.determination_required, level: r.determined_level ?? r.computed_level, determinedLevel: r.determined_level,
    determinedReason: r.determined_reason, policyVersionId: r.policy_version_id, policyInForce: r.policy_in_force,
    computedAt: new Date(r.computed_at).toISOString(), publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null, result: expandResult(r.result as StoredRating, app.policies.registry), version: r.version,
    abilities: ratingAbilities(ctx.actor.role, r.determination_required),
  };
}

/** A rating is read through its subject: out of scope answers 404 before anything else (records out of scope answer 404). */
async function visibleRating(app: AppContext, ctx: RequestContext, id: string) {
  const subjectId = await subjectOfRating(app.db, id);
  if (!subjectId) throw new AppError('NOT_FOUND');
  await loadVisibleSubject(app.db, ctx.scope, subjectId);
}

export function rulesRoutes(s: FastifyInstance, app: AppContext) {
  const server = s.withTypeProvider<TypeBoxTypeProvider>();

  server.get('/api/policies', { config: { permission: 'rating.read' }, schema: { tags: ['政策'], summary: '政策版本（含延续执行与新版本）及今日是否有效', response: { 200: GetPoliciesOut } } }, async (req) => {
    await app.policies.refresh(app.db);
    const today = businessDate(app.clock);
    const reg = app.policies.registry;
    return {
      today,
      versions: reg.versions.map((v) => ({ ...v, inForceToday: v.inForceFrom <= today && (v.inForceTo === null || today <= v.inForceTo), clauses: clausesOf(reg.contentOf(v).document) })),
      status: (['YT', 'CI', 'CR'] as const).map((d) => {
        const l = reg.versionFor(d, today);
        return { document: d, docNo: l.version.docNo, versionId: l.version.id, inForce: l.inForce, warning: l.warning };
      }),
      criteria: CRITERIA,
    };
  });

  server.post('/api/policies', { config: { permission: 'policy.manage' }, schema: { tags: ['政策'], summary: '登记延续执行或新版本', body: AddPolicyVersionBody, response: { 201: PostPoliciesOut } } }, async (req, reply) => {
    const ctx = ctxOf(req);
    return reply.status(201).send(await addPolicyVersion(app, ctx.actor, { ...req.body, extends: req.body.extends }, ctx.ip));
  });

  server.get('/api/subjects/:id/findings', { config: { permission: 'rating.read', record: 'subject' }, schema: { tags: ['信用'], summary: '主体的认定事实', params: IdParams, response: { 200: GetSubjectsByIdFindingsOut } } }, async (req) => {
    const ctx = ctxOf(req);
    const subject = recordOf(req, 'subject');
    const rows = await findingsOfSubject(app.db, subject.id);
    return {
      items: rows.map((f) => ({ id: f.id, subjectType: f.subject_type, clause: f.clause, factDate: f.fact_date, met: f.met, description: f.description, sourceKind: f.source_kind,
        sourceDocument: f.source_document, projectCode: f.project_code, recordedBy: f.recorded_by_name, recordedAt: new Date(f.recorded_at).toISOString(), withdrawn: f.withdrawn_at !== null,
        withdrawnAt: f.withdrawn_at ? new Date(f.withdrawn_at).toISOString() : null, withdrawnReason: f.withdrawn_reason, corrects: f.corrects, supersededBy: f.superseded_by,
        // CI-5: the source document itself, where one was uploaded.
        sourceFile: f.source_file_id ? { id: f.source_file_id, fileName: f.source_file_name, sm3: f.source_file_sm3 } : null })),
      ratedTypes: ratedTypesOf(subject),
      abilities: findingAbilities(ctx.actor.role),
    };
  });

  server.get('/api/subjects/:id/participations', { config: { permission: 'rating.read', record: 'subject' }, schema: { tags: ['信用'], summary: '主体的参与记录（评审任务、服务项目；CI-18、CI-20）', params: IdParams, response: { 200: ParticipationList } } }, async (req) => {
    const ctx = ctxOf(req);
    const subject = recordOf(req, 'subject');
    const [rows, years] = [await participationsOf(app.db, subject.id), await activityYearsOf(app.db, subject.id)];
    const recordable = subject.kind === 'person' ? (subject.is_expert ? 'review' as const : null) : subject.org_type === 'service_agency' ? 'service' as const : null;
    return {
      items: rows.map((r) => ({ id: r.id, kind: r.kind, callRef: r.call_ref, projectId: r.project_id, projectCode: r.project_code, projectName: r.project_name, onDate: r.on_date,
        recusalDeclared: r.recusal_declared, note: r.note, recordedBy: r.recorded_by_name, recordedAt: new Date(r.recorded_at).toISOString() })),
      activeYears: years, recordable,
      abilities: participationAbilities(ctx.actor.role, recordable !== null),
    };
  });

  server.post('/api/participations', { config: { permission: 'participation.record' }, schema: { tags: ['信用'], summary: '登记参与记录：专家评审任务（是否申明回避）或科技服务机构的服务项目', body: RecordParticipationBody, response: { 201: ParticipationRecorded } } }, async (req, reply) => {
    const ctx = ctxOf(req);
    return reply.status(201).send(await recordParticipation(app, ctx, req.body));
  });

  server.post('/api/findings', { config: { permission: 'finding.write' }, schema: { tags: ['信用'], summary: '录入认定事实（CI-5 须注明来源文件）', body: RecordFindingBody, response: { 201: PostFindingsOut } } }, async (req, reply) => {
    const ctx = ctxOf(req);
    return reply.status(201).send(await recordFinding(app, ctx, req.body));
  });

  server.post('/api/findings/:id/source-file', {
    config: { permission: 'finding.write' }, bodyLimit: app.config.uploadMaxBytes,
    schema: { tags: ['信用'], summary: '上传认定事实的来源文件（CI-5；请求体为文件本身，Content-Type: application/octet-stream，按内容识别类型）', params: IdParams,
      querystring: FileNameQuery, response: { 201: FactFileAnswer } },
  }, async (req, reply) => {
    const ctx = ctxOf(req);
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    return reply.status(201).send(await attachFindingSource(app, ctx, req.params.id, { fileName: req.query.fileName, bytes }));
  });

  server.get('/api/fact-files/:id', { config: { permission: 'subject.read' }, schema: { tags: ['信用'], summary: '下载认定事实的来源文件或承诺书扫描件（留痕）', params: IdParams, response: { 200: Binary('来源文件或承诺书扫描件的原文件') } } }, async (req, reply) => {
    const f = await readFactFile(app, ctxOf(req), req.params.id);
    return reply.header('content-type', f.mediaType).header('content-disposition', contentDisposition(f.fileName)).send(f.bytes);
  });

  server.post('/api/findings/:id/withdraw', { config: { permission: 'finding.correct' },
    schema: { tags: ['信用'], summary: '撤销认定事实（科研诚信管理科室，写明理由；原记录保留，受影响的评价重新计算并重新进入意见期，CI-15）', params: IdParams, body: WithdrawFindingBody, response: { 200: PostFindingsByIdWithdrawOut } } }, async (req) => {
    const ctx = ctxOf(req);
    return withdrawFinding(app, ctx, req.params.id, req.body.reason);
  });

  server.post('/api/findings/:id/correct', { config: { permission: 'finding.correct' },
    schema: { tags: ['信用'], summary: '更正认定事实（原记录保留并指向更正后的记录；受影响的评价重新计算并重新进入意见期，CI-15）', params: IdParams, body: CorrectFindingBody, response: { 201: PostFindingsByIdCorrectOut } } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const { reason, ...change } = req.body;
    return reply.status(201).send(await correctFinding(app, ctx, req.params.id, reason, change));
  });

  server.get('/api/ratings/:id/revisions', { config: { permission: 'rating.read' }, schema: { tags: ['信用'], summary: '评价因更正认定事实或复核而改变的记录（原等级和原生效时间）', params: IdParams, response: { 200: GetRatingsByIdRevisionsOut } } }, async (req) => {
    const ctx = ctxOf(req);
    await visibleRating(app, ctx, req.params.id);
    const rows = await revisionsOfRating(app.db, req.params.id);
    const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
    return { items: rows.map((x) => ({ cause: x.cause, findingId: x.finding_id, caseId: x.case_id, oldLevel: x.old_level, newLevel: x.new_level, oldPublishedAt: iso(x.old_published_at), newPublishedAt: iso(x.new_published_at), reason: x.reason, revisedAt: iso(x.revised_at) })) };
  });

  server.get('/api/subjects/:id/ratings', { config: { permission: 'rating.read', record: 'subject' }, schema: { tags: ['信用'], summary: '主体的历年信用评价', params: IdParams, response: { 200: GetSubjectsByIdRatingsOut } } }, async (req) => {
    const ctx = ctxOf(req);
    const subject = recordOf(req, 'subject');
    const rows = await ratingsOfSubject(app.db, subject.id);
    return { items: rows.map((r) => presentRating(app, ctx, r)), ratedTypes: ratedTypesOf(subject) };
  });

  server.post('/api/subjects/:id/ratings', { config: { permission: 'rating.run', record: 'subject' }, schema: { tags: ['信用'], summary: '对一个主体重新评价并保存', params: IdParams, body: ComputeRatingBody, response: { 200: PostSubjectsByIdRatingsOut } } }, async (req) => {
    const ctx = ctxOf(req);
    const subject = recordOf(req, 'subject');
    return rateSubject(app, ctx.actor, subject, req.body.subjectType, req.body.year, ctx.ip);
  });

  server.post('/api/subjects/:id/ratings/preview', { config: { permission: 'rating.read', record: 'subject' }, schema: { tags: ['信用'], summary: '按指定政策版本试算（不保存）', params: IdParams, body: PreviewRatingBody, response: { 200: PostSubjectsByIdRatingsPreviewOut } } }, async (req) => {
    const ctx = ctxOf(req);
    // What-if previews are a bureau's tool; subjects see their stored rating.
    if (ROLE_DEFINITIONS[ctx.actor.role].scope !== 'region') throw new AppError('FORBIDDEN');
    const subject = recordOf(req, 'subject');
    if (!ratedTypesOf(subject).includes(req.body.subjectType)) throw new AppError('INCONSISTENT', { field: 'subjectType', zh: '该主体不属于这一评价类别' });
    return previewRating(app, subject, req.body.subjectType, req.body.year, req.body.versionId ?? null);
  });

  server.post('/api/ratings/run', { config: { permission: 'rating.run' }, schema: { tags: ['信用'], summary: '年度批量信用评价（本辖区全部主体；重新运行时结果未变的保持生效，有变化的重新进入意见期）', body: RatingRunBody, response: { 200: RatingRunAnswer } } }, async (req) => {
    const ctx = ctxOf(req);
    if (!app.regions.get(req.body.regionCode) || !inScope(ctx.scope, regionRecord(req.body.regionCode))) throw new AppError('NOT_FOUND', { field: 'regionCode' });
    return rateRegion(app, ctx.actor, req.body.regionCode, req.body.year, ctx.ip);
  });

  server.get('/api/ratings', { config: { permission: 'rating.read' }, schema: { tags: ['信用'], summary: '信用评价结果', querystring: RatingListQuery, response: { 200: GetRatingsOut } } }, async (req) => {
    const ctx = ctxOf(req);
    const { total, rows } = await listRatings(app.db, ctx.scope, app.regions, req.query);
    return { total, items: rows.map((r) => presentRating(app, ctx, r)), levels: LEVEL_LABEL, abilities: ratingListAbilities(ctx.actor.role) };
  });

  server.post('/api/ratings/:id/determination', { config: { permission: 'rating.determine' }, schema: { tags: ['信用'], summary: '承办人员认定等级（规则未定时）', params: IdParams, body: DetermineBody, response: { 200: PostRatingsByIdDeterminationOut } } }, async (req) => {
    const ctx = ctxOf(req);
    await visibleRating(app, ctx, req.params.id);
    await determineRating(app, ctx.actor, req.params.id, req.body, ctx.ip);
    return { ok: true };
  });
}
