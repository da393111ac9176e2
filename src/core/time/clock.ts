/**
 * The clock is injected everywhere business code needs "now", so tests move time instead of
 * waiting and no rule ever reads the machine clock directly.
 */
import type { IsoDate } from './iso-date';

export interface Clock {
  now(): Date;
}

/** The business day in China Standard Time (UTC+8, no daylight saving since 1991). */
export function businessDate(clock: Clock): IsoDate {
  const shifted = new Date(clock.now().getTime() + 8 * 3_600_000);
  return shifted.toISOString().slice(0, 10);
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * 培训时钟: what a training or demonstration system reads as "now" — the base clock moved by whole
 * days, so it shows `today` (or `offsetDays` from the base's day) while the hours still run. A trainer
 * walks a case through its time limits; the shift is the same for every reading, so durations hold.
 */
export type TrainingClockSetting = { today: IsoDate } | { offsetDays: number };

export function trainingClock(base: Clock, setting: TrainingClockSetting): Clock & { offsetDays: number } {
  const offsetDays = 'today' in setting
    ? Math.round((Date.parse(`${setting.today}T00:00:00Z`) - Date.parse(`${businessDate(base)}T00:00:00Z`)) / 86_400_000)
    : setting.offsetDays;
  return { offsetDays, now: () => new Date(base.now().getTime() + offsetDays * 86_400_000) };
}

export function fixedClock(start: Date | string): Clock & { set(to: Date | string): void; advance(ms: number): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current.getTime()),
    set(to) { current = new Date(to); },
    advance(ms) { current = new Date(current.getTime() + ms); },
  };
}
