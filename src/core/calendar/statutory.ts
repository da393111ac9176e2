/**
 * Days off known before a year's notice is published (全国年节及纪念日放假办法, 2024 revision):
 * fixed-date holidays every year, and for years whose lunar dates are known here, the lunar ones.
 * They make a provisional year better than plain weekdays; every date that depends on such a year
 * is still flagged provisional until the notice is loaded (X-4). The lunar dates are data, not
 * derived from Intl, which puts 2027's Spring Festival a day late.
 */
import type { HolidayRange } from './notice';

export const STATUTORY_BASIS = '全国年节及纪念日放假办法（2024年修订）';

const FIXED: Array<[string, string, string]> = [
  ['01-01', '01-01', '元旦'],
  ['05-01', '05-02', '劳动节'],
  ['10-01', '10-03', '国庆节'],
];

/** Lunar-calendar holidays by year, from the statutory rule and the published lunar calendar. */
const LUNAR: Record<number, Array<[string, string, string]>> = {
  2027: [['02-05', '02-08', '春节'], ['04-05', '04-05', '清明节'], ['06-09', '06-09', '端午节'], ['09-15', '09-15', '中秋节']],
};

export function statutoryDaysOff(year: number): HolidayRange[] {
  return [...FIXED, ...(LUNAR[year] ?? [])].map(([from, to, name]) => ({ from: `${year}-${from}`, to: `${year}-${to}`, name }));
}

/** True when every statutory day of the year is known (fixed and lunar). */
export function statutoryComplete(year: number): boolean {
  return year in LUNAR;
}
