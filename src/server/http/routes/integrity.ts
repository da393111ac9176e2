/** 科研诚信：公开名单（无需登录）、申报一票否决审查、失信线索登记. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../../core/errors';
import { businessDate } from '../../../core/time/clock';
import type { AppContext } from '../../context';
import { publicList } from '../../modules/integrity/public-list';
import { VETO_BATCH_CAP, vetoCheck, type VetoResult } from '../../modules/integrity/veto-check';
import { readApplicants } from '../../modules/integrity/read-applicants';
import { drawSpotChecks } from '../../modules/integrity/draw-spot-check';
import { publicSpotCheck, staffSpotCheck } from '../../modules/integrity/spot-check-record';
import { exportCreditList } from '../../modules/integrity/export-credit-list';
import { listMisconductRecords } from '../../modules/integrity/misconduct-records';
import { banInForce } from '../../modules/integrity/ban-in-force';
import { correctionsOf } from '../../modules/integrity/correct-record';
import { contentDisposition } from './case-files';
import { sendXlsx } from '../excel';
import { toXlsx } from '../../formats/xlsx';
import { recordCommitment } from '../../modules/integrity/record-commitment';
import { addCallApplicant } from '../../modules/integrity/add-call-applicant';
import { signCommitment, uploadSignedCommitment } from '../../modules/integrity/sign-commitment';
import { callApplicants } from '../../modules/integrity/commitments-repo';
import { COMMITMENT_ROLE_LABEL, COMMITMENT_ROLES, commitmentTemplate, type CommitmentRole } from '../../../core/commitments/commitment';
import { incentivesFor } from '../../../core/rating/incentives';
import type { Level } from '../../../core/rating/criteria';
import { inScope } from '../../../core/access/policy';
import { ROLE_DEFINITIONS } from '../../../core/access/roles';
import { callCommitmentAbilities, commitmentAbilities } from '../../../core/access/record-abilities';
import { subjectForPolicy } from '../../modules/subjects/subjects-repo';
import { countRepairsByYear, countUpheldObjectionsByYear, listingsOfSubjects, sanctionsOfSubject, type CountByYear } from '../../modules/integrity/listings-repo';
import { ctxOf } from '../auth';
import { recordOf } from '../records';
import { MISCONDUCT_KIND_LABEL, type MisconductKind } from '../../../core/sanctions/misconduct';
import { MEASURE_LABEL, SEVERITY_LABEL, type Measure, type Severity } from '../../../core/sanctions/sanctions';
import { IsoDate, Page, StringEnum, Uuid, VetoCheckBody } from '../schemas';
import { RATE_LIMITS, spend } from '../rate-limits';
import { GetMisconductRecordsOut, GetMyListingsOut, GetPublicSpotChecksByIdOut, GetSpotChecksByIdOut, GetSubjectsByIdSanctionsOut, PostCommitmentsOut, PostSpotChecksOut, PostVetoCheckOut } from '../../../core/api/integrity';
import { AnyJson, Binary } from '../../../core/api/common';


const OrNull = (t: ReturnType<typeof Type.String>) => Type.Union([t, Type.Null()]);
/** The public list's answer, declared so that nothing beyond these fields can ever be published. */
const PublicListAnswer = Type.Object({
  today: Type.String(), total: Type.Integer(), totalIsLowerBound: Type.Boolean(),
  items: Type.Array(Type.Object({
    id: Type.String(), name: Type.String(), kind: Type.String(), creditCode: OrNull(Type.String()), answersFor: OrNull(Type.String()),
    misconduct: Type.String(), severity: Type.String(), clause: Type.String(), measures: Type.Array(Type.String()),
    decidedOn: Type.String(), decidedBy: Type.String(), decisionNo: Type.String(), basis: Type.String(),
    banUntil: OrNull(Type.String()), banLife: Type.Boolean(), publicUntil: Type.String(), removedOn: Type.String(), publicationBasis: OrNull(Type.String()),
    corrections: Type.Array(Type.Object({ label: Type.String(), on: Type.String() })),
  })),
});
/** Repairs and upheld objections are published as counts only: a subject repaired or wrongly proposed is not named (CI-27, CI-31). */
const CountsByYear = Type.Object({ total: Type.Integer(), byYear: Type.Array(Type.Object({ year: Type.Integer(), count: Type.Integer() })) });
const PublicResultsAnswer = Type.Object({ today: Type.String(), repairs: CountsByYear, objectionsUpheld: CountsByYear, note: Type.String() });

