/**
 * Incentives for good credit (CI-14, CI-21): priority at equal merit when funds and honours are
 * allocated, and fewer spot checks. The text sets no figure for "fewer": the factor is a bureau
 * setting, the dated parameter CI-21.2.spotCheckFactor (0.5 in the seed version) with its basis.
 */
import { DEFAULT_REGISTRY, type PolicyRegistry } from '../policy/registry';
import type { Level } from './criteria';

/** The spot-check factor for good credit in force on `on` (the latest version when no date is given). */
export function spotCheckFactor(on?: string, registry: PolicyRegistry = DEFAULT_REGISTRY): { value: number; basis: string } {
  const lookup = on ? registry.versionFor('CI', on, ['532300', '530000']) : null;
  const p = lookup ? registry.parameter(lookup, 'CI-21.2.spotCheckFactor') : { value: registry.numberOn('CI', 'CI-21.2.spotCheckFactor'), basis: '' };
  return { value: p.value as number, basis: p.basis || registry.parameter(registry.versionFor('CI', '2025-12-31', ['532300', '530000']), 'CI-21.2.spotCheckFactor').basis };
}

export interface Incentives { priorityAtEqualMerit: boolean; spotCheckFactor: number; basis: string[] }

export function incentivesFor(level: Level | null, on?: string, registry: PolicyRegistry = DEFAULT_REGISTRY): Incentives {
  const good = level === 'AA' || level === 'A'; // CI-15: AA and A are good credit
  if (!good) return { priorityAtEqualMerit: false, spotCheckFactor: 1, basis: [] };
  const f = spotCheckFactor(on, registry);
  return { priorityAtEqualMerit: true, spotCheckFactor: f.value, basis: ['CI-21.1 同等条件下优先', `CI-21.2 ${f.basis}`] };
}

/** Spot-check sample size for a group, each subject weighted by its incentive factor. */
export function spotCheckSample(baseRatio: number, subjects: ReadonlyArray<{ level: Level | null }>, on?: string, registry: PolicyRegistry = DEFAULT_REGISTRY): number {
  const factor = spotCheckFactor(on, registry).value;
  const weight = subjects.reduce((s, x) => s + (x.level === 'AA' || x.level === 'A' ? factor : 1), 0);
  return Math.ceil(baseRatio * weight);
}

/**
 * CI-21 第（二）项 “合理降低抽查……频次”: a unit with good credit whose project was drawn is not drawn again
 * within this many months (dated parameter CI-21.2.goodCreditIntervalMonths, a bureau setting: the text
 * gives no interval). It may be drawn again from the same date that many months on (a draw counts while it
 * was made after the day `months` before the new one).
 */
export function goodCreditInterval(on: string, registry: PolicyRegistry = DEFAULT_REGISTRY): { months: number; basis: string } {
  const lookup = registry.versionFor('CI', on, ['532300', '530000']);
  const p = registry.parameter(lookup, 'CI-21.2.goodCreditIntervalMonths');
  return { months: p.value as number, basis: p.basis };
}
