/**
 * 投诉举报 (楚科规〔2022〕5号 第二十九条) declared for the procedure engine. A complaint about a
 * natural person who is not a unit head is investigated by that person's own unit; one about a unit
 * or a unit head by its superior authority (here the bureau). The investigating body files its
 * report; the bureau verifies it and, where it holds, opens a misconduct case. Who complained is
 * never part of the case: it is kept apart, encrypted, for the intake role alone.
 */
import { Type } from 'typebox';
import { CASE_OFFICERS, Choice, LongText, withNote } from './common';
import { step, type ProcedureDef } from './engine';

export type ComplaintRoute = 'own_unit' | 'superior_authority';

/** CI-29: who investigates. */
export function routeComplaint(accused: { kind: 'organization' | 'person'; isUnitHead: boolean; hasUnit: boolean }): ComplaintRoute {
  return accused.kind === 'person' && !accused.isUnitHead && accused.hasUnit ? 'own_unit' : 'superior_authority';
}

export interface ComplaintCaseData {
  intakeId: string;
  accusedId: string;
  accusedKind: 'organization' | 'person';
  route: ComplaintRoute;
  /** What was complained of (the complainant's identity is never copied here). */
  content: string;
  history: Array<{ step: string; note: string }>;
  report?: { findings: string; conclusion: 'holds' | 'does_not_hold' };
  verification?: { holds: boolean; opinion: string };
}

const VERIFIERS = ['integrity_officer'] as const;
const s = step<ComplaintCaseData>();
const ReportInput = Type.Object({
  findings: LongText('调查经过和事实', 10),
  conclusion: Choice('调查结论', ['holds', 'does_not_hold'] as const, { holds: '属实', does_not_hold: '不属实' }),
}, { additionalProperties: false });
const withReport = (d: ComplaintCaseData, i: { findings: string; conclusion: 'holds' | 'does_not_hold' }): ComplaintCaseData =>
  ({ ...withNote(d, 'file_report', i.conclusion === 'holds' ? '调查认为属实' : '调查认为不属实'), report: { findings: i.findings, conclusion: i.conclusion } });
const OpinionInput = Type.Object({ opinion: LongText('核实意见', 5) }, { additionalProperties: false });

export const COMPLAINT_CASE: ProcedureDef<ComplaintCaseData> = {
  id: 'complaint',
  title: '投诉举报核查',
  clause: 'CI-29',
  family: 'integrity',
  states: [
    { id: 'unit_investigating', label: '由被举报人所在单位调查' },
    { id: 'bureau_investigating', label: '由上级主管部门调查' },
    { id: 'reported', label: '调查报告待核实' },
    { id: 'substantiated', label: '举报属实，已立失信案件', terminal: true },
    { id: 'unsubstantiated', label: '举报不实，已结案', terminal: true },
  ],
  starts: [
    // Begun by registering a complaint (modules/complaints/handle-complaint.ts), which routes it.
    { id: 'to_own_unit', by: 'internal', state: 'unit_investigating', roles: VERIFIERS, clause: 'CI-29', label: '受理举报，转被举报人所在单位调查' },
    { id: 'to_superior', by: 'internal', state: 'bureau_investigating', roles: VERIFIERS, clause: 'CI-29', label: '受理举报，由上级主管部门调查' },
  ],
  steps: [
    s({
      id: 'file_report', label: '提交调查报告', clause: 'CI-29', from: ['unit_investigating'], to: 'reported', roles: ['unit_admin'], notify: [...VERIFIERS],
      input: ReportInput, apply: withReport,
    }),
    s({
      id: 'file_bureau_report', label: '提交调查报告', clause: 'CI-29', from: ['bureau_investigating'], to: 'reported', roles: [...CASE_OFFICERS, 'integrity_officer'], notify: [...VERIFIERS],
      input: ReportInput, apply: withReport,
    }),
    s({
      id: 'verify_holds', label: '核实属实，立案处理', clause: 'CI-29', from: ['reported'], to: 'substantiated', roles: VERIFIERS, effects: ['open_misconduct_from_complaint'],
      input: OpinionInput, apply: (d, i) => ({ ...withNote(d, 'verify_holds', i.opinion), verification: { holds: true, opinion: i.opinion } }),
    }),
    s({
      id: 'verify_not_holds', label: '核实不属实，结案', clause: 'CI-29', from: ['reported'], to: 'unsubstantiated', roles: VERIFIERS,
      input: OpinionInput, apply: (d, i) => ({ ...withNote(d, 'verify_not_holds', i.opinion), verification: { holds: false, opinion: i.opinion } }),
    }),
  ],
  view: {
    parties: [{ label: '被举报对象', key: 'accusedId', kind: 'subject' }],
    facts: [
      { label: '举报内容', clause: 'CI-29', value: (d) => d.content },
      { label: '调查主体', clause: 'CI-29', value: (d) => (d.route === 'own_unit' ? '被举报人所在单位' : '上级主管部门（本局）') },
      { label: '调查报告', clause: 'CI-29', value: (d) => (d.report ? `${d.report.conclusion === 'holds' ? '属实' : '不属实'}：${d.report.findings}` : null) },
      { label: '核实意见', clause: 'CI-29', value: (d) => (d.verification ? `${d.verification.holds ? '属实' : '不属实'}：${d.verification.opinion}` : null) },
    ],
  },
};
