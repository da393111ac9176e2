/**
 * 纠错 (云科规〔2023〕1号 第九条) declared for the procedure engine. A decision that grants tolerance
 * starts it (YT-9.1); the bureau sends the correction notice within 7 days (YT-9.2), interviews the
 * persons concerned within 10 days of the notice and records what they said (YT-9.3), sets a
 * rectification plan with items, deadlines and how each is verified, escalates when the error is not
 * rectified, gets worse or recurs (YT-9.4), and closes once the cause analysis and long-term measures
 * are recorded (YT-9.5).
 */
import { isIsoDate } from '../time/iso-date';
import type { ProcedureDef } from './engine';

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

export interface CorrectionCaseData {
  projectId: string | null;
  /** The tolerance case whose decision started this one (YT-9.1). */
  toleranceCaseId: string;
  outcome: string;
  history: Array<{ step: string; note: string }>;
  notice?: { reasons: string; requirements: string };
  interview?: { date: string; persons: string[]; statements: string };
  plan?: RectificationItem[];
  escalation?: { ground: EscalationGround; reason: string };
  improvement?: { causes: string; measures: string };
}

const OFFICERS = ['business_officer', 'county_officer'] as const;
const text = (v: unknown, min = 2) => typeof v === 'string' && v.trim().length >= min;
const note = (d: CorrectionCaseData, step: string, n: string) => ({ ...d, history: [...d.history, { step, note: n }] });

