/**
 * 应履行事项 (obligations a decision creates): YT-10 — an exempted project's surplus funds go back to the
 * treasury; CI-23 — funds of a terminated project are clawed back, awards and titles revoked with their
 * bonuses. Neither text gives a period to pay in, so each period is a bureau setting kept as a dated
 * parameter of its document (its basis says so). The party owes it, so it is counted on the national
 * calendar (a prefecture's own rest days bind its bureau only), from the day after the decision
 * (民法典 第二百零一条). Amounts are yuan with two decimals, computed in whole fen. Pure.
 */
import type { WorkingCalendar } from '../calendar/working-calendar';
import type { DocumentId, PolicyRegistry } from '../policy/registry';
import type { IsoDate } from '../time/iso-date';

export const OBLIGATION_KINDS = {
  return_surplus_funds: { document: 'YT', clause: 'YT-10', parameter: 'YT-10.surplusReturnWorkingDays', label: '结余资金退回' },
  clawback_funds: { document: 'CI', clause: 'CI-23', parameter: 'CI-23.clawbackWorkingDays', label: '收回财政科技资金' },
  revoke_awards: { document: 'CI', clause: 'CI-23', parameter: 'CI-23.revocationWorkingDays', label: '撤销奖励荣誉、收回奖金' },
  rectify_after_suspension: { document: 'CI', clause: 'CI-23', parameter: 'CI-23.suspensionRectifyWorkingDays', label: '暂停资助期间限期整改' },
} as const satisfies Record<string, { document: DocumentId; clause: string; parameter: string; label: string }>;
export type ObligationKind = keyof typeof OBLIGATION_KINDS;
export const isObligationKind = (k: string): k is ObligationKind => Object.prototype.hasOwnProperty.call(OBLIGATION_KINDS, k);

/** What the list shows: open until the due date, overdue after it, then fulfilled or waived. */
export const OBLIGATION_STATES = ['open', 'overdue', 'fulfilled', 'waived'] as const;
export type ObligationState = (typeof OBLIGATION_STATES)[number];
export const OBLIGATION_STATE_LABEL: Record<ObligationState, string> = { open: '待履行', overdue: '已逾期', fulfilled: '已履行', waived: '已免除' };

export function obligationState(status: 'open' | 'fulfilled' | 'waived', dueDate: IsoDate | null, today: IsoDate): ObligationState {
  if (status !== 'open') return status;
  return dueDate !== null && today > dueDate ? 'overdue' : 'open';
}

export interface ObligationDue {
  dueDate: IsoDate;
  workingDays: number;
  clause: string;
  policyVersionId: string;
  /** The parameter's basis and the counting, as a clerk can check it. */
  basis: string;
  /** Set when the decision date lies outside every version of the document. */
  warning: string | null;
}

/**
 * The last day to settle an obligation decided on `decidedOn`: the period in working days the version
 * in force that day sets (YT-10 / CI-23 parameter), counted from the next day on the national calendar.
 */
export function obligationDueDate(kind: ObligationKind, decidedOn: IsoDate, calendar: WorkingCalendar, registry: PolicyRegistry, regionPath: readonly string[]): ObligationDue {
  const k = OBLIGATION_KINDS[kind];
  const lookup = registry.versionFor(k.document, decidedOn, regionPath);
  const p = registry.parameter(lookup, k.parameter);
  if (typeof p.value !== 'number') throw new RangeError(`parameter ${k.parameter} is not a number`);
  const dueDate = calendar.addWorkdays(decidedOn, p.value);
  return {
    dueDate, workingDays: p.value, clause: k.clause, policyVersionId: lookup.version.id, warning: lookup.warning,
    basis: `${p.basis}；自 ${decidedOn} 次日起算第 ${p.value} 个工作日为 ${dueDate}（法定节假日不计，民法典第二百零一条）`,
  };
}

// ——— Money in fen: no floating point between the form and the database. ———
const YUAN = /^(\d{1,12})(?:\.(\d{1,2}))?$/;
export const isYuan = (s: string) => YUAN.test(s);
export function toFen(yuan: string): bigint {
  const m = YUAN.exec(yuan);
  if (!m) throw new RangeError(`not an amount in yuan: ${yuan}`);
  return BigInt(m[1]) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
}
export function fromFen(fen: bigint): string {
  const neg = fen < 0n;
  const a = neg ? -fen : fen;
  return `${neg ? '-' : ''}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
}
/** What is still owed after the settlements so far (never below zero: an overpayment is refused before it is stored). */
export const remainderYuan = (amount: string, settled: string) => fromFen(toFen(amount) - toFen(settled));
