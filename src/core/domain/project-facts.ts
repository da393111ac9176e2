/**
 * Consistency of a project's facts, checked before any write. Pure: the server calls it with the
 * region tree and the referenced subjects it has loaded.
 */
import type { RegionTree } from '../regions/region-tree';
import { isIsoDate, type IsoDate } from '../time/iso-date';
import type { PlanLevel, ProjectStatus } from './vocabulary';

export interface ProjectFacts {
  planLevel: PlanLevel;
  jurisdictionCode: string;
  regionCode: string;
  startDate: IsoDate;
  dueDate: IsoDate;
  extendedDueDate: IsoDate | null;
  status: ProjectStatus;
  acceptanceAppliedDate: IsoDate | null;
  acceptedDate: IsoDate | null;
  terminatedDate: IsoDate | null;
  milestones: ReadonlyArray<{ dueDate: IsoDate; completedDate: IsoDate | null }>;
}

export interface FactProblem {
  field: string;
  zh: string;
}

/**
 * The date by which the project must be accepted. CI-16.3.1 / CI-19.3.1: for an extended project
 * it is the completion date the extension approved.
 */
export function acceptanceDueDate(p: Pick<ProjectFacts, 'dueDate' | 'extendedDueDate'>): IsoDate {
  return p.extendedDueDate ?? p.dueDate;
}

export function checkProjectFacts(p: ProjectFacts, regions: RegionTree): FactProblem[] {
  const problems: FactProblem[] = [];
  const dates: Array<[keyof ProjectFacts, IsoDate | null]> = [
    ['startDate', p.startDate], ['dueDate', p.dueDate], ['extendedDueDate', p.extendedDueDate],
    ['acceptanceAppliedDate', p.acceptanceAppliedDate], ['acceptedDate', p.acceptedDate], ['terminatedDate', p.terminatedDate],
  ];
  for (const [field, value] of dates) {
    if (value !== null && !isIsoDate(value)) problems.push({ field, zh: `日期 ${value} 不存在` });
  }
  if (problems.length) return problems;

  const jurisdiction = regions.get(p.jurisdictionCode);
  const territory = regions.get(p.regionCode);
  if (!jurisdiction) problems.push({ field: 'jurisdictionCode', zh: '立项部门所在区划不存在' });
  else if (jurisdiction.level !== p.planLevel) problems.push({ field: 'planLevel', zh: '计划层级与立项部门的层级不一致' });
  if (jurisdiction && territory && !regions.subtree(jurisdiction.code).includes(territory.code)) {
    problems.push({ field: 'jurisdictionCode', zh: '承担单位不在立项部门的辖区内' });
  }
  if (p.dueDate <= p.startDate) problems.push({ field: 'dueDate', zh: '执行期截止日期须晚于开始日期' });
  if (p.extendedDueDate !== null && p.extendedDueDate <= p.dueDate) problems.push({ field: 'extendedDueDate', zh: '批准延期后的完成日期须晚于原截止日期' });
  if ((p.status === 'accepted') !== (p.acceptedDate !== null)) problems.push({ field: 'acceptedDate', zh: '“已验收”状态须且只须填写验收日期' });
  if ((p.status === 'terminated') !== (p.terminatedDate !== null)) problems.push({ field: 'terminatedDate', zh: '“终止”状态须且只须填写终止日期' });
  if (p.status === 'acceptance_applied' && p.acceptanceAppliedDate === null) problems.push({ field: 'acceptanceAppliedDate', zh: '“已申请验收”状态须填写申请日期' });
  for (const [field, value] of [['acceptedDate', p.acceptedDate], ['terminatedDate', p.terminatedDate], ['acceptanceAppliedDate', p.acceptanceAppliedDate]] as const) {
    if (value !== null && value < p.startDate) problems.push({ field, zh: '日期不能早于项目开始日期' });
  }
  p.milestones.forEach((m, i) => {
    if (!isIsoDate(m.dueDate) || (m.completedDate !== null && !isIsoDate(m.completedDate))) problems.push({ field: `milestones/${i}`, zh: '里程碑日期不存在' });
    else if (m.dueDate < p.startDate || m.dueDate > acceptanceDueDate(p)) problems.push({ field: `milestones/${i}/dueDate`, zh: '里程碑日期须在项目执行期内' });
  });
  return problems;
}
