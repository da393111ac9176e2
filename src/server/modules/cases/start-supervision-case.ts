/**
 * 监督检查的立案 (YT-7, YT-8): a policy-implementation inspection opened by a bureau in its own area,
 * a mid-term check of a project, or a major-change report by the project's unit or leader. Each is
 * routed to the bureau that assigned the project (or, for an inspection, the officer's own bureau).
 */
import { inScope } from '../../../core/access/policy';
import { AppError } from '../../../core/errors';
import { checkChangeReport, type ChangeKind, type InspectionData, type MajorChangeData, type MidtermCheckData } from '../../../core/procedure/supervision';
import { businessDate } from '../../../core/time/clock';
import type { AppContext, RequestContext } from '../../context';
import { getProject, projectForPolicy } from '../projects/projects-repo';
import { loadVisibleSubject } from '../subjects/subject-input';
import { startCase, type CaseRow } from './run-procedure';

export type SupervisionStart =
  | { procedure: 'inspection'; target: string; scope: string; unitId?: string | null }
  | { procedure: 'midterm_check'; projectId: string }
  | { procedure: 'major_change'; projectId: string; kind: ChangeKind; description: string; requestedDueDate?: string | null };

export async function startSupervisionCase(app: AppContext, req: RequestContext, input: SupervisionStart): Promise<CaseRow> {
  return app.db.transaction(async (tx) => {
    if (input.procedure === 'inspection') {
      if (!req.actor.regionCode) throw new AppError('FORBIDDEN', { zh: '只有科技部门工作人员可以开展督查' });
      const unit = input.unitId ? await loadVisibleSubject(tx, req.scope, input.unitId, 'unitId', '被督查单位不存在') : null;
      if (unit && unit.kind !== 'organization') throw new AppError('INCONSISTENT', { field: 'unitId', zh: '被督查对象应为单位' });
      const data: InspectionData = { target: input.target, scope: input.scope, history: [] };
      return startCase(app, req, { procedure: 'inspection', start: 'inspecting', jurisdictionCode: req.actor.regionCode, projectId: null, unitId: unit?.id ?? null, applicantPersonId: null, data: data as unknown as Record<string, unknown> }, tx);
    }
    const p = await getProject(tx, input.projectId);
    if (!p || !inScope(req.scope, projectForPolicy(p))) throw new AppError('NOT_FOUND', { field: 'projectId', zh: '项目不存在' });
    const common = { jurisdictionCode: p.jurisdiction_code, projectId: p.id, unitId: p.undertaking_unit_id, applicantPersonId: p.leader_id };
    if (input.procedure === 'midterm_check') {
      const data: MidtermCheckData = { projectId: p.id, history: [] };
      return startCase(app, req, { procedure: 'midterm_check', start: 'self_assessment', ...common, data: data as unknown as Record<string, unknown> }, tx);
    }
    const data: MajorChangeData = {
      projectId: p.id, kind: input.kind, description: input.description, requestedDueDate: input.requestedDueDate ?? null, reportedOn: businessDate(app.clock), history: [],
    };
    const problem = checkChangeReport(data);
    if (problem) throw new AppError('VALIDATION_FAILED', problem);
    const currentDue = p.extended_due_date ?? p.due_date;
    if (data.kind === 'extension' && data.requestedDueDate! <= currentDue) {
      throw new AppError('INCONSISTENT', { field: 'requestedDueDate', zh: `延长后的截止日期应晚于现在的执行期截止日 ${currentDue}` });
    }
    return startCase(app, req, { procedure: 'major_change', start: 'reported', ...common, data: data as unknown as Record<string, unknown> }, tx);
  });
}
