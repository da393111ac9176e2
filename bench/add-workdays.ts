/**
 * Adding 20 working days, 100,000 times, from start dates spread over 2023–2026:
 *   - the precomputed working-day index (WorkingCalendar.addWorkdays),
 *   - a day-by-day loop over the same classification (the baseline),
 *   - the chinese-days package (findWorkday).
 * All measured in this run; results also checked for agreement.
 * Run: npx tsx bench/add-workdays.ts [--quick]
 */
import os from 'node:os';
import chineseDays from 'chinese-days';
import { BUNDLED_NOTICES } from '../src/core/calendar/bundled';
import { WorkingCalendar } from '../src/core/calendar/working-calendar';
import { addCalendarDays } from '../src/core/time/iso-date';

const quick = process.argv.includes('--quick');
const N = quick ? 10_000 : 100_000;
const DAYS = 20;
const cal = new WorkingCalendar(BUNDLED_NOTICES);

// Deterministic start dates, 2023-01-01 … 2026-11-30 (results stay inside the loaded years).
const starts: string[] = [];
let seed = 42;
for (let i = 0; i < N; i++) {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  starts.push(addCalendarDays('2023-01-01', seed % 1430));
}

function loop(start: string, n: number): string {
  let d = start;
  let k = 0;
  while (k < n) {
    d = addCalendarDays(d, 1);
    if (cal.isWorkday(d)) k++;
  }
  return d;
}

function time(label: string, fn: (s: string) => string): { label: string; ms: number; out: string[] } {
  fn(starts[0]); // warm-up
  const out = new Array<string>(N);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) out[i] = fn(starts[i]);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { label, ms, out };
}

const { findWorkday } = chineseDays as unknown as { findWorkday: (delta: number, date: string) => string };
const index = time('index (WorkingCalendar.addWorkdays)', (s) => cal.addWorkdays(s, DAYS));
const baseline = time('baseline: day-by-day loop', (s) => loop(s, DAYS));
const lib = time('chinese-days findWorkday', (s) => findWorkday(DAYS, s));

console.log(`machine: ${os.cpus().length} × ${os.cpus()[0].model}, node ${process.version}, ${new Date().toISOString()}`);
console.log(`${N.toLocaleString('en')} calls of +${DAYS} working days${quick ? ' (quick)' : ''}`);
for (const r of [index, baseline, lib]) {
  console.log(`${r.label.padEnd(38)} ${r.ms.toFixed(1).padStart(9)} ms  ${Math.round((N / r.ms) * 1000).toLocaleString('en').padStart(12)} calls/s`);
}
console.log(`index vs day-by-day loop: ${(baseline.ms / index.ms).toFixed(0)}× faster`);
console.log(`index vs chinese-days:    ${(lib.ms / index.ms).toFixed(0)}× faster (target ≥ 50×)`);
const disagree = index.out.filter((d, i) => d !== baseline.out[i]).length;
const disagreeLib = index.out.filter((d, i) => d !== lib.out[i]).length;
console.log(`agreement: index = loop for ${N - disagree}/${N}; index = chinese-days for ${N - disagreeLib}/${N}`);
if (disagree) process.exitCode = 1;
