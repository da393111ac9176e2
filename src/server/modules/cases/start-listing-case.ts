/**
 * 提出拟列入名单 (CI-27): a business section proposes a subject sanctioned in a decided misconduct
 * case, with its grounds. The subject sees the case (to receive the notice and object); the case is
 * handled by the officer's bureau.
 */
import { AppError } from '../../../core/errors';
import type { ListingCaseData } from '../../../core/procedure/listing-case';
import type { AppContext, RequestContext } from '../../context';
import { loadVisibleSubject } from '../subjects/subject-input';
import { startCase, type CaseRow } from './run-procedure';

export async function startListingCase(app: AppContext, req: RequestContext, input: { subjectId: string; misconductCaseId: string; grounds: string }): Promise<CaseRow> {
  if (!req.actor.regionCode) throw new AppError('FORBIDDEN');
  return app.db.transaction(async (tx) => {
    const s = await loadVisibleSubject(tx, req.scope, input.subjectId, 'subjectId', '主体不存在');
    const [m] = await tx.query<{ state: string }>(`SELECT state FROM cases WHERE id = $1 AND procedure = 'misconduct'`, [input.misconductCaseId]);
    if (!m) throw new AppError('NOT_FOUND', { field: 'misconductCaseId', zh: '所依据的失信案件不存在' });
    if (m.state !== 'decided') throw new AppError('INCONSISTENT', { field: 'misconductCaseId', zh: '所依据的失信案件尚未作出处理决定' });
    const [x] = await tx.query('SELECT 1 FROM sanctions WHERE case_id = $1 AND subject_id = $2', [input.misconductCaseId, s.id]);
    if (!x) throw new AppError('INCONSISTENT', { field: 'subjectId', zh: '该主体不是所依据处理决定的处理对象' });
    const data: ListingCaseData = { subjectId: s.id, misconductCaseId: input.misconductCaseId, grounds: input.grounds, history: [] };
    return startCase(app, req, {
      procedure: 'listing', start: 'proposed', jurisdictionCode: req.actor.regionCode!, projectId: null,
      unitId: s.kind === 'organization' ? s.id : null, applicantPersonId: s.kind === 'person' ? s.id : null, data: data as unknown as Record<string, unknown>,
    }, tx);
  });
}