export function integrityRoutes(s: FastifyInstance, app: AppContext) {
  const server = s.withTypeProvider<TypeBoxTypeProvider>();

  server.get('/api/public/sanctions', {
    config: { public: true, rateLimit: RATE_LIMITS.publicSearch },
    schema: { tags: ['公开'], summary: '公开名单：在期的严重失信处理（无需登录；期满次日自动不再显示）', querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 50 })), ...Page }), response: { 200: PublicListAnswer } },
  }, async (req, reply) => {
    spend(reply, s.budgets.publicSearchOverall, 'all');
    const today = businessDate(app.clock);
    const q = req.query.q?.trim() || null;
    // A name is searched by its pairs of characters: one character alone would match half the list.
    if (q && [...q].length < 2) throw new AppError('VALIDATION_FAILED', { field: 'q', zh: '检索词至少两个字（名称片段或统一社会信用代码）' });
    return { today, ...(await publicList(app.db, today, q, req.query.page ?? 1, req.query.pageSize ?? 20, app.regions)) };
  });

  server.get('/api/public/results', {
    config: { public: true },
    schema: { tags: ['公开'], summary: '信用修复和异议成立的件数（CI-27、CI-31）：只公布件数，不公布名称', response: { 200: PublicResultsAnswer } },
  }, async () => {
    const counts = (rows: CountByYear[]) => ({ total: rows.reduce((n, r) => n + r.count, 0), byYear: rows.map((r) => ({ year: r.year, count: r.count })) });
    return {
      today: businessDate(app.clock),
      repairs: counts(await countRepairsByYear(app.db)),
      objectionsUpheld: counts(await countUpheldObjectionsByYear(app.db)),
      note: '已修复的主体和异议成立的主体不在公开名单上，也不在此列出名称（楚科规〔2022〕5号 第二十七条、第三十一条；国家发展改革委令2025年第36号 第三条：修复后终止公示）',
    };
  });

  server.post('/api/veto-check', { config: { permission: 'veto.check' },
    schema: {
      tags: ['科研诚信'], summary: `申报一票否决审查（CI-10）：逐一返回是否否决；本辖区内的主体附最近信用等级及依据，辖区外的只告知是否否决。个人须同时提供姓名和身份证号；批量须注明申报批次，每次至多 ${VETO_BATCH_CAP} 个`,
      body: VetoCheckBody, response: { 200: PostVetoCheckOut },
    },
  }, async (req) => {
    const results = await vetoCheck(app, ctxOf(req), req.body.on, req.body.applicants, req.body.callRef ?? null);
    return { on: req.body.on, withoutCommitment: req.body.callRef ? results.filter((r) => r.found && !r.commitmentSignedOn).length : undefined, vetoed: results.filter((r) => r.vetoed).length, results };
  });

  server.post('/api/veto-check/xlsx', { config: { permission: 'veto.check' },
    bodyLimit: 10 * 1_048_576,
    schema: {
      tags: ['科研诚信'], summary: `批量一票否决审查：上传 Excel（第 1 列名称或姓名，第 2 列统一社会信用代码或身份证号；只读第 1 个工作表，至多 ${VETO_BATCH_CAP} 行），返回审查结果 Excel`,
      querystring: Type.Object({ on: IsoDate, callRef: Type.String({ minLength: 1, maxLength: 64, description: '申报批次' }),
        format: Type.Optional(Type.Union([Type.Literal('xlsx'), Type.Literal('json')], { description: 'json：结果逐行返回供页面显示，结果 Excel 以 base64 附在 xlsxBase64 中（同一次审查）' })) }), response: { 200: AnyJson('json：结果及 base64 的 Excel；xlsx：Excel 工作簿') },
    },
  }, async (req, reply) => {
    const ctx = ctxOf(req);
    const applicants = await readApplicants(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
    const results = await vetoCheck(app, ctx, req.query.on, applicants, req.query.callRef);
    const buf = await toXlsx('一票否决审查', [
      { header: '名称或姓名', width: 24, value: (r: VetoResult) => r.ref }, { header: '库中名称', width: 24, value: (r) => r.name },
      { header: '身份证号（脱敏）', width: 22, value: (r) => r.idNumberMasked }, { header: '审查结论', value: (r) => (r.vetoed ? '否决' : '通过') },
      { header: '最近信用等级', value: (r) => (r.rating ? `${r.rating.year} 年 ${r.rating.level ?? '未评级'}` : '—') },
      { header: '依据', width: 60, value: (r) => r.reasons.join('；') },
    ], results);
    const vetoed = results.filter((r) => r.vetoed).length;
    if (req.query.format === 'json') return { on: req.query.on, vetoed, results, xlsxBase64: buf.toString('base64') };
    return sendXlsx(reply.header('x-vetoed', String(vetoed)), `一票否决审查-${req.query.on}.xlsx`, buf);
  });

  server.post('/api/spot-checks', { config: { permission: 'project.write' },
    schema: {
      tags: ['科研诚信'], summary: '随机抽查（CI-21、YT-8）：按信用等级分层抽取项目、回避抽取检查人员；输入与结果一并公开，可复现',
      body: Type.Object({ title: Type.String({ minLength: 2, maxLength: 100 }), baseRatio: Type.Number({ exclusiveMinimum: 0, maximum: 1 }), inspectorsPerProject: Type.Integer({ minimum: 1, maximum: 9 }), seed: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) }, { additionalProperties: false }), response: { 201: PostSpotChecksOut },
    },
  }, async (req, reply) => {
    const ctx = ctxOf(req);
    return reply.status(201).send(await drawSpotChecks(app, ctx, req.body));
  });

  server.get('/api/public/spot-checks/:id', { config: { public: true }, schema: { tags: ['公开'], summary: '公开的抽查结果：种子、比例、各层候选与抽中数、抽中项目及其所在层、检查人员编号，以及对全部输入的 SM3 承诺值（不公开候选单位及其信用等级）', params: Type.Object({ id: Uuid }), response: { 200: GetPublicSpotChecksByIdOut } } }, async (req) => publicSpotCheck(app, req.params.id));

  server.get('/api/spot-checks/:id', { config: { permission: 'project.read' }, schema: { tags: ['科研诚信'], summary: '抽查的全部输入与承诺用的盐值（本辖区工作人员；可据此复现抽取并核对承诺值）', params: Type.Object({ id: Uuid }), response: { 200: GetSpotChecksByIdOut } } },
    async (req) => staffSpotCheck(app, ctxOf(req), req.params.id));

  server.post('/api/commitments', { config: { permission: 'commitment.record' },
    schema: {
      tags: ['科研诚信'], summary: '登记诚信承诺书（CI-9）：申报批次中每个单位和人员各一份',
      body: Type.Object({ callRef: Type.String({ minLength: 1, maxLength: 64 }), subjectId: Uuid, role: Type.Union([Type.Literal('unit'), Type.Literal('leader'), Type.Literal('member'), Type.Literal('expert')]), signedOn: IsoDate }, { additionalProperties: false }), response: { 201: PostCommitmentsOut },
    },
  }, async (req, reply) => reply.status(201).send(await recordCommitment(app, ctxOf(req), req.body)));

  // CI-9 per call: the applicants, who has signed (and how), who has not; CI-21.1 priority beside each.
  const CallParams = Type.Object({ callRef: Type.String({ minLength: 1, maxLength: 64 }) });
  const Role = StringEnum(COMMITMENT_ROLES);
  const CommitmentAnswer = Type.Object({ id: Uuid, callRef: Type.String(), subjectId: Uuid, role: Role, signedOn: IsoDate, method: Type.String(), policyVersionId: Type.String(),
    scanFile: Type.Optional(Type.Object({ id: Uuid, fileName: Type.String(), sm3: Type.String() })) });
  const CallCommitments = Type.Object({
    callRef: Type.String(), on: IsoDate,
    template: Type.Object({ text: Type.String(), docNo: Type.String(), versionId: Type.String(), basis: Type.String(), inForce: Type.Boolean(), clause: Type.String() }),
    items: Type.Array(Type.Object({
      subjectId: Uuid, name: Type.String(), kind: Type.String(), role: Role, roleLabel: Type.String(), idNumberMasked: Type.Union([Type.String(), Type.Null()]), creditCode: Type.Union([Type.String(), Type.Null()]),
      signed: Type.Boolean(), signedOn: Type.Union([IsoDate, Type.Null()]), method: Type.Union([Type.String(), Type.Null()]),
      scanFile: Type.Union([Type.Object({ id: Uuid, fileName: Type.String() }), Type.Null()]),
      rating: Type.Union([Type.Object({ year: Type.Integer(), level: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
      priorityAtEqualMerit: Type.Boolean(),
      abilities: Type.Object({ sign: Type.Boolean(), uploadScan: Type.Boolean() }),
    })),
    unsigned: Type.Integer(),
    abilities: Type.Object({ addApplicant: Type.Boolean() }),
  });

  server.post('/api/calls/:callRef/applicants', { config: { permission: 'project.write' },
    schema: { tags: ['科研诚信'], summary: '登记申报批次的申报单位和人员（CI-9：据此列出未签署承诺书者）', params: CallParams,
      body: Type.Object({ subjectId: Uuid, role: Role }, { additionalProperties: false }),
      response: { 201: Type.Object({ callRef: Type.String(), subjectId: Uuid, role: Role }) } },
  }, async (req, reply) => reply.status(201).send(await addCallApplicant(app, ctxOf(req), req.params.callRef, req.body)));

  server.get('/api/calls/:callRef/commitments', { config: { permission: 'commitment.record' },
    schema: { tags: ['科研诚信'], summary: '申报批次的承诺书（CI-9）：承诺书文本（所依政策版本）、每个申报主体是否已签署，及同等条件下优先（CI-21）', params: CallParams, response: { 200: CallCommitments } },
  }, async (req) => {
    const ctx = ctxOf(req);
    const on = businessDate(app.clock);
    const staff = ROLE_DEFINITIONS[ctx.actor.role].scope === 'region';
    const rows = (await callApplicants(app.db, req.params.callRef, on)).filter((r) => inScope(ctx.scope, subjectForPolicy({ id: r.subject_id, kind: r.kind, region_code: r.region_code, employer_id: r.employer_id })));
    const items = rows.map((r) => ({
      subjectId: r.subject_id, name: r.name, kind: r.kind, role: r.role as CommitmentRole, roleLabel: COMMITMENT_ROLE_LABEL[r.role as CommitmentRole],
      idNumberMasked: r.id_number_masked, creditCode: r.credit_code, signed: r.commitment_id !== null, signedOn: r.signed_on, method: r.method,
      scanFile: r.scan_file_id ? { id: r.scan_file_id, fileName: r.scan_file_name! } : null,
      rating: r.rating_year !== null ? { year: r.rating_year, level: r.rating_level } : null,
      priorityAtEqualMerit: incentivesFor(r.rating_level as Level | null, on, app.policies.registry).priorityAtEqualMerit,
      abilities: commitmentAbilities(ctx.actor, staff, { subjectId: r.subject_id, signed: r.commitment_id !== null }),
    }));
    return { callRef: req.params.callRef, on, template: commitmentTemplate(on, app.policies.registry), items, unsigned: items.filter((i) => !i.signed).length,
      abilities: callCommitmentAbilities(ctx.actor.role) };
  });

  server.post('/api/calls/:callRef/commitments/sign', { config: { permission: 'commitment.record' },
    schema: { tags: ['科研诚信'], summary: '本人（本单位）在线签署诚信承诺书（CI-9，以当日有效的承诺书文本）', params: CallParams,
      body: Type.Object({ subjectId: Uuid, role: Role }, { additionalProperties: false }), response: { 201: CommitmentAnswer } },
  }, async (req, reply) => reply.status(201).send(await signCommitment(app, ctxOf(req), req.params.callRef, req.body)));

  server.post('/api/calls/:callRef/commitments/scan', { config: { permission: 'commitment.record' }, bodyLimit: app.config.uploadMaxBytes,
    schema: { tags: ['科研诚信'], summary: '上传已签署承诺书的扫描件（CI-9；请求体为文件本身，按内容识别类型）', params: CallParams,
      querystring: Type.Object({ subjectId: Uuid, role: Role, signedOn: IsoDate, fileName: Type.String({ minLength: 1, maxLength: 200 }) }), response: { 201: CommitmentAnswer } },
  }, async (req, reply) => {
    const ctx = ctxOf(req);
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    return reply.status(201).send(await uploadSignedCommitment(app, ctx, req.params.callRef, { ...req.query, bytes }));
  });

  server.get('/api/subjects/:id/sanctions', { config: { record: 'subject' }, schema: { tags: ['科研诚信'], summary: '主体的失信处理记录（是否在取消资格期内按日期推算）', params: Type.Object({ id: Uuid }), response: { 200: GetSubjectsByIdSanctionsOut } } }, async (req) => {
    const ctx = ctxOf(req);
    recordOf(req, 'subject'); // in the caller's scope, or 404 before this handler (records.ts)
    const today = businessDate(app.clock);
    const rows = await sanctionsOfSubject(app.db, req.params.id);
    const corrections = await correctionsOf(app.db, rows.map((r) => r.id));
    return {
      today,
      items: rows.map((r) => ({
        publicUntil: r.public_list ? r.public_until : null, correctedFacts: r.facts, corrections: corrections.get(r.id) ?? [],
        id: r.id, caseId: r.case_id, severity: SEVERITY_LABEL[r.severity as Severity], measures: (r.measures as Measure[]).map((m) => MEASURE_LABEL[m]), misconduct: MISCONDUCT_KIND_LABEL[r.misconduct_kind as MisconductKind],
        decidedOn: r.decided_date, banStart: r.ban_start, banEnd: r.ban_life ? null : r.ban_end, banLife: r.ban_life, clause: r.clause, published: r.public_list,
        answersFor: r.org_name, banActive: banInForce(r, today), revokedOn: r.revoked_on,
      })),
    };
  });

  server.get('/api/misconduct-records', {
    config: { permission: 'veto.check' },
    schema: {
      tags: ['科研诚信'], summary: '科研诚信异常名录（CI-12）：本辖区全部失信处理记录，含不公开的轻微情形和已届满的处理；取消资格是否在期按日期推算',
      querystring: Type.Object({ inForce: Type.Optional(Type.Boolean({ description: '只列取消资格在期的' })), ...Page }, { additionalProperties: false }), response: { 200: GetMisconductRecordsOut },
    },
  }, async (req) => listMisconductRecords(app, ctxOf(req), { inForce: req.query.inForce, page: req.query.page ?? 1, pageSize: req.query.pageSize ?? 20 }));

  server.get('/api/my-listings', { schema: { tags: ['科研诚信'], summary: '本人或本单位在列的失信惩戒名单记录（可申请信用修复）', response: { 200: GetMyListingsOut } } }, async (req) => {
    const ctx = ctxOf(req);
    const ids = [ctx.actor.personId, ctx.actor.unitId].filter((x): x is string => !!x);
    const today = businessDate(app.clock);
    const rows = await listingsOfSubjects(app.db, ids);
    return { items: rows.map((r) => ({ id: r.id, grounds: r.grounds, listedOn: r.listed_on, until: r.until, repairedOn: r.repaired_on, inForce: !r.repaired_on && (r.until === null || r.until >= today) })) };
  });

  server.get('/api/exports/credit-list', { config: { permission: 'veto.check' },
    schema: { tags: ['科研诚信'], summary: '报送信用信息共享平台：在列的失信惩戒名单（JSON 或 Excel），并记录所报送内容', querystring: Type.Object({ format: Type.Union([Type.Literal('json'), Type.Literal('xlsx')]) }), response: { 200: Binary('JSON 或 Excel：所报送的名单，字节与所记录的摘要一致') } },
  }, async (req, reply) => {
    const e = await exportCreditList(app, ctxOf(req), req.query.format);
    return reply.header('content-type', req.query.format === 'json' ? 'application/json; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', contentDisposition(`失信惩戒名单-${e.id.slice(0, 8)}.${req.query.format}`)).header('x-export-id', e.id).header('x-export-sha256', e.sha256).send(e.body);
  });
}
