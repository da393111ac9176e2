/**
 * 提出容错免责申请 / 依职权启动 (YT-6.1, YT-6.2). The case is routed to the bureau that assigned the
 * project (its jurisdiction follows the funding source and territory, YT-3). When the accountability
 * procedure has started, the 20-working-day window of YT-6.1 is computed and kept with the case, so a
 * late application is shown to the officer with its window rather than silently accepted.
 */
import { inScope } from '../../../core/access/policy';
import { computeDeadline } from '../../../core/deadlines/compute-deadline';
import { AppError } from '../../../core/errors';
import { CIRCUMSTANCES, CONDITIONS, type ToleranceCaseData } from '../../../core/procedure/tolerance-case';
import { isIsoDate } from '../../../core/time/iso-date';
import type { AppContext, RequestContext } from '../../context';
import { getProject, projectForPolicy } from '../projects/projects-repo';
import { regionPath } from '../deadlines/recompute-clock';
import { startCase, type CaseRow } from './run-procedure';

export interface ToleranceApplication {
  projectId: string;
  failure: string;
  conditions: Record<string, string>;
  circumstances: string[];
  accountabilityStartedOn?: string | null;
  exOfficio?: boolean;
}

export async function startToleranceCase(app: AppContext, req: RequestContext, input: ToleranceApplication): Promise<CaseRow> {
  for (const k of Object.keys(input.conditions)) if (!(CONDITIONS as readonly string[]).includes(k)) throw new AppError('VALIDATION_FAILED', { field: `conditions/${k}`, zh: `容错条件应为 YT-4.1 至 YT-4.6，不是 ${k}` });
  for (const k of input.circumstances) if (!(CIRCUMSTANCES as readonly string[]).includes(k)) throw new AppError('VALIDATION_FAILED', { field: 'circumstances', zh: `免责情形应为 YT-5.1 至 YT-5.10，不是 ${k}` });
  if (input.accountabilityStartedOn && !isIsoDate(input.accountabilityStartedOn)) throw new AppError('INVALID_DATE', { field: 'accountabilityStartedOn' });
  return app.db.transaction(async (tx) => {
    const p = await getProject(tx, input.projectId);
    if (!p || !inScope(req.scope, projectForPolicy(p))) throw new AppError('NOT_FOUND', { field: 'projectId', zh: '项目不存在' });
    const window = input.accountabilityStartedOn
      ? computeDeadline({ limitId: 'YT-6.1', start: input.accountabilityStartedOn, regionPath: regionPath(app, p.jurisdiction_code) }, app.calendar.book, app.policies.registry)
      : null;
    const data: ToleranceCaseData & { window: unknown } = {
      projectId: p.id, failure: input.failure, conditions: input.conditions, circumstances: input.circumstances,
      accountabilityStartedOn: input.accountabilityStartedOn ?? null, exOfficio: !!input.exOfficio, history: [],
      window: window && { dueDate: window.dueDate, derivation: window.derivation, provisional: window.provisional, warnings: window.warnings },
    };
    return startCase(app, req, {
      procedure: 'tolerance', start: input.exOfficio ? 'investigating' : 'draft', jurisdictionCode: p.jurisdiction_code,
      projectId: p.id, unitId: p.undertaking_unit_id, applicantPersonId: input.exOfficio ? null : req.actor.role === 'researcher' ? p.leader_id : null, data: data as unknown as Record<string, unknown>,
    }, tx);
  });
}
