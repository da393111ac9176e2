/** The engine's refusals, said at the edge as application errors with the same field and text. */
import { DeadlineError } from '../../../core/deadlines/compute-deadline';
import { CalendarRangeError } from '../../../core/calendar/working-calendar';
import { AppError } from '../../../core/errors';

export async function asAppError<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof DeadlineError) throw new AppError(e.code, { field: e.field ?? undefined, zh: e.zh });
    if (e instanceof CalendarRangeError) throw new AppError('INVALID_DATE', { zh: e.message });
    throw e;
  }
}
