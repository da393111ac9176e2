/**
 * Every instant shown to a person is shown in Beijing time (Asia/Shanghai), whatever the browser's
 * own zone: an instant stored as 2026-12-01T16:30Z is 2026-12-02 00:30 here.
 */
const DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
const DATE_TIME = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });

/** `YYYY-MM-DD` in Beijing of an instant (ISO string or Date); empty for none. */
export function beijingDate(at: string | Date | null | undefined): string {
  return at ? DATE.format(new Date(at)) : '';
}

/** `YYYY-MM-DD HH:mm` in Beijing of an instant; empty for none. */
export function beijingDateTime(at: string | Date | null | undefined): string {
  return at ? DATE_TIME.format(new Date(at)) : '';
}
