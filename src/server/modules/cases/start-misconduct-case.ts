/**
 * 登记失信线索 (CI-22): staff open a misconduct case against a subject they can see, from a
 * complaint, an audit or a spot check; it is handled by the officer's own bureau (county bureaus
 * within their own area, CI-7). The case is for staff only: the subject does not see it.
 */
import { AppError } from '../../../core/errors';
import type { MisconductCaseData } from '../../../core/procedure/misconduct-case';
import type { AppContext, RequestContext } from '../../context';
import { loadVisibleSubject } from '../subjects/subject-input';
import { startCase, type CaseRow } from './run-procedure';

export async function startMisconductCase(app: AppContext, req: RequestContext, input: { subjectId: string; source: 'complaint' | 'audit' | 'spot_check'; grounds: string }): Promise<CaseRow> {
  if (!req.actor.regionCode) throw new AppError('FORBIDDEN', { zh: '只有科技部门工作人员可以登记失信线索' });
  return app.db.transaction(async (tx) => {
    const s = await loadVisibleSubject(tx, req.scope, input.subjectId, 'subjectId', '被调查对象不存在');
    const data: MisconductCaseData = { source: input.source, sourceCaseId: null, projectId: null, subjectId: s.id, subjectKind: s.kind, grounds: input.grounds, history: [] };
    return startCase(app, req, { procedure: 'misconduct', start: 'referred', jurisdictionCode: req.actor.regionCode!, projectId: null, unitId: null, applicantPersonId: null, data: data as unknown as Record<string, unknown> }, tx);
  });
}
