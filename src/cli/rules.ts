/**
 * `kexin rate FILE.json|-` and `kexin sanction-check …`: the rules engine from outside. These forms
 * are stable. Bad input exits 2 with the reason on stderr.
 */
import fs from 'node:fs';
import { rate, RatingInputError, type RatingInput } from '../core/rating/rate';
import { checkSanction, SEVERITIES, type Measure, type Severity } from '../core/sanctions/sanctions';
import { businessDate, systemClock } from '../core/time/clock';
import { isIsoDate } from '../core/time/iso-date';
import type { LegalFacts } from './legal-facts';
import { UsageError } from './legal-time';

export function runRate(argv: string[], facts: LegalFacts, out: (s: string) => void, err: (s: string) => void): number {
  const file = argv[0];
  if (!file) throw new UsageError('用法：kexin rate FILE.json（或 - 表示标准输入）');
  let text: string;
  try {
    text = file === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`无法读取文件：${file}`);
  }
  let input: RatingInput;
  try {
    input = JSON.parse(text);
  } catch {
    throw new UsageError('输入不是合法的 JSON');
  }
  if (!input || typeof input !== 'object') throw new UsageError('输入应为 JSON 对象');
  try {
    const r = rate(input, facts.registry, { calendar: facts.book });
    for (const w of r.warnings) err(`警告：${w}`);
    out(JSON.stringify({
      level: r.level, clauses: r.clauses, policy: r.policy.docNo, warnings: r.warnings,
      policyVersion: r.policy, determinationRequired: r.determinationRequired, determinationReason: r.determinationReason,
      fired: r.fired, conditions: r.conditions, parameters: r.parameters, whatWouldChange: r.whatWouldChange,
      ignoredAsExempted: r.ignoredAsExempted, explanation: r.explanation,
    }, null, 2));
    return 0;
  } catch (e) {
    if (e instanceof RatingInputError) throw new UsageError(`${e.zh}（${e.field}）`);
    throw e;
  }
}

export function runSanctionCheck(argv: string[], facts: LegalFacts, out: (s: string) => void, err: (s: string) => void): number {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const severity = get('severity') as Severity | undefined;
  if (!severity || !SEVERITIES.includes(severity)) throw new UsageError(`--severity 应为 ${SEVERITIES.join('、')} 之一`);
  const rawYears = get('ban-years');
  let banYears: number | 'life' | null = null;
  if (rawYears !== undefined) {
    if (rawYears === 'life') banYears = 'life';
    else if (/^\d+$/.test(rawYears)) banYears = Number(rawYears);
    else throw new UsageError(`--ban-years 应为整数年或 life：${rawYears}`);
  }
  const measures = (get('measures')?.split(',') ?? (banYears !== null ? ['ban'] : ['warning'])) as Measure[];
  const on = get('on') ?? businessDate(systemClock);
  if (!isIsoDate(on)) throw new UsageError(`--on 不是有效日期：${on}`);
  // CI-25.4 makes public disclosure part of a grave sanction; say --no-disclosure to check one without it.
  const publicDisclosure = argv.includes('--disclosure') || (severity === 'grave' && !argv.includes('--no-disclosure'));
  const problems = checkSanction({ severity, measures, banYears, publicDisclosure }, on, facts.registry);
  if (problems.length) {
    for (const p of problems) err(`不符合：${p.zh}`);
    return 1;
  }
  out(`符合：${severity}${banYears !== null ? `，禁止期限 ${banYears === 'life' ? '永久' : `${banYears} 年`}` : ''}`);
  return 0;
}
