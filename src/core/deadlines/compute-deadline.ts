/**
 * A deadline clock: due date recomputed from its ledger (start, pauses, extensions), never nudged,
 * with a derivation in Chinese that a clerk can check by hand against the calendar.
 */
import type { CalendarBook, WorkingCalendar } from '../calendar/working-calendar';
import { versionFor } from '../policy/versions';
import { DEFAULT_REGISTRY, type PolicyRegistry } from '../policy/registry';
import { addCalendarDays, daysInMonth, isIsoDate, parseIsoDate, formatIsoDate, type IsoDate } from '../time/iso-date';
import { COUNTING_RULES } from './counting-rules';
import { TIME_LIMITS, limitFigures, overlayApplies, type DayReading, type LimitFigures, type TimeLimit } from './time-limits';

export interface Pause {
  from: IsoDate;
  /** Inclusive last day of the pause; null while it is still running. */
  to: IsoDate | null;
  reason: string;
  recordedBy?: string | null;
  evidence?: string | null;
}

export interface Extension {
  approvedBy: string;
  approvedOn?: IsoDate | null;
}

export interface DeadlineInput {
  limitId: string;
  start: IsoDate;
  pauses?: readonly Pause[];
  extensions?: readonly Extension[];
  /** The jurisdiction that handles the step and the regions above it, for local overlays. */
  regionPath?: readonly string[];
  /** The day "today" is, for used / left / overdue / a running pause. */
  asOf?: IsoDate | null;
  /** Overrides the limit's reading of 日. */
  reading?: DayReading;
}

export interface DeadlineResult {
  limitId: string;
  clause: string;
  dueDate: IsoDate;
  /** Total counting units including extensions (working or calendar days, or months). */
  amount: number;
  unit: TimeLimit['unit'];
  provisional: boolean;
  provisionalYears: number[];
  localOverlay: boolean;
  policy: { docNo: string; inForceFrom: IsoDate; inForceTo: IsoDate | null; inForce: boolean };
  warnings: string[];
  derivation: string;
  used: number | null;
  left: number | null;
  paused: boolean;
  overdue: boolean | null;
  rules: string[];
}

export type DeadlineErrorCode = 'INVALID_DATE' | 'UNKNOWN_RULE' | 'INVALID_PAUSE' | 'EXTENSION_REFUSED';

export class DeadlineError extends Error {
  constructor(readonly code: DeadlineErrorCode, readonly zh: string, readonly field: string | null = null) {
    super(zh);
  }
}

const DAY_LABEL = { weekend: '周末', holiday: '', local_holiday: '' } as const;

export function limitFor(id: string): TimeLimit {
  const limit = TIME_LIMITS[id];
  if (!limit) throw new DeadlineError('UNKNOWN_RULE', `未知的时限规则：${id}（可用：${Object.keys(TIME_LIMITS).join('、')}）`, 'limitId');
  return limit;
}

function fmt(d: IsoDate, startYear: string): string {
  const { year, month, day } = parseIsoDate(d);
  return String(year) === startYear ? `${month}/${day}` : `${year}/${month}/${day}`;
}

/** CC-202 then CC-203: the month period's last day, moved off a rest day. The one computation of it. */
export function monthsDue(cal: WorkingCalendar, start: IsoDate, months: number): { last: IsoDate; monthEnd: boolean; due: IsoDate } {
  const { date: last, monthEnd } = addMonths(start, months);
  return { last, monthEnd, due: cal.onOrNextWorkday(last) };
}

/** CC-202: the corresponding day n months later, or that month's last day when it has none. */
export function addMonths(date: IsoDate, n: number): { date: IsoDate; monthEnd: boolean } {
  const { year, month, day } = parseIsoDate(date);
  const total = year * 12 + (month - 1) + n;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  const last = daysInMonth(y, m);
  return { date: formatIsoDate(y, m, Math.min(day, last)), monthEnd: day > last };
}

function checkPauses(limit: TimeLimit, start: IsoDate, pauses: readonly Pause[], asOf: IsoDate | null): Pause[] {
  if (pauses.length && !limit.pauseReasons) throw new DeadlineError('INVALID_PAUSE', `${limit.id} 的时限不因评估、听证等暂停`, 'pauses');
  const sorted = [...pauses].sort((a, b) => (a.from < b.from ? -1 : 1));
  sorted.forEach((p, i) => {
    const field = `pauses/${i}`;
    if (!isIsoDate(p.from) || (p.to !== null && !isIsoDate(p.to))) throw new DeadlineError('INVALID_DATE', `暂停日期无效：${p.from}..${p.to ?? ''}`, field);
    if (p.to !== null && p.to < p.from) throw new DeadlineError('INVALID_PAUSE', `暂停的结束日 ${p.to} 早于开始日 ${p.from}`, field);
    if (p.from <= start) throw new DeadlineError('INVALID_PAUSE', `暂停 ${p.from} 不在时限之内（时限自 ${start} 次日起算）`, field);
    if (p.to === null && i !== sorted.length - 1) throw new DeadlineError('INVALID_PAUSE', '只有最后一次暂停可以尚未结束', field);
    if (p.to === null && asOf && asOf < p.from) throw new DeadlineError('INVALID_PAUSE', `暂停开始日 ${p.from} 晚于今天`, field);
    const prev = sorted[i - 1];
    if (prev && prev.to !== null && p.from <= prev.to) throw new DeadlineError('INVALID_PAUSE', `暂停 ${p.from} 与前一次暂停（至 ${prev.to}）重叠`, field);
    if (limit.pauseReasons && !limit.pauseReasons.includes(p.reason)) {
      throw new DeadlineError('INVALID_PAUSE', `${limit.id} 只因 ${limit.pauseReasons.join('、')} 暂停，不因“${p.reason}”`, `${field}/reason`);
    }
  });
  return sorted;
}

