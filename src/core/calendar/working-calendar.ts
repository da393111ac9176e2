/**
 * The working-day calendar: each day classified once from the loaded notices, the statutory
 * days of years without a notice, and any local overlay; then a precomputed index answers "N
 * working days after D" and "working days between" in constant time instead of walking day by day.
 */
import { fromEpochDay, isIsoDate, toEpochDay, dayOfWeek, type IsoDate } from '../time/iso-date';
import { expandRange, type HolidayNotice, type LocalHoliday } from './notice';
import { statutoryDaysOff } from './statutory';

export type DayKind = 'workday' | 'makeup_workday' | 'weekend' | 'holiday' | 'local_holiday';

export interface DayInfo {
  date: IsoDate;
  workday: boolean;
  kind: DayKind;
  /** Name of the holiday that makes it a rest day (or of the holiday a make-up day serves). */
  name: string | null;
  /** The day's year has no loaded notice: its status may still change. */
  provisional: boolean;
}

const KIND_CODE: DayKind[] = ['workday', 'makeup_workday', 'weekend', 'holiday', 'local_holiday'];

export const CALENDAR_FIRST_YEAR = 2000;
export const CALENDAR_LAST_YEAR = 2100;

export class CalendarRangeError extends RangeError {}

/**
 * Every date of the calendar's range as a string and its offset, built once and shared by all
 * calendars: the hot path (add / count) is then two lookups, with no parsing or formatting.
 */
interface DayTable { base: number; strings: string[]; offsets: Map<string, number> }
let dayTable: DayTable | null = null;
function days(): DayTable {
  if (dayTable) return dayTable;
  const base = toEpochDay(`${CALENDAR_FIRST_YEAR}-01-01`);
  const size = toEpochDay(`${CALENDAR_LAST_YEAR}-12-31`) - base + 1;
  const strings = new Array<string>(size);
  const offsets = new Map<string, number>();
  for (let i = 0; i < size; i++) {
    const d = fromEpochDay(base + i);
    strings[i] = d;
    offsets.set(d, i);
  }
  dayTable = { base, strings, offsets };
  return dayTable;
}

export class WorkingCalendar {
  private readonly table = days();
  private readonly base = this.table.base;
  private readonly size = this.table.strings.length;
  private readonly kinds = new Uint8Array(this.size);
  private readonly names = new Map<number, string>();
  /** rank[i] = number of working days in [base, base + i]. */
  private readonly rank = new Int32Array(this.size);
  /** Offsets of the working days, in order: workdays[k] is the (k+1)-th working day. */
  private readonly workdays: Int32Array;
  private readonly officialYears: Map<number, HolidayNotice>;

  constructor(notices: readonly HolidayNotice[], local: readonly LocalHoliday[] = []) {
    this.officialYears = new Map(notices.map((n) => [n.year, n]));
    for (let i = 0; i < this.size; i++) {
      const dow = (this.base + i + 4) % 7;
      this.kinds[i] = dow === 0 || dow === 6 ? 2 : 0;
    }
    const mark = (date: IsoDate, code: number, name: string | null) => {
      const i = toEpochDay(date) - this.base;
      if (i < 0 || i >= this.size) return;
      this.kinds[i] = code;
      if (name) this.names.set(i, name);
    };
    for (let y = CALENDAR_FIRST_YEAR; y <= CALENDAR_LAST_YEAR; y++) {
      if (this.officialYears.has(y)) continue;
      // No notice for this year: the statutory days apply, and the year stays provisional.
      for (const r of statutoryDaysOff(y)) for (const d of expandRange(r.from, r.to)) mark(d, 3, r.name);
    }
    for (const n of notices) {
      for (const r of n.off) for (const d of expandRange(r.from, r.to)) mark(d, 3, r.name);
      for (const d of n.workdays) mark(d, 1, null);
    }
    // A local rest day only turns a working day into a rest day; it never cancels a make-up day's
    // national status in reverse, and never changes a day that is already a rest day.
    for (const h of local) for (const d of expandRange(h.from, h.to)) {
      const i = toEpochDay(d) - this.base;
      if (i >= 0 && i < this.size && (this.kinds[i] === 0 || this.kinds[i] === 1)) { this.kinds[i] = 4; this.names.set(i, h.name); }
    }
    let count = 0;
    const list: number[] = [];
    for (let i = 0; i < this.size; i++) {
      if (this.kinds[i] <= 1) { count++; list.push(i); }
      this.rank[i] = count;
    }
    this.workdays = Int32Array.from(list);
  }

