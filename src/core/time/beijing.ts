/**
 * An instant written in Beijing time for a file a person reads (an export): China keeps UTC+8 all
 * year (no daylight saving since 1991), so the offset is fixed. The web client's `time.ts` does the
 * same for the screen.
 */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** `YYYY-MM-DD HH:mm:ss` in Beijing of an ISO instant. */
export function beijingDateTimeText(iso: string): string {
  return new Date(new Date(iso).getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}
