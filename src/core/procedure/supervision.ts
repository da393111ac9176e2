/**
 * 监督检查 (云科规〔2023〕1号 第七条、第八条) declared for the procedure engine: inspections of how
 * the policy is carried out (YT-7), mid-term checks of projects and major-change reports (YT-8).
 * Where problems are found they are rectified through the same steps as a correction (YT-9.4).
 */
import { Type } from 'typebox';
import { APPLICANTS, CASE_OFFICERS, Choice, DateField, LongText, NoInput, Text, withNote } from './common';
import { requestStart, step, type ProcedureDef } from './engine';
import { rectificationDone, rectificationFacts, rectificationSteps, type RectificationData } from './rectification';

/** CI-32: the technical work a bureau may entrust to a service agency on its projects — verifying rectification items. */
const ENTRUSTED = ['entrusted_agency'] as const;

export interface InspectionData extends RectificationData {
  /** Who or what is inspected (a unit, or a region's implementation of the policy). */
  target: string;
  scope: string;
  unitId?: string | null;
  issues?: { found: string; requirements: string };
  conclusion?: string;
  /** YT-8, CI-21: an inspection a spot-check draw opened — the draw, the project drawn and the inspectors drawn for it. */
  projectId?: string | null;
  spotCheckId?: string;
  inspectors?: Array<{ id: string; name: string; code: string }>;
}

const inspection = step<InspectionData>();
const conclusionInput = Type.Object({ conclusion: LongText('督查结论', 5) }, { additionalProperties: false });

export const INSPECTION: ProcedureDef<InspectionData> = {
  id: 'inspection',
  title: '政策落实情况督查',
  clause: 'YT-7',
  family: 'tolerance',
  states: [
    { id: 'inspecting', label: '督查中' },
    { id: 'rectifying', label: '整改中' },
    { id: 'escalated', label: '已升级处理', terminal: true },
    { id: 'closed', label: '已办结', terminal: true },
  ],
  starts: [
    requestStart<InspectionData>()({
      id: 'open', state: 'inspecting', roles: CASE_OFFICERS, clause: 'YT-7', label: '开展政策落实情况督查', loads: { subject: 'unitId' },
      input: Type.Object({ target: Text('督查对象', 2), scope: LongText('督查范围和内容', 2), unitId: Type.Optional(Type.Union([Type.String({ format: 'uuid', title: '被督查单位', 'x-widget': 'subject' }), Type.Null()])) }, { additionalProperties: false }),
      requires: [{ id: 'bureau_staff', clause: 'YT-7', zh: '只有科技部门工作人员可以开展督查', met: (_i, _f, env) => !!env.actor.regionCode }],
      check: (_i, f) => (f.subject && f.subject.kind !== 'organization' ? { zh: '被督查对象应为单位', field: 'unitId' } : null),
      open: (i, f, env) => ({ jurisdictionCode: env.actor.regionCode!, projectId: null, unitId: f.subject?.id ?? null, applicantPersonId: null, data: { target: i.target, scope: i.scope, unitId: f.subject?.id ?? null, history: [] } }),
    }),
    // YT-8 随机抽查, CI-21: the draw opens one inspection per project drawn, in the draw's transaction (integrity/draw-spot-check.ts).
    { id: 'from_spot_check', by: 'internal', state: 'inspecting', roles: CASE_OFFICERS, clause: 'YT-8', label: '随机抽查抽中，开展检查' },
  ],
  steps: [
    inspection({
      id: 'issue_rectification', label: '下发整改通知', clause: 'YT-7', from: ['inspecting'], to: 'rectifying', roles: CASE_OFFICERS, notify: ['unit_admin'],
      input: Type.Object({ found: LongText('发现的问题', 5), requirements: LongText('整改要求', 5) }, { additionalProperties: false }),
      apply: (d, i) => ({ ...withNote(d, 'issue_rectification', '下发整改通知'), issues: { found: i.found, requirements: i.requirements } }),
    }),
    inspection({
      id: 'close_clean', label: '未发现问题，办结', clause: 'YT-7', from: ['inspecting'], to: 'closed', roles: CASE_OFFICERS, input: conclusionInput,
      apply: (d, i) => ({ ...withNote(d, 'close_clean', '未发现问题'), conclusion: i.conclusion }),
    }),
    ...rectificationSteps<InspectionData>({ clause: 'YT-7', state: 'rectifying', escalateFrom: ['rectifying'], escalatedState: 'escalated', roles: CASE_OFFICERS, notifyPlan: ['unit_admin'], verifyRoles: ENTRUSTED }),
    inspection({
      id: 'close', label: '整改完成，办结', clause: 'YT-7', from: ['rectifying'], to: 'closed', roles: CASE_OFFICERS, input: conclusionInput, requires: rectificationDone('YT-7'),
      apply: (d, i) => ({ ...withNote(d, 'close', '整改完成'), conclusion: i.conclusion }),
    }),
  ],
  view: {
    summary: { reads: ['target'], text: (d) => d.target },
    parties: [{ label: '被督查单位', key: 'unitId', kind: 'subject' }, { label: '抽查项目', key: 'projectId', kind: 'project' }],
    facts: [
      { label: '督查范围和内容', clause: 'YT-7', value: (d) => d.scope },
      { label: '抽查检查人员', clause: 'YT-8', value: (d) => (d.inspectors?.length ? d.inspectors.map((x) => `${x.name}（${x.code}）`).join('、') : null) },
      { label: '发现的问题', clause: 'YT-7', value: (d) => (d.issues ? `${d.issues.found}\n整改要求：${d.issues.requirements}` : null) },
      ...rectificationFacts<InspectionData>().map((f) => ({ ...f, clause: 'YT-7' })),
      { label: '督查结论', clause: 'YT-7', value: (d) => d.conclusion },
    ],
    sections: ['plan'],
  },
};