function checkExtensions(limit: TimeLimit, figures: LimitFigures, extensions: readonly Extension[]): number {
  if (extensions.length === 0) return 0;
  const x = figures.extension;
  if (!x) throw new DeadlineError('EXTENSION_REFUSED', `${limit.id} 的时限不能延长`, 'extensions');
  if (extensions.length > x.max) {
    throw new DeadlineError('EXTENSION_REFUSED', `${limit.id} 只能延长 ${x.max} 次（每次 ${x.amount} 个工作日）：第 ${x.max + 1} 次延长不予准许`, `extensions/${x.max}`);
  }
  extensions.forEach((e, i) => {
    if (!e.approvedBy?.trim()) throw new DeadlineError('EXTENSION_REFUSED', `延长须经${x.approver}批准并记录批准人`, `extensions/${i}/approvedBy`);
  });
  return extensions.length * x.amount;
}

/** Working days counted in (after, until], less those inside pauses (a running pause ends on `asOf`). */
function countingDays(cal: WorkingCalendar, after: IsoDate, until: IsoDate, pauses: readonly Pause[], asOf: IsoDate | null): number {
  let n = cal.countWorkdays(after, until);
  for (const p of pauses) {
    const to = p.to ?? asOf ?? p.from;
    const lo = addCalendarDays(p.from, -1) > after ? addCalendarDays(p.from, -1) : after;
    const hi = to < until ? to : until;
    n -= cal.countWorkdays(lo, hi);
  }
  return n;
}

function workingDayDue(cal: WorkingCalendar, start: IsoDate, n: number, pauses: readonly Pause[], asOf: IsoDate | null): IsoDate {
  let cursor = start;
  let remaining = n;
  for (const [i, p] of pauses.entries()) {
    const candidate = cal.addWorkdays(cursor, remaining);
    if (p.from > candidate) throw new DeadlineError('INVALID_PAUSE', `暂停 ${p.from} 不在时限之内（不暂停时 ${candidate} 即已到期）`, `pauses/${i}`);
    remaining -= cal.countWorkdays(cursor, addCalendarDays(p.from, -1));
    // A running pause is counted up to today; the date will move again when it ends.
    cursor = p.to ?? (asOf && asOf > p.from ? asOf : p.from);
  }
  return cal.addWorkdays(cursor, remaining);
}

/** One line a clerk can check: each counted day numbered, each run of uncounted days named. */
export function describeWorkingDays(cal: WorkingCalendar, start: IsoDate, due: IsoDate, n: number, opts: { trigger: string; extra?: number; pauses?: readonly Pause[]; asOf?: IsoDate | null }): string {
  const pauses = opts.pauses ?? [];
  const asOf = opts.asOf ?? null;
  const extra = opts.extra ?? 0;
  const y = start.slice(0, 4);
  const parts: string[] = [];
  let run: { label: string; from: IsoDate; to: IsoDate } | null = null;
  const flush = () => {
    if (!run) return;
    parts.push(`${run.label} ${fmt(run.from, y)}${run.from === run.to ? '' : `–${fmt(run.to, y)}`} 不计`);
    run = null;
  };
  let k = 0;
  for (let d = addCalendarDays(start, 1); d <= due; d = addCalendarDays(d, 1)) {
    const pause = pauses.find((p) => p.from <= d && d <= (p.to ?? asOf ?? p.from));
    const info = cal.day(d);
    let label: string | null = null;
    if (pause) label = `暂停（${pause.reason}）`;
    else if (!info.workday) label = info.kind === 'weekend' ? DAY_LABEL.weekend : `${info.name}${info.kind === 'local_holiday' ? '（地方假日）' : ''}${info.provisional ? '（暂定）' : ''}`;
    if (label) {
      if (run && run.label === label && addCalendarDays(run.to, 1) === d) run.to = d;
      else { flush(); run = { label, from: d, to: d }; }
    } else {
      flush();
      k++;
      parts.push(`${fmt(d, y)}${info.kind === 'makeup_workday' ? '（调休上班）' : ''}=${k}`);
    }
  }
  flush();
  const ext = extra ? `（含经批准延长的 ${extra} 个工作日）` : '';
  return `${start} ${opts.trigger}（当日不计）；+${n}个工作日${ext}：${parts.join('，')} → ${due}`;
}

