/**
 * 整改: the steps every procedure with rectification shares — a plan of items each with a deadline
 * and a way of verifying it, verification item by item, and escalation when the problem is not
 * rectified, gets worse or recurs. The correction case (YT-9.4), policy-implementation inspections
 * (YT-7) and mid-term checks (YT-8) all include these steps rather than copying them.
 */
import type { Role } from '../access/roles';
import { isIsoDate } from '../time/iso-date';
import { hasText, withNote } from './common';
import type { CaseView, TransitionDef } from './engine';

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

/** What a case carries once rectification is under way. */
export interface RectificationData {
  history: Array<{ step: string; note: string }>;
  plan?: RectificationItem[];
  escalation?: { ground: EscalationGround; reason: string };
}


function checkPlan(items: unknown): { zh: string; field?: string } | null {
  if (!Array.isArray(items) || items.length === 0) return { zh: '整改方案至少列一项整改事项', field: 'items' };
  for (const [i, it] of items.entries()) {
    const x = it as Partial<RectificationItem>;
    if (!hasText(x.item)) return { zh: `第 ${i + 1} 项须写明整改内容`, field: `items/${i}/item` };
    if (typeof x.dueDate !== 'string' || !isIsoDate(x.dueDate)) return { zh: `第 ${i + 1} 项须写明整改期限（日期）`, field: `items/${i}/dueDate` };
    if (!hasText(x.verification)) return { zh: `第 ${i + 1} 项须写明如何验证整改`, field: `items/${i}/verification` };
  }
  return null;
}

/** Items past their deadline and not yet verified on the given date. */
export function overdueItems(d: Pick<RectificationData, 'plan'>, on: string): number[] {
  return (d.plan ?? []).flatMap((x, i) => (!x.verifiedOn && x.dueDate < on ? [i] : []));
}

/** Why a rectifying case may not be closed yet, or null: a plan exists and every item is verified. */
export function rectificationOpen(d: Pick<RectificationData, 'plan'>): { zh: string; field: string } | null {
  if (!d.plan?.length) return { zh: '尚未制定整改方案', field: 'items' };
  const open = d.plan.filter((x) => !x.verifiedOn).length;
  return open ? { zh: `还有 ${open} 项整改事项未验证`, field: 'items' } : null;
}

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
}

export function rectificationSteps<D extends RectificationData>(o: RectificationOptions): TransitionDef<D, any>[] {
  return [
    {
      id: 'set_plan', label: '制定整改方案', clause: o.clause, from: [o.state], to: o.state, roles: o.roles,
      guard: (_c, i) => checkPlan(i.items), notify: o.notifyPlan,
      apply: (d, i) => ({ ...withNote(d, 'set_plan', `整改事项 ${(i.items as unknown[]).length} 项`), plan: (i.items as RectificationItem[]).map((x) => ({ item: x.item, dueDate: x.dueDate, verification: x.verification })) }),
    },
    {
      id: 'verify_item', label: '验证整改事项', clause: o.clause, from: [o.state], to: o.state, roles: o.roles,
      guard: (c: CaseView<D>, i) => {
        const n = Number(i.index);
        if (!c.data.plan?.length) return { zh: '尚未制定整改方案', field: 'index' };
        if (!Number.isInteger(n) || n < 0 || n >= c.data.plan.length) return { zh: '没有这一整改事项', field: 'index' };
        if (c.data.plan[n].verifiedOn) return { zh: '该事项已验证', field: 'index' };
        if (typeof i.verifiedOn !== 'string' || !isIsoDate(i.verifiedOn)) return { zh: '须写明验证日期', field: 'verifiedOn' };
        return hasText(i.note) ? null : { zh: '须写明验证情况', field: 'note' };
      },
      apply: (d, i) => ({
        ...withNote(d, 'verify_item', `第 ${Number(i.index) + 1} 项已验证`),
        plan: d.plan!.map((x, k) => (k === Number(i.index) ? { ...x, verifiedOn: String(i.verifiedOn), verificationNote: String(i.note) } : x)),
      }),
    },
    {
      id: 'escalate', label: '升级严肃处理', clause: o.clause, from: o.escalateFrom, to: o.escalatedState, roles: o.roles, notify: ['bureau_leader'],
      guard: (_c, i) => (!(ESCALATION_GROUNDS as readonly string[]).includes(String(i.ground)) ? { zh: '升级理由应为逾期未整改、问题加重或再次出现同类错误', field: 'ground' }
        : !hasText(i.reason, 5) ? { zh: '须写明具体情况', field: 'reason' } : null),
      apply: (d, i) => ({ ...withNote(d, 'escalate', ESCALATION_LABEL[i.ground as EscalationGround]), escalation: { ground: i.ground as EscalationGround, reason: String(i.reason) } }),
    },
  ];
}
