/**
 * 纠错 (云科规〔2023〕1号 第九条) declared for the procedure engine. A decision that grants tolerance
 * starts it (YT-9.1); the bureau sends the correction notice within 7 days (YT-9.2), interviews the
 * persons concerned within 10 days of the notice and records what they said (YT-9.3), sets a
 * rectification plan with items, deadlines and how each is verified, escalates when the error is not
 * rectified, gets worse or recurs (YT-9.4), and closes once the cause analysis and long-term measures
 * are recorded (YT-9.5).
 */
import { isIsoDate } from '../time/iso-date';
import { CASE_OFFICERS, hasText, withNote } from './common';
import type { ProcedureDef } from './engine';
import { rectificationOpen, rectificationSteps, type RectificationData } from './rectification';

export { ESCALATION_GROUNDS, ESCALATION_LABEL, overdueItems, type EscalationGround, type RectificationItem } from './rectification';

export interface CorrectionCaseData extends RectificationData {
  projectId: string | null;
  /** The tolerance case whose decision started this one (YT-9.1). */
  toleranceCaseId: string;
  outcome: string;
  notice?: { reasons: string; requirements: string };
  interview?: { date: string; persons: string[]; statements: string };
  improvement?: { causes: string; measures: string };
}


export const CORRECTION_CASE: ProcedureDef<CorrectionCaseData> = {
  id: 'correction',
  title: '纠错',
  clause: 'YT-9',
  states: [
    { id: 'notice_due', label: '待发纠错通知' },
    { id: 'interview_due', label: '待谈话问询' },
    { id: 'rectifying', label: '整改中' },
    { id: 'escalated', label: '已升级严肃处理', terminal: true },
    { id: 'closed', label: '纠错完成', terminal: true },
  ],
  starts: [
    // YT-9.1: started by the decision that grants tolerance, by the officer who records that decision.
    { state: 'notice_due', roles: CASE_OFFICERS, clause: 'YT-9.1', label: '认定容错同时启动纠错程序', opens: ['YT-9.2'] },
  ],
  transitions: [
    {
      id: 'send_notice', label: '发出纠错通知书', clause: 'YT-9.2', from: ['notice_due'], to: 'interview_due', roles: CASE_OFFICERS,
      guard: (_c, i) => (!hasText(i.reasons, 5) ? { zh: '纠错通知书须写明纠错原因', field: 'reasons' } : !hasText(i.requirements, 5) ? { zh: '纠错通知书须写明纠错要求', field: 'requirements' } : null),
      stops: ['YT-9.2'], opens: ['YT-9.3'], notify: ['unit_admin'],
      apply: (d, i) => ({ ...withNote(d, 'send_notice', '已发出纠错通知书'), notice: { reasons: String(i.reasons), requirements: String(i.requirements) } }),
    },
    {
      id: 'record_interview', label: '谈话问询并记录', clause: 'YT-9.3', from: ['interview_due'], to: 'rectifying', roles: CASE_OFFICERS,
      guard: (_c, i) => (typeof i.date !== 'string' || !isIsoDate(i.date) ? { zh: '须写明谈话日期', field: 'date' }
        : !Array.isArray(i.persons) || i.persons.length === 0 ? { zh: '须写明谈话对象', field: 'persons' }
          : !hasText(i.statements, 5) ? { zh: '须记录当事人陈述', field: 'statements' } : null),
      stops: ['YT-9.3'],
      apply: (d, i) => ({ ...withNote(d, 'record_interview', `与${(i.persons as string[]).join('、')}谈话`), interview: { date: String(i.date), persons: (i.persons as string[]).map(String), statements: String(i.statements) } }),
    },
    ...rectificationSteps<CorrectionCaseData>({ clause: 'YT-9.4', state: 'rectifying', escalateFrom: ['interview_due', 'rectifying'], escalatedState: 'escalated', roles: CASE_OFFICERS, notifyPlan: ['unit_admin'] }),
    {
      id: 'record_improvement', label: '记录原因分析和长效措施', clause: 'YT-9.5', from: ['rectifying'], to: 'rectifying', roles: CASE_OFFICERS,
      guard: (_c, i) => (!hasText(i.causes, 5) ? { zh: '须写明原因分析', field: 'causes' } : !hasText(i.measures, 5) ? { zh: '须写明长效措施', field: 'measures' } : null),
      apply: (d, i) => ({ ...withNote(d, 'record_improvement', '已记录原因分析和长效措施'), improvement: { causes: String(i.causes), measures: String(i.measures) } }),
    },
    {
      id: 'close', label: '纠错办结', clause: 'YT-9.5', from: ['rectifying'], to: 'closed', roles: CASE_OFFICERS,
      guard: (c) => rectificationOpen(c.data) ?? (!c.data.improvement ? { zh: '须先记录原因分析和长效措施', field: 'causes' } : null),
      apply: (d) => withNote(d, 'close', '纠错办结'),
    },
  ],
};
