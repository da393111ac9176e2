/**
 * 监督检查 (云科规〔2023〕1号 第七条、第八条) declared for the procedure engine: inspections of how
 * the policy is carried out (YT-7), mid-term checks of projects and major-change reports (YT-8).
 * Where problems are found they are rectified through the same steps as a correction (YT-9.4).
 */
import { isIsoDate } from '../time/iso-date';
import { APPLICANTS, CASE_OFFICERS, hasText, requireText, withNote } from './common';
import type { ProcedureDef } from './engine';
import { rectificationOpen, rectificationSteps, type RectificationData } from './rectification';


export interface InspectionData extends RectificationData {
  /** Who or what is inspected (a unit, or a region's implementation of the policy). */
  target: string;
  scope: string;
  issues?: { found: string; requirements: string };
  conclusion?: string;
}

export const INSPECTION: ProcedureDef<InspectionData> = {
  id: 'inspection',
  title: '政策落实情况督查',
  clause: 'YT-7',
  states: [
    { id: 'inspecting', label: '督查中' },
    { id: 'rectifying', label: '整改中' },
    { id: 'escalated', label: '已升级处理', terminal: true },
    { id: 'closed', label: '已办结', terminal: true },
  ],
  starts: [{ state: 'inspecting', roles: CASE_OFFICERS, clause: 'YT-7', label: '开展政策落实情况督查' }],
  transitions: [
    {
      id: 'issue_rectification', label: '下发整改通知', clause: 'YT-7', from: ['inspecting'], to: 'rectifying', roles: CASE_OFFICERS, notify: ['unit_admin'],
      guard: (_c, i) => requireText(i, 'found', '须写明发现的问题') ?? requireText(i, 'requirements', '须写明整改要求'),
      apply: (d, i) => ({ ...withNote(d, 'issue_rectification', '下发整改通知'), issues: { found: String(i.found), requirements: String(i.requirements) } }),
    },
    {
      id: 'close_clean', label: '未发现问题，办结', clause: 'YT-7', from: ['inspecting'], to: 'closed', roles: CASE_OFFICERS,
      guard: (_c, i) => requireText(i, 'conclusion', '须写明督查结论'),
      apply: (d, i) => ({ ...withNote(d, 'close_clean', '未发现问题'), conclusion: String(i.conclusion) }),
    },
    ...rectificationSteps<InspectionData>({ clause: 'YT-7', state: 'rectifying', escalateFrom: ['rectifying'], escalatedState: 'escalated', roles: CASE_OFFICERS, notifyPlan: ['unit_admin'] }),
    {
      id: 'close', label: '整改完成，办结', clause: 'YT-7', from: ['rectifying'], to: 'closed', roles: CASE_OFFICERS,
      guard: (c, i) => rectificationOpen(c.data) ?? requireText(i, 'conclusion', '须写明督查结论'),
      apply: (d, i) => ({ ...withNote(d, 'close', '整改完成'), conclusion: String(i.conclusion) }),
    },
  ],
};

export interface MidtermCheckData extends RectificationData {
  projectId: string;
  selfAssessment?: { progress: string; funds: string; problems: string };
  conclusion?: { result: 'pass' | 'rectify'; opinion: string };
}

