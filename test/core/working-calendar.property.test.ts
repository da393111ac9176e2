/**
 * The precomputed index against an independent reference that reads the raw notice file and walks
 * one day at a time (no shared code beyond date formatting): they agree everywhere in 2023–2026,
 * and adding then counting back gives the count again.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import raw from '../../src/core/calendar/official/national-2023-2026.json';
import { BUNDLED_NOTICES } from '../../src/core/calendar/bundled';
import { WorkingCalendar } from '../../src/core/calendar/working-calendar';

const cal = new WorkingCalendar(BUNDLED_NOTICES);
const notices = raw as unknown as Record<string, { off: [string, string, string][]; workdays: string[] }>;

function refIsWorkday(d: string): boolean {
  for (const n of Object.values(notices)) {
    if (n.workdays.includes(d)) return true;
    if (n.off.some(([from, to]) => from <= d && d <= to)) return false;
  }
  const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6;
}

function refNext(d: string): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

function refAdd(start: string, n: number): string {
  let d = start;
  let k = 0;
  while (k < n) {
    d = refNext(d);
    if (refIsWorkday(d)) k++;
  }
  return d;
}

const dateIn2023to2026 = fc.integer({ min: 0, max: 1460 - 90 }).map((i) => {
  const t = new Date(Date.UTC(2023, 0, 1) + i * 86_400_000);
  return t.toISOString().slice(0, 10);
});

describe('X-4 工作日索引与逐日参照实现一致（性质测试）', () => {
  it('X-4 2023–2026 年每一天：索引判定的工作日与参照实现相同', () => {
    for (let d = '2023-01-01'; d <= '2026-12-31'; d = refNext(d)) expect([d, cal.isWorkday(d)]).toEqual([d, refIsWorkday(d)]);
  });
  it('X-4 任意起算日加 0–60 个工作日：索引与逐日参照结果相同', () => {
    fc.assert(fc.property(dateIn2023to2026, fc.integer({ min: 0, max: 60 }), (start, n) => {
      expect(cal.addWorkdays(start, n)).toBe(refAdd(start, n));
    }), { numRuns: 2000 });
  });
  it('X-4 加上 n 个工作日再数回来仍是 n，结果日本身是工作日，且随 n 单调递增', () => {
    fc.assert(fc.property(dateIn2023to2026, fc.integer({ min: 1, max: 60 }), (start, n) => {
      const end = cal.addWorkdays(start, n);
      expect(cal.countWorkdays(start, end)).toBe(n);
      expect(cal.isWorkday(end)).toBe(true);
      expect(cal.addWorkdays(start, n - 1) < end).toBe(true);
    }), { numRuns: 2000 });
  });
});
