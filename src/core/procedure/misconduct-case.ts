/**
 * 科研失信行为案件 (楚科规〔2022〕5号 第二十二条至第二十六条) declared for the procedure engine. A lead
 * arrives (a tolerance application referred as malicious or fraudulent, YT-14 / X-2; a complaint, an
 * audit or a spot check); the bureau files it or declines to; it investigates and records the six
 * severity factors (CI-24); it decides the misconduct, its severity and the sanction, which must lie
 * within the range for that severity (CI-25, measures may be combined, CI-23) under the version in
 * force when the conduct occurred unless a later one is lighter (行政处罚法第三十七条); for an
 * organisation on the serious dishonesty list its legal representative or principal is named and
 * sanctioned too (CI-26).
 *
 * CI-22 records misconduct once a competent department has decided a penalty, so the decision follows
 * the law on penalties (行政处罚法): filing opens its 90-day clock (第六十条); before a measure that
 * reduces the party's rights the bureau notifies the intended decision with its facts, grounds and the
 * party's rights (事先告知, 第四十四条), hears the statement and defence or lets the period run out
 * (第四十五条、第六十二条), and where the measure is a ban holds a hearing the party asks for within
 * five working days (第六十三条、第六十四条、第八十五条), notified at least seven working days before
 * it. The decision is never heavier than the notice (第四十四条、第四十五条第二款); a heavier one needs a
 * new notice. Which measures need a notice and which a hearing are dated settings (CI-22.noticeMeasures,
 * CI-22.hearingMeasures): our reading is that an integrity talk (诫勉谈话) is educational and not a
 * penalty, so it may be decided without one.
 */
import { Type } from 'typebox';
import { MISCONDUCT_KINDS, MISCONDUCT_KIND_LABEL, responsiblePersonsProblem } from '../sanctions/misconduct';
import { MEASURES, MEASURE_LABEL, SEVERITIES, SEVERITY_FACTORS, SEVERITY_FACTOR_LABEL, SEVERITY_LABEL, checkSanctionUnder, heavierParts, versionForMisconduct } from '../sanctions/sanctions';
import type { MisconductKind, ResponsibleRole } from '../sanctions/misconduct';
import type { Measure, Severity } from '../sanctions/sanctions';
import type { PolicyRegistry } from '../policy/registry';
import { APPLICANTS, CASE_HANDLERS, Choice, Choices, DateField, LongText, Text, withNote } from './common';
import { requestStart, step, type CaseView, type GuardEnv, type ProcedureDef, type Requirement } from './engine';

export interface MisconductDecision {
  kind: MisconductKind;
  conductDate: string;
  decidedOn: string;
  severity: Severity;
  measures: Measure[];
  banYears: number | 'life' | null;
  publicDisclosure: boolean;
  /** CI-22: simple-procedure penalties and minor violations corrected at once stay off the public list. */
  simpleProcedure: boolean;
  minorAndCorrected: boolean;
  /** CI-26: for an organisation, who answers for it. */
  responsible: Array<{ role: ResponsibleRole; personId: string }>;
  /** CI-23: criminal matters referred to the judiciary. */
  judiciaryReferral: boolean;
  reasons: string;
  /** CI-16–CI-20: the capacity a person is rated in for the finding the decision records (an organisation's follows from its type). */
  ratedAs?: 'leader' | 'expert';
}

/** 行政处罚法第五十九条第（五）项: how to seek 行政复议 and 行政诉讼, with the periods in force on the decision date and their basis. */
export interface Remedies {
  reconsideration: { days: number; basis: string };
  litigation: { months: number; basis: string };
}

/** 行政处罚法第四十四条: what the party is told the bureau intends to decide, and on what. */
export interface IntendedDecision {
  /** Numbered from 1; a new notice (a heavier decision, 第四十四条) replaces the one before. */
  no: number;
  /** The day it was sent (the step's date): the statement period and the hearing window count from it. */
  on: string;
  kind: MisconductKind;
  conductDate: string;
  severity: Severity;
  measures: Measure[];
  banYears: number | 'life' | null;
  publicDisclosure: boolean;
  responsible: Array<{ role: ResponsibleRole; personId: string }>;
  facts: string;
  grounds: string;
  /** 第六十三条: the measures include one whose notice must tell of the right to a hearing (CI-22.hearingMeasures). */
  hearingRight: boolean;
  /** The periods told to the party, as the registry set them on the notice day (working days). */
  periods: { statement: number; hearingRequest: number; hearingNotice: number };
}

export interface PartyStatement { notice: number; kind: 'statement' | 'waived'; on: string; text: string; by: 'party' | 'staff' }

