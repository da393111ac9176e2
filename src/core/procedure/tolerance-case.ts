/**
 * 容错免责认定 (云科规〔2023〕1号 第三条至第六条, 第十三条) declared for the procedure engine:
 * an application within the scope of YT-3 and the window of YT-6.1, the unit's review (YT-13),
 * acceptance or refusal within 7 working days (YT-6.2), an investigation that hears the applicant's
 * defence and finds on every condition claimed, within 14 working days (YT-6.3), a collective
 * decision after consulting finance and audit (YT-6.4), copied to the organisation and personnel
 * departments, feedback within 10 working days and archiving (YT-6.5). An officer may also open a
 * case of its own motion (YT-6.2).
 */
import { Type } from 'typebox';
import { FUNDING_SOURCE_LABEL } from '../domain/vocabulary';
import { CASE_OFFICERS, APPLICANTS, Choice, Choices, DateField, Keyed, LongText, Names, NoInput, ReasonInput, Text, withNote } from './common';
import { requestStart, step, type ProcedureDef, type Requirement } from './engine';
import type { FactSet } from './facts';
import { inImplementation, toleranceScope } from './tolerance-scope';

export const CONDITIONS = ['YT-4.1', 'YT-4.2', 'YT-4.3', 'YT-4.4', 'YT-4.5', 'YT-4.6'] as const;
export type Condition = (typeof CONDITIONS)[number];
export const CIRCUMSTANCES = ['YT-5.1', 'YT-5.2', 'YT-5.3', 'YT-5.4', 'YT-5.5', 'YT-5.6', 'YT-5.7', 'YT-5.8', 'YT-5.9', 'YT-5.10'] as const;
export type Circumstance = (typeof CIRCUMSTANCES)[number];
/** Our one-line summaries of YT-4.1–4.6 and YT-5.1–5.10 (not the text). */
export const CONDITION_LABEL: Record<Condition, string> = {
  'YT-4.1': '符合战略决策方向，非主观故意且未造成重大损失', 'YT-4.2': '符合科学决策程序，经论证并集体决策',
  'YT-4.3': '没有以权谋私或恶意串通', 'YT-4.4': '在重大项目或遗留问题中主动担当作为',
  'YT-4.5': '探索新机制新方法新技术，或因市场等因素未达预期', 'YT-4.6': '法律法规规定的其他情形',
};
export const CIRCUMSTANCE_LABEL: Record<Circumstance, string> = {
  'YT-5.1': '改革创新中的偏差能及时纠正', 'YT-5.2': '高风险项目已履行勤勉义务仍不能完成', 'YT-5.3': '资助或投资未达预期但勤勉尽责',
  'YT-5.4': '成果转化定价后价值变化', 'YT-5.5': '不可抗力致不能继续或完成', 'YT-5.6': '技术路线选择不当难以完成',
  'YT-5.7': '关键技术已被他人公开', 'YT-5.8': '市场变化致产业化无意义', 'YT-5.9': '探索新机制新方法致无法实施', 'YT-5.10': '法律法规规定的其他情形',
};

