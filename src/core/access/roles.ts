/**
 * Roles and what each may do. Kept as one table so the permission matrix can be generated from it
 * and the UI never re-implements a rule: the server presents abilities computed from here.
 *
 * 三员分立 (separation of the three administrators, GB/T 22239-2019 8.1.4.2): the system, security
 * and audit administrators hold disjoint permissions and no business data scope.
 */
export const ROLES = [
  'system_admin', 'security_admin', 'audit_admin',
  'business_officer', 'integrity_officer', 'bureau_leader', 'county_officer',
  'unit_admin', 'researcher', 'expert', 'auditor',
  // CI-32: a social intermediary the prefecture bureau entrusts with technical and administrative work.
  'entrusted_agency',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'region.read',
  'subject.read', 'subject.write', 'subject.revealIdNumber',
  'project.read', 'project.write',
  'list.export',
  'audit.read', 'audit.export', 'audit.verify',
  // 三员分立 (issue 16 H2): the system administrator opens accounts; the security administrator authorises
  // them (role, region, unit, person) and proposes administrator roles; the audit administrator approves those.
  'account.manage', 'account.authorize', 'account.approve', 'account.unlock', 'security.read',
  'calendar.manage', 'deadline.read', 'deadline.manage', 'deadline.extend',
  'rating.read', 'finding.write', 'rating.run', 'rating.determine', 'policy.manage',
  // CI-15 (and CI-5): withdrawing or correcting a recorded finding, the history kept and the ratings it counted in recomputed, is the integrity section's alone.
  'finding.correct',
  // CI-10: checking applicants for a veto reads bans and ratings across the area.
  'veto.check',
  // CI-29: the complainant's identity, for the intake role alone, each read with a reason.
  'complaint.intake', 'complaint.identity.read',
  // CI-9: recording a signed integrity commitment — the subject its own, a unit administrator his unit's, staff their area's.
  'commitment.record',
  // Issue 19: loading units, persons, projects and relations from a file, within the caller's data scope.
  'data.import',
  // Issue 19: an expert's review assignments and an agency's services on projects, entered by staff (CI-18, CI-20 rate taking part).
  'participation.record',
  // Issue 20: registering the other systems' API clients (scopes, region, budget, secret) is the security administrator's.
  'apiClient.manage',
  // Issue 20: the increments sent to the credit platform and the provincial project system, and their acknowledgements, are the integrity section's.
  'creditExchange.manage',
  // Issue 20: the leaders' dashboard of the caller's area (figures, drill-down lists, their Excel export).
  'dashboard.read',
  // Issue 20: issuing a subject's credit report (信用报告, with its verification code) — the integrity section, and a county bureau for its area.
  'creditReport.issue',
  // Issue 19: settling an obligation (a payment, a waiver, settled whole) is the handling bureau's.
  'obligation.settle',
  // Issue 20 (CI-12, CI-13): loading misconduct records decided elsewhere (the province's or the national database) from a file.
  'misconduct.importExternal',
  // Issue 20 (YT-11): compiling the year's failure-analysis reports into the package sent to the province, and the province's view of who has not sent.
  'failureReport.compile',
  // Issue 20 (YT-12): the periodic statistics brief for the leadership group and the discipline inspection commission.
  'briefing.generate',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * region: own region and below; unit: own unit; self: own records; agency: the projects entrusted to
 * the agency (CI-32: projects.service_agency_id) and their supervision cases only; none: no business data.
 */
export type ScopeKind = 'region' | 'unit' | 'self' | 'agency' | 'none';

export interface RoleDefinition {
  label: string;
  scope: ScopeKind;
  /** Level of bureau the role belongs to, where it belongs to one. */
  bureauLevels?: ReadonlyArray<'province' | 'prefecture' | 'county'>;
  permissions: readonly Permission[];
}

const STAFF_READ: Permission[] = ['region.read', 'subject.read', 'project.read', 'list.export', 'deadline.read', 'rating.read', 'veto.check', 'dashboard.read'];

export const ROLE_DEFINITIONS: Record<Role, RoleDefinition> = {
  system_admin: { label: '系统管理员', scope: 'none', permissions: ['region.read', 'account.manage', 'calendar.manage'] },
  // The region tree is public reference data (GB/T 2260); the security administrator assigns regions from it.
  security_admin: { label: '安全管理员', scope: 'none', permissions: ['region.read', 'account.authorize', 'account.unlock', 'security.read', 'apiClient.manage'] },
  audit_admin: { label: '审计管理员', scope: 'none', permissions: ['audit.read', 'audit.export', 'audit.verify', 'account.approve'] },
  business_officer: {
    label: '业务科室工作人员', scope: 'region', bureauLevels: ['province', 'prefecture'],
    permissions: [...STAFF_READ, 'subject.write', 'project.write', 'deadline.manage', 'finding.write', 'commitment.record', 'data.import', 'obligation.settle', 'participation.record', 'failureReport.compile', 'briefing.generate'],
  },
  integrity_officer: {
    label: '科研诚信管理科室工作人员', scope: 'region', bureauLevels: ['province', 'prefecture'],
    // The integrity section runs the year-end rating, settles the cases the rules leave open, and keeps the policy registry.
    permissions: [...STAFF_READ, 'subject.write', 'subject.revealIdNumber', 'deadline.manage', 'finding.write', 'rating.run', 'rating.determine', 'finding.correct', 'policy.manage', 'complaint.intake', 'complaint.identity.read', 'data.import', 'creditExchange.manage', 'creditReport.issue', 'participation.record', 'misconduct.importExternal', 'briefing.generate'],
  },
  // The department head approves the one extension YT-6.3 allows.
  bureau_leader: { label: '局领导', scope: 'region', bureauLevels: ['province', 'prefecture', 'county'], permissions: [...STAFF_READ, 'deadline.extend', 'briefing.generate'] },
  county_officer: {
    label: '县级科技部门工作人员', scope: 'region', bureauLevels: ['county'],
    permissions: [...STAFF_READ, 'subject.write', 'project.write', 'deadline.manage', 'finding.write', 'commitment.record', 'creditReport.issue', 'obligation.settle', 'participation.record', 'failureReport.compile', 'briefing.generate'],
  },
  unit_admin: { label: '单位管理员', scope: 'unit', permissions: ['subject.read', 'subject.write', 'project.read', 'list.export', 'rating.read', 'commitment.record'] },
  researcher: { label: '科研人员', scope: 'self', permissions: ['subject.read', 'subject.revealIdNumber', 'project.read', 'rating.read', 'commitment.record'] },
  expert: { label: '评审专家', scope: 'self', permissions: ['subject.read', 'subject.revealIdNumber', 'rating.read'] },
  auditor: { label: '审计人员（只读）', scope: 'region', bureauLevels: ['province', 'prefecture', 'county'], permissions: STAFF_READ },
  // CI-32: reads the projects entrusted to it and their supervision cases, and takes only the steps entrusted (verifying rectification items).
  entrusted_agency: { label: '受托管理机构', scope: 'agency', permissions: ['project.read'] },
};

/**
 * The three administrators (三员): provisioned only at installation (`kexin admin create`, while the
 * role has nobody) and afterwards by dual control — proposed by the security administrator, approved
 * by the audit administrator — never by the account that creates accounts (issue 16 H2).
 */
export const ADMINISTRATOR_ROLES: ReadonlySet<Role> = new Set<Role>(['system_admin', 'security_admin', 'audit_admin']);

export function isAdministrator(role: Role): boolean {
  return ADMINISTRATOR_ROLES.has(role);
}

/** Bureau staff (including read-only auditors) and the three administrators. */
const STAFF_AND_ADMINISTRATORS: ReadonlySet<Role> = new Set<Role>(['system_admin', 'security_admin', 'audit_admin', 'business_officer', 'integrity_officer', 'bureau_leader', 'county_officer', 'auditor']);

export function isStaffOrAdministrator(role: Role): boolean {
  return STAFF_AND_ADMINISTRATORS.has(role);
}

/**
 * Staff and administrators present a second factor (GB/T 22239-2019 8.1.4.1 d) and change their
 * passwords periodically (8.1.4.1 a); units, researchers and experts sign in with a password alone.
 */
export const needsSecondFactor = isStaffOrAdministrator;

export function roleLabel(role: Role): string {
  return ROLE_DEFINITIONS[role].label;
}

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_DEFINITIONS[role].permissions.includes(permission);
}