/** 第六十三条至第六十五条: the hearing on the latest notice, from request to record. */
export interface Hearing {
  notice: number;
  requestedOn?: string;
  requestedBy?: 'party' | 'staff';
  waivedOn?: string;
  scheduled?: { date: string; place: string; host: string; noticeOn: string; publicHearing: boolean };
  held?: { on: string; attended: boolean; record: string };
}

export const LEAD_SOURCES = ['tolerance_referral', 'complaint', 'audit', 'spot_check', 'escalation'] as const;
export const LEAD_SOURCE_LABEL: Record<(typeof LEAD_SOURCES)[number], string> = { tolerance_referral: '容错免责申请移送（YT-14、X-2）', complaint: '投诉举报', audit: '审计', spot_check: '抽查', escalation: '整改不力升级严肃处理，涉嫌弄虚作假（YT-7、YT-8、YT-9.4）' };

export interface MisconductCaseData {
  source: (typeof LEAD_SOURCES)[number];
  /** The case it came from, e.g. the tolerance case referred under X-2. */
  sourceCaseId: string | null;
  projectId: string | null;
  /** Whose conduct is in question. */
  subjectId: string | null;
  subjectKind: 'organization' | 'person' | null;
  grounds: string;
  history: Array<{ step: string; note: string }>;
  factors?: Partial<Record<(typeof SEVERITY_FACTORS)[number], string>>;
  notice?: IntendedDecision;
  /** Notices replaced by a later one (kept, as every document sent). */
  earlierNotices?: IntendedDecision[];
  statements?: PartyStatement[];
  hearing?: Hearing;
  /** With the policy version the decision was measured against and why (行政处罚法第三十七条). */
  decision?: MisconductDecision & { policyVersionId: string; policyReason: string; remedies?: Remedies };
}

const HANDLERS = CASE_HANDLERS;
const RESPONSIBLE_ROLES = ['legal_representative', 'principal', 'actual_controller'] as const;
const RESPONSIBLE_LABEL: Record<ResponsibleRole, string> = { legal_representative: '法定代表人', principal: '主要负责人', actual_controller: '实际控制人' };
const s = step<MisconductCaseData>();

export const DecisionInput = Type.Object({
  kind: Choice('失信行为（CI-22）', MISCONDUCT_KINDS, MISCONDUCT_KIND_LABEL),
  conductDate: DateField('行为发生日期', undefined, false),
  decidedOn: DateField('处理决定日期'),
  severity: Choice('情节（CI-25）', SEVERITIES, SEVERITY_LABEL),
  measures: Choices('处理措施（CI-23，可合并使用）', MEASURES, MEASURE_LABEL),
  banYears: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 100 }), Type.Literal('life', { title: '永久' }), Type.Null()], { title: '取消申报资格期限（年）', 'x-widget': 'banYears' })),
  publicDisclosure: Type.Optional(Type.Boolean({ title: '向社会公布（CI-25.4）' })),
  simpleProcedure: Type.Optional(Type.Boolean({ title: '适用简易程序作出（CI-22）' })),
  minorAndCorrected: Type.Optional(Type.Boolean({ title: '违法行为轻微且主动消除、减轻危害后果（CI-22）' })),
  responsible: Type.Optional(Type.Array(Type.Object({
    role: Choice('身份', RESPONSIBLE_ROLES, RESPONSIBLE_LABEL), personId: Type.String({ format: 'uuid', title: '人员' }),
  }, { additionalProperties: false }), { title: '单位责任人（CI-26，列入严重失信名单时）', maxItems: 10, 'x-widget': 'responsiblePersons' })),
  judiciaryReferral: Type.Optional(Type.Boolean({ title: '涉嫌犯罪，移送司法机关（CI-23）' })),
  reasons: LongText('处理理由', 5),
  ratedAs: Type.Optional(Choice('个人失信时的身份（信用评价，CI-17、CI-18）', ['leader', 'expert'] as const, { leader: '项目负责人', expert: '咨询评审专家' })),
}, { additionalProperties: false });

const ResponsibleInput = DecisionInput.properties.responsible;

/** 行政处罚法第四十四条: the intended decision, with the facts and grounds it rests on. */
const NoticeInput = Type.Object({
  kind: DecisionInput.properties.kind,
  conductDate: DecisionInput.properties.conductDate,
  severity: DecisionInput.properties.severity,
  measures: DecisionInput.properties.measures,
  banYears: DecisionInput.properties.banYears,
  publicDisclosure: DecisionInput.properties.publicDisclosure,
  responsible: ResponsibleInput,
  facts: LongText('认定的事实', 5),
  grounds: LongText('理由和依据', 5),
}, { additionalProperties: false });

