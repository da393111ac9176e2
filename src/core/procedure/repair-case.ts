/**
 * 信用修复 (楚科规〔2022〕5号 第三十条、第三十一条) declared for the procedure engine. A listed subject
 * applies, showing the obligations it has fulfilled and the losses it has made good; the business
 * section investigates and proposes within 15 working days; the bureau office meeting decides; a
 * repaired subject leaves the list and the public page. Where a law or regulation bars repair, the
 * application is refused citing it.
 */
import { Type } from 'typebox';
import { DateField, LongText, withNote } from './common';
import { requestStart, step, type ProcedureDef } from './engine';

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
const s = step<RepairCaseData>();
const MeetingInput = Type.Object({ date: DateField('局办公会日期'), minutes: LongText('局办公会研究意见', 5) }, { additionalProperties: false });
const FindingsInput = Type.Object({ findings: LongText('调查情况', 10) }, { additionalProperties: false });

export const REPAIR_CASE: ProcedureDef<RepairCaseData> = {
  id: 'repair',
  title: '信用修复',
  clause: 'CI-30',
  family: 'integrity',
  states: [
    { id: 'applied', label: '已申请，调查中' },
    { id: 'proposed', label: '待局办公会研究' },
    { id: 'repaired', label: '已修复，移出名单', terminal: true },
    { id: 'refused', label: '不予修复', terminal: true },
  ],
  starts: [
    requestStart<RepairCaseData>()({
      id: 'apply', state: 'applied', roles: ['researcher', 'unit_admin'], clause: 'CI-30', label: '申请信用修复', opens: ['CI-31'], loads: { listing: 'listingId' },
      input: Type.Object({ listingId: Type.String({ format: 'uuid', title: '名单记录' }), evidence: LongText('履行义务、弥补损失的情况', 10) }, { additionalProperties: false }),
      requires: [{ id: 'listing_in_force', clause: 'CI-30', field: 'listingId', zh: '该记录已不在名单中，无需修复', met: (_i, f, env) => !f.listing!.repairedOn && !f.listing!.removedOn && (f.listing!.until === null || !env.today || f.listing!.until >= env.today) }],
      // The runner refuses anyone who is not the listed subject (scope: own person or own unit).
      open: (i, f) => ({
        jurisdictionCode: f.listing!.jurisdictionCode, projectId: null,
        unitId: f.listing!.subjectKind === 'organization' ? f.listing!.subjectId : null, applicantPersonId: f.listing!.subjectKind === 'person' ? f.listing!.subjectId : null,
        data: { listingId: f.listing!.id, subjectId: f.listing!.subjectId, evidence: i.evidence, history: [] },
      }),
    }),
  ],
  steps: [
    s({
      id: 'propose_repair', label: '提出同意修复的建议', clause: 'CI-31', from: ['applied'], to: 'proposed', roles: BUSINESS, stops: ['CI-31'], input: FindingsInput,
      apply: (d, i) => ({ ...withNote(d, 'propose_repair', '建议同意修复'), proposal: { repair: true, findings: i.findings } }),
    }),
    s({
      id: 'propose_refusal', label: '提出不予修复的建议', clause: 'CI-31', from: ['applied'], to: 'proposed', roles: BUSINESS, stops: ['CI-31'], input: FindingsInput,
      apply: (d, i) => ({ ...withNote(d, 'propose_refusal', '建议不予修复'), proposal: { repair: false, findings: i.findings } }),
    }),
    s({
      id: 'refuse_barred', label: '依法不予修复', clause: 'CI-30', from: ['applied'], to: 'refused', roles: BUSINESS, stops: ['CI-31'], notify: ['unit_admin', 'researcher'],
      input: Type.Object({ legalBasis: LongText('不予修复所依据的法律、法规条款', 5) }, { additionalProperties: false }),
      apply: (d, i) => ({ ...withNote(d, 'refuse_barred', i.legalBasis), barredBy: i.legalBasis }),
    }),
    s({
      id: 'approve_repair', label: '局办公会同意修复', clause: 'CI-31', from: ['proposed'], to: 'repaired', roles: BUSINESS, effects: ['repair_listing'], notify: ['unit_admin', 'researcher', 'integrity_officer'],
      offeredWhen: { test: (c) => !!c.data.proposal?.repair, zh: '调查建议为不予修复' }, input: MeetingInput,
      apply: (d, i) => ({ ...withNote(d, 'approve_repair', '局办公会同意修复'), meeting: { date: i.date, approved: true, minutes: i.minutes } }),
    }),
    s({
      id: 'refuse_repair', label: '局办公会不同意修复', clause: 'CI-31', from: ['proposed'], to: 'refused', roles: BUSINESS, notify: ['unit_admin', 'researcher'], input: MeetingInput,
      apply: (d, i) => ({ ...withNote(d, 'refuse_repair', '局办公会不同意修复'), meeting: { date: i.date, approved: false, minutes: i.minutes } }),
    }),
  ],
  view: {
    parties: [{ label: '申请人', key: 'subjectId', kind: 'subject' }, { label: '名单记录', key: 'listingId', kind: 'listing' }],
    facts: [
      { label: '申请理由：履行义务、弥补损失的情况', clause: 'CI-30', value: (d) => d.evidence },
      { label: '调查建议', clause: 'CI-31', value: (d) => (d.proposal ? `${d.proposal.repair ? '建议同意修复' : '建议不予修复'}：${d.proposal.findings}` : null) },
      { label: '不予修复的法律依据', clause: 'CI-30', value: (d) => d.barredBy },
      { label: '局办公会', clause: 'CI-31', value: (d) => (d.meeting ? `${d.meeting.date} ${d.meeting.approved ? '同意修复' : '不同意修复'}：${d.meeting.minutes}` : null) },
    ],
  },
};