export const MIDTERM_CHECK: ProcedureDef<MidtermCheckData> = {
  id: 'midterm_check',
  title: '项目中期检查',
  clause: 'YT-8',
  states: [
    { id: 'self_assessment', label: '待单位自查' },
    { id: 'reviewing', label: '检查中' },
    { id: 'rectifying', label: '整改中' },
    { id: 'escalated', label: '已升级处理', terminal: true },
    { id: 'closed', label: '已办结', terminal: true },
  ],
  starts: [{ state: 'self_assessment', roles: CASE_OFFICERS, clause: 'YT-8', label: '布置项目中期检查' }],
  transitions: [
    {
      id: 'submit_self_assessment', label: '提交自查报告', clause: 'YT-8', from: ['self_assessment'], to: 'reviewing', roles: APPLICANTS, notify: [...CASE_OFFICERS],
      guard: (_c, i) => requireText(i, 'progress', '须说明项目进展') ?? requireText(i, 'funds', '须说明经费使用情况', 2),
      apply: (d, i) => ({ ...withNote(d, 'submit_self_assessment', '已提交自查报告'), selfAssessment: { progress: String(i.progress), funds: String(i.funds), problems: String(i.problems ?? '') } }),
    },
    {
      id: 'conclude_pass', label: '检查通过', clause: 'YT-8', from: ['reviewing'], to: 'closed', roles: CASE_OFFICERS,
      guard: (_c, i) => requireText(i, 'opinion', '须写明检查意见'),
      apply: (d, i) => ({ ...withNote(d, 'conclude_pass', '检查通过'), conclusion: { result: 'pass', opinion: String(i.opinion) } }),
    },
    {
      id: 'conclude_rectify', label: '责令限期整改', clause: 'YT-8', from: ['reviewing'], to: 'rectifying', roles: CASE_OFFICERS, notify: ['unit_admin'],
      guard: (_c, i) => requireText(i, 'opinion', '须写明检查发现的问题和整改要求'),
      apply: (d, i) => ({ ...withNote(d, 'conclude_rectify', '责令整改'), conclusion: { result: 'rectify', opinion: String(i.opinion) } }),
    },
    ...rectificationSteps<MidtermCheckData>({ clause: 'YT-8', state: 'rectifying', escalateFrom: ['rectifying'], escalatedState: 'escalated', roles: CASE_OFFICERS, notifyPlan: ['unit_admin'] }),
    {
      id: 'close', label: '整改完成，办结', clause: 'YT-8', from: ['rectifying'], to: 'closed', roles: CASE_OFFICERS,
      guard: (c) => rectificationOpen(c.data), apply: (d) => withNote(d, 'close', '整改完成'),
    },
  ],
};

export const CHANGE_KINDS = ['leader', 'content', 'budget', 'extension'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export const CHANGE_KIND_LABEL: Record<ChangeKind, string> = { leader: '变更项目负责人', content: '调整研究内容或考核指标', budget: '调整预算', extension: '延长执行期' };

export interface MajorChangeData {
  projectId: string;
  kind: ChangeKind;
  description: string;
  /** For an extension: the new end of the execution period asked for. */
  requestedDueDate: string | null;
  reportedOn: string;
  history: Array<{ step: string; note: string }>;
  decision?: { approved: boolean; opinion: string };
}

/** Checks a change report before it is opened (the start has no guard of its own). */
export function checkChangeReport(d: Pick<MajorChangeData, 'kind' | 'description' | 'requestedDueDate'>): { zh: string; field: string } | null {
  if (!(CHANGE_KINDS as readonly string[]).includes(d.kind)) return { zh: '变更事项应为负责人、研究内容、预算或执行期', field: 'kind' };
  if (!hasText(d.description, 5)) return { zh: '须说明变更内容和理由', field: 'description' };
  if (d.kind === 'extension' && !(typeof d.requestedDueDate === 'string' && isIsoDate(d.requestedDueDate))) return { zh: '延长执行期须写明延长至哪一天', field: 'requestedDueDate' };
  if (d.kind !== 'extension' && d.requestedDueDate) return { zh: '只有延长执行期才填写新的截止日期', field: 'requestedDueDate' };
  return null;
}

export const MAJOR_CHANGE: ProcedureDef<MajorChangeData> = {
  id: 'major_change',
  title: '重大事项变更报告',
  clause: 'YT-8',
  states: [
    { id: 'reported', label: '待审核' },
    { id: 'approved', label: '已同意', terminal: true },
    { id: 'rejected', label: '不同意', terminal: true },
  ],
  starts: [{ state: 'reported', roles: APPLICANTS, clause: 'YT-8', label: '报告重大事项变更' }],
  transitions: [
    {
      // An approved extension moves the project's due date: CI-16.3.1 then counts it as due on the approved date.
      id: 'approve_change', label: '同意变更', clause: 'YT-8', from: ['reported'], to: 'approved', roles: CASE_OFFICERS, notify: ['unit_admin'], effects: ['apply_project_change'],
      guard: (_c, i) => requireText(i, 'opinion', '须写明审核意见', 2),
      apply: (d, i) => ({ ...withNote(d, 'approve_change', '同意'), decision: { approved: true, opinion: String(i.opinion) } }),
    },
    {
      id: 'reject_change', label: '不同意变更', clause: 'YT-8', from: ['reported'], to: 'rejected', roles: CASE_OFFICERS, notify: ['unit_admin'],
      guard: (_c, i) => requireText(i, 'opinion', '须写明不同意的理由'),
      apply: (d, i) => ({ ...withNote(d, 'reject_change', '不同意'), decision: { approved: false, opinion: String(i.opinion) } }),
    },
  ],
};