export const OUTCOMES = ['exempt', 'lighter', 'mitigated', 'not_tolerated'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABEL: Record<Outcome, string> = { exempt: '免除责任', lighter: '从轻处理', mitigated: '减轻处理', not_tolerated: '不予容错' };
/** YT-9.1: every outcome but 不予容错 grants tolerance and so starts a correction case. */
export const grantsTolerance = (o: Outcome | undefined) => o !== undefined && o !== 'not_tolerated';

/** YT-6.1: the five materials an application carries. */
export const MATERIALS = {
  application: '申请书', explanation: '情况说明及佐证材料', unit_certificate: '所在单位证明', audit_report: '经费审计报告', performance: '实施绩效资料',
} as const;
export type MaterialKind = keyof typeof MATERIALS;
/** YT-6.3: what the bureau adds while it investigates. */
export const INVESTIGATION_MATERIALS = { evidence: '调查取证材料', defence: '申辩材料', expert_opinion: '专家组意见', hearing_record: '听证记录' } as const;
export const FILE_KIND_LABEL: Record<string, string> = { ...MATERIALS, ...INVESTIGATION_MATERIALS };

/** May this role add a file of this kind to a tolerance case in this state? Null when it may, else why not. */
export function materialRefusal(state: string, role: string, kind: string): { zh: string; field: string; unknownKind: boolean } | null {
  const applicantSide = kind in MATERIALS;
  if (!applicantSide && !(kind in INVESTIGATION_MATERIALS)) return { zh: `没有“${kind}”这类材料`, field: 'kind', unknownKind: true };
  if (applicantSide) {
    const ok = (['draft', 'returned'].includes(state) && ['researcher', 'unit_admin'].includes(role)) || (state === 'unit_review' && role === 'unit_admin');
    return ok ? null : { zh: '申请材料只能在申请提交前由申请人或单位补充（YT-6.1）', field: 'kind', unknownKind: false };
  }
  return state === 'investigating' && (CASE_OFFICERS as readonly string[]).includes(role) ? null : { zh: '调查材料只能在调查核实阶段由经办人员添加（YT-6.3）', field: 'kind', unknownKind: false };
}

/** The clause a file of this kind is kept under. */
export const materialClause = (kind: string) => (kind in INVESTIGATION_MATERIALS ? 'YT-6.3' : 'YT-6.1');

export const CONSULTED_DEPARTMENTS = ['finance', 'audit'] as const;
export const CONSULTED_LABEL: Record<(typeof CONSULTED_DEPARTMENTS)[number], string> = { finance: '财政部门', audit: '审计部门' };

export interface ToleranceCaseData {
  projectId: string;
  failure: string;
  /** YT-4: the conditions the applicant says it meets, each with its evidence. */
  conditions: Partial<Record<Condition, string>>;
  /** YT-5: the circumstances cited. */
  circumstances: string[];
  accountabilityStartedOn: string | null;
  exOfficio: boolean;
  /** YT-3, YT-6.1: what the project was when the application was made (the scope and the window are judged on it). */
  project?: { code: string; name: string; fundingSource: string; status: string; inImplementation: boolean };
  /** Uploaded files by material kind (YT-6.1), kept in step with the files table. */
  materials?: Partial<Record<MaterialKind, string[]>>;
  history: Array<{ step: string; note: string }>;
  refusalReason?: string;
  referralReason?: string;
  /** YT-6.3: the bureau's finding on each condition claimed. */
  findings?: Partial<Record<Condition, { met: boolean; basis: string }>>;
  /** YT-6.3: the applicant's defence, heard or waived in writing, each with its date. */
  defences?: Array<{ kind: 'heard' | 'waived'; on: string; statement: string }>;
  /** YT-6.3 (optional expert group) and YT-5.2 (third-party expert review). */
  expertGroup?: { members: string[]; opinion: string; on?: string; thirdParty?: boolean };
  /** YT-6.4: consultation with the finance and audit departments, each with its date and substance. */
  consultations?: Array<{ department: (typeof CONSULTED_DEPARTMENTS)[number]; on: string; substance: string }>;
  /** YT-6.4: the decision copied to the organisation and personnel departments. */
  copiedTo?: { organisation: string; personnel: string; on: string };
  /** YT-6.3: an expert evaluation or hearing under way, whose days the decision clock does not count. */
  evaluationPause?: { reason: string; from: string } | null;
  /** YT-6.3: the officer asks, the department head decides; one extension at most. */
  extensionRequest?: { reason: string; status: 'pending' | 'approved' | 'refused'; leaderOpinion?: string };
  decision?: {
    outcome: Outcome;
    circumstances: string[];
    reasons: string;
    deliberation: { date: string; members: string[]; method: 'vote' | 'consensus'; minutes: string };
    /** YT-5.2: the S&T department's approval to conclude the project (结题). */
    conclusionApproval?: { by: string; on: string };
  };
}

const s = step<ToleranceCaseData>();
/** Choices that are clauses are offered with their ids, as officers cite them. */
const CIRCUMSTANCE_CHOICE = Object.fromEntries(CIRCUMSTANCES.map((k) => [k, `${k} ${CIRCUMSTANCE_LABEL[k]}`])) as Record<Circumstance, string>;
const start = requestStart<ToleranceCaseData>();

const missingMaterials = (d: ToleranceCaseData) => (Object.keys(MATERIALS) as MaterialKind[]).filter((k) => !(d.materials?.[k]?.length));

// ——— Requirements the text sets before a step, each with its clause ———
const MATERIALS_COMPLETE: Requirement<ToleranceCaseData> = {
  id: 'materials_complete', clause: 'YT-6.1', zh: '申请材料不全（须有申请书、情况说明及佐证材料、所在单位证明、经费审计报告、实施绩效资料五项）',
  met: (c) => missingMaterials(c.data).length === 0,
};
const CONDITIONS_CLAIMED: Requirement<ToleranceCaseData> = { id: 'conditions_claimed', clause: 'YT-4', zh: '须说明符合哪些容错条件并附证据', met: (c) => Object.keys(c.data.conditions).length > 0 };
const CIRCUMSTANCES_CITED: Requirement<ToleranceCaseData> = { id: 'circumstances_cited', clause: 'YT-5', zh: '须说明适用的免责情形', met: (c) => c.data.circumstances.length > 0 };
/** YT-6.1: an application is made within 20 working days of the accountability procedure, or while the project is carried out. */
const WITHIN_WINDOW: Requirement<ToleranceCaseData> = {
  id: 'within_application_window', clause: 'YT-6.1', zh: '项目已不在实施过程中，且已过启动追责程序后 20 个工作日的申请期限',
  met: (c, env) => !!c.data.project?.inImplementation || (!!env.clocks?.['YT-6.1'] && !!env.today && env.today <= env.clocks['YT-6.1'].dueDate),
};
const DEFENCE_HEARD: Requirement<ToleranceCaseData> = {
  id: 'defence_heard', clause: 'YT-6.3', zh: '尚未听取申辩意见（或记录当事人书面放弃申辩）', met: (c) => (c.data.defences?.length ?? 0) > 0,
};
const EVERY_CONDITION_FOUND: Requirement<ToleranceCaseData> = {
  id: 'every_condition_found', clause: 'YT-6.3', zh: '尚未对申请所主张的每项容错条件逐项核实',
  met: (c) => Object.keys(c.data.conditions).every((k) => c.data.findings?.[k as Condition]),
};
const CONSULTED: Requirement<ToleranceCaseData> = {
  id: 'finance_audit_consulted', clause: 'YT-6.4', zh: '尚未记录与财政、审计部门的沟通协调',
  met: (c) => CONSULTED_DEPARTMENTS.every((d) => c.data.consultations?.some((x) => x.department === d)),
};
const COPIED: Requirement<ToleranceCaseData> = { id: 'copied_to_departments', clause: 'YT-6.4', zh: '认定结果尚未抄送组织、人事部门备案', met: (c) => !!c.data.copiedTo };

const minMembers = (env: { registry: import('../policy/registry').PolicyRegistry; today?: string }) => env.registry.numberOn('YT', 'YT-6.4.minDeliberationMembers', env.today);

// ——— Inputs ———
const ApplicationInput = Type.Object({
  projectId: Type.String({ format: 'uuid', title: '项目', 'x-widget': 'project' }),
  failure: Text('失败或未达预期的情况', 2, { max: 2000, widget: 'textarea' }),
  conditions: Keyed('符合的容错条件（YT-4）及证据', CONDITIONS, CONDITION_LABEL, Text('证据', 1, { max: 2000 })),
  circumstances: Choices('适用的免责情形（YT-5）', CIRCUMSTANCES, CIRCUMSTANCE_CHOICE),
  accountabilityStartedOn: Type.Optional(Type.Union([DateField('追责程序启动日期', '未启动追责程序的，项目实施过程中可随时申请（YT-6.1）', false), Type.Null()])),
}, { additionalProperties: false });

const FindingsInput = Type.Object({
  findings: Keyed('逐项核实（YT-4）', CONDITIONS, CONDITION_LABEL, Type.Object({
    met: Type.Boolean({ title: '是否符合' }), basis: Text('核实依据', 2, { max: 2000 }),
  }, { additionalProperties: false }), { minProperties: 1, widget: 'conditionFindings' }),
}, { additionalProperties: false });

const DecisionInput = Type.Object({
  outcome: Choice('认定结果', OUTCOMES, OUTCOME_LABEL),
  circumstances: Choices('所依据的免责情形（YT-5）', CIRCUMSTANCES, CIRCUMSTANCE_CHOICE),
  reasons: LongText('认定理由', 2),
  deliberation: Type.Object({
    date: DateField('审议日期'),
    method: Choice('方式', ['consensus', 'vote'] as const, { consensus: '协商一致', vote: '表决' }),
    members: Names('到会人员'),
    minutes: LongText('审议纪要', 2),
  }, { additionalProperties: false, title: '集体审议（YT-6.4）' }),
  conclusionApproval: Type.Optional(Type.Object({ by: Text('批准机关或负责人', 2), on: DateField('批准日期') }, { additionalProperties: false, title: '科技行政管理部门批准结题（YT-5.2）', 'x-shown-when': { field: 'circumstances', includes: 'YT-5.2' } })),
}, { additionalProperties: false });

/** YT-3 and YT-6.1 for both ways in: the project is one the policy covers, and the bureau handles it. */
const inScope = {
  id: 'project_in_scope', clause: 'YT-3', field: 'projectId', zh: '项目资金来源不在容错免责的适用范围内',
  met: (_i: unknown, f: FactSet, env: { registry: import('../policy/registry').PolicyRegistry; today?: string }) => toleranceScope(f.project!.fundingSource, env.registry, env.today).inScope,
};
const projectSnapshot = (f: FactSet) => ({ code: f.project!.code, name: f.project!.name, fundingSource: f.project!.fundingSource, status: f.project!.status, inImplementation: inImplementation(f.project!.status) });

export const TOLERANCE_CASE: ProcedureDef<ToleranceCaseData> = {
  id: 'tolerance',
  title: '容错免责认定',
  clause: 'YT-6',
  family: 'tolerance',
  states: [
    { id: 'draft', label: '草稿' },
    { id: 'unit_review', label: '单位审核中' },
    { id: 'returned', label: '单位退回' },
    { id: 'submitted', label: '待受理' },
    { id: 'refused', label: '不予受理', terminal: true },
    { id: 'investigating', label: '调查核实中' },
    { id: 'decided', label: '已作出认定' },
    { id: 'fed_back', label: '已反馈' },
    { id: 'archived', label: '已归档', terminal: true },
    { id: 'referred', label: '已移送失信处理', terminal: true },
    { id: 'withdrawn', label: '申请人已撤回', terminal: true },
  ],
  starts: [
    start({
      id: 'apply', state: 'draft', roles: APPLICANTS, clause: 'YT-6.1', label: '提出容错免责申请', input: ApplicationInput, loads: { project: 'projectId' },
      requires: [
        inScope,
        // YT-6.1: within 20 working days of the accountability procedure, or at any time while the project is carried out.
        { id: 'within_application_window', clause: 'YT-6.1', field: 'accountabilityStartedOn', zh: '项目已不在实施过程中（已验收、终止或结题），只能在启动追责程序后 20 个工作日内申请，请填写追责程序启动日期',
          met: (i, f) => inImplementation(f.project!.status) || !!i.accountabilityStartedOn },
      ],
      check: (i, _f, env) => (i.accountabilityStartedOn && env.today && i.accountabilityStartedOn > env.today ? { zh: '追责程序启动日期不能晚于今天', field: 'accountabilityStartedOn' } : null),
      open: (i, f, env) => ({
        jurisdictionCode: f.project!.jurisdictionCode, projectId: f.project!.id, unitId: f.project!.undertakingUnitId,
        // The project leader applies for himself; a unit's administrator applies for the unit.
        applicantPersonId: env.actor.role === 'researcher' ? f.project!.leaderId : null,
        data: { projectId: f.project!.id, failure: i.failure, conditions: i.conditions, circumstances: i.circumstances, accountabilityStartedOn: i.accountabilityStartedOn ?? null, exOfficio: false, project: projectSnapshot(f), history: [] },
        // YT-6.1: the 20 working days after accountability started are a clock of the case, counted from that day.
        clocks: i.accountabilityStartedOn ? [{ limitId: 'YT-6.1', startDate: i.accountabilityStartedOn }] : [],
      }),
    }),
    start({
      id: 'ex_officio', state: 'investigating', roles: CASE_OFFICERS, clause: 'YT-6.2', label: '依职权启动容错免责程序', opens: ['YT-6.3'], loads: { project: 'projectId' },
      input: Type.Object({ projectId: ApplicationInput.properties.projectId, failure: ApplicationInput.properties.failure, conditions: ApplicationInput.properties.conditions, circumstances: ApplicationInput.properties.circumstances, accountabilityStartedOn: ApplicationInput.properties.accountabilityStartedOn }, { additionalProperties: false }),
      requires: [inScope],
      open: (i, f) => ({
        jurisdictionCode: f.project!.jurisdictionCode, projectId: f.project!.id, unitId: f.project!.undertakingUnitId, applicantPersonId: null,
        data: { projectId: f.project!.id, failure: i.failure, conditions: i.conditions, circumstances: i.circumstances, accountabilityStartedOn: i.accountabilityStartedOn ?? null, exOfficio: true, project: projectSnapshot(f), history: [] },
      }),
    }),
  ],
  steps: [
    s({
      id: 'submit_to_unit', label: '提交单位审核', clause: 'YT-13', from: ['draft', 'returned'], to: 'unit_review', roles: ['researcher'], input: NoInput,
      requires: [CONDITIONS_CLAIMED, CIRCUMSTANCES_CITED, MATERIALS_COMPLETE, WITHIN_WINDOW], stops: ['YT-6.1'],
      notify: ['unit_admin'], apply: (d) => withNote(d, 'submit_to_unit', '提交单位审核'),
    }),
    s({
      id: 'withdraw', label: '撤回申请', clause: 'YT-6.1', from: ['draft', 'returned', 'unit_review'], to: 'withdrawn', roles: APPLICANTS, input: Type.Object({ reason: Type.Optional(LongText('撤回理由', 2)) }, { additionalProperties: false }),
      apply: (d, i) => withNote(d, 'withdraw', i.reason ?? '申请人撤回'),
    }),
    s({
      id: 'unit_vouch', label: '单位审核通过并报送', clause: 'YT-13', from: ['unit_review'], to: 'submitted', roles: ['unit_admin'],
      input: Type.Object({ opinion: Type.Optional(LongText('审核意见', 2)) }, { additionalProperties: false }),
      opens: ['YT-6.2'], notify: [...CASE_OFFICERS], apply: (d, i) => withNote(d, 'unit_vouch', i.opinion ?? '同意报送'),
    }),
    s({
      id: 'unit_return', label: '单位退回申请', clause: 'YT-13', from: ['unit_review'], to: 'returned', roles: ['unit_admin'], input: ReasonInput('退回理由'), notify: ['researcher'],
      apply: (d, i) => withNote(d, 'unit_return', i.reason),
    }),
    s({
      id: 'submit_by_unit', label: '单位直接提出申请', clause: 'YT-6.1', from: ['draft', 'returned'], to: 'submitted', roles: ['unit_admin'], input: NoInput,
      requires: [CONDITIONS_CLAIMED, MATERIALS_COMPLETE, WITHIN_WINDOW], stops: ['YT-6.1'],
      opens: ['YT-6.2'], notify: [...CASE_OFFICERS], apply: (d) => withNote(d, 'submit_by_unit', '单位提出申请'),
    }),
    s({
      id: 'accept', label: '受理', clause: 'YT-6.2', from: ['submitted'], to: 'investigating', roles: CASE_OFFICERS, input: NoInput,
      // The applicant hears of what becomes of his application: accepted, refused, returned, decided, fed back.
      stops: ['YT-6.2'], opens: ['YT-6.3'], notify: ['unit_admin', 'researcher'], apply: (d) => withNote(d, 'accept', '受理'),
    }),
    s({
      id: 'refuse', label: '不予受理', clause: 'YT-6.2', from: ['submitted'], to: 'refused', roles: CASE_OFFICERS, input: ReasonInput('不予受理的理由'),
      stops: ['YT-6.2'], notify: ['unit_admin', 'researcher'], apply: (d, i) => ({ ...withNote(d, 'refuse', i.reason), refusalReason: i.reason }),
    }),
    s({
      id: 'request_supplement', label: '退回补正材料', clause: 'YT-6.2', from: ['submitted'], to: 'returned', roles: CASE_OFFICERS, input: ReasonInput('需补正的材料及理由'),
      // The acceptance clock stops; it starts again when the completed application is sent back.
      stops: ['YT-6.2'], notify: ['unit_admin', 'researcher'], apply: (d, i) => withNote(d, 'request_supplement', i.reason),
    }),
    s({
      id: 'record_findings', label: '记录逐项核实意见', clause: 'YT-6.3', from: ['investigating'], to: 'investigating', roles: CASE_OFFICERS, input: FindingsInput,
      check: (c, i) => {
        const unclaimed = Object.keys(i.findings).find((k) => !(k in c.data.conditions));
        return unclaimed ? { zh: `申请未主张 ${unclaimed}，无需核实`, field: `findings/${unclaimed}` } : null;
      },
      apply: (d, i) => ({ ...withNote(d, 'record_findings', '逐项核实'), findings: { ...d.findings, ...i.findings } }),
    }),
    s({
      id: 'record_defence', label: '记录申辩意见', clause: 'YT-6.3', from: ['investigating'], to: 'investigating', roles: CASE_OFFICERS,
      input: Type.Object({
        kind: Choice('方式', ['heard', 'waived'] as const, { heard: '听取申辩', waived: '当事人书面放弃申辩' }),
        on: DateField('日期'),
        statement: LongText('申辩内容（书面放弃的，记录放弃声明）', 2),
      }, { additionalProperties: false }),
      apply: (d, i) => ({ ...withNote(d, 'record_defence', i.kind === 'waived' ? `书面放弃申辩：${i.statement}` : i.statement), defences: [...(d.defences ?? []), { kind: i.kind, on: i.on, statement: i.statement }] }),
    }),
    s({
      id: 'record_expert_opinion', label: '记录专家组意见', clause: 'YT-6.3', from: ['investigating'], to: 'investigating', roles: CASE_OFFICERS,
      input: Type.Object({
        members: Names('专家组成员'), opinion: LongText('专家组意见', 5), on: Type.Optional(DateField('评议日期')),
        thirdParty: Type.Optional(Type.Boolean({ title: '第三方专家评议（专家与项目承担方无利害关系，YT-5.2）' })),
      }, { additionalProperties: false }),
      apply: (d, i) => ({ ...withNote(d, 'record_expert_opinion', '专家组意见'), expertGroup: { members: i.members, opinion: i.opinion, on: i.on, thirdParty: !!i.thirdParty } }),
    }),
    s({
      id: 'record_consultation', label: '记录与财政、审计部门的沟通', clause: 'YT-6.4', from: ['investigating'], to: 'investigating', roles: CASE_OFFICERS,
      input: Type.Object({ department: Choice('部门', CONSULTED_DEPARTMENTS, CONSULTED_LABEL), on: DateField('沟通日期'), substance: LongText('沟通协调的内容和意见', 5) }, { additionalProperties: false }),
      apply: (d, i) => ({ ...withNote(d, 'record_consultation', `与${CONSULTED_LABEL[i.department]}沟通：${i.substance}`), consultations: [...(d.consultations ?? []), { department: i.department, on: i.on, substance: i.substance }] }),
    }),
    s({
      // YT-6.3: time spent on evaluation and hearings is not counted: the decision clock pauses, through its ledger.
      id: 'pause_for_evaluation', label: '开始专家评估或听证（暂停计时）', clause: 'YT-6.3', from: ['investigating'], to: 'investigating', roles: CASE_OFFICERS,
      offeredWhen: { test: (c) => !c.data.evaluationPause, zh: '计时已在暂停中，须先结束评估或听证' },
      input: Type.Object({
        reason: Choice('事由', ['专家评估', '听证'] as const, { 专家评估: '专家评估', 听证: '听证' }), from: DateField('开始日期'),
        evidence: Type.Optional(Text('依据（评估或听证通知）', 2, { max: 500 })),
      }, { additionalProperties: false }),
      check: (_c, i, env) => (env.today && i.from > env.today ? { zh: '开始日期不能晚于今天', field: 'from' } : null),
      effects: ['pause_decision_clock'],
      apply: (d, i) => ({ ...withNote(d, 'pause_for_evaluation', `${i.reason}，自 ${i.from} 起暂停计时`), evaluationPause: { reason: i.reason, from: i.from } }),
    }),
    s({
      id: 'resume_after_evaluation', label: '评估或听证结束（恢复计时）', clause: 'YT-6.3', from: ['investigating'], to: 'investigating', roles: CASE_OFFICERS,
      offeredWhen: { test: (c) => !!c.data.evaluationPause, zh: '计时没有处于暂停中' },
      input: Type.Object({ to: DateField('结束日期（含当日）') }, { additionalProperties: false }),
      check: (c, i) => (i.to < c.data.evaluationPause!.from ? { zh: `结束日期不能早于开始日期 ${c.data.evaluationPause!.from}`, field: 'to' } : null),
      effects: ['resume_decision_clock'],
      apply: (d, i) => ({ ...withNote(d, 'resume_after_evaluation', `${d.evaluationPause?.reason ?? ''}至 ${i.to} 结束，恢复计时`), evaluationPause: null }),
    }),
    s({
      id: 'request_extension', label: '报请延长调查期限', clause: 'YT-6.3', from: ['investigating'], to: 'investigating', roles: CASE_OFFICERS, notify: ['bureau_leader'],
      // YT-6.3 allows one extension: the step is not offered once one has been asked for.
      offeredWhen: { test: (c) => !c.data.extensionRequest, zh: 'YT-6.3 只能延长一次' },
      input: ReasonInput('延长理由（情况复杂的具体情形）'),
      apply: (d, i) => ({ ...withNote(d, 'request_extension', i.reason), extensionRequest: { reason: i.reason, status: 'pending' } }),
    }),
    s({
      // The department head's approval is recorded in the clock's ledger in the same transaction (one extension at most).
      id: 'approve_extension', label: '批准延长', clause: 'YT-6.3', from: ['investigating'], to: 'investigating', roles: ['bureau_leader'], notify: [...CASE_OFFICERS],
      offeredWhen: { test: (c) => c.data.extensionRequest?.status === 'pending', zh: '没有待审批的延长申请' },
      input: Type.Object({ opinion: Type.Optional(LongText('审批意见', 2)) }, { additionalProperties: false }),
      effects: ['extend_decision_clock'],
      apply: (d, i) => ({ ...withNote(d, 'approve_extension', i.opinion ?? '同意延长'), extensionRequest: { ...d.extensionRequest!, status: 'approved', leaderOpinion: i.opinion ?? '' } }),
    }),
    s({
      id: 'refuse_extension', label: '不同意延长', clause: 'YT-6.3', from: ['investigating'], to: 'investigating', roles: ['bureau_leader'], notify: [...CASE_OFFICERS],
      offeredWhen: { test: (c) => c.data.extensionRequest?.status === 'pending', zh: '没有待审批的延长申请' },
      input: Type.Object({ opinion: LongText('不同意的理由', 2) }, { additionalProperties: false }),
      apply: (d, i) => ({ ...withNote(d, 'refuse_extension', i.opinion), extensionRequest: { ...d.extensionRequest!, status: 'refused', leaderOpinion: i.opinion } }),
    }),
    s({
      id: 'decide', label: '集体审议作出认定', clause: 'YT-6.4', from: ['investigating'], to: 'decided', roles: CASE_OFFICERS, input: DecisionInput,
      requires: [DEFENCE_HEARD, EVERY_CONDITION_FOUND, CONSULTED],
      check: (c, i, env) => {
        const min = minMembers(env);
        if (i.deliberation.members.length < min) return { zh: `集体审议须至少 ${min} 人到会并记录名单`, field: 'deliberation/members', clause: 'YT-6.4' };
        if (i.outcome === 'not_tolerated') return null;
        if (i.circumstances.length === 0) return { zh: '予以容错的须列明所依据的免责情形', field: 'circumstances', clause: 'YT-5' };
        // YT-5 "符合以上条件": tolerance rests on the YT-4 conditions the investigation found met (reading: every one claimed).
        const notMet = Object.entries(c.data.findings ?? {}).filter(([, f]) => !f?.met).map(([k]) => k);
        if (notMet.length) return { zh: `经核实 ${notMet.join('、')} 不符合，不能予以容错`, field: 'outcome', clause: 'YT-4' };
        if (i.circumstances.includes('YT-5.2')) {
          if (!c.data.expertGroup?.thirdParty) return { zh: '依 YT-5.2 予以结题须有第三方专家评议意见', field: 'circumstances', clause: 'YT-5.2' };
          if (!i.conclusionApproval) return { zh: '依 YT-5.2 予以结题须经科技行政管理部门批准，请写明批准机关和日期', field: 'conclusionApproval', clause: 'YT-5.2' };
        }
        return null;
      },
      // YT-9.1: a decision that grants tolerance also starts the correction procedure.
      stops: ['YT-6.3'], opens: ['YT-6.5'], notify: ['bureau_leader', 'unit_admin', 'researcher'], effects: ['start_correction'],
      apply: (d, i) => ({ ...withNote(d, 'decide', OUTCOME_LABEL[i.outcome]), decision: i }),
    }),
    s({
      id: 'record_copy', label: '抄送组织人事部门', clause: 'YT-6.4', from: ['decided'], to: 'decided', roles: CASE_OFFICERS,
      offeredWhen: { test: (c) => !c.data.copiedTo, zh: '已记录抄送' },
      input: Type.Object({ organisation: Text('抄送的组织部门', 2), personnel: Text('抄送的人事部门', 2), on: DateField('抄送日期') }, { additionalProperties: false }),
      apply: (d, i) => ({ ...withNote(d, 'record_copy', `抄送${i.organisation}、${i.personnel}`), copiedTo: { organisation: i.organisation, personnel: i.personnel, on: i.on } }),
    }),
    s({
      id: 'feed_back', label: '反馈认定结果', clause: 'YT-6.5', from: ['decided'], to: 'fed_back', roles: CASE_OFFICERS, input: NoInput, requires: [COPIED],
      // YT-6.5 / YT-10: an exemption is marked on the project, which then never counts against anyone (X-1);
      // YT-5.2: a high-risk project found diligent is concluded (结题). YT-10: surplus funds go back to the
      // treasury, an obligation tracked until settled. YT-11: the exempted unit and person then owe a failure-analysis report.
      stops: ['YT-6.5'], notify: ['unit_admin', 'researcher'], effects: ['mark_project_exempt', 'open_surplus_funds_obligation', 'open_failure_report'], apply: (d) => withNote(d, 'feed_back', '已反馈申请人'),
    }),
    s({
      // YT-14 / X-2: a malicious or fraudulent application becomes a misconduct case under CI.
      id: 'refer_misconduct', label: '移送失信处理', clause: 'YT-14', from: ['submitted', 'investigating', 'decided'], to: 'referred', roles: CASE_OFFICERS,
      input: ReasonInput('移送理由（恶意申请或弄虚作假的事实）'), stops: ['YT-6.2', 'YT-6.3', 'YT-6.5'], effects: ['open_misconduct_case'], notify: ['integrity_officer'],
      apply: (d, i) => ({ ...withNote(d, 'refer_misconduct', i.reason), referralReason: i.reason }),
    }),
    s({
      id: 'archive', label: '归档', clause: 'YT-6.5', from: ['fed_back'], to: 'archived', roles: CASE_OFFICERS, input: NoInput, apply: (d) => withNote(d, 'archive', '已归档'),
    }),
  ],
  view: {
    summary: { reads: ['failure'], text: (d) => d.failure },
    parties: [{ label: '项目', key: 'projectId', kind: 'project' }],
    facts: [
      { label: '资金来源', clause: 'YT-3', value: (d) => (d.project ? FUNDING_SOURCE_LABEL[d.project.fundingSource as keyof typeof FUNDING_SOURCE_LABEL] ?? d.project.fundingSource : null) },
      { label: '启动方式', clause: 'YT-6.2', value: (d) => (d.exOfficio ? '依职权启动' : '申请') },
      { label: '追责程序启动日', clause: 'YT-6.1', value: (d) => d.accountabilityStartedOn },
      { label: '申请时项目状态', clause: 'YT-6.1', value: (d) => (d.project ? `${d.project.inImplementation ? '实施过程中' : '已不在实施过程中'}（${d.project.code} ${d.project.name}）` : null) },
      { label: '主张的容错条件', clause: 'YT-4', value: (d) => Object.entries(d.conditions).map(([k, v]) => `${k} ${CONDITION_LABEL[k as Condition] ?? ''}：${v}`).join('\n') || null },
      { label: '主张的免责情形', clause: 'YT-5', value: (d) => d.circumstances.map((k) => `${k} ${CIRCUMSTANCE_LABEL[k as Circumstance] ?? ''}`).join('\n') || null },
      { label: '申辩', clause: 'YT-6.3', value: (d) => d.defences?.map((x) => `${x.on} ${x.kind === 'waived' ? '书面放弃申辩' : '听取申辩'}：${x.statement}`).join('\n') },
      { label: '专家组意见', clause: 'YT-6.3', value: (d) => (d.expertGroup ? `${d.expertGroup.members.join('、')}${d.expertGroup.thirdParty ? '（第三方）' : ''}：${d.expertGroup.opinion}` : null) },
      { label: '与财政、审计部门沟通', clause: 'YT-6.4', value: (d) => d.consultations?.map((x) => `${x.on} ${CONSULTED_LABEL[x.department]}：${x.substance}`).join('\n') },
      { label: '评估或听证', clause: 'YT-6.3', value: (d) => (d.evaluationPause ? `${d.evaluationPause.reason}中（自 ${d.evaluationPause.from} 起不计入决定时限）` : null) },
      { label: '延长调查期限', clause: 'YT-6.3', value: (d) => (d.extensionRequest ? `${d.extensionRequest.reason}（${{ pending: '待领导审批', approved: '已批准', refused: '未批准' }[d.extensionRequest.status]}${d.extensionRequest.leaderOpinion ? `：${d.extensionRequest.leaderOpinion}` : ''}）` : null) },
      { label: '认定结果', clause: 'YT-6.4', value: (d) => (d.decision ? `${OUTCOME_LABEL[d.decision.outcome]}：${d.decision.reasons}${d.decision.circumstances.length ? `（依据 ${d.decision.circumstances.join('、')}）` : ''}` : null) },
      { label: '集体审议', clause: 'YT-6.4', value: (d) => (d.decision ? `${d.decision.deliberation.date}，到会 ${d.decision.deliberation.members.length} 人（${d.decision.deliberation.members.join('、')}），${d.decision.deliberation.method === 'vote' ? '表决' : '协商一致'}` : null) },
      { label: '结题批准', clause: 'YT-5.2', value: (d) => (d.decision?.conclusionApproval ? `${d.decision.conclusionApproval.by}，${d.decision.conclusionApproval.on}` : null) },
      { label: '抄送', clause: 'YT-6.4', value: (d) => (d.copiedTo ? `${d.copiedTo.organisation}、${d.copiedTo.personnel}（${d.copiedTo.on}）` : null) },
      { label: '不予受理理由', clause: 'YT-6.2', value: (d) => d.refusalReason },
      { label: '移送理由', clause: 'YT-14', value: (d) => d.referralReason },
    ],
    sections: ['materials', 'findings', 'decision_documents', 'obligations'],
  },
};
