/**
 * 整改: the steps every procedure with rectification shares — a plan of items each with a deadline
 * and a way of verifying it, verification item by item, and escalation when the problem is not
 * rectified, gets worse or recurs. The correction case (YT-9.4), policy-implementation inspections
 * (YT-7) and mid-term checks (YT-8) all include these steps rather than copying them.
 */
import { Type } from 'typebox';
import type { Role } from '../access/roles';
import { Choice, DateField, LongText, Text, withNote } from './common';
import { step, type Requirement, type StepDef } from './engine';

export interface RectificationItem {
  item: string;
  dueDate: string;
  verification: string;
  verifiedOn?: string;
  verificationNote?: string;
}

export const ESCALATION_GROUNDS = ['not_rectified', 'worse', 'repeated'] as const;
export type EscalationGround = (typeof ESCALATION_GROUNDS)[number];
export const ESCALATION_LABEL: Record<EscalationGround, string> = { not_rectified: '逾期未整改', worse: '问题加重', repeated: '再次出现同类错误' };

/**
 * YT-7, YT-8, YT-9.4 给予严肃处理: what the escalation opens — an accountability referral to the
 * discipline or personnel body (accountability-referral.ts), or, where fraud is suspected, a misconduct
 * lead under CI-22. The officer chooses; the form says which.
 */
export const ESCALATION_HANDLINGS = ['accountability', 'misconduct'] as const;
export type EscalationHandling = (typeof ESCALATION_HANDLINGS)[number];
export const ESCALATION_HANDLING_LABEL: Record<EscalationHandling, string> = {
  accountability: '移送纪检监察机关或组织人事部门问责',
  misconduct: '涉嫌弄虚作假，作为科研失信行为线索立案（CI-22）',
};

/** What a case carries once rectification is under way. */
export interface RectificationData {
  history: Array<{ step: string; note: string }>;
  plan?: RectificationItem[];
  escalation?: { ground: EscalationGround; reason: string; handling?: EscalationHandling };
}

/** Items past their deadline and not yet verified on the given date. */
export function overdueItems(d: Pick<RectificationData, 'plan'>, on: string): number[] {
  return (d.plan ?? []).flatMap((x, i) => (!x.verifiedOn && x.dueDate < on ? [i] : []));
}

/** A case with rectification may close once a plan exists and every item of it is verified. */
export const rectificationDone = (clause: string): Requirement<RectificationData>[] => [
  { id: 'plan_set', clause, zh: '尚未制定整改方案', met: (c) => (c.data.plan?.length ?? 0) > 0 },
  { id: 'plan_verified', clause, zh: (c) => `还有 ${(c.data.plan ?? []).filter((x) => !x.verifiedOn).length} 项整改事项未验证`, met: (c) => (c.data.plan ?? []).every((x) => !!x.verifiedOn) },
];

export interface RectificationOptions {
  /** The clause the steps implement in this procedure (YT-9.4, YT-7, YT-8). */
  clause: string;
  /** The state in which the plan is set and items verified. */
  state: string;
  /** States from which the case may be escalated, and the state escalation leads to. */
  escalateFrom: readonly string[];
  escalatedState: string;
  roles: readonly Role[];
  /** Told of the plan (e.g. the unit) and of an escalation (e.g. the bureau's leaders). */
  notifyPlan?: readonly Role[];
  /** Who besides `roles` may verify an item: an entrusted agency where the bureau entrusts that work (CI-32). */
  verifyRoles?: readonly Role[];
}

const PlanItem = Type.Object({ item: Text('整改内容', 2, { max: 1000 }), dueDate: DateField('整改期限', undefined, false), verification: Text('验证方式', 2, { max: 1000 }) }, { additionalProperties: false, title: '整改事项' });

export function rectificationSteps<D extends RectificationData>(o: RectificationOptions): StepDef<D, any>[] {
  const s = step<D>();
  return [
    s({
      id: 'set_plan', label: '制定整改方案', clause: o.clause, from: [o.state], to: o.state, roles: o.roles, notify: o.notifyPlan,
      input: Type.Object({ items: Type.Array(PlanItem, { title: '整改事项', minItems: 1, maxItems: 50 }) }, { additionalProperties: false }),
      apply: (d, i) => ({ ...withNote(d, 'set_plan', `整改事项 ${i.items.length} 项`), plan: i.items.map((x) => ({ item: x.item, dueDate: x.dueDate, verification: x.verification })) }),
    }),
    s({
      id: 'verify_item', label: '验证整改事项', clause: o.clause, from: [o.state], to: o.state, roles: [...o.roles, ...(o.verifyRoles ?? [])],
      requires: [{ id: 'plan_set', clause: o.clause, zh: '尚未制定整改方案', met: (c) => (c.data.plan?.length ?? 0) > 0 }],
      input: Type.Object({
        index: Type.Integer({ minimum: 0, title: '整改事项', 'x-widget': 'planItem' }), verifiedOn: DateField('验证日期'), note: LongText('验证情况', 2),
      }, { additionalProperties: false }),
      check: (c, i) => (i.index >= c.data.plan!.length ? { zh: '没有这一整改事项', field: 'index' } : c.data.plan![i.index].verifiedOn ? { zh: '该事项已验证', field: 'index' } : null),
      apply: (d, i) => ({
        ...withNote(d, 'verify_item', `第 ${i.index + 1} 项已验证`),
        plan: d.plan!.map((x, k) => (k === i.index ? { ...x, verifiedOn: i.verifiedOn, verificationNote: i.note } : x)),
      }),
    }),
    s({
      // The escalation opens its next case in the same transaction (open_escalation_case), linked both ways as parent and child.
      id: 'escalate', label: '升级严肃处理', clause: o.clause, from: o.escalateFrom, to: o.escalatedState, roles: o.roles, notify: ['bureau_leader'], effects: ['open_escalation_case'],
      input: Type.Object({
        ground: Choice('升级理由', ESCALATION_GROUNDS, ESCALATION_LABEL), reason: LongText('具体情况', 5),
        handling: Choice('严肃处理方式', ESCALATION_HANDLINGS, ESCALATION_HANDLING_LABEL),
      }, { additionalProperties: false }),
      apply: (d, i) => ({ ...withNote(d, 'escalate', `${ESCALATION_LABEL[i.ground]}；${ESCALATION_HANDLING_LABEL[i.handling]}`), escalation: { ground: i.ground, reason: i.reason, handling: i.handling } }),
    }),
  ];
}

/** The facts the case page shows for a plan and an escalation. */
export const rectificationFacts = <D extends RectificationData>() => [
  { label: '整改事项', value: (d: D) => d.plan?.map((x, i) => `${i + 1}. ${x.item}（期限 ${x.dueDate}；${x.verifiedOn ? `${x.verifiedOn} 已验证：${x.verificationNote ?? ''}` : `验证方式：${x.verification}`}）`).join('\n') },
  { label: '升级处理', value: (d: D) => (d.escalation ? `${ESCALATION_LABEL[d.escalation.ground]}：${d.escalation.reason}${d.escalation.handling ? `\n处理方式：${ESCALATION_HANDLING_LABEL[d.escalation.handling]}` : ''}` : null) },
];