const listOn = (registry: PolicyRegistry, name: string, on?: string) => registry.valueOn('CI', name, on) as readonly string[];
/** CI-22.noticeMeasures: the measures that may be decided only after a notice (a reading, see the registry). */
export const needsNotice = (measures: readonly string[], env: Pick<GuardEnv, 'registry' | 'today'>) => measures.some((m) => listOn(env.registry, 'CI-22.noticeMeasures', env.today).includes(m));
/** CI-22.hearingMeasures: the measures whose notice tells of the right to a hearing. */
export const carriesHearingRight = (measures: readonly string[], env: Pick<GuardEnv, 'registry' | 'today'>) => measures.some((m) => listOn(env.registry, 'CI-22.hearingMeasures', env.today).includes(m));

const currentStatements = (d: MisconductCaseData) => (d.statements ?? []).filter((x) => x.notice === d.notice?.no);
const hearingOf = (d: MisconductCaseData) => (d.hearing && d.hearing.notice === d.notice?.no ? d.hearing : undefined);
const clockOver = (env: GuardEnv, id: string) => !!env.today && !!env.clocks?.[id] && env.today > env.clocks[id].dueDate;

// ——— Requirements before the decision, each with its article ———
const FACTORS_RECORDED: Requirement<MisconductCaseData> = { id: 'factors_recorded', clause: 'CI-24', zh: '须先记录六项情节因素', met: (c) => !!c.data.factors };
/** 第四十五条、第六十二条: the party's statement and defence heard (or waived) before the decision, or the period run out. */
const STATEMENT_HEARD: Requirement<MisconductCaseData> = {
  id: 'statement_heard', clause: '行政处罚法第四十五条、第六十二条',
  met: (c, env) => !c.data.notice || currentStatements(c.data).length > 0 || clockOver(env, 'CI-22.statement'),
  zh: (_c, env) => `尚未听取当事人的陈述、申辩${env.clocks?.['CI-22.statement'] ? `（陈述申辩期至 ${env.clocks['CI-22.statement'].dueDate}）` : ''}`,
};
/** 第六十三条至第六十五条: a hearing the party asked for is held before the decision; otherwise the window has run out or the party waived it. */
const HEARING_DONE: Requirement<MisconductCaseData> = {
  id: 'hearing_done', clause: '行政处罚法第六十三条、第六十四条',
  met: (c, env) => {
    const n = c.data.notice;
    if (!n?.hearingRight) return true;
    const h = hearingOf(c.data);
    if (h?.held || h?.waivedOn) return true;
    return !h?.requestedOn && clockOver(env, 'CI-22.hearingRequest');
  },
  zh: (c, env) => (hearingOf(c.data)?.requestedOn
    ? '当事人已要求听证，须举行听证后方可作出决定'
    : `听证申请期${env.clocks?.['CI-22.hearingRequest'] ? `至 ${env.clocks['CI-22.hearingRequest'].dueDate} ` : ''}尚未届满，当事人也未书面放弃听证`),
};
/** 第六十四条第（一）项: the party asks within five working days of the notice. */
const WITHIN_HEARING_WINDOW: Requirement<MisconductCaseData> = {
  id: 'within_hearing_window', clause: '行政处罚法第六十四条',
  met: (_c, env) => !!env.today && !!env.clocks?.['CI-22.hearingRequest'] && env.today <= env.clocks['CI-22.hearingRequest'].dueDate,
  zh: (_c, env) => (env.clocks?.['CI-22.hearingRequest'] ? `要求听证的期限已于 ${env.clocks['CI-22.hearingRequest'].dueDate} 届满` : '听证申请期尚未开始计算'),
};
const hearingOpen = (c: CaseView<MisconductCaseData>) => !!c.data.notice?.hearingRight && !hearingOf(c.data)?.requestedOn && !hearingOf(c.data)?.waivedOn;
const hearingRequested = (c: CaseView<MisconductCaseData>) => !!hearingOf(c.data)?.requestedOn && !hearingOf(c.data)?.held;

/** A date the party or staff give for something on the notice: not before the notice, not after today. */
const onNoticeDate = (c: CaseView<MisconductCaseData>, on: string, env: GuardEnv, field: string) => {
  if (c.data.notice && on < c.data.notice.on) return { zh: `日期不能早于告知日 ${c.data.notice.on}`, field };
  if (env.today && on > env.today) return { zh: '日期不能晚于今天', field };
  return null;
};

