import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysInMonth, isIsoDate, isLeapYear } from '../../src/core/time/iso-date';

// Reference reading from the platform's own proleptic Gregorian calendar, used only to check ours.
const referenceDays = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

describe('业务日期：按字符读取的判定与公历一致', () => {
  it('闰年：2024、2000 是；2026、1900、2100 不是（世纪年须被 400 整除）', () => {
    expect([2024, 2000, 2026, 1900, 2100].map(isLeapYear)).toEqual([true, true, false, false, false]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2026, 4)).toBe(30);
  });

  it('1900–2999 年每个月的天数与公历相同', () => {
    for (let y = 1900; y <= 2999; y++) for (let m = 1; m <= 12; m++) expect(daysInMonth(y, m)).toBe(referenceDays(y, m));
  });

  it('不存在的月份报错，而非给出一个天数', () => {
    expect(() => daysInMonth(2026, 0)).toThrow(RangeError);
    expect(() => daysInMonth(2026, 13)).toThrow(RangeError);
  });

  it('任意字符串：当且仅当它是 YYYY-MM-DD 且为真实日期时判为日期', () => {
    const reference = (s: string) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
      if (!m) return false;
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      return y >= 1900 && y <= 2999 && mo >= 1 && mo <= 12 && d >= 1 && d <= referenceDays(y, mo);
    };
    const nearDate = fc.tuple(fc.integer({ min: 1800, max: 3100 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 33 }))
      .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    const mangled = fc.tuple(nearDate, fc.nat({ max: 9 }), fc.constantFrom('a', ' ', '/', '+', '٣', '0'))
      .map(([s, i, c]) => s.slice(0, i) + c + s.slice(i + 1));
    fc.assert(fc.property(fc.oneof(nearDate, mangled, fc.string({ maxLength: 12 })), (s) => isIsoDate(s) === reference(s)), { numRuns: 20000 });
    expect(isIsoDate(20260101)).toBe(false);
  });
});
