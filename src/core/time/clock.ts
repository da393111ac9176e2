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

export function fixedClock(start: Date | string): Clock & { set(to: Date | string): void; advance(ms: number): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current.getTime()),
    set(to) { current = new Date(to); },
    advance(ms) { current = new Date(current.getTime() + ms); },
  };
}