/** The intended sanction is one CI-25 allows, and names CI-26's persons as the decision must. */
function sanctionProblem(c: CaseView<MisconductCaseData>, i: { conductDate: string; severity: Severity; measures: Measure[]; banYears?: number | 'life' | null; publicDisclosure?: boolean; responsible?: Array<{ role: ResponsibleRole }> }, decidedOn: string, env: GuardEnv) {
  const who = responsiblePersonsProblem(c.data.subjectKind ?? 'person', (i.responsible ?? []).map((r) => r.role), i.severity);
  if (who) return { zh: who, field: 'responsible', clause: 'CI-26' };
  const version = versionForMisconduct(i.conductDate, decidedOn, i.severity, env.registry);
  const problems = checkSanctionUnder({ severity: i.severity, measures: i.measures, banYears: i.banYears ?? null, publicDisclosure: !!i.publicDisclosure }, version.lookup, env.registry);
  return problems.length ? { zh: problems[0].zh, field: problems[0].field } : null;
}

/** The remedy periods in force on the decision day (the latest version when the runner gives no date), each with its basis. */
const remediesOn = (env: GuardEnv): Remedies => {
  const lookup = env.registry.versionFor('CI', env.today ?? '9999-12-31', ['532300', '530000']);
  const r = env.registry.parameter(lookup, 'CI-22.reconsiderationDays');
  const l = env.registry.parameter(lookup, 'CI-22.litigationMonths');
  return { reconsideration: { days: r.value as number, basis: r.basis }, litigation: { months: l.value as number, basis: l.basis } };
};

export const PARTY_STATEMENT_LABEL = { statement: '陈述、申辩', waived: '书面放弃陈述、申辩' } as const;