export function computeDeadline(input: DeadlineInput, book: CalendarBook, registry: PolicyRegistry = DEFAULT_REGISTRY): DeadlineResult {
  const limit = limitFor(input.limitId);
  if (!isIsoDate(input.start)) throw new DeadlineError('INVALID_DATE', `起算日期无效：${input.start}`, 'start');
  if (input.asOf && !isIsoDate(input.asOf)) throw new DeadlineError('INVALID_DATE', `日期无效：${input.asOf}`, 'asOf');
  const asOf = input.asOf ?? null;
  const overlay = overlayApplies(limit) && (input.regionPath?.length ?? 0) > 0;
  const cal = overlay ? book.forJurisdiction(input.regionPath!) : book.national;
  const pauses = checkPauses(limit, input.start, input.pauses ?? [], asOf);
  // X-3: the length and the extension are the parameters of the version in force on the day the clock starts.
  const figures = limitFigures(limit, input.start, input.regionPath ?? [], registry);
  const extra = checkExtensions(limit, figures, input.extensions ?? []);
  const reading = input.reading ?? limit.reading;
  const rules: string[] = [COUNTING_RULES.START_NEXT_DAY.id];
  let due: IsoDate;
  let derivation: string;
  let amount = figures.amount + extra;
  let used: number | null = null;
  let left: number | null = null;

  if (limit.unit === 'working_days' || (limit.unit === 'calendar_days' && reading === 'working_days')) {
    rules.push(COUNTING_RULES.WORKING_DAYS.id);
    due = workingDayDue(cal, input.start, amount, pauses, asOf);
    derivation = describeWorkingDays(cal, input.start, due, amount, { trigger: limit.trigger, extra, pauses, asOf });
    if (asOf) {
      used = asOf <= input.start ? 0 : countingDays(cal, input.start, asOf < due ? asOf : due, pauses, asOf);
      left = Math.max(0, amount - used);
    }
  } else if (limit.unit === 'calendar_days') {
    const last = addCalendarDays(input.start, amount);
    due = cal.onOrNextWorkday(last);
    const y = input.start.slice(0, 4);
    derivation = `${input.start} ${limit.trigger}（当日不计）；+${amount}日 → ${fmt(last, y)}`;
    if (due !== last) {
      rules.push(COUNTING_RULES.LAST_DAY_REST.id);
      const info = cal.day(last);
      derivation += `，为休息日（${info.kind === 'weekend' ? '周末' : info.name}），依民法典第二百零三条顺延至下一工作日`;
    }
    derivation += ` → ${due}`;
    if (asOf) {
      used = Math.max(0, Math.min(amount, Math.round((Date.parse(asOf) - Date.parse(input.start)) / 86_400_000)));
      left = Math.max(0, amount - used);
    }
  } else if (limit.unit === 'months') {
    rules.push(COUNTING_RULES.MONTH_END.id);
    const m = monthsDue(cal, input.start, amount);
    const { last, monthEnd } = m;
    due = m.due;
    derivation = `${input.start} ${limit.trigger}（当日不计）；+${amount}个月 → ${last}${monthEnd ? '（到期月无对应日，取月末，民法典第二百零二条）' : ''}`;
    if (due !== last) {
      rules.push(COUNTING_RULES.LAST_DAY_REST.id);
      derivation += `，为休息日，依民法典第二百零三条顺延`;
    }
    derivation += ` → ${due}`;
  } else {
    due = `${input.start.slice(0, 4)}-12-31`;
    amount = 0;
    derivation = `${input.start} ${limit.trigger}；${limit.action}期限为当年 12 月底 → ${due}`;
  }

  // True only when a local rest day actually fell inside the period and lengthened it.
  const localOverlay = cal !== book.national && cal.countWorkdays(input.start, due) !== book.national.countWorkdays(input.start, due);
  const provisionalYears = cal.provisionalYears(input.start, due);
  const warnings: string[] = [];
  if (provisionalYears.length) {
    warnings.push(`${provisionalYears.join('、')} 年的节假日安排通知尚未载入：结果为暂定（已计入已知的法定节日，调休未知），载入通知后自动重新计算。`);
  }
  const policy = versionFor(limit.document, input.start, registry, input.regionPath ?? []);
  if (policy.warning) warnings.push(policy.warning);
  const paused = pauses.some((p) => p.to === null || (asOf !== null && p.from <= asOf && asOf <= p.to));
  if (pauses.some((p) => p.to === null)) warnings.push('时限暂停中：到期日按暂停持续到今天计算，恢复计时后重新计算。');
  if (localOverlay) rules.push('LOCAL');

  return {
    limitId: limit.id,
    clause: `${limit.law ?? policy.version.docNo} ${limit.article}（${limit.id}）`,
    dueDate: due,
    amount,
    unit: limit.unit,
    provisional: provisionalYears.length > 0,
    provisionalYears,
    localOverlay,
    policy: { docNo: policy.version.docNo, inForceFrom: policy.version.inForceFrom, inForceTo: policy.version.inForceTo, inForce: policy.inForce },
    warnings,
    derivation,
    used,
    left,
    paused,
    overdue: asOf ? asOf > due : null,
    rules,
  };
}
