/**
 * 科研失信行为案件 (楚科规〔2022〕5号 第二十二条至第二十六条) declared for the procedure engine. A lead
 * arrives (a tolerance application referred as malicious or fraudulent, YT-14 / X-2; a complaint, an
 * audit or a spot check); the bureau files it or declines to; it investigates and records the six
 * severity factors (CI-24); it decides the misconduct, its severity and the sanction, which must lie
 * within the range for that severity (CI-25, measures may be combined, CI-23) under the version in
 * force when the conduct occurred unless a later one is lighter (行政处罚法第三十七条); for an
 * organisation on the serious dishonesty list its legal representative or principal is named and
 * sanctioned too (CI-26).
 */
import { Type } from 'typebox';
import { MISCONDUCT_KINDS, MISCONDUCT_KIND_LABEL, responsiblePersonsProblem } from '../sanctions/misconduct';
import { MEASURES, MEASURE_LABEL, SEVERITIES, SEVERITY_FACTORS, SEVERITY_FACTOR_LABEL, SEVERITY_LABEL, checkSanctionUnder, versionForMisconduct } from '../sanctions/sanctions';
import type { MisconductKind, ResponsibleRole } from '../sanctions/misconduct';
import type { Measure, Severity } from '../sanctions/sanctions';
import { CASE_HANDLERS, Choice, Choices, DateField, LongText, Text, withNote } from './common';
import { requestStart, step, type ProcedureDef } from './engine';

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
}

export const LEAD_SOURCES = ['tolerance_referral', 'complaint', 'audit', 'spot_check'] as const;
export const LEAD_SOURCE_LABEL: Record<(typeof LEAD_SOURCES)[number], string> = { tolerance_referral: '容错免责申请移送（YT-14、X-2）', complaint: '投诉举报', audit: '审计', spot_check: '抽查' };

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
  /** With the policy version the decision was measured against and why (行政处罚法第三十七条). */
  decision?: MisconductDecision & { policyVersionId: string; policyReason: string };
}

const HANDLERS = CASE_HANDLERS;
const RESPONSIBLE_ROLES = ['legal_representative', 'principal', 'actual_controller'] as const;
const RESPONSIBLE_LABEL: Record<ResponsibleRole, string> = { legal_representative: '法定代表人', principal: '主要负责人', actual_controller: '实际控制人' };
const s = step<MisconductCaseData>();

const DecisionInput = Type.Object({
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
}, { additionalProperties: false });

export const MISCONDUCT_CASE: ProcedureDef<MisconductCaseData> = {
  id: 'misconduct',
  title: '科研失信行为调查',
  clause: 'CI-22',
  family: 'integrity',
  states: [
    { id: 'referred', label: '待立案' },
    { id: 'investigating', label: '立案调查中' },
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
  ],
  steps: [
    s({
      id: 'file', label: '立案调查', clause: 'CI-22', from: ['referred'], to: 'investigating', roles: HANDLERS,
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
      id: 'close_no_misconduct', label: '查无失信行为，结案', clause: 'CI-22', from: ['investigating'], to: 'no_misconduct', roles: HANDLERS,
      input: Type.Object({ reason: LongText('调查结论', 5) }, { additionalProperties: false }),
      apply: (d, i) => withNote(d, 'close_no_misconduct', i.reason),
    }),
    s({
      id: 'decide_sanction', label: '作出处理决定', clause: 'CI-25', from: ['investigating'], to: 'decided', roles: ['integrity_officer', 'business_officer'],
      effects: ['record_sanctions'], notify: ['integrity_officer'], input: DecisionInput,
      requires: [{ id: 'factors_recorded', clause: 'CI-24', zh: '须先记录六项情节因素', met: (c) => !!c.data.factors }],
      check: (c, i, env) => {
        if (i.decidedOn < i.conductDate) return { zh: '处理决定日期应不早于行为发生日期', field: 'decidedOn' };
        const who = responsiblePersonsProblem(c.data.subjectKind ?? 'person', (i.responsible ?? []).map((r) => r.role), i.severity);
        if (who) return { zh: who, field: 'responsible', clause: 'CI-26' };
        const version = versionForMisconduct(i.conductDate, i.decidedOn, i.severity, env.registry);
        const problems = checkSanctionUnder({ severity: i.severity, measures: i.measures, banYears: i.banYears ?? null, publicDisclosure: !!i.publicDisclosure }, version.lookup, env.registry);
        return problems.length ? { zh: problems[0].zh, field: problems[0].field } : null;
      },
      apply: (d, i, env) => {
        const version = versionForMisconduct(i.conductDate, i.decidedOn, i.severity, env.registry);
        return {
          ...withNote(d, 'decide_sanction', i.reasons),
          decision: {
            ...i, responsible: i.responsible ?? [], banYears: i.banYears ?? null, publicDisclosure: !!i.publicDisclosure, simpleProcedure: !!i.simpleProcedure,
            minorAndCorrected: !!i.minorAndCorrected, judiciaryReferral: !!i.judiciaryReferral, policyVersionId: version.lookup.version.id, policyReason: version.reason,
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