function checkPlan(items: unknown): { zh: string; field?: string } | null {
  if (!Array.isArray(items) || items.length === 0) return { zh: '整改方案至少列一项整改事项', field: 'items' };
  for (const [i, it] of items.entries()) {
    const x = it as Partial<RectificationItem>;
    if (!text(x.item)) return { zh: `第 ${i + 1} 项须写明整改内容`, field: `items/${i}/item` };
    if (typeof x.dueDate !== 'string' || !isIsoDate(x.dueDate)) return { zh: `第 ${i + 1} 项须写明整改期限（日期）`, field: `items/${i}/dueDate` };
    if (!text(x.verification)) return { zh: `第 ${i + 1} 项须写明如何验证整改`, field: `items/${i}/verification` };
  }
  return null;
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
    { state: 'notice_due', roles: OFFICERS, clause: 'YT-9.1', label: '认定容错同时启动纠错程序', opens: ['YT-9.2'] },
  ],
  transitions: [
    {
      id: 'send_notice', label: '发出纠错通知书', clause: 'YT-9.2', from: ['notice_due'], to: 'interview_due', roles: OFFICERS,
      guard: (_c, i) => (!text(i.reasons, 5) ? { zh: '纠错通知书须写明纠错原因', field: 'reasons' } : !text(i.requirements, 5) ? { zh: '纠错通知书须写明纠错要求', field: 'requirements' } : null),
      stops: ['YT-9.2'], opens: ['YT-9.3'], notify: ['unit_admin'],
      apply: (d, i) => ({ ...note(d, 'send_notice', '已发出纠错通知书'), notice: { reasons: String(i.reasons), requirements: String(i.requirements) } }),
    },
    {
      id: 'record_interview', label: '谈话问询并记录', clause: 'YT-9.3', from: ['interview_due'], to: 'rectifying', roles: OFFICERS,
      guard: (_c, i) => (typeof i.date !== 'string' || !isIsoDate(i.date) ? { zh: '须写明谈话日期', field: 'date' }
        : !Array.isArray(i.persons) || i.persons.length === 0 ? { zh: '须写明谈话对象', field: 'persons' }
          : !text(i.statements, 5) ? { zh: '须记录当事人陈述', field: 'statements' } : null),
      stops: ['YT-9.3'],
      apply: (d, i) => ({ ...note(d, 'record_interview', `与${(i.persons as string[]).join('、')}谈话`), interview: { date: String(i.date), persons: (i.persons as string[]).map(String), statements: String(i.statements) } }),
    },
    {
      id: 'set_plan', label: '制定整改方案', clause: 'YT-9.4', from: ['rectifying'], to: 'rectifying', roles: OFFICERS,
      guard: (_c, i) => checkPlan(i.items), notify: ['unit_admin'],
      apply: (d, i) => ({ ...note(d, 'set_plan', `整改事项 ${(i.items as unknown[]).length} 项`), plan: (i.items as RectificationItem[]).map((x) => ({ item: x.item, dueDate: x.dueDate, verification: x.verification })) }),
    },
    {
      id: 'verify_item', label: '验证整改事项', clause: 'YT-9.4', from: ['rectifying'], to: 'rectifying', roles: OFFICERS,
      guard: (c, i) => {
        const n = Number(i.index);
        if (!c.data.plan?.length) return { zh: '尚未制定整改方案', field: 'index' };
        if (!Number.isInteger(n) || n < 0 || n >= c.data.plan.length) return { zh: '没有这一整改事项', field: 'index' };
        if (c.data.plan[n].verifiedOn) return { zh: '该事项已验证', field: 'index' };
        if (typeof i.verifiedOn !== 'string' || !isIsoDate(i.verifiedOn)) return { zh: '须写明验证日期', field: 'verifiedOn' };
        return text(i.note) ? null : { zh: '须写明验证情况', field: 'note' };
      },
      apply: (d, i) => ({
        ...note(d, 'verify_item', `第 ${Number(i.index) + 1} 项已验证`),
        plan: d.plan!.map((x, k) => (k === Number(i.index) ? { ...x, verifiedOn: String(i.verifiedOn), verificationNote: String(i.note) } : x)),
      }),
    },
    {
      id: 'record_improvement', label: '记录原因分析和长效措施', clause: 'YT-9.5', from: ['rectifying'], to: 'rectifying', roles: OFFICERS,
      guard: (_c, i) => (!text(i.causes, 5) ? { zh: '须写明原因分析', field: 'causes' } : !text(i.measures, 5) ? { zh: '须写明长效措施', field: 'measures' } : null),
      apply: (d, i) => ({ ...note(d, 'record_improvement', '已记录原因分析和长效措施'), improvement: { causes: String(i.causes), measures: String(i.measures) } }),
    },
    {
      id: 'escalate', label: '升级严肃处理', clause: 'YT-9.4', from: ['interview_due', 'rectifying'], to: 'escalated', roles: OFFICERS, notify: ['bureau_leader'],
      guard: (_c, i) => (!(ESCALATION_GROUNDS as readonly string[]).includes(String(i.ground)) ? { zh: '升级理由应为逾期未整改、问题加重或再次出现同类错误', field: 'ground' }
        : !text(i.reason, 5) ? { zh: '须写明具体情况', field: 'reason' } : null),
      apply: (d, i) => ({ ...note(d, 'escalate', ESCALATION_LABEL[i.ground as EscalationGround]), escalation: { ground: i.ground as EscalationGround, reason: String(i.reason) } }),
    },
    {
      id: 'close', label: '纠错办结', clause: 'YT-9.5', from: ['rectifying'], to: 'closed', roles: OFFICERS,
      guard: (c) => (!c.data.plan?.length ? { zh: '尚未制定整改方案', field: 'items' }
        : c.data.plan.some((x) => !x.verifiedOn) ? { zh: `还有 ${c.data.plan.filter((x) => !x.verifiedOn).length} 项整改事项未验证`, field: 'items' }
          : !c.data.improvement ? { zh: '须先记录原因分析和长效措施', field: 'causes' } : null),
      apply: (d) => note(d, 'close', '纠错办结'),
    },
  ],
};

/** Items past their deadline and not yet verified on the given date: what YT-9.4 tracks. */
export function overdueItems(d: Pick<CorrectionCaseData, 'plan'>, on: string): number[] {
  return (d.plan ?? []).flatMap((x, i) => (!x.verifiedOn && x.dueDate < on ? [i] : []));
}