  private offset(date: IsoDate): number {
    const i = this.table.offsets.get(date);
    if (i === undefined) {
      if (!isIsoDate(date)) throw new RangeError(`not a calendar date: ${String(date)}`);
      throw new CalendarRangeError(`日期 ${date} 超出日历范围（${CALENDAR_FIRST_YEAR}–${CALENDAR_LAST_YEAR}）`);
    }
    return i;
  }

  isProvisionalYear(year: number): boolean {
    return !this.officialYears.has(year);
  }

  noticeFor(year: number): HolidayNotice | undefined {
    return this.officialYears.get(year);
  }

  day(date: IsoDate): DayInfo {
    const i = this.offset(date);
    const kind = KIND_CODE[this.kinds[i]];
    return { date, workday: this.kinds[i] <= 1, kind, name: this.names.get(i) ?? null, provisional: this.isProvisionalYear(Number(date.slice(0, 4))) };
  }

  isWorkday(date: IsoDate): boolean {
    return this.kinds[this.offset(date)] <= 1;
  }

  /** The n-th working day after `date` (the day itself never counts); n = 0 gives `date`. */
  addWorkdays(date: IsoDate, n: number): IsoDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working-day count must be a whole number ≥ 0, got ${n}`);
    if (n === 0) return date;
    const k = this.rank[this.offset(date)] + n - 1;
    if (k >= this.workdays.length) throw new CalendarRangeError(`结果超出日历范围（${CALENDAR_LAST_YEAR} 年之后）`);
    return this.table.strings[this.workdays[k]];
  }

  /** Working days in the half-open span (after, until]. */
  countWorkdays(after: IsoDate, until: IsoDate): number {
    if (until <= after) return 0;
    return this.rank[this.offset(until)] - this.rank[this.offset(after)];
  }

  /** The day itself if it is a working day, otherwise the next working day. */
  onOrNextWorkday(date: IsoDate): IsoDate {
    return this.isWorkday(date) ? date : this.addWorkdays(date, 1);
  }

  /** Years without a loaded notice among those the span (after, until] touches. */
  provisionalYears(after: IsoDate, until: IsoDate): number[] {
    const from = Number(after.slice(0, 4));
    const to = Number(until.slice(0, 4));
    const out: number[] = [];
    for (let y = from; y <= to; y++) {
      if (y === from && after.slice(5) === '12-31' && y !== to) continue; // the span starts the next day
      if (this.isProvisionalYear(y)) out.push(y);
    }
    return out;
  }
}

export function isWeekend(date: IsoDate): boolean {
  const d = dayOfWeek(date);
  return d === 0 || d === 6;
}

/**
 * The national calendar and, per set of local overlays, a calendar with them applied; each built
 * once and reused.
 */
export class CalendarBook {
  readonly national: WorkingCalendar;
  private readonly withOverlay = new Map<string, WorkingCalendar>();

  constructor(readonly notices: readonly HolidayNotice[], readonly local: readonly LocalHoliday[]) {
    this.national = new WorkingCalendar(notices);
  }

  /** `regionPath`: the jurisdiction and every region above it; an overlay of any of them applies. */
  forJurisdiction(regionPath: readonly string[]): WorkingCalendar {
    const applicable = this.local.filter((h) => regionPath.includes(h.jurisdiction));
    if (applicable.length === 0) return this.national;
    const key = [...new Set(applicable.map((h) => h.jurisdiction))].sort().join(',');
    let cal = this.withOverlay.get(key);
    if (!cal) {
      cal = new WorkingCalendar(this.notices, applicable);
      this.withOverlay.set(key, cal);
    }
    return cal;
  }

  localHolidaysFor(regionPath: readonly string[]): LocalHoliday[] {
    return this.local.filter((h) => regionPath.includes(h.jurisdiction));
  }
}
