/**
 * 领导驾驶舱 (issue 20, "What leaders read"): the figures a dashboard shows, what each one counts and
 * by which dimensions, and which figures each role's dashboard holds. The server computes each
 * figure with one filter that its drill-down list reads too (`server/modules/dashboard/dashboard-repo.ts`),
 * so a bar's number is always the length of the list behind it. Pure.
 */
import type { Role } from '../access/roles';
import { LEVEL_LABEL } from '../rating/criteria';
import { addCalendarDays, dayOfWeek, type IsoDate } from '../time/iso-date';

export const FIGURE_IDS = ['cases', 'deadlines_at_risk', 'overdue_by_section', 'ratings', 'sanctions', 'tolerance_outcomes'] as const;
export type FigureId = (typeof FIGURE_IDS)[number];

/** The dimensions a figure is grouped by; a drill-down fixes every one of them. */
export const FIGURE_DIMENSIONS = {
  cases: ['procedure', 'state', 'region'],
  deadlines_at_risk: ['dueDate', 'region'],
  overdue_by_section: ['section', 'region'],
  ratings: ['level', 'region', 'year'],
  sanctions: ['severity', 'region'],
  tolerance_outcomes: ['outcome', 'region'],
} as const satisfies Record<FigureId, readonly string[]>;
export type Dimension = (typeof FIGURE_DIMENSIONS)[FigureId][number];
export const DIMENSIONS = ['procedure', 'state', 'region', 'dueDate', 'section', 'level', 'year', 'severity', 'outcome'] as const satisfies readonly Dimension[];

export const DIMENSION_LABEL: Record<Dimension, string> = {
  procedure: '程序', state: '阶段', region: '区划', dueDate: '到期日', section: '科室', level: '信用等级', year: '年度', severity: '情节', outcome: '认定结果',
};

export interface FigureDef { id: FigureId; title: string; clause: string; note: string }

export const FIGURES: Record<FigureId, FigureDef> = {
  cases: { id: 'cases', title: '案件（按阶段和区划）', clause: 'YT-6、CI-22、CI-27', note: '本辖区各类案件当前所处阶段' },
  deadlines_at_risk: { id: 'deadlines_at_risk', title: '本周内到期的时限', clause: 'X-4', note: '未办结、到期日在今天至本周日之间的时限' },
  overdue_by_section: { id: 'overdue_by_section', title: '已逾期时限（按科室）', clause: 'X-4', note: '未办结、到期日早于今天的时限，按办理科室（容错纠错案件为业务科室，科研诚信案件为科研诚信管理科室）' },
  ratings: { id: 'ratings', title: '信用评价（按等级、区划和年度）', clause: 'CI-15', note: '各年度信用评价结果；待认定的和不予评级的单列' },
  sanctions: { id: 'sanctions', title: '失信处理（按情节）', clause: 'CI-24、CI-25', note: '已作出的失信处理，按情节轻重' },
  tolerance_outcomes: { id: 'tolerance_outcomes', title: '容错认定结果', clause: 'YT-6.4', note: '已作出认定的容错申请，按认定结果' },
};

/**
 * 每个角色的驾驶舱: the business sections follow their cases, deadlines and the tolerance outcomes; the
 * integrity section its cases, deadlines, ratings and sanctions; a county bureau everything it handles;
 * the bureau's leaders and the read-only auditors every figure. Roles without a data scope have none.
 */
export const DASHBOARD_OF_ROLE: Partial<Record<Role, readonly FigureId[]>> = {
  bureau_leader: FIGURE_IDS,
  auditor: FIGURE_IDS,
  business_officer: ['cases', 'deadlines_at_risk', 'overdue_by_section', 'tolerance_outcomes'],
  integrity_officer: ['cases', 'deadlines_at_risk', 'overdue_by_section', 'ratings', 'sanctions'],
  county_officer: ['cases', 'deadlines_at_risk', 'overdue_by_section', 'sanctions', 'tolerance_outcomes'],
};

export function dashboardFigures(role: Role): readonly FigureId[] {
  return DASHBOARD_OF_ROLE[role] ?? [];
}

/** "This week": today to the Sunday that ends the (Monday-first, GB/T 7408) week holding today. */
export function weekEnd(today: IsoDate): IsoDate {
  const dow = dayOfWeek(today);
  return addCalendarDays(today, dow === 0 ? 0 : 7 - dow);
}

/** Labels of the dimensions that are closed vocabularies (the others are named by the server: regions, sections, procedures). */
export const RATING_LEVEL_BUCKET_LABEL: Record<string, string> = { ...LEVEL_LABEL, pending: '待认定', none: '不予评级' };
