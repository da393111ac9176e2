/**
 * 载入节假日安排通知: stores (or corrects) a year's notice, then recomputes every open clock whose
 * window touches that year and records what moved — all in one transaction, audited.
 */
import type { Actor } from '../../../core/access/policy';
import { checkNotice, type HolidayNotice } from '../../../core/calendar/notice';
import { AppError } from '../../../core/errors';
import type { AppContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { recomputeMany, type ClockMove } from '../deadlines/recompute-many';
import { withPendingCalendar } from './calendar-repo';

export interface NoticeLoadResult {
  year: number;
  replaced: boolean;
  recomputed: number;
  /** How many clocks moved; `moved` details the first thousand. */
  movedCount: number;
  moved: ClockMove[];
}

export async function loadHolidayNotice(app: AppContext, actor: Actor | null, notice: HolidayNotice, ip: string | null = null): Promise<NoticeLoadResult> {
  const [problem] = checkNotice(notice);
  if (problem) throw new AppError('VALIDATION_FAILED', { field: problem.field, zh: problem.zh });
  const result = await app.db.transaction(async (tx) => {
    const [prior] = await tx.query<{ notice: string; off: unknown; workdays: unknown }>('SELECT notice, off, workdays FROM holiday_notices WHERE year = $1 FOR UPDATE', [notice.year]);
    await tx.query(
      `INSERT INTO holiday_notices (year, notice, published, off, workdays, loaded_at, loaded_by) VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7)
       ON CONFLICT (year) DO UPDATE SET notice = EXCLUDED.notice, published = EXCLUDED.published, off = EXCLUDED.off,
         workdays = EXCLUDED.workdays, loaded_at = EXCLUDED.loaded_at, loaded_by = EXCLUDED.loaded_by`,
      [notice.year, notice.notice, notice.published, JSON.stringify(notice.off), JSON.stringify(notice.workdays), app.clock.now().toISOString(), actor?.userId ?? null],
    );
    // Recompute with the calendar as it will be once this commits.
    const scoped = await withPendingCalendar(app, tx);
    // Open clocks whose counting window may touch the year (start year ≤ year ≤ due year), recomputed set-wise.
    const r = await recomputeMany(scoped, tx, `status <> 'stopped' AND start_date <= make_date($1, 12, 31) AND (due_date >= make_date($1, 1, 1) OR $1 = ANY(provisional_years))`,
      [notice.year], `载入 ${notice.year} 年节假日安排通知（${notice.notice}）`);
    await appendAudit(tx, app, {
      actor, ip, action: 'calendar.notice_load', objectType: 'holiday_notice', objectId: String(notice.year),
      before: prior ?? null, after: { notice: notice.notice, published: notice.published, off: notice.off, workdays: notice.workdays, recomputed: r.recomputed, moved: r.movedCount },
    });
    return { year: notice.year, replaced: !!prior, recomputed: r.recomputed, movedCount: r.movedCount, moved: r.moved };
  });
  await app.calendar.refresh(app.db);
  return result;
}
