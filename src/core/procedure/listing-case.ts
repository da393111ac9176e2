/**
 * 列入失信惩戒名单 (楚科规〔2022〕5号 第二十七条) declared for the procedure engine. A business section
 * proposes a sanctioned subject with its grounds; the subject is notified (告知书) and may object
 * within the objection window (a bureau setting: the text gives no period); without an objection the
 * bureau office meeting decides; an objection is reviewed by the integrity section with the business
 * section, with a proposal within 15 working days; an upheld objection corrects the record instead.
 * Once listed, the entry stays until the sanction's period ends (CI-28) and is sent to the
 * credit-sharing platform by export.
 */
import { hasText, withNote } from './common';
import type { ProcedureDef } from './engine';
import { isIsoDate } from '../time/iso-date';

export interface ListingCaseData {
  subjectId: string;
  /** The misconduct case whose sanction the listing rests on (its period bounds the listing, CI-28). */
  misconductCaseId: string;
  grounds: string;
  history: Array<{ step: string; note: string }>;
  objection?: { statement: string };
  review?: { upheld: boolean; opinion: string; correction?: string };
  meeting?: { date: string; approved: boolean; minutes: string };
}

const BUSINESS = ['business_officer'] as const;
const INTEGRITY = ['integrity_officer'] as const;
const SUBJECT = ['researcher', 'unit_admin'] as const;

const meetingProblem = (i: Record<string, unknown>) =>
  typeof i.date !== 'string' || !isIsoDate(i.date) ? { zh: '须写明局办公会日期', field: 'date' } : !hasText(i.minutes, 5) ? { zh: '须记录局办公会研究意见', field: 'minutes' } : null;

export const LISTING_CASE: ProcedureDef<ListingCaseData> = {
  id: 'listing',
  title: '列入失信惩戒名单',
  clause: 'CI-27',
  states: [
    { id: 'proposed', label: '拟列入' },
    { id: 'notified', label: '已告知，异议期内' },
    { id: 'objection_review', label: '异议审查中' },
    { id: 'awaiting_meeting', label: '待局办公会研究' },
    { id: 'listed', label: '已列入名单', terminal: true },
    { id: 'corrected', label: '异议成立，已更正', terminal: true },
    { id: 'withdrawn', label: '不予列入', terminal: true },
  ],
  starts: [{ state: 'proposed', roles: BUSINESS, clause: 'CI-27', label: '业务科室提出拟列入名单及依据' }],
  transitions: [
    {
      id: 'send_notice', label: '发出告知书', clause: 'CI-27', from: ['proposed'], to: 'notified', roles: BUSINESS, opens: ['CI-27.objection'], notify: ['unit_admin'],
      apply: (d) => withNote(d, 'send_notice', '已告知责任主体'),
    },
    {
      id: 'object', label: '提出异议', clause: 'CI-27', from: ['notified'], to: 'objection_review', roles: SUBJECT,
      stops: ['CI-27.objection'], opens: ['CI-27'], notify: ['integrity_officer', 'business_officer'],
      guard: (_c, i) => (hasText(i.statement, 10) ? null : { zh: '须写明异议的事实和理由（至少 10 个字）', field: 'statement' }),
      apply: (d, i) => ({ ...withNote(d, 'object', '责任主体提出异议'), objection: { statement: String(i.statement) } }),
    },
    {
      id: 'no_objection', label: '异议期满无异议，提请局办公会', clause: 'CI-27', from: ['notified'], to: 'awaiting_meeting', roles: BUSINESS, stops: ['CI-27.objection'],
      guard: (_c, _i, env) => {
        const w = env.clocks?.['CI-27.objection'];
        if (!w || !env.today) return { zh: '无法确定异议期', field: 'state' };
        return env.today > w.dueDate ? null : { zh: `异议期至 ${w.dueDate} 届满，届满后方可提请局办公会`, field: 'state' };
      },
      apply: (d) => withNote(d, 'no_objection', '异议期满无异议'),
    },
    {
      id: 'uphold_objection', label: '异议成立，更正记录', clause: 'CI-27', from: ['objection_review'], to: 'corrected', roles: INTEGRITY, stops: ['CI-27'], notify: ['business_officer', 'unit_admin'],
      guard: (_c, i) => (!hasText(i.opinion, 5) ? { zh: '须写明审查意见', field: 'opinion' } : !hasText(i.correction, 5) ? { zh: '须写明如何更正', field: 'correction' } : null),
      apply: (d, i) => ({ ...withNote(d, 'uphold_objection', '异议成立'), review: { upheld: true, opinion: String(i.opinion), correction: String(i.correction) } }),
    },
    {
      id: 'dismiss_objection', label: '异议不成立，提请局办公会', clause: 'CI-27', from: ['objection_review'], to: 'awaiting_meeting', roles: INTEGRITY, stops: ['CI-27'], notify: ['business_officer'],
      guard: (_c, i) => (hasText(i.opinion, 5) ? null : { zh: '须写明审查意见', field: 'opinion' }),
      apply: (d, i) => ({ ...withNote(d, 'dismiss_objection', '异议不成立'), review: { upheld: false, opinion: String(i.opinion) } }),
    },
    {
      id: 'approve', label: '局办公会研究同意列入', clause: 'CI-27', from: ['awaiting_meeting'], to: 'listed', roles: BUSINESS, effects: ['list_subject'], notify: ['integrity_officer', 'unit_admin'],
      guard: (_c, i) => meetingProblem(i),
      apply: (d, i) => ({ ...withNote(d, 'approve', '局办公会同意列入'), meeting: { date: String(i.date), approved: true, minutes: String(i.minutes) } }),
    },
    {
      id: 'decline', label: '局办公会不同意列入', clause: 'CI-27', from: ['awaiting_meeting'], to: 'withdrawn', roles: BUSINESS,
      guard: (_c, i) => meetingProblem(i),
      apply: (d, i) => ({ ...withNote(d, 'decline', '局办公会不同意列入'), meeting: { date: String(i.date), approved: false, minutes: String(i.minutes) } }),
    },
    {
      id: 'withdraw', label: '撤回拟列入', clause: 'CI-27', from: ['proposed'], to: 'withdrawn', roles: BUSINESS,
      guard: (_c, i) => (hasText(i.reason, 5) ? null : { zh: '须写明撤回理由', field: 'reason' }),
      apply: (d, i) => withNote(d, 'withdraw', i.reason),
    },
  ],
};
