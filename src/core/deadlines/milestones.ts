/**
 * YT-8 里程碑预警: a milestone not yet completed is warned of ahead of its date and once it is past.
 * The lead time is a bureau setting (the text asks for early warning without a figure): the dated
 * parameter YT-8.milestoneLeadDays. Pure.
 */
import { DEFAULT_REGISTRY, type PolicyRegistry } from '../policy/registry';
import { addCalendarDays } from '../time/iso-date';

/** Calendar days before a milestone's date at which the early warning is raised, in force on `on`. */
export const milestoneLeadDays = (on?: string, registry: PolicyRegistry = DEFAULT_REGISTRY) =>
  (on ? (registry.parameter(registry.versionFor('YT', on, ['530000']), 'YT-8.milestoneLeadDays').value as number) : registry.numberOn('YT', 'YT-8.milestoneLeadDays'));
/** The seed version's lead time (tests name their figure after it). */
export const MILESTONE_LEAD_DAYS = milestoneLeadDays();

export type MilestoneWarning = 'approaching' | 'overdue';

export function milestoneWarning(dueDate: string, completedDate: string | null, today: string, leadDays = MILESTONE_LEAD_DAYS): MilestoneWarning | null {
  if (completedDate) return null;
  if (today > dueDate) return 'overdue';
  return addCalendarDays(today, leadDays) >= dueDate ? 'approaching' : null;
}
