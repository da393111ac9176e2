/**
 * `kexin calendar …` and `kexin deadline …`: the legal-time engine from outside. These forms are
 * stable. Bad input exits 2 with a message on stderr and prints no date.
 */
import { CalendarRangeError } from '../core/calendar/working-calendar';
import { computeDeadline, describeWorkingDays, DeadlineError, type Pause } from '../core/deadlines/compute-deadline';
import { RegionTree } from '../core/regions/region-tree';
import { YUNNAN_REGIONS } from '../core/regions/yunnan';
import { isIsoDate } from '../core/time/iso-date';
import type { LegalFacts } from './legal-facts';

export class UsageError extends Error {}

interface Parsed { positional: string[]; flags: Map<string, string[]> }

function parse(argv: string[], valued: string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) { positional.push(a); continue; }
    const [name, inline] = a.slice(2).split('=', 2);
    const value = valued.includes(name) ? (inline ?? argv[++i]) : 'true';
    if (value === undefined) throw new UsageError(`--${name} 需要一个值`);
    flags.set(name, [...(flags.get(name) ?? []), value]);
  }
  return { positional, flags };
}

function regionPath(code: string | undefined): string[] {
  if (!code) return [];
  const tree = new RegionTree(YUNNAN_REGIONS);
  if (!tree.get(code)) throw new UsageError(`未知的行政区划代码：${code}`);
  return tree.lineage(code);
}

function date(value: string | undefined, what: string): string {
  if (!value || !isIsoDate(value)) throw new UsageError(`${what}不是有效日期（YYYY-MM-DD）：${value ?? '（缺失）'}`);
  return value;
}

export function runCalendar(argv: string[], facts: LegalFacts, out: (s: string) => void, err: (s: string) => void): number {
  const { book } = facts;
  const { positional: [sub, a, b], flags } = parse(argv, ['jurisdiction']);
  const path = regionPath(flags.get('jurisdiction')?.[0]);
  const cal = path.length ? book.forJurisdiction(path) : book.national;
  if (sub === 'is-workday') {
    const d = date(a, '日期');
    const info = cal.day(d);
    if (info.provisional) err(`警告：${d.slice(0, 4)} 年的节假日安排通知尚未载入，结果为暂定。`);
    out(flags.has('json') ? JSON.stringify(info) : String(info.workday));
    return 0;
  }
  if (sub === 'add-workdays') {
    const start = date(a, '起算日期');
    if (b === undefined || !/^\d+$/.test(b)) throw new UsageError(`工作日数应为非负整数：${b ?? '（缺失）'}`);
    const n = Number(b);
    const result = cal.addWorkdays(start, n);
    const years = cal.provisionalYears(start, result);
    const warnings = years.length ? [`${years.join('、')} 年的节假日安排通知尚未载入：结果为暂定。`] : [];
    for (const w of warnings) err(`警告：${w}`);
    const derivation = describeWorkingDays(cal, start, result, n, { trigger: '起算' });
    out(flags.has('json') ? JSON.stringify({ date: result, provisional: years.length > 0, provisionalYears: years, derivation, warnings }, null, 2) : result);
    return 0;
  }
  throw new UsageError('用法：kexin calendar is-workday DATE | kexin calendar add-workdays DATE N [--json] [--jurisdiction CODE]');
}

export function runDeadline(argv: string[], facts: LegalFacts, out: (s: string) => void, err: (s: string) => void): number {
  const { positional: [limitId], flags } = parse(argv, ['start', 'pause', 'jurisdiction', 'as-of', 'approved-by']);
  if (!limitId) throw new UsageError('用法：kexin deadline RULE --start DATE [--pause FROM..TO]… [--extend] [--jurisdiction CODE] [--json]');
  const start = date(flags.get('start')?.[0], '--start ');
  const pauses: Pause[] = (flags.get('pause') ?? []).map((p) => {
    const m = /^(.+)\.\.(.+)$/.exec(p);
    if (!m) throw new UsageError(`--pause 应写作 起..止（含两端）：${p}`);
    return { from: date(m[1], '暂停开始'), to: date(m[2], '暂停结束'), reason: '专家评估' };
  });
  const extensions = (flags.get('extend') ?? []).map(() => ({ approvedBy: flags.get('approved-by')?.[0] ?? '部门负责人' }));
  const r = computeDeadline({ limitId, start, pauses, extensions, regionPath: regionPath(flags.get('jurisdiction')?.[0]), asOf: flags.get('as-of')?.[0] ?? null }, facts.book, facts.registry);
  for (const w of r.warnings) err(`警告：${w}`);
  out(flags.has('json') ? JSON.stringify(r, null, 2) : r.dueDate);
  return 0;
}

/** Turns the engine's refusals into exit code 2 with the reason. */
export function guarded(fn: () => number, err: (s: string) => void): number {
  try {
    return fn();
  } catch (e) {
    if (e instanceof UsageError || e instanceof DeadlineError || e instanceof CalendarRangeError || e instanceof RangeError) {
      err(`错误：${e instanceof DeadlineError ? e.zh : e.message}`);
      return 2;
    }
    throw e;
  }
}
