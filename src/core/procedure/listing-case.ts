/**
 * 列入失信惩戒名单 (楚科规〔2022〕5号 第二十七条) declared for the procedure engine. A business section
 * proposes a sanctioned subject with its grounds; the subject is notified (告知书) and may object
 * within the objection window (a bureau setting: the text gives no period); without an objection the
 * bureau office meeting decides; an objection is reviewed by the integrity section with the business
 * section, with a proposal within 15 working days; an upheld objection corrects the record instead.
 * Once listed, the entry stays until the sanction's period ends (CI-28) and is sent to the
 * credit-sharing platform by export. CI-22: a penalty decided under the simple procedure, or for a
 * minor violation promptly corrected, is never listed.
 * 经核查属实的，及时更正: an upheld objection corrects the sanction record it names — the conduct, its
 * date, the measures, the statement of facts, or that it is not to be published — kept as a history
 * with the old values (sanction_corrections); the subject is then not listed on these grounds. Where
 * the corrected record still warrants listing, the business section proposes again, so the subject is
 * notified of the corrected grounds and may object to them (a reading: the text says only 更正).
 */
import { Type } from 'typebox';
import { MISCONDUCT_KINDS, MISCONDUCT_KIND_LABEL, type MisconductKind } from '../sanctions/misconduct';
import { MEASURES, MEASURE_LABEL, type Measure } from '../sanctions/sanctions';
import { Choice, Choices, DateField, LongText, NoInput, withNote } from './common';
import { requestStart, step, type ProcedureDef } from './engine';

export interface ListingCaseData {
  subjectId: string;
  /** The misconduct case whose sanction the listing rests on (its period bounds the listing, CI-28). */
  misconductCaseId: string;
  grounds: string;
  history: Array<{ step: string; note: string }>;
  objection?: { statement: string };
  review?: { upheld: boolean; opinion: string; correction?: string; corrections?: RecordCorrections };
  meeting?: { date: string; approved: boolean; minutes: string };
}

/** What an upheld objection may correct in the sanction record (CI-27): each field optional, at least one. */
export interface RecordCorrections { misconductKind?: MisconductKind; conductDate?: string; measures?: Measure[]; facts?: string; notPublished?: boolean }
export const CorrectionsInput = Type.Object({
  misconductKind: Type.Optional(Choice('更正失信行为（CI-22）', MISCONDUCT_KINDS, MISCONDUCT_KIND_LABEL)),
  conductDate: Type.Optional(DateField('更正行为发生日期')),
  measures: Type.Optional(Choices('更正处理措施（CI-23，须仍在 CI-25 幅度内）', MEASURES, MEASURE_LABEL, 1)),
  facts: Type.Optional(LongText('更正后的事实表述', 5)),
  notPublished: Type.Optional(Type.Boolean({ title: '该处理不应公开（撤下公开名单）' })),
}, { additionalProperties: false, minProperties: 1, title: '更正处理记录（CI-27）' });

/** The corrections asked for, in words (the record's old values are shown beside them by the server). */
export const correctionText = (k: RecordCorrections | undefined): string | null => {
  if (!k) return null;
  const parts = [
    k.misconductKind && `失信行为更正为“${MISCONDUCT_KIND_LABEL[k.misconductKind]}”`, k.conductDate && `行为发生日期更正为 ${k.conductDate}`,
    k.measures && `处理措施更正为“${k.measures.map((m) => MEASURE_LABEL[m]).join('、')}”`, k.facts && `事实表述更正为“${k.facts}”`, k.notPublished && '该处理不予公开',
  ].filter(Boolean);
  return parts.length ? parts.join('；') : null;
};

const BUSINESS = ['business_officer'] as const;
const INTEGRITY = ['integrity_officer'] as const;
const SUBJECT = ['researcher', 'unit_admin'] as const;
const s = step<ListingCaseData>();
const MeetingInput = Type.Object({ date: DateField('局办公会日期'), minutes: LongText('局办公会研究意见', 5) }, { additionalProperties: false });
const sanctionOf = (f: import('./facts').FactSet) => f.misconductCase?.sanctions.find((x) => x.subjectId === f.subject?.id);

