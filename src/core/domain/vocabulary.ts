/**
 * Closed vocabularies of the domain with their Chinese labels (see GLOSSARY.md). The server
 * validates against these lists and the web client renders the labels from the same table.
 */
export const ORGANIZATION_TYPES = ['undertaking_unit', 'recommending_department', 'service_agency'] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];
export const ORGANIZATION_TYPE_LABEL: Record<OrganizationType, string> = {
  undertaking_unit: '项目承担单位',
  recommending_department: '项目推荐部门',
  service_agency: '科技服务机构',
};

export const SUBJECT_KINDS = ['organization', 'person'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];
export const SUBJECT_KIND_LABEL: Record<SubjectKind, string> = { organization: '单位', person: '个人' };

/** CI-26: the people who answer for an organisation, and employment. */
export const RELATION_KINDS = ['works_at', 'unit_head', 'legal_representative', 'principal', 'actual_controller'] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];
export const RELATION_KIND_LABEL: Record<RelationKind, string> = {
  works_at: '工作单位',
  unit_head: '单位主要负责人',
  legal_representative: '法定代表人',
  principal: '主要负责人',
  actual_controller: '实际控制人',
};

export const PLAN_LEVELS = ['province', 'prefecture', 'county'] as const;
export type PlanLevel = (typeof PLAN_LEVELS)[number];
export const PLAN_LEVEL_LABEL: Record<PlanLevel, string> = { province: '省级', prefecture: '州级', county: '县级' };

/** YT-3: the source of funds decides which policy applies and which bureau handles a case. */
export const FUNDING_SOURCES = ['provincial_fiscal', 'prefecture_fiscal', 'county_fiscal', 'other_state', 'self_raised'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];
export const FUNDING_SOURCE_LABEL: Record<FundingSource, string> = {
  provincial_fiscal: '省级财政科技资金',
  prefecture_fiscal: '州级财政科技资金',
  county_fiscal: '县级财政科技资金',
  other_state: '其他国有资金',
  self_raised: '自筹资金',
};

export const PROJECT_STATUSES = [
  'approved', 'in_progress', 'acceptance_applied', 'accepted', 'terminated', 'concluded',
  'deferred', 'suspended', 'forcibly_halted', 'acceptance_failed',
] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export const PROJECT_STATUS_LABEL: Record<ProjectStatus, string> = {
  approved: '立项',
  in_progress: '执行中',
  acceptance_applied: '已申请验收',
  accepted: '已验收',
  terminated: '终止',
  // YT-5.2: concluded on a third-party expert review and the department's approval after an exemption.
  concluded: '结题',
  // CI-19.1.2: 暂缓、暂停、强制中止 — a recommended project in one of these keeps its department from AA.
  deferred: '暂缓',
  // CI-23 暂停财政资助科研项目和科研活动，限期整改 (also CI-19.1.2).
  suspended: '暂停',
  forcibly_halted: '强制中止',
  // The acceptance review did not pass (CI-3 验收; not 已验收, so still overdue for CI-16.3.1).
  acceptance_failed: '验收不通过',
};

/**
 * The states a decision puts a project in (CI-19.1.2, CI-23, 验收): set only by the command or case
 * effect that causes them, each with its history row and audit event — never typed into the project form.
 */
export const DECIDED_PROJECT_STATUSES = ['deferred', 'suspended', 'forcibly_halted', 'acceptance_failed'] as const satisfies readonly ProjectStatus[];
export type DecidedProjectStatus = (typeof DECIDED_PROJECT_STATUSES)[number];
export const isDecidedProjectStatus = (s: string): s is DecidedProjectStatus => (DECIDED_PROJECT_STATUSES as readonly string[]).includes(s);
/** The clause each decided state rests on. */
export const DECIDED_STATUS_CLAUSE: Record<DecidedProjectStatus, string> = {
  deferred: 'CI-19.1.2', suspended: 'CI-23', forcibly_halted: 'CI-19.1.2', acceptance_failed: 'CI-3',
};
/** The states the project form offers (the rest are set by decisions). */
export const FORM_PROJECT_STATUSES = PROJECT_STATUSES.filter((s) => !isDecidedProjectStatus(s));
/** CI-19.1.2: the states that keep a recommending department from AA in the year the project enters them. */
export const HALTED_PROJECT_STATUSES: readonly ProjectStatus[] = ['deferred', 'suspended', 'forcibly_halted'];
