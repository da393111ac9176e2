import { describe, expect, it } from 'vitest';
import { MILESTONE_LEAD_DAYS, milestoneWarning } from '../../src/core/deadlines/milestones';

describe('YT-8 里程碑预警', () => {
  it(`YT-8 到期前 ${MILESTONE_LEAD_DAYS} 日起预警，到期当日仍属预警，次日起为逾期；已完成的不预警`, () => {
    // Due 2026-12-15: 12/4 is 11 days ahead (no warning), 12/5 is 10 days ahead (warning).
    expect(milestoneWarning('2026-12-15', null, '2026-12-04')).toBeNull();
    expect(milestoneWarning('2026-12-15', null, '2026-12-05')).toBe('approaching');
    expect(milestoneWarning('2026-12-15', null, '2026-12-15')).toBe('approaching');
    expect(milestoneWarning('2026-12-15', null, '2026-12-16')).toBe('overdue');
    expect(milestoneWarning('2026-12-15', '2026-12-10', '2026-12-16')).toBeNull();
  });
});