export const MISCONDUCT_CASE: ProcedureDef<MisconductCaseData> = {
  id: 'misconduct',
  title: '科研失信行为调查',
  clause: 'CI-22',
  family: 'integrity',
  states: [
    { id: 'referred', label: '待立案' },
    { id: 'investigating', label: '立案调查中' },
    { id: 'notified', label: '已事先告知，听取陈述申辩' },
    { id: 'dismissed', label: '不予立案', terminal: true },
    { id: 'no_misconduct', label: '查无失信行为', terminal: true },
    { id: 'decided', label: '已作出处理决定', terminal: true },
  ],
  starts: [
    requestStart<MisconductCaseData>()({
      // Staff open a case against a subject they can see; it is handled by the officer's own bureau (county bureaus within their own area, CI-7). The subject does not see it.
      id: 'lead', state: 'referred', roles: HANDLERS, clause: 'CI-22', label: '登记失信线索（投诉举报、审计、抽查）', loads: { subject: 'subjectId' },
      input: Type.Object({
        subjectId: Type.String({ format: 'uuid', title: '被调查对象', 'x-widget': 'subject' }),
        source: Choice('线索来源', ['complaint', 'audit', 'spot_check'] as const, { complaint: '投诉举报', audit: '审计', spot_check: '抽查' }),
        grounds: LongText('线索内容', 5),
      }, { additionalProperties: false }),
      requires: [{ id: 'bureau_staff', clause: 'CI-7', zh: '只有科技部门工作人员可以登记失信线索', met: (_i, _f, env) => !!env.actor.regionCode }],
      open: (i, f, env) => ({
        jurisdictionCode: env.actor.regionCode!, projectId: null, unitId: null, applicantPersonId: null,
        data: { source: i.source, sourceCaseId: null, projectId: null, subjectId: f.subject!.id, subjectKind: f.subject!.kind, grounds: i.grounds, history: [] },
      }),
    }),
    // X-2: a tolerance application referred as malicious or fraudulent; CI-29: a complaint the bureau found to hold.
    { id: 'from_tolerance', by: 'internal', state: 'referred', roles: HANDLERS, clause: 'X-2', label: '容错免责申请移送失信处理' },
    { id: 'from_complaint', by: 'internal', state: 'referred', roles: HANDLERS, clause: 'CI-29', label: '举报核实属实，立失信案件' },
    { id: 'from_escalation', by: 'internal', state: 'referred', roles: HANDLERS, clause: 'YT-9.4', label: '整改不力升级处理，涉嫌弄虚作假移送失信调查' },
  ],
  steps: [
    s({
      // 行政处罚法第六十条: the decision is due within 90 days of filing.
      id: 'file', label: '立案调查', clause: 'CI-22', from: ['referred'], to: 'investigating', roles: HANDLERS, opens: ['CI-22.investigation'],
      input: Type.Object({ opinion: Type.Optional(LongText('立案意见', 2)) }, { additionalProperties: false }),
      apply: (d, i) => withNote(d, 'file', i.opinion ?? '立案调查'),
    }),
    s({
      id: 'dismiss', label: '不予立案', clause: 'CI-22', from: ['referred'], to: 'dismissed', roles: HANDLERS,
      input: Type.Object({ reason: LongText('不予立案的理由', 5) }, { additionalProperties: false }),
      apply: (d, i) => withNote(d, 'dismiss', i.reason),
    }),
    s({
      id: 'record_factors', label: '记录情节认定因素', clause: 'CI-24', from: ['investigating'], to: 'investigating', roles: HANDLERS,
      input: Type.Object({
        factors: Type.Object(Object.fromEntries(SEVERITY_FACTORS.map((k) => [k, Text(SEVERITY_FACTOR_LABEL[k], 1, { max: 2000, widget: 'textarea' })])) as Record<(typeof SEVERITY_FACTORS)[number], ReturnType<typeof Text>>,
          { additionalProperties: false, title: '六项情节因素（CI-24，逐项记录）' }),
      }, { additionalProperties: false }),
      apply: (d, i) => ({ ...withNote(d, 'record_factors', '已记录六项情节因素'), factors: i.factors }),
    }),
    s({
      id: 'record_factors_after_notice', label: '复核后更新情节认定因素', clause: 'CI-24', from: ['notified'], to: 'notified', roles: HANDLERS,
      input: Type.Object({ factors: Type.Object(Object.fromEntries(SEVERITY_FACTORS.map((k) => [k, Text(SEVERITY_FACTOR_LABEL[k], 1, { max: 2000, widget: 'textarea' })])) as Record<(typeof SEVERITY_FACTORS)[number], ReturnType<typeof Text>>,
        { additionalProperties: false, title: '六项情节因素（CI-24，逐项记录）' }) }, { additionalProperties: false }),
      apply: (d, i) => ({ ...withNote(d, 'record_factors_after_notice', '复核陈述申辩后更新情节因素'), factors: i.factors }),
    }),
    s({
      // 第四十五条: a statement may show the facts do not hold; the case closes from either state.
      id: 'close_no_misconduct', label: '查无失信行为，结案', clause: 'CI-22', from: ['investigating', 'notified'], to: 'no_misconduct', roles: HANDLERS,
      stops: ['CI-22.investigation', 'CI-22.statement', 'CI-22.hearingRequest'],
      input: Type.Object({ reason: LongText('调查结论', 5) }, { additionalProperties: false }),
      apply: (d, i) => withNote(d, 'close_no_misconduct', i.reason),
    }),
    s({
      // 行政处罚法第四十四条: the intended decision with its facts, grounds and the party's rights; the party sees the case from now on.
      // A new notice (a heavier decision needs one) replaces the last: its periods start again.
      id: 'send_notice', label: '事先告知拟作出的处理', clause: '行政处罚法第四十四条', from: ['investigating', 'notified'], to: 'notified', roles: ['integrity_officer', 'business_officer'],
      input: NoticeInput, requires: [FACTORS_RECORDED],
      stops: ['CI-22.statement', 'CI-22.hearingRequest'], opens: ['CI-22.statement'], effects: ['disclose_case_to_party', 'open_hearing_request_window'],
      check: (c, i, env) => {
        if (env.today && i.conductDate > env.today) return { zh: '行为发生日期不能晚于今天', field: 'conductDate' };
        return sanctionProblem(c, i, env.today ?? i.conductDate, env);
      },
      apply: (d, i, env) => {
        const notice: IntendedDecision = {
          no: (d.notice?.no ?? 0) + 1, on: env.today ?? '', kind: i.kind, conductDate: i.conductDate, severity: i.severity, measures: i.measures, banYears: i.banYears ?? null,
          publicDisclosure: !!i.publicDisclosure, responsible: i.responsible ?? [], facts: i.facts, grounds: i.grounds, hearingRight: carriesHearingRight(i.measures, env),
          periods: {
            statement: env.registry.numberOn('CI', 'CI-22.statement.workingDays', env.today), hearingRequest: env.registry.numberOn('CI', 'CI-22.hearingRequest.days', env.today),
            hearingNotice: env.registry.numberOn('CI', 'CI-22.hearingNotice.days', env.today),
          },
        };
        return {
          ...withNote(d, 'send_notice', `告知拟作出的处理（第 ${notice.no} 次）：${SEVERITY_LABEL[i.severity]}，${i.measures.map((m) => MEASURE_LABEL[m]).join('、')}`),
          notice, earlierNotices: d.notice ? [...(d.earlierNotices ?? []), d.notice] : d.earlierNotices,
        };
      },
    }),
    s({
      id: 'submit_statement', label: '提出陈述、申辩', clause: '行政处罚法第四十五条', from: ['notified'], to: 'notified', roles: APPLICANTS,
      input: Type.Object({ statement: LongText('陈述、申辩的事实和理由', 5) }, { additionalProperties: false }),
      stops: ['CI-22.statement'], notify: ['integrity_officer', 'business_officer'],
      apply: (d, i, env) => ({ ...withNote(d, 'submit_statement', '当事人提出陈述、申辩'), statements: [...(d.statements ?? []), { notice: d.notice!.no, kind: 'statement', on: env.today ?? '', text: i.statement, by: 'party' }] }),
    }),
    s({
      id: 'record_statement', label: '记录陈述、申辩', clause: '行政处罚法第四十五条', from: ['notified'], to: 'notified', roles: HANDLERS,
      input: Type.Object({
        kind: Choice('方式', ['statement', 'waived'] as const, PARTY_STATEMENT_LABEL), on: DateField('日期'),
        text: LongText('陈述、申辩的内容（书面放弃的，记录放弃声明）', 2),
      }, { additionalProperties: false }),
      stops: ['CI-22.statement'],
      check: (c, i, env) => onNoticeDate(c, i.on, env, 'on'),
      apply: (d, i) => ({ ...withNote(d, 'record_statement', i.kind === 'waived' ? `当事人书面放弃陈述、申辩：${i.text}` : i.text), statements: [...(d.statements ?? []), { notice: d.notice!.no, kind: i.kind, on: i.on, text: i.text, by: 'staff' }] }),
    }),
    s({
      id: 'request_hearing', label: '要求听证', clause: '行政处罚法第六十四条', from: ['notified'], to: 'notified', roles: APPLICANTS,
      offeredWhen: { test: hearingOpen, zh: '拟作出的处理不告知听证权利，或已要求或放弃听证' },
      input: Type.Object({ reason: Type.Optional(LongText('要求听证的理由', 2)) }, { additionalProperties: false }),
      requires: [WITHIN_HEARING_WINDOW], stops: ['CI-22.hearingRequest'], notify: ['integrity_officer', 'business_officer'],
      apply: (d, i, env) => ({ ...withNote(d, 'request_hearing', i.reason ?? '当事人要求听证'), hearing: { notice: d.notice!.no, requestedOn: env.today ?? '', requestedBy: 'party' } }),
    }),
    s({
      // A request received on paper: recorded with the day it came in, which must lie in the window.
      id: 'record_hearing_request', label: '登记听证要求', clause: '行政处罚法第六十四条', from: ['notified'], to: 'notified', roles: HANDLERS,
      offeredWhen: { test: hearingOpen, zh: '拟作出的处理不告知听证权利，或已要求或放弃听证' },
      input: Type.Object({ requestedOn: DateField('收到听证要求的日期'), note: Type.Optional(LongText('说明', 2)) }, { additionalProperties: false }),
      stops: ['CI-22.hearingRequest'],
      check: (c, i, env) => {
        const window = env.clocks?.['CI-22.hearingRequest'];
        if (window && i.requestedOn > window.dueDate) return { zh: `要求听证的期限已于 ${window.dueDate} 届满，逾期提出的听证要求不予登记`, field: 'requestedOn', clause: '行政处罚法第六十四条' };
        return onNoticeDate(c, i.requestedOn, env, 'requestedOn');
      },
      apply: (d, i) => ({ ...withNote(d, 'record_hearing_request', i.note ?? '当事人书面要求听证'), hearing: { notice: d.notice!.no, requestedOn: i.requestedOn, requestedBy: 'staff' } }),
    }),
    s({
      id: 'record_hearing_waiver', label: '记录当事人放弃听证', clause: '行政处罚法第六十四条', from: ['notified'], to: 'notified', roles: HANDLERS,
      offeredWhen: { test: hearingOpen, zh: '拟作出的处理不告知听证权利，或已要求或放弃听证' },
      input: Type.Object({ on: DateField('书面放弃的日期'), statement: LongText('放弃声明', 2) }, { additionalProperties: false }),
      stops: ['CI-22.hearingRequest'],
      check: (c, i, env) => onNoticeDate(c, i.on, env, 'on'),
      apply: (d, i) => ({ ...withNote(d, 'record_hearing_waiver', `当事人书面放弃听证：${i.statement}`), hearing: { notice: d.notice!.no, waivedOn: i.on } }),
    }),
    s({
      // 第六十四条第（二）项、第（三）项、第（四）项: the party told of the time and place at least seven working days before;
      // public unless secrets or privacy; chaired by someone who did not investigate. Rescheduling sends a new notice.
      id: 'schedule_hearing', label: '通知听证时间、地点', clause: '行政处罚法第六十四条', from: ['notified'], to: 'notified', roles: HANDLERS,
      offeredWhen: { test: hearingRequested, zh: '当事人未要求听证，或听证已举行' },
      input: Type.Object({
        date: DateField('听证日期'), place: Text('听证地点', 2), host: Text('听证主持人', 2),
        hostNotInvestigator: Type.Boolean({ title: '主持人非本案调查人员（第六十四条第（四）项）' }),
        publicHearing: Type.Boolean({ title: '公开举行（涉及国家秘密、商业秘密或者个人隐私的除外）' }),
      }, { additionalProperties: false }),
      notify: ['unit_admin', 'researcher'],
      check: (_c, i, env) => {
        if (!i.hostNotInvestigator) return { zh: '听证由非本案调查人员主持', field: 'hostNotInvestigator', clause: '行政处罚法第六十四条' };
        if (!env.dueDate || !env.today) return { zh: '无法核对听证通知期限（缺少日历）', field: 'date', clause: '行政处罚法第六十四条' };
        const earliest = env.dueDate('CI-22.hearingNotice', env.today);
        if (i.date < earliest) return { zh: `应在举行听证的 7 个工作日前通知当事人：今天通知的，最早 ${earliest} 举行`, field: 'date', clause: '行政处罚法第六十四条' };
        return null;
      },
      apply: (d, i, env) => ({
        ...withNote(d, 'schedule_hearing', `通知 ${i.date} 在${i.place}举行听证，主持人${i.host}`),
        hearing: { ...d.hearing!, scheduled: { date: i.date, place: i.place, host: i.host, noticeOn: env.today ?? '', publicHearing: i.publicHearing } },
      }),
    }),
    s({
      // 第六十四条第（六）项: a party absent without good reason is taken to have given up the hearing; either way it is recorded.
      id: 'record_hearing', label: '记录听证', clause: '行政处罚法第六十四条', from: ['notified'], to: 'notified', roles: HANDLERS,
      offeredWhen: { test: (c) => hearingRequested(c) && !!hearingOf(c.data)?.scheduled, zh: '尚未通知听证时间、地点，或听证已举行' },
      input: Type.Object({
        heldOn: DateField('举行日期'),
        attendance: Choice('当事人', ['attended', 'absent'] as const, { attended: '到场参加（本人或代理人）', absent: '无正当理由拒不出席或中途退出，视为放弃听证' }),
        record: LongText('听证笔录摘要（调查人员提出的事实、证据和处理建议，当事人的申辩和质证）', 5),
      }, { additionalProperties: false }),
      check: (c, i, env) => {
        const planned = hearingOf(c.data)!.scheduled!;
        if (i.heldOn !== planned.date) return { zh: `听证应在通知的 ${planned.date} 举行；改期须重新通知`, field: 'heldOn', clause: '行政处罚法第六十四条' };
        if (env.today && i.heldOn > env.today) return { zh: '听证尚未举行', field: 'heldOn' };
        return null;
      },
      apply: (d, i) => ({ ...withNote(d, 'record_hearing', i.attendance === 'absent' ? '当事人无正当理由未出席，视为放弃听证' : '已举行听证'), hearing: { ...d.hearing!, held: { on: i.heldOn, attended: i.attendance === 'attended', record: i.record } } }),
    }),
    s({
      id: 'decide_sanction', label: '作出处理决定', clause: 'CI-25', from: ['investigating', 'notified'], to: 'decided', roles: ['integrity_officer', 'business_officer'],
      effects: ['record_sanctions', 'suspend_project', 'record_misconduct_finding', 'disclose_case_to_party'], notify: ['integrity_officer'], input: DecisionInput,
      stops: ['CI-22.investigation', 'CI-22.statement', 'CI-22.hearingRequest'],
      requires: [FACTORS_RECORDED, STATEMENT_HEARD, HEARING_DONE],
      check: (c, i, env) => {
        if (i.decidedOn < i.conductDate) return { zh: '处理决定日期应不早于行为发生日期', field: 'decidedOn' };
        if (i.ratedAs && c.data.subjectKind === 'organization') return { zh: '单位按其类型评价，无需选择个人身份', field: 'ratedAs', clause: 'CI-16' };
        // The range first (CI-25, CI-26): a decision the text does not allow is refused as such, notified or not.
        const range = sanctionProblem(c, i, i.decidedOn, env);
        if (range) return range;
        const n = c.data.notice;
        if (!n && needsNotice(i.measures, env)) {
          return { zh: '作出警告、暂停资助、收回经费、撤销奖励或取消资格等处理前，须先告知拟作出的处理内容及事实、理由、依据和当事人的陈述、申辩、听证权利', field: 'measures', clause: '行政处罚法第四十四条' };
        }
        if (n) {
          if (i.decidedOn < n.on) return { zh: `处理决定日期不能早于事先告知日 ${n.on}`, field: 'decidedOn', clause: '行政处罚法第六十二条' };
          if (i.kind !== n.kind) return { zh: '认定的失信行为与告知的不同，须重新告知', field: 'kind', clause: '行政处罚法第四十四条' };
          const heavier = heavierParts(
            { severity: i.severity, measures: i.measures, banYears: i.banYears ?? null, publicDisclosure: !!i.publicDisclosure, responsiblePersonIds: (i.responsible ?? []).map((r) => r.personId) },
            { severity: n.severity, measures: n.measures, banYears: n.banYears, publicDisclosure: n.publicDisclosure, responsiblePersonIds: n.responsible.map((r) => r.personId) });
          if (heavier.length) return { zh: `处理决定不得重于事先告知的内容（${heavier[0].zh}）；加重须重新告知`, field: heavier[0].field, clause: '行政处罚法第四十四条、第四十五条' };
        }
        return null;
      },
      apply: (d, i, env) => {
        const version = versionForMisconduct(i.conductDate, i.decidedOn, i.severity, env.registry);
        return {
          ...withNote(d, 'decide_sanction', i.reasons),
          decision: {
            ...i, responsible: i.responsible ?? [], banYears: i.banYears ?? null, publicDisclosure: !!i.publicDisclosure, simpleProcedure: !!i.simpleProcedure,
            minorAndCorrected: !!i.minorAndCorrected, judiciaryReferral: !!i.judiciaryReferral, policyVersionId: version.lookup.version.id, policyReason: version.reason,
            remedies: remediesOn(env),
          },
        };
      },
    }),
  ],
  view: {
    parties: [{ label: '被调查对象', key: 'subjectId', kind: 'subject' }, { label: '来源案件', key: 'sourceCaseId', kind: 'case' }],
    facts: [
      { label: '线索来源', value: (d) => LEAD_SOURCE_LABEL[d.source] ?? d.source },
      { label: '线索', clause: 'CI-22', value: (d) => d.grounds },
      { label: '情节因素', clause: 'CI-24', value: (d) => (d.factors ? SEVERITY_FACTORS.map((k) => `${SEVERITY_FACTOR_LABEL[k]}：${d.factors?.[k] ?? ''}`).join('\n') : null) },
      {
        label: '事先告知', clause: '行政处罚法第四十四条', value: (d) => {
          const n = d.notice;
          if (!n) return null;
          const ban = n.banYears ? `；取消申报资格 ${n.banYears === 'life' ? '永久' : `${n.banYears} 年`}` : '';
          return `第 ${n.no} 次，${n.on} 告知：${MISCONDUCT_KIND_LABEL[n.kind]}；${SEVERITY_LABEL[n.severity]}；${n.measures.map((m) => MEASURE_LABEL[m]).join('、')}${ban}${n.publicDisclosure ? '；向社会公布' : ''}\n事实：${n.facts}\n理由和依据：${n.grounds}\n当事人可陈述、申辩${n.hearingRight ? '，并可要求听证' : ''}`;
        },
      },
      { label: '陈述、申辩', clause: '行政处罚法第四十五条', value: (d) => d.statements?.map((x) => `${x.on}（第 ${x.notice} 次告知）${PARTY_STATEMENT_LABEL[x.kind]}：${x.text}`).join('\n') },
      {
        label: '听证', clause: '行政处罚法第六十四条', value: (d) => {
          const h = d.hearing;
          if (!h) return null;
          if (h.waivedOn) return `${h.waivedOn} 当事人书面放弃听证`;
          return [`${h.requestedOn} 要求听证`, h.scheduled && `${h.scheduled.noticeOn} 通知 ${h.scheduled.date} 在${h.scheduled.place}举行（主持人${h.scheduled.host}${h.scheduled.publicHearing ? '，公开' : '，不公开'}）`,
            h.held && `${h.held.on} ${h.held.attended ? '已举行' : '当事人未出席，视为放弃'}：${h.held.record}`].filter(Boolean).join('\n');
        },
      },
      {
        label: '处理决定', clause: 'CI-25', value: (d) => {
          const x = d.decision;
          if (!x) return null;
          const ban = x.banYears ? `；取消申报资格 ${x.banYears === 'life' ? '永久' : `${x.banYears} 年`}` : '';
          return `${MISCONDUCT_KIND_LABEL[x.kind]}；${SEVERITY_LABEL[x.severity]}；${x.measures.map((m) => MEASURE_LABEL[m]).join('、')}${ban}${x.publicDisclosure ? '；向社会公布' : ''}\n${x.reasons}\n${x.policyReason}`;
        },
      },
    ],
    sections: ['decision_documents', 'record_corrections'],
  },
};

