/** Shapes rows for the client: labels resolved, personal data masked, abilities attached. */
import { projectAbilities, subjectAbilities, type DataScope, type Actor } from '../../core/access/policy';
import { acceptanceDueDate } from '../../core/domain/project-facts';
import type { RegionTree } from '../../core/regions/region-tree';
import type { ProjectRow, MilestoneRow } from '../modules/projects/projects-repo';
import { projectForPolicy } from '../modules/projects/projects-repo';
import { caseNumber } from '../../core/documents/templates';
import { subjectForPolicy, type SubjectRow } from '../modules/subjects/subjects-repo';
import { AUDIT_ACTIONS } from '../../core/audit/events';
import { actorRoleLabel, loginReasonLabel, objectTypeLabel } from '../../core/audit/labels';
import { maskIdNumbersIn } from '../../core/identity/id-number';
import type { listAuditEvents, listLoginEvents } from '../modules/audit/audit-repo';

export function presentSubject(s: SubjectRow, actor: Actor, scope: DataScope, regions: RegionTree) {
  return {
    id: s.id, kind: s.kind, orgType: s.org_type, name: s.name, creditCode: s.credit_code,
    // Always masked here; the full number has its own audited endpoint.
    idNumberMasked: s.id_number_masked, gender: s.gender, employerId: s.employer_id, employerName: s.employer_name,
    isExpert: s.is_expert, expertField: s.expert_field, title: s.title, regionCode: s.region_code,
    regionName: regions.get(s.region_code)?.name ?? s.region_code, version: s.version,
    createdAt: new Date(s.created_at).toISOString(), updatedAt: new Date(s.updated_at).toISOString(),
    abilities: subjectAbilities(actor, scope, subjectForPolicy(s)),
  };
}

export function presentProject(p: ProjectRow, actor: Actor, scope: DataScope, regions: RegionTree, today: string) {
  const due = acceptanceDueDate({ dueDate: p.due_date, extendedDueDate: p.extended_due_date });
  return {
    id: p.id, code: p.code, name: p.name, planLevel: p.plan_level, jurisdictionCode: p.jurisdiction_code,
    jurisdictionName: regions.get(p.jurisdiction_code)?.name ?? p.jurisdiction_code, regionCode: p.region_code,
    regionName: regions.get(p.region_code)?.name ?? p.region_code, fundingSource: p.funding_source,
    undertakingUnitId: p.undertaking_unit_id, undertakingUnitName: p.undertaking_unit_name, leaderId: p.leader_id, leaderName: p.leader_name,
    recommendingDepartmentId: p.recommending_department_id, recommendingDepartmentName: p.recommending_department_name,
    serviceAgencyId: p.service_agency_id, serviceAgencyName: p.service_agency_name,
    startDate: p.start_date, dueDate: p.due_date, extendedDueDate: p.extended_due_date, acceptanceDueDate: due,
    overdue: due < today && p.status !== 'accepted' && p.status !== 'terminated',
    status: p.status, acceptanceAppliedDate: p.acceptance_applied_date, acceptedDate: p.accepted_date, terminatedDate: p.terminated_date,
    fundsGranted: p.funds_granted, version: p.version, updatedAt: new Date(p.updated_at).toISOString(),
    // YT-6.5: the exemption mark with its date and the case (its number as the documents print it).
    exemption: p.exempted_on ? { on: p.exempted_on, caseId: p.exempted_by_case, caseNo: p.exempted_by_case ? caseNumber(p.exempted_by_case) : null, clause: 'YT-6.5' } : null,
    // CI-19.1.2, CI-23: the decision that put the project in its present state (暂缓、暂停、强制中止、验收不通过), with its case and, for a suspension, the last day to rectify.
    statusChange: p.status_to === p.status && p.status_on ? {
      on: p.status_on, clause: p.status_clause, reason: p.status_reason, caseId: p.status_case_id, caseNo: p.status_case_id ? caseNumber(p.status_case_id) : null, rectifyBy: p.status_rectify_by,
    } : null,
    abilities: projectAbilities(actor, scope, projectForPolicy(p)),
  };
}

export function presentMilestone(m: MilestoneRow) {
  return { id: m.id, seq: m.seq, name: m.name, dueDate: m.due_date, completedDate: m.completed_date };
}

/** An audit event as the audit administrator reads it: operator by name, role, action and object in Chinese, ID numbers masked. */
export function presentAuditEvent(e: Awaited<ReturnType<typeof listAuditEvents>>['items'][number]) {
  return {
    seq: e.seq, at: e.at, actorUserId: e.actorUserId, operatorUsername: e.operatorUsername, operatorName: e.operatorName,
    actorRole: e.actorRole, roleLabel: actorRoleLabel(e.actorRole), actorRegion: e.actorRegion,
    action: e.action, actionLabel: AUDIT_ACTIONS[e.action] ?? e.action, objectType: e.objectType, objectTypeLabel: objectTypeLabel(e.objectType), objectId: e.objectId,
    outcome: e.outcome, before: maskIdNumbersIn(e.before ?? null), after: maskIdNumbersIn(e.after ?? null), ip: e.ip, hash: e.hash,
  };
}

/** A login attempt as the security administrator reads it: the account by name, the reason in Chinese. */
export function presentLoginEvent(e: Awaited<ReturnType<typeof listLoginEvents>>['items'][number]) {
  return { ...e, roleLabel: e.role ? actorRoleLabel(e.role) : '', reason: loginReasonLabel(e.outcome, e.detail), detail: maskIdNumbersIn(e.detail ?? null) };
}
