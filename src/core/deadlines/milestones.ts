/**
 * YT-8 里程碑预警: a milestone not yet completed is warned of ahead of its date and once it is past.
 * The lead time is a bureau setting (the text asks for early warning without a figure). Pure.
 */
import { addCalendarDays } from '../time/iso-date';

/** Calendar days before a milestone's date at which the early warning is raised (setting). */
export const MILESTONE_LEAD_DAYS = 10;

export type MilestoneWarning = 'approaching' | 'overdue';

export function milestoneWarning(dueDate: string, completedDate: string | null, today: string, leadDays = MILESTONE_LEAD_DAYS): MilestoneWarning | null {
  if (completedDate) return null;
  if (today > dueDate) return 'overdue';
  return addCalendarDays(today, leadDays) >= dueDate ? 'approaching' : null;
}
