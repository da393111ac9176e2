/**
 * 投诉举报 (楚科规〔2022〕5号 第二十九条) declared for the procedure engine. A complaint about a
 * natural person who is not a unit head is investigated by that person's own unit; one about a unit
 * or a unit head by its superior authority (here the bureau). The investigating body files its
 * report; the bureau verifies it and, where it holds, opens a misconduct case. Who complained is
 * never part of the case: it is kept apart, encrypted, for the intake role alone.
 */
import { CASE_OFFICERS, hasText, withNote } from './common';
import type { ProcedureDef } from './engine';

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

export const COMPLAINT_CASE: ProcedureDef<ComplaintCaseData> = {
  id: 'complaint',
  title: '投诉举报核查',
  clause: 'CI-29',
  states: [
    { id: 'unit_investigating', label: '由被举报人所在单位调查' },
    { id: 'bureau_investigating', label: '由上级主管部门调查' },
    { id: 'reported', label: '调查报告待核实' },
    { id: 'substantiated', label: '举报属实，已立失信案件', terminal: true },
    { id: 'unsubstantiated', label: '举报不实，已结案', terminal: true },
  ],
  starts: [
    { state: 'unit_investigating', roles: VERIFIERS, clause: 'CI-29', label: '受理举报，转被举报人所在单位调查' },
    { state: 'bureau_investigating', roles: VERIFIERS, clause: 'CI-29', label: '受理举报，由上级主管部门调查' },
  ],
  transitions: [
    {
      id: 'file_report', label: '提交调查报告', clause: 'CI-29', from: ['unit_investigating'], to: 'reported', roles: ['unit_admin'], notify: [...VERIFIERS],
      guard: (_c, i) => reportProblem(i), apply: (d, i) => withReport(d, i),
    },
    {
      id: 'file_bureau_report', label: '提交调查报告', clause: 'CI-29', from: ['bureau_investigating'], to: 'reported', roles: [...CASE_OFFICERS, 'integrity_officer'], notify: [...VERIFIERS],
      guard: (_c, i) => reportProblem(i), apply: (d, i) => withReport(d, i),
    },
    {
      id: 'verify_holds', label: '核实属实，立案处理', clause: 'CI-29', from: ['reported'], to: 'substantiated', roles: VERIFIERS, effects: ['open_misconduct_from_complaint'],
      guard: (_c, i) => (hasText(i.opinion, 5) ? null : { zh: '须写明核实意见', field: 'opinion' }),
      apply: (d, i) => ({ ...withNote(d, 'verify_holds', i.opinion), verification: { holds: true, opinion: String(i.opinion) } }),
    },
    {
      id: 'verify_not_holds', label: '核实不属实，结案', clause: 'CI-29', from: ['reported'], to: 'unsubstantiated', roles: VERIFIERS,
      guard: (_c, i) => (hasText(i.opinion, 5) ? null : { zh: '须写明核实意见', field: 'opinion' }),
      apply: (d, i) => ({ ...withNote(d, 'verify_not_holds', i.opinion), verification: { holds: false, opinion: String(i.opinion) } }),
    },
  ],
};

function reportProblem(i: Record<string, unknown>) {
  if (!hasText(i.findings, 10)) return { zh: '调查报告须写明调查经过和事实（至少 10 个字）', field: 'findings' };
  return i.conclusion === 'holds' || i.conclusion === 'does_not_hold' ? null : { zh: '须写明调查结论：属实或不属实', field: 'conclusion' };
}
function withReport(d: ComplaintCaseData, i: Record<string, unknown>): ComplaintCaseData {
  return { ...withNote(d, 'file_report', i.conclusion === 'holds' ? '调查认为属实' : '调查认为不属实'), report: { findings: String(i.findings), conclusion: i.conclusion as 'holds' | 'does_not_hold' } };
}
