/**
 * 科研失信行为案件 (楚科规〔2022〕5号 第二十二条至第二十六条) declared for the procedure engine. A lead
 * arrives (a tolerance application referred as malicious or fraudulent, YT-14 / X-2; a complaint, an
 * audit or a spot check); the bureau files it or declines to; it investigates and records the six
 * severity factors (CI-24); it decides the misconduct, its severity and the sanction, which must lie
 * within the range for that severity (CI-25, measures may be combined, CI-23) under the version in
 * force when the conduct occurred unless a later one is lighter (行政处罚法第三十七条); for an
 * organisation its legal representative or principal is named and sanctioned too (CI-26).
 */
import { MISCONDUCT_KINDS, responsiblePersonsProblem, type MisconductKind, type ResponsibleRole } from '../sanctions/misconduct';
import { MEASURES, SEVERITIES, SEVERITY_FACTORS, checkSanctionUnder, versionForMisconduct, type Measure, type Severity } from '../sanctions/sanctions';
import { isIsoDate } from '../time/iso-date';
import { CASE_HANDLERS, hasText, withNote } from './common';
import type { ProcedureDef } from './engine';

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

export interface MisconductCaseData {
  source: 'tolerance_referral' | 'complaint' | 'audit' | 'spot_check';
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
const ROLES: readonly ResponsibleRole[] = ['legal_representative', 'principal', 'actual_controller'];

export const MISCONDUCT_CASE: ProcedureDef<MisconductCaseData> = {
  id: 'misconduct',
  title: '科研失信行为调查',
  clause: 'CI-22',
  states: [
    { id: 'referred', label: '待立案' },
    { id: 'investigating', label: '立案调查中' },
    { id: 'dismissed', label: '不予立案', terminal: true },
    { id: 'no_misconduct', label: '查无失信行为', terminal: true },
    { id: 'decided', label: '已作出处理决定', terminal: true },
  ],
  starts: [
    { state: 'referred', roles: HANDLERS, clause: 'CI-22', label: '登记失信线索（移送、投诉举报、审计、抽查）' },
  ],
  transitions: [
    {
      id: 'file', label: '立案调查', clause: 'CI-22', from: ['referred'], to: 'investigating', roles: HANDLERS,
      apply: (d, i) => withNote(d, 'file', i.opinion ?? '立案调查'),
    },
    {
      id: 'dismiss', label: '不予立案', clause: 'CI-22', from: ['referred'], to: 'dismissed', roles: HANDLERS,
      guard: (_c, i) => (hasText(i.reason, 5) ? null : { zh: '须写明不予立案的理由（至少 5 个字）', field: 'reason' }),
      apply: (d, i) => withNote(d, 'dismiss', i.reason),
    },
    {
      id: 'record_factors', label: '记录情节认定因素', clause: 'CI-24', from: ['investigating'], to: 'investigating', roles: HANDLERS,
      guard: (_c, i) => {
        const f = (i.factors ?? {}) as Record<string, unknown>;
        const missing = SEVERITY_FACTORS.find((k) => !hasText(f[k], 1));
        return missing ? { zh: '六项情节因素须逐项记录', field: `factors/${missing}` } : null;
      },
      apply: (d, i) => ({ ...withNote(d, 'record_factors', '已记录六项情节因素'), factors: i.factors as MisconductCaseData['factors'] }),
    },
    {
      id: 'close_no_misconduct', label: '查无失信行为，结案', clause: 'CI-22', from: ['investigating'], to: 'no_misconduct', roles: HANDLERS,
      guard: (_c, i) => (hasText(i.reason, 5) ? null : { zh: '须写明调查结论', field: 'reason' }),
      apply: (d, i) => withNote(d, 'close_no_misconduct', i.reason),
    },
    {
      id: 'decide_sanction', label: '作出处理决定', clause: 'CI-25', from: ['investigating'], to: 'decided', roles: ['integrity_officer', 'business_officer'],
      effects: ['record_sanctions'], notify: ['integrity_officer'],
      guard: (c, input, env) => {
        const i = input as unknown as MisconductDecision;
        if (!c.data.factors) return { zh: '须先记录六项情节因素（CI-24）', field: 'factors' };
        if (!(MISCONDUCT_KINDS as readonly string[]).includes(i.kind)) return { zh: '失信行为应为 CI-22 所列九类之一', field: 'kind' };
        if (typeof i.conductDate !== 'string' || !isIsoDate(i.conductDate)) return { zh: '须写明行为发生日期', field: 'conductDate' };
        if (typeof i.decidedOn !== 'string' || !isIsoDate(i.decidedOn) || i.decidedOn < i.conductDate) return { zh: '处理决定日期应不早于行为发生日期', field: 'decidedOn' };
        if (!(SEVERITIES as readonly string[]).includes(i.severity)) return { zh: '情节应为较轻、较重、严重或特别严重', field: 'severity' };
        if (!Array.isArray(i.measures) || i.measures.some((m) => !(MEASURES as readonly string[]).includes(m))) return { zh: '处理措施应为 CI-23 所列措施', field: 'measures' };
        if (!hasText(i.reasons, 5)) return { zh: '须写明处理理由', field: 'reasons' };
        const responsible = Array.isArray(i.responsible) ? i.responsible : [];
        if (responsible.some((r) => !ROLES.includes(r?.role) || typeof r?.personId !== 'string')) return { zh: '责任人应写明身份（法定代表人、主要负责人或实际控制人）', field: 'responsible' };
        const who = responsiblePersonsProblem(c.data.subjectKind ?? 'person', responsible.map((r) => r.role));
        if (who) return { zh: who, field: 'responsible' };
        const version = versionForMisconduct(i.conductDate, i.decidedOn, i.severity, env.registry);
        const problems = checkSanctionUnder({ severity: i.severity, measures: i.measures, banYears: i.banYears, publicDisclosure: !!i.publicDisclosure }, version.lookup, env.registry);
        return problems.length ? { zh: problems[0].zh, field: problems[0].field } : null;
      },
      apply: (d, input, env) => {
        const i = input as unknown as MisconductDecision;
        const version = versionForMisconduct(i.conductDate, i.decidedOn, i.severity, env.registry);
        return {
          ...withNote(d, 'decide_sanction', i.reasons),
          decision: { ...i, responsible: i.responsible ?? [], banYears: i.banYears ?? null, publicDisclosure: !!i.publicDisclosure, policyVersionId: version.lookup.version.id, policyReason: version.reason },
        };
      },
    },
  ],
};
