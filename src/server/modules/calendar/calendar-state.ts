/**
 * The calendar each process holds in memory, rebuilt when the database says it changed (another
 * process may have loaded a notice).
 */
import type { CalendarBook } from '../../../core/calendar/working-calendar';
import type { Sql } from '../../db/database';
import { calendarStamp, loadCalendarBook } from './calendar-repo';

export class CalendarState {
  constructor(public book: CalendarBook, private stamp: string) {}

  static async load(db: Sql): Promise<CalendarState> {
    return new CalendarState(await loadCalendarBook(db), await calendarStamp(db));
  }

  async refresh(db: Sql): Promise<boolean> {
    const stamp = await calendarStamp(db);
    if (stamp === this.stamp) return false;
    this.book = await loadCalendarBook(db);
    this.stamp = stamp;
    return true;
  }
}
