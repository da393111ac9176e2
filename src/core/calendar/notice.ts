/**
 * A State Council holiday notice (国务院办公厅关于某年部分节假日安排的通知) as data: the days off
 * (inclusive ranges, which may begin in the previous December) and the make-up working days
 * (调休上班). X-4: working-day periods use this schedule; it is loaded, never written into code.
 */
import { addCalendarDays, dayOfWeek, isIsoDate, type IsoDate } from '../time/iso-date';

export interface HolidayRange { from: IsoDate; to: IsoDate; name: string }

export interface HolidayNotice {
  year: number;
  /** 文号 or title of the notice. */
  notice: string;
  published: IsoDate;
  off: HolidayRange[];
  workdays: IsoDate[];
}

export interface LocalHoliday extends HolidayRange {
  /** Region whose offices rest (and every region below it). */
  jurisdiction: string;
}

export interface NoticeProblem { field: string; zh: string }

/** Checks a notice before it is stored: real dates, ranges in order, make-up days on weekends. */
export function checkNotice(n: HolidayNotice): NoticeProblem[] {
  const problems: NoticeProblem[] = [];
  if (!Number.isInteger(n.year) || n.year < 2000 || n.year > 2100) problems.push({ field: 'year', zh: '年份应在 2000–2100 之间' });
  if (!n.notice?.trim()) problems.push({ field: 'notice', zh: '须填写通知文号或标题' });
  if (!isIsoDate(n.published)) problems.push({ field: 'published', zh: '发布日期无效' });
  n.off.forEach((r, i) => {
    if (!isIsoDate(r.from) || !isIsoDate(r.to)) problems.push({ field: `off/${i}`, zh: '放假日期无效' });
    else if (r.to < r.from) problems.push({ field: `off/${i}`, zh: '放假结束日期早于开始日期' });
    else if (Number(r.to.slice(0, 4)) !== n.year && Number(r.from.slice(0, 4)) !== n.year) problems.push({ field: `off/${i}`, zh: `放假日期不在 ${n.year} 年` });
    if (!r.name?.trim()) problems.push({ field: `off/${i}/name`, zh: '须填写节日名称' });
  });
  n.workdays.forEach((d, i) => {
    if (!isIsoDate(d)) problems.push({ field: `workdays/${i}`, zh: '调休上班日期无效' });
    else if (![0, 6].includes(dayOfWeek(d))) problems.push({ field: `workdays/${i}`, zh: `${d} 不是周末，无需调休上班` });
    else if (Number(d.slice(0, 4)) !== n.year) problems.push({ field: `workdays/${i}`, zh: `调休上班日期不在 ${n.year} 年` });
  });
  const offDays = new Set(n.off.flatMap((r) => (isIsoDate(r.from) && isIsoDate(r.to) ? expandRange(r.from, r.to) : [])));
  n.workdays.forEach((d, i) => { if (offDays.has(d)) problems.push({ field: `workdays/${i}`, zh: `${d} 同时是放假日和调休上班日` }); });
  return problems;
}

export function expandRange(from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) out.push(d);
  return out;
}

/** Reads the `{ "2026": { notice, published, off: [[from, to, name]], workdays } }` file format. */
export function noticesFromFile(json: unknown): HolidayNotice[] {
  if (!json || typeof json !== 'object') throw new Error('节假日文件应为 JSON 对象');
  return Object.entries(json as Record<string, any>).map(([year, v]) => ({
    year: Number(year),
    notice: String(v.notice ?? ''),
    published: String(v.published ?? ''),
    off: (v.off ?? []).map((r: [string, string, string]) => ({ from: r[0], to: r[1], name: r[2] })),
    workdays: [...(v.workdays ?? [])],
  }));
}

export function localHolidaysFromFile(json: any): LocalHoliday[] {
  return (json.off ?? []).map((r: [string, string, string]) => ({ jurisdiction: String(json.jurisdiction), from: r[0], to: r[1], name: r[2] }));
}