export interface MidtermCheckData extends RectificationData {
  projectId: string;
  selfAssessment?: { progress: string; funds: string; problems: string };
  conclusion?: { result: 'pass' | 'rectify'; opinion: string };
}

const midterm = step<MidtermCheckData>();

export const MIDTERM_CHECK: ProcedureDef<MidtermCheckData> = {
  id: 'midterm_check',
  title: '项目中期检查',
  clause: 'YT-8',
  family: 'tolerance',
  states: [
    { id: 'self_assessment', label: '待单位自查' },
    { id: 'reviewing', label: '检查中' },
    { id: 'rectifying', label: '整改中' },
    { id: 'escalated', label: '已升级处理', terminal: true },
    { id: 'closed', label: '已办结', terminal: true },
  ],
  starts: [
    requestStart<MidtermCheckData>()({
      id: 'open', state: 'self_assessment', roles: CASE_OFFICERS, clause: 'YT-8', label: '布置项目中期检查', loads: { project: 'projectId' },
      input: Type.Object({ projectId: Type.String({ format: 'uuid', title: '项目', 'x-widget': 'project' }) }, { additionalProperties: false }),
      open: (_i, f) => ({ jurisdictionCode: f.project!.jurisdictionCode, projectId: f.project!.id, unitId: f.project!.undertakingUnitId, applicantPersonId: f.project!.leaderId, data: { projectId: f.project!.id, history: [] } }),
    }),
  ],
  steps: [
    midterm({
      id: 'submit_self_assessment', label: '提交自查报告', clause: 'YT-8', from: ['self_assessment'], to: 'reviewing', roles: APPLICANTS, notify: [...CASE_OFFICERS],
      input: Type.Object({ progress: LongText('项目进展', 5), funds: LongText('经费使用情况', 2), problems: Type.Optional(Type.String({ title: '存在的问题', maxLength: 4000, 'x-widget': 'textarea' })) }, { additionalProperties: false }),
      apply: (d, i) => ({ ...withNote(d, 'submit_self_assessment', '已提交自查报告'), selfAssessment: { progress: i.progress, funds: i.funds, problems: i.problems ?? '' } }),
    }),
    midterm({
      id: 'conclude_pass', label: '检查通过', clause: 'YT-8', from: ['reviewing'], to: 'closed', roles: CASE_OFFICERS,
      input: Type.Object({ opinion: LongText('检查意见', 5) }, { additionalProperties: false }),
      apply: (d, i) => ({ ...withNote(d, 'conclude_pass', '检查通过'), conclusion: { result: 'pass', opinion: i.opinion } }),
    }),
    midterm({
      id: 'conclude_rectify', label: '责令限期整改', clause: 'YT-8', from: ['reviewing'], to: 'rectifying', roles: CASE_OFFICERS, notify: ['unit_admin'],
      input: Type.Object({ opinion: LongText('检查发现的问题和整改要求', 5) }, { additionalProperties: false }),
      apply: (d, i) => ({ ...withNote(d, 'conclude_rectify', '责令整改'), conclusion: { result: 'rectify', opinion: i.opinion } }),
    }),
    ...rectificationSteps<MidtermCheckData>({ clause: 'YT-8', state: 'rectifying', escalateFrom: ['rectifying'], escalatedState: 'escalated', roles: CASE_OFFICERS, notifyPlan: ['unit_admin'], verifyRoles: ENTRUSTED }),
    midterm({
      id: 'close', label: '整改完成，办结', clause: 'YT-8', from: ['rectifying'], to: 'closed', roles: CASE_OFFICERS, input: NoInput, requires: rectificationDone('YT-8'),
      apply: (d) => withNote(d, 'close', '整改完成'),
    }),
  ],
  view: {
    parties: [{ label: '项目', key: 'projectId', kind: 'project' }],
    facts: [
      { label: '自查：项目进展', clause: 'YT-8', value: (d) => d.selfAssessment?.progress },
      { label: '自查：经费使用', clause: 'YT-8', value: (d) => d.selfAssessment?.funds },
      { label: '自查：存在的问题', clause: 'YT-8', value: (d) => d.selfAssessment?.problems },
      { label: '检查结论', clause: 'YT-8', value: (d) => (d.conclusion ? `${d.conclusion.result === 'pass' ? '通过' : '责令限期整改'}：${d.conclusion.opinion}` : null) },
      ...rectificationFacts<MidtermCheckData>().map((f) => ({ ...f, clause: 'YT-8' })),
    ],
    sections: ['plan'],
  },
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

const change = step<MajorChangeData>();

export const MAJOR_CHANGE: ProcedureDef<MajorChangeData> = {
  id: 'major_change',
  title: '重大事项变更报告',
  clause: 'YT-8',
  family: 'tolerance',
  states: [
    { id: 'reported', label: '待审核' },
    { id: 'approved', label: '已同意', terminal: true },
    { id: 'rejected', label: '不同意', terminal: true },
  ],
  starts: [
    requestStart<MajorChangeData>()({
      id: 'report', state: 'reported', roles: APPLICANTS, clause: 'YT-8', label: '报告重大事项变更', loads: { project: 'projectId' },
      input: Type.Object({
        projectId: Type.String({ format: 'uuid', title: '项目', 'x-widget': 'project' }), kind: Choice('变更事项', CHANGE_KINDS, CHANGE_KIND_LABEL), description: LongText('变更内容和理由', 5),
        requestedDueDate: Type.Optional(Type.Union([DateField('延长至', '只有延长执行期才填写', false), Type.Null()])),
      }, { additionalProperties: false }),
      check: (i, f) => {
        if (i.kind === 'extension' && !i.requestedDueDate) return { zh: '延长执行期须写明延长至哪一天', field: 'requestedDueDate', kind: 'input' };
        if (i.kind !== 'extension' && i.requestedDueDate) return { zh: '只有延长执行期才填写新的截止日期', field: 'requestedDueDate', kind: 'input' };
        const currentDue = f.project!.extendedDueDate ?? f.project!.dueDate;
        if (i.kind === 'extension' && i.requestedDueDate! <= currentDue) return { zh: `延长后的截止日期应晚于现在的执行期截止日 ${currentDue}`, field: 'requestedDueDate' };
        return null;
      },
      open: (i, f, env) => ({
        jurisdictionCode: f.project!.jurisdictionCode, projectId: f.project!.id, unitId: f.project!.undertakingUnitId, applicantPersonId: f.project!.leaderId,
        data: { projectId: f.project!.id, kind: i.kind, description: i.description, requestedDueDate: i.requestedDueDate ?? null, reportedOn: env.today!, history: [] },
      }),
    }),
  ],
  steps: [
    change({
      // An approved extension moves the project's due date: CI-16.3.1 then counts it as due on the approved date.
      id: 'approve_change', label: '同意变更', clause: 'YT-8', from: ['reported'], to: 'approved', roles: CASE_OFFICERS, notify: ['unit_admin'], effects: ['apply_project_change'],
      input: Type.Object({ opinion: LongText('审核意见', 2) }, { additionalProperties: false }),
      apply: (d, i) => ({ ...withNote(d, 'approve_change', '同意'), decision: { approved: true, opinion: i.opinion } }),
    }),
    change({
      id: 'reject_change', label: '不同意变更', clause: 'YT-8', from: ['reported'], to: 'rejected', roles: CASE_OFFICERS, notify: ['unit_admin'],
      input: Type.Object({ opinion: LongText('不同意的理由', 5) }, { additionalProperties: false }),
      apply: (d, i) => ({ ...withNote(d, 'reject_change', '不同意'), decision: { approved: false, opinion: i.opinion } }),
    }),
  ],
  view: {
    summary: { reads: ['kind'], text: (d) => CHANGE_KIND_LABEL[d.kind] },
    parties: [{ label: '项目', key: 'projectId', kind: 'project' }],
    facts: [
      { label: '变更事项', clause: 'YT-8', value: (d) => `${CHANGE_KIND_LABEL[d.kind]}${d.requestedDueDate ? `，延长至 ${d.requestedDueDate}` : ''}` },
      { label: '变更内容和理由', clause: 'YT-8', value: (d) => d.description },
      { label: '报告日期', value: (d) => d.reportedOn },
      { label: '审核意见', clause: 'YT-8', value: (d) => (d.decision ? `${d.decision.approved ? '同意' : '不同意'}：${d.decision.opinion}` : null) },
    ],
  },
};
