/**
 * 纠错 (云科规〔2023〕1号 第九条) declared for the procedure engine. A decision that grants tolerance
 * starts it (YT-9.1); the bureau sends the correction notice within 7 days (YT-9.2), interviews the
 * persons concerned within 10 days of the notice and records what they said (YT-9.3), sets a
 * rectification plan with items, deadlines and how each is verified, escalates when the error is not
 * rectified, gets worse or recurs (YT-9.4), and closes once the cause analysis and long-term measures
 * are recorded (YT-9.5).
 */
import { Type } from 'typebox';
import { CASE_OFFICERS, DateField, LongText, Names, withNote } from './common';
import { step, type ProcedureDef } from './engine';
import { rectificationDone, rectificationFacts, rectificationSteps, type RectificationData } from './rectification';
import { OUTCOME_LABEL, type Outcome } from './tolerance-case';

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

const s = step<CorrectionCaseData>();

export const CORRECTION_CASE: ProcedureDef<CorrectionCaseData> = {
  id: 'correction',
  title: '纠错',
  clause: 'YT-9',
  family: 'tolerance',
  states: [
    { id: 'notice_due', label: '待发纠错通知' },
    { id: 'interview_due', label: '待谈话问询' },
    { id: 'rectifying', label: '整改中' },
    { id: 'escalated', label: '已升级严肃处理', terminal: true },
    { id: 'closed', label: '纠错完成', terminal: true },
  ],
  starts: [
    // YT-9.1: started by the decision that grants tolerance, by the officer who records that decision.
    { id: 'from_tolerance', by: 'internal', state: 'notice_due', roles: CASE_OFFICERS, clause: 'YT-9.1', label: '认定容错同时启动纠错程序', opens: ['YT-9.2'] },
  ],
  steps: [
    s({
      id: 'send_notice', label: '发出纠错通知书', clause: 'YT-9.2', from: ['notice_due'], to: 'interview_due', roles: CASE_OFFICERS,
      input: Type.Object({ reasons: LongText('纠错原因', 5), requirements: LongText('纠错要求', 5) }, { additionalProperties: false }),
      // YT-9.2: the notice goes to the unit and to the person concerned (the applicant of the tolerance case).
      stops: ['YT-9.2'], opens: ['YT-9.3'], notify: ['unit_admin', 'researcher'],
      apply: (d, i) => ({ ...withNote(d, 'send_notice', '已发出纠错通知书'), notice: { reasons: i.reasons, requirements: i.requirements } }),
    }),
    s({
      id: 'record_interview', label: '谈话问询并记录', clause: 'YT-9.3', from: ['interview_due'], to: 'rectifying', roles: CASE_OFFICERS,
      input: Type.Object({ date: DateField('谈话日期'), persons: Names('谈话对象'), statements: LongText('当事人陈述', 5) }, { additionalProperties: false }),
      stops: ['YT-9.3'],
      apply: (d, i) => ({ ...withNote(d, 'record_interview', `与${i.persons.join('、')}谈话`), interview: { date: i.date, persons: i.persons, statements: i.statements } }),
    }),
    ...rectificationSteps<CorrectionCaseData>({ clause: 'YT-9.4', state: 'rectifying', escalateFrom: ['interview_due', 'rectifying'], escalatedState: 'escalated', roles: CASE_OFFICERS, notifyPlan: ['unit_admin', 'researcher'] }),
    s({
      id: 'record_improvement', label: '记录原因分析和长效措施', clause: 'YT-9.5', from: ['rectifying'], to: 'rectifying', roles: CASE_OFFICERS,
      input: Type.Object({ causes: LongText('原因分析', 5), measures: LongText('长效措施', 5) }, { additionalProperties: false }),
      apply: (d, i) => ({ ...withNote(d, 'record_improvement', '已记录原因分析和长效措施'), improvement: { causes: i.causes, measures: i.measures } }),
    }),
    s({
      id: 'close', label: '纠错办结', clause: 'YT-9.5', from: ['rectifying'], to: 'closed', roles: CASE_OFFICERS, input: Type.Object({}, { additionalProperties: false }),
      requires: [...rectificationDone('YT-9.4'), { id: 'improvement_recorded', clause: 'YT-9.5', zh: '尚未记录原因分析和长效措施', met: (c) => !!c.data.improvement }],
      apply: (d) => withNote(d, 'close', '纠错办结'),
    }),
  ],
  view: {
    parties: [{ label: '项目', key: 'projectId', kind: 'project' }, { label: '容错认定案件', key: 'toleranceCaseId', kind: 'case' }],
    facts: [
      { label: '容错认定结果', clause: 'YT-9.1', value: (d) => OUTCOME_LABEL[d.outcome as Outcome] ?? d.outcome },
      { label: '纠错通知', clause: 'YT-9.2', value: (d) => (d.notice ? `原因：${d.notice.reasons}\n要求：${d.notice.requirements}` : null) },
      { label: '谈话问询', clause: 'YT-9.3', value: (d) => (d.interview ? `${d.interview.date} 与${d.interview.persons.join('、')}谈话：${d.interview.statements}` : null) },
      ...rectificationFacts<CorrectionCaseData>().map((f) => ({ ...f, clause: 'YT-9.4' })),
      { label: '原因分析与长效措施', clause: 'YT-9.5', value: (d) => (d.improvement ? `${d.improvement.causes}\n${d.improvement.measures}` : null) },
    ],
    sections: ['plan', 'decision_documents'],
  },
};