export const LISTING_CASE: ProcedureDef<ListingCaseData> = {
  id: 'listing',
  title: '列入失信惩戒名单',
  clause: 'CI-27',
  family: 'integrity',
  states: [
    { id: 'proposed', label: '拟列入' },
    { id: 'notified', label: '已告知，异议期内' },
    { id: 'objection_review', label: '异议审查中' },
    { id: 'awaiting_meeting', label: '待局办公会研究' },
    { id: 'listed', label: '已列入名单', terminal: true },
    { id: 'corrected', label: '异议成立，已更正', terminal: true },
    { id: 'withdrawn', label: '不予列入', terminal: true },
  ],
  starts: [
    requestStart<ListingCaseData>()({
      id: 'propose', state: 'proposed', roles: BUSINESS, clause: 'CI-27', label: '业务科室提出拟列入名单及依据', loads: { subject: 'subjectId', misconductCase: 'misconductCaseId' },
      input: Type.Object({ subjectId: Type.String({ format: 'uuid', title: '责任主体' }), misconductCaseId: Type.String({ format: 'uuid', title: '所依据的处理决定' }), grounds: LongText('列入依据', 5) }, { additionalProperties: false }),
      requires: [
        { id: 'bureau_staff', clause: 'CI-27', zh: '只有科技部门工作人员可以提出拟列入名单', met: (_i, _f, env) => !!env.actor.regionCode },
        { id: 'sanction_decided', clause: 'CI-27', field: 'misconductCaseId', zh: '所依据的失信案件尚未作出处理决定', met: (_i, f) => f.misconductCase!.state === 'decided' },
        { id: 'subject_sanctioned', clause: 'CI-27', field: 'subjectId', zh: '该主体不是所依据处理决定的处理对象', met: (_i, f) => !!sanctionOf(f) },
        { id: 'not_simple_or_minor', clause: 'CI-22', field: 'misconductCaseId', zh: '适用简易程序作出的处罚，或违法行为轻微且主动消除、减轻危害后果的，不纳入失信惩戒名单',
          met: (_i, f) => { const x = sanctionOf(f); return !x || (!x.simpleProcedure && !x.minorAndCorrected); } },
      ],
      open: (i, f, env) => ({
        jurisdictionCode: env.actor.regionCode!, projectId: null,
        unitId: f.subject!.kind === 'organization' ? f.subject!.id : null, applicantPersonId: f.subject!.kind === 'person' ? f.subject!.id : null,
        data: { subjectId: f.subject!.id, misconductCaseId: f.misconductCase!.id, grounds: i.grounds, history: [] },
      }),
      // Offered on the decided misconduct case it rests on, for the subject under investigation.
      offeredFrom: { procedure: 'misconduct', states: ['decided'], fill: { misconductCaseId: '@id', subjectId: 'subjectId' } },
    }),
  ],
  steps: [
    s({
      id: 'send_notice', label: '发出告知书', clause: 'CI-27', from: ['proposed'], to: 'notified', roles: BUSINESS, opens: ['CI-27.objection'], notify: ['unit_admin', 'researcher'],
      input: Type.Object({ note: Type.Optional(LongText('告知说明', 2)) }, { additionalProperties: false }),
      apply: (d, i) => withNote(d, 'send_notice', i.note ?? '已告知责任主体'),
    }),
    s({
      id: 'object', label: '提出异议', clause: 'CI-27', from: ['notified'], to: 'objection_review', roles: SUBJECT,
      stops: ['CI-27.objection'], opens: ['CI-27'], notify: ['integrity_officer', 'business_officer'],
      input: Type.Object({ statement: LongText('异议的事实和理由', 10) }, { additionalProperties: false }),
      apply: (d, i) => ({ ...withNote(d, 'object', '责任主体提出异议'), objection: { statement: i.statement } }),
    }),
    s({
      id: 'no_objection', label: '异议期满无异议，提请局办公会', clause: 'CI-27', from: ['notified'], to: 'awaiting_meeting', roles: BUSINESS, stops: ['CI-27.objection'], input: NoInput,
      requires: [{
        id: 'objection_window_over', clause: 'CI-27', met: (_c, env) => !!env.today && !!env.clocks?.['CI-27.objection'] && env.today > env.clocks['CI-27.objection'].dueDate,
        zh: (_c, env) => (env.clocks?.['CI-27.objection'] ? `异议期至 ${env.clocks['CI-27.objection'].dueDate} 届满，届满后方可提请局办公会` : '异议期尚未开始计算，不能提请局办公会'),
      }],
      apply: (d) => withNote(d, 'no_objection', '异议期满无异议'),
    }),
    s({
      id: 'uphold_objection', label: '异议成立，更正记录', clause: 'CI-27', from: ['objection_review'], to: 'corrected', roles: INTEGRITY, stops: ['CI-27'], notify: ['business_officer', 'unit_admin', 'researcher'],
      effects: ['correct_record'],
      input: Type.Object({ opinion: LongText('审查意见', 5), correction: LongText('如何更正', 5), corrections: Type.Optional(CorrectionsInput) }, { additionalProperties: false }),
      apply: (d, i) => ({ ...withNote(d, 'uphold_objection', '异议成立'), review: { upheld: true, opinion: i.opinion, correction: i.correction, ...(i.corrections ? { corrections: i.corrections as RecordCorrections } : {}) } }),
    }),
    s({
      id: 'dismiss_objection', label: '异议不成立，提请局办公会', clause: 'CI-27', from: ['objection_review'], to: 'awaiting_meeting', roles: INTEGRITY, stops: ['CI-27'], notify: ['business_officer', 'unit_admin', 'researcher'],
      input: Type.Object({ opinion: LongText('审查意见', 5) }, { additionalProperties: false }),
      apply: (d, i) => ({ ...withNote(d, 'dismiss_objection', '异议不成立'), review: { upheld: false, opinion: i.opinion } }),
    }),
    s({
      id: 'approve', label: '局办公会研究同意列入', clause: 'CI-27', from: ['awaiting_meeting'], to: 'listed', roles: BUSINESS, effects: ['list_subject'], notify: ['integrity_officer', 'unit_admin', 'researcher'], input: MeetingInput,
      apply: (d, i) => ({ ...withNote(d, 'approve', '局办公会同意列入'), meeting: { date: i.date, approved: true, minutes: i.minutes } }),
    }),
    s({
      id: 'decline', label: '局办公会不同意列入', clause: 'CI-27', from: ['awaiting_meeting'], to: 'withdrawn', roles: BUSINESS, input: MeetingInput, notify: ['unit_admin', 'researcher'],
      apply: (d, i) => ({ ...withNote(d, 'decline', '局办公会不同意列入'), meeting: { date: i.date, approved: false, minutes: i.minutes } }),
    }),
    s({
      id: 'withdraw', label: '撤回拟列入', clause: 'CI-27', from: ['proposed'], to: 'withdrawn', roles: BUSINESS,
      input: Type.Object({ reason: LongText('撤回理由', 5) }, { additionalProperties: false }),
      apply: (d, i) => withNote(d, 'withdraw', i.reason),
    }),
  ],
  view: {
    parties: [{ label: '责任主体', key: 'subjectId', kind: 'subject' }, { label: '所依据的处理决定', key: 'misconductCaseId', kind: 'case' }],
    facts: [
      { label: '列入依据', clause: 'CI-27', value: (d) => d.grounds },
      { label: '异议', clause: 'CI-27', value: (d) => d.objection?.statement },
      { label: '异议审查', clause: 'CI-27', value: (d) => (d.review ? `${d.review.upheld ? '异议成立' : '异议不成立'}：${d.review.opinion}${d.review.correction ? `\n更正：${d.review.correction}` : ''}` : null) },
      { label: '更正的处理记录', clause: 'CI-27', value: (d) => correctionText(d.review?.corrections) },
      { label: '局办公会', clause: 'CI-27', value: (d) => (d.meeting ? `${d.meeting.date} ${d.meeting.approved ? '同意列入' : '不同意列入'}：${d.meeting.minutes}` : null) },
    ],
    sections: ['record_corrections'],
  },
};
