/**
 * 问责移送 (YT-7, YT-8, YT-9.4 “给予严肃处理”): when a unit or person does not rectify in time, or the
 * rectification has no effect (the error gets worse or recurs), the inspection, mid-term check or
 * correction escalates and this case follows: the bureau refers the matter, with its record, to the body
 * that holds people to account — the discipline inspection and supervision organ (纪检监察机关) or the
 * organisation / personnel department (组织人事部门) — and records what that body decided. Where fraud is
 * suspected the escalation opens a misconduct lead (CI-22) instead. Begun only by the escalation.
 */
import { Type } from 'typebox';
import { CASE_OFFICERS, Choice, DateField, LongText, Text, withNote } from './common';
import { step, type ProcedureDef } from './engine';
import { ESCALATION_LABEL, type EscalationGround } from './rectification';

export const REFERRAL_BODIES = ['discipline', 'personnel'] as const;
export type ReferralBody = (typeof REFERRAL_BODIES)[number];
export const REFERRAL_BODY_LABEL: Record<ReferralBody, string> = { discipline: '纪检监察机关', personnel: '组织人事部门' };

export interface AccountabilityReferralData {
  /** The escalated case (inspection, mid-term check or correction) and the clause it escalated under. */
  sourceCaseId: string;
  sourceClause: string;
  projectId: string | null;
  /** The unit concerned, where the escalated case names one. */
  unitId: string | null;
  ground: EscalationGround;
  reason: string;
  history: Array<{ step: string; note: string }>;
  referral?: { body: ReferralBody; bodyName: string; sentOn: string; materials: string };
  result?: { decidedOn: string; outcome: string };
}

const referral = step<AccountabilityReferralData>();

export const ACCOUNTABILITY_REFERRAL: ProcedureDef<AccountabilityReferralData> = {
  id: 'accountability_referral',
  title: '问责移送',
  clause: 'YT-9.4',
  family: 'tolerance',
  states: [
    { id: 'to_refer', label: '待移送' },
    { id: 'referred', label: '已移送，待反馈' },
    { id: 'closed', label: '已办结', terminal: true },
  ],
  starts: [
    { id: 'from_escalation', by: 'internal', state: 'to_refer', roles: CASE_OFFICERS, clause: 'YT-9.4', label: '整改不力升级严肃处理，移送问责' },
  ],
  steps: [
    referral({
      id: 'refer', label: '移送问责', clause: 'YT-9.4', from: ['to_refer'], to: 'referred', roles: CASE_OFFICERS, notify: ['bureau_leader'],
      input: Type.Object({
        body: Choice('移送机关类别', REFERRAL_BODIES, REFERRAL_BODY_LABEL), bodyName: Text('移送机关名称', 2),
        sentOn: DateField('移送日期'), materials: LongText('移送的材料', 5, '督查或检查记录、整改通知、整改情况和升级理由'),
      }, { additionalProperties: false }),
      check: (_c, i, env) => (env.today && i.sentOn > env.today ? { zh: '移送日期不能晚于今天', field: 'sentOn' } : null),
      apply: (d, i) => ({ ...withNote(d, 'refer', `移送${i.bodyName}`), referral: { body: i.body, bodyName: i.bodyName, sentOn: i.sentOn, materials: i.materials } }),
    }),
    referral({
      id: 'record_result', label: '登记处理结果', clause: 'YT-9.4', from: ['referred'], to: 'closed', roles: CASE_OFFICERS,
      input: Type.Object({ decidedOn: DateField('处理日期', undefined, false), outcome: LongText('问责处理结果', 5) }, { additionalProperties: false }),
      check: (c, i) => (c.data.referral && i.decidedOn < c.data.referral.sentOn ? { zh: `处理日期不能早于移送日期 ${c.data.referral.sentOn}`, field: 'decidedOn' } : null),
      apply: (d, i) => ({ ...withNote(d, 'record_result', '已登记处理结果'), result: { decidedOn: i.decidedOn, outcome: i.outcome } }),
    }),
  ],
  view: {
    summary: { reads: ['ground'], text: (d) => ESCALATION_LABEL[d.ground] },
    parties: [{ label: '升级的案件', key: 'sourceCaseId', kind: 'case' }, { label: '项目', key: 'projectId', kind: 'project' }, { label: '涉及单位', key: 'unitId', kind: 'subject' }],
    facts: [
      { label: '升级理由', value: (d) => `${ESCALATION_LABEL[d.ground]}：${d.reason}（${d.sourceClause}）` },
      { label: '移送', clause: 'YT-9.4', value: (d) => (d.referral ? `${d.referral.sentOn} 移送${d.referral.bodyName}（${REFERRAL_BODY_LABEL[d.referral.body]}）\n材料：${d.referral.materials}` : null) },
      { label: '问责处理结果', clause: 'YT-9.4', value: (d) => (d.result ? `${d.result.decidedOn}：${d.result.outcome}` : null) },
    ],
  },
};
