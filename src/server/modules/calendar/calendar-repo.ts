/**
 * Holiday notices and local overlays live in the database (X-4: data, not code). The first start
 * seeds them from the bundled 2023–2026 notices; each later year is loaded by an administrator.
 */
import { BUNDLED_LOCAL_HOLIDAYS, BUNDLED_NOTICES } from '../../../core/calendar/bundled';
import type { HolidayNotice, LocalHoliday } from '../../../core/calendar/notice';
import { CalendarBook } from '../../../core/calendar/working-calendar';
import { randomUUID } from 'node:crypto';
import type { Database, Sql } from '../../db/database';
import { appendAudit, type AuditContext } from '../audit/append-audit';

interface NoticeRow { year: number; notice: string; published: string; off: HolidayNotice['off']; workdays: string[]; loaded_at: Date }

export async function listNotices(db: Sql): Promise<Array<HolidayNotice & { loadedAt: string }>> {
  const rows = await db.query<NoticeRow>('SELECT year, notice, published, off, workdays, loaded_at FROM holiday_notices ORDER BY year');
  return rows.map((r) => ({ year: r.year, notice: r.notice, published: r.published, off: r.off, workdays: r.workdays, loadedAt: new Date(r.loaded_at).toISOString() }));
}

export async function listLocalHolidays(db: Sql): Promise<Array<LocalHoliday & { id: string; source: string | null }>> {
  const rows = await db.query<{ id: string; jurisdiction: string; from_date: string; to_date: string; name: string; source: string | null }>(
    'SELECT id, jurisdiction, from_date, to_date, name, source FROM local_holidays ORDER BY from_date');
  return rows.map((r) => ({ id: r.id, jurisdiction: r.jurisdiction, from: r.from_date, to: r.to_date, name: r.name, source: r.source }));
}

export async function loadCalendarBook(db: Sql): Promise<CalendarBook> {
  return new CalendarBook(await listNotices(db), await listLocalHolidays(db));
}

/** Changes whenever a notice or overlay is added or replaced: lets every process notice a reload. */
export async function calendarStamp(db: Sql): Promise<string> {
  const [r] = await db.query<{ n: number; l: number; t: Date | null }>(
    `SELECT (SELECT count(*) FROM holiday_notices) AS n, (SELECT count(*) FROM local_holidays) AS l,
            GREATEST((SELECT max(loaded_at) FROM holiday_notices), (SELECT max(created_at) FROM local_holidays)) AS t`);
  return `${r.n}/${r.l}/${r.t ? new Date(r.t).toISOString() : ''}`;
}

export async function seedCalendar(db: Database, audit: AuditContext): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [{ n }] = await tx.query<{ n: number }>('SELECT count(*) AS n FROM holiday_notices');
    if (n > 0) return false;
    const now = audit.clock.now().toISOString();
    for (const notice of BUNDLED_NOTICES) {
      await tx.query('INSERT INTO holiday_notices (year, notice, published, off, workdays, loaded_at) VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6)',
        [notice.year, notice.notice, notice.published, JSON.stringify(notice.off), JSON.stringify(notice.workdays), now]);
    }
    for (const h of BUNDLED_LOCAL_HOLIDAYS) {
      await tx.query('INSERT INTO local_holidays (id, jurisdiction, from_date, to_date, name, source, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [randomUUID(), h.jurisdiction, h.from, h.to, h.name, '随系统提供（二手来源）', now]);
    }
    await appendAudit(tx, audit, { actor: null, action: 'calendar.seed', objectType: 'calendar', after: { years: BUNDLED_NOTICES.map((x) => x.year), localHolidays: BUNDLED_LOCAL_HOLIDAYS.length } });
    return true;
  });
}

/**
 * The app as it will see the calendar once the current transaction commits: used to recompute
 * clocks in the same transaction that changes the calendar.
 */
export async function withPendingCalendar<T extends { calendar: { book: CalendarBook } }>(app: T, tx: Sql): Promise<T> {
  // Same shape as the app; only the calendar differs.
  const book = new CalendarBook(await listNotices(tx), await listLocalHolidays(tx));
  return { ...app, calendar: { ...app.calendar, book } };
}
