/**
 * 信用修复 (楚科规〔2022〕5号 第三十条、第三十一条) declared for the procedure engine. A listed subject
 * applies, showing the obligations it has fulfilled and the losses it has made good; the business
 * section investigates and proposes within 15 working days; the bureau office meeting decides; a
 * repaired subject leaves the list and the public page. Where a law or regulation bars repair, the
 * application is refused citing it.
 */
import { isIsoDate } from '../time/iso-date';
import { hasText, withNote } from './common';
import type { ProcedureDef } from './engine';

export interface RepairCaseData {
  listingId: string;
  subjectId: string;
  /** What the subject has done: obligations fulfilled, losses made good. */
  evidence: string;
  history: Array<{ step: string; note: string }>;
  proposal?: { repair: boolean; findings: string };
  barredBy?: string;
  meeting?: { date: string; approved: boolean; minutes: string };
}

const BUSINESS = ['business_officer'] as const;
const meetingProblem = (i: Record<string, unknown>) =>
  typeof i.date !== 'string' || !isIsoDate(i.date) ? { zh: '须写明局办公会日期', field: 'date' } : !hasText(i.minutes, 5) ? { zh: '须记录局办公会研究意见', field: 'minutes' } : null;
const findingsProblem = (i: Record<string, unknown>) => (hasText(i.findings, 10) ? null : { zh: '须写明调查情况（至少 10 个字）', field: 'findings' });

export const REPAIR_CASE: ProcedureDef<RepairCaseData> = {
  id: 'repair',
  title: '信用修复',
  clause: 'CI-30',
  states: [
    { id: 'applied', label: '已申请，调查中' },
    { id: 'proposed', label: '待局办公会研究' },
    { id: 'repaired', label: '已修复，移出名单', terminal: true },
    { id: 'refused', label: '不予修复', terminal: true },
  ],
  starts: [{ state: 'applied', roles: ['researcher', 'unit_admin'], clause: 'CI-30', label: '申请信用修复', opens: ['CI-31'] }],
  transitions: [
    {
      id: 'propose_repair', label: '提出同意修复的建议', clause: 'CI-31', from: ['applied'], to: 'proposed', roles: BUSINESS, stops: ['CI-31'],
      guard: (_c, i) => findingsProblem(i), apply: (d, i) => ({ ...withNote(d, 'propose_repair', '建议同意修复'), proposal: { repair: true, findings: String(i.findings) } }),
    },
    {
      id: 'propose_refusal', label: '提出不予修复的建议', clause: 'CI-31', from: ['applied'], to: 'proposed', roles: BUSINESS, stops: ['CI-31'],
      guard: (_c, i) => findingsProblem(i), apply: (d, i) => ({ ...withNote(d, 'propose_refusal', '建议不予修复'), proposal: { repair: false, findings: String(i.findings) } }),
    },
    {
      id: 'refuse_barred', label: '依法不予修复', clause: 'CI-30', from: ['applied'], to: 'refused', roles: BUSINESS, stops: ['CI-31'], notify: ['unit_admin'],
      guard: (_c, i) => (hasText(i.legalBasis, 5) ? null : { zh: '须写明不予修复所依据的法律、法规条款', field: 'legalBasis' }),
      apply: (d, i) => ({ ...withNote(d, 'refuse_barred', i.legalBasis), barredBy: String(i.legalBasis) }),
    },
    {
      id: 'approve_repair', label: '局办公会同意修复', clause: 'CI-31', from: ['proposed'], to: 'repaired', roles: BUSINESS, effects: ['repair_listing'], notify: ['unit_admin', 'integrity_officer'],
      precondition: (c) => (c.data.proposal?.repair ? null : { zh: '调查建议为不予修复', field: 'state' }),
      guard: (_c, i) => meetingProblem(i),
      apply: (d, i) => ({ ...withNote(d, 'approve_repair', '局办公会同意修复'), meeting: { date: String(i.date), approved: true, minutes: String(i.minutes) } }),
    },
    {
      id: 'refuse_repair', label: '局办公会不同意修复', clause: 'CI-31', from: ['proposed'], to: 'refused', roles: BUSINESS, notify: ['unit_admin'],
      guard: (_c, i) => meetingProblem(i),
      apply: (d, i) => ({ ...withNote(d, 'refuse_repair', '局办公会不同意修复'), meeting: { date: String(i.date), approved: false, minutes: String(i.minutes) } }),
    },
  ],
};
