/** Resolves a project's references and checks its facts; shared by create and update. */
import { checkProjectFacts, type ProjectFacts } from '../../../core/domain/project-facts';
import type { FundingSource, PlanLevel, ProjectStatus } from '../../../core/domain/vocabulary';
import { AppError } from '../../../core/errors';
import type { AppContext, RequestContext } from '../../context';
import type { Sql } from '../../db/database';
import { visibleSubject } from '../subjects/subject-input';

export interface MilestoneInput { name: string; dueDate: string; completedDate?: string | null }

export interface ProjectInput {
  code: string; name: string; planLevel: PlanLevel; jurisdictionCode: string; fundingSource: FundingSource;
  undertakingUnitId: string; leaderId: string; recommendingDepartmentId?: string | null; serviceAgencyId?: string | null;
  startDate: string; dueDate: string; extendedDueDate?: string | null; status: ProjectStatus;
  acceptanceAppliedDate?: string | null; acceptedDate?: string | null; terminatedDate?: string | null;
  fundsGranted: string; milestones?: MilestoneInput[];
}

/** Column values ready to write, after every check has passed. */
export async function resolveProject(app: AppContext, tx: Sql, req: RequestContext, input: ProjectInput) {
  const unit = await visibleSubject(tx, req, input.undertakingUnitId, 'undertakingUnitId', { kind: 'organization', orgType: 'undertaking_unit' });
  await visibleSubject(tx, req, input.leaderId, 'leaderId', { kind: 'person' });
  if (input.recommendingDepartmentId) await visibleSubject(tx, req, input.recommendingDepartmentId, 'recommendingDepartmentId', { kind: 'organization', orgType: 'recommending_department' });
  if (input.serviceAgencyId) await visibleSubject(tx, req, input.serviceAgencyId, 'serviceAgencyId', { kind: 'organization', orgType: 'service_agency' });
  const milestones = (input.milestones ?? []).map((m) => ({ name: m.name, dueDate: m.dueDate, completedDate: m.completedDate ?? null }));
  const facts: ProjectFacts = {
    planLevel: input.planLevel, jurisdictionCode: input.jurisdictionCode, regionCode: unit.region_code,
    startDate: input.startDate, dueDate: input.dueDate, extendedDueDate: input.extendedDueDate ?? null, status: input.status,
    acceptanceAppliedDate: input.acceptanceAppliedDate ?? null, acceptedDate: input.acceptedDate ?? null,
    terminatedDate: input.terminatedDate ?? null, milestones,
  };
  const [problem] = checkProjectFacts(facts, app.regions);
  if (problem) throw new AppError(problem.zh.includes('不存在') && problem.field.endsWith('Date') ? 'INVALID_DATE' : 'INCONSISTENT', { field: problem.field, zh: problem.zh });
  return {
    columns: {
      code: input.code.trim(), name: input.name.trim(), plan_level: input.planLevel, jurisdiction_code: input.jurisdictionCode,
      region_code: unit.region_code, funding_source: input.fundingSource, undertaking_unit_id: input.undertakingUnitId,
      leader_id: input.leaderId, recommending_department_id: input.recommendingDepartmentId ?? null,
      service_agency_id: input.serviceAgencyId ?? null, start_date: input.startDate, due_date: input.dueDate,
      extended_due_date: facts.extendedDueDate, status: input.status, acceptance_applied_date: facts.acceptanceAppliedDate,
      accepted_date: facts.acceptedDate, terminated_date: facts.terminatedDate, funds_granted: input.fundsGranted,
    } as Record<string, unknown>,
    milestones,
  };
}

export async function replaceMilestones(tx: Sql, projectId: string, milestones: Array<{ name: string; dueDate: string; completedDate: string | null }>) {
  await tx.query('DELETE FROM milestones WHERE project_id = $1', [projectId]);
  for (const [i, m] of milestones.entries()) {
    await tx.query('INSERT INTO milestones (id, project_id, seq, name, due_date, completed_date) VALUES (gen_random_uuid(), $1, $2, $3, $4, $5)',
      [projectId, i + 1, m.name, m.dueDate, m.completedDate]);
  }
}

export function projectAuditView(columns: Record<string, unknown>, milestones: unknown[]) {
  return { ...columns, milestones };
}
