/**
 * Incentives for good credit (CI-14, CI-21): priority at equal merit when funds and honours are
 * allocated, and fewer spot checks. The text sets no figure for "fewer": the factor is a bureau
 * setting (a dated parameter with its basis), 0.5 by default.
 */
import type { Level } from './criteria';

export const SPOT_CHECK_FACTOR = { value: 0.5, basis: '读法（设置）：CI-21 第（二）项“合理降低抽查比例和频次”未定数值，默认按一般主体的一半' } as const;

export interface Incentives { priorityAtEqualMerit: boolean; spotCheckFactor: number; basis: string[] }

export function incentivesFor(level: Level | null): Incentives {
  const good = level === 'AA' || level === 'A'; // CI-15: AA and A are good credit
  return good
    ? { priorityAtEqualMerit: true, spotCheckFactor: SPOT_CHECK_FACTOR.value, basis: ['CI-21.1 同等条件下优先', `CI-21.2 ${SPOT_CHECK_FACTOR.basis}`] }
    : { priorityAtEqualMerit: false, spotCheckFactor: 1, basis: [] };
}

/** Spot-check sample size for a group, each subject weighted by its incentive factor. */
export function spotCheckSample(baseRatio: number, subjects: ReadonlyArray<{ level: Level | null }>): number {
  const weight = subjects.reduce((s, x) => s + incentivesFor(x.level).spotCheckFactor, 0);
  return Math.ceil(baseRatio * weight);
}
