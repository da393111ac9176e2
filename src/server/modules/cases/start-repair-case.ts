/**
 * 申请信用修复 (CI-30): the listed subject (the person, or the unit's administrator) applies for a
 * listing in force, with what it has done to make good. The 15-working-day clock of CI-31 starts.
 */
import { AppError } from '../../../core/errors';
import type { RepairCaseData } from '../../../core/procedure/repair-case';
import { businessDate } from '../../../core/time/clock';
import type { AppContext, RequestContext } from '../../context';
import { startCase, type CaseRow } from './run-procedure';

export async function startRepairCase(app: AppContext, req: RequestContext, input: { listingId: string; evidence: string }): Promise<CaseRow> {
  const today = businessDate(app.clock);
  return app.db.transaction(async (tx) => {
    const [l] = await tx.query<{ id: string; subject_id: string; jurisdiction_code: string; until: string | null; repaired_on: string | null; kind: 'organization' | 'person' }>(
      'SELECT l.id, l.subject_id, l.jurisdiction_code, l.until, l.repaired_on, s.kind FROM listings l JOIN subjects s ON s.id = l.subject_id WHERE l.id = $1', [input.listingId]);
    if (!l) throw new AppError('NOT_FOUND', { field: 'listingId', zh: '名单记录不存在' });
    if (l.repaired_on || (l.until !== null && l.until < today)) throw new AppError('INCONSISTENT', { field: 'listingId', zh: '该记录已不在名单中，无需修复' });
    const data: RepairCaseData = { listingId: l.id, subjectId: l.subject_id, evidence: input.evidence, history: [] };
    // startCase refuses anyone who is not the listed subject (scope: own person or own unit).
    return startCase(app, req, {
      procedure: 'repair', start: 'applied', jurisdictionCode: l.jurisdiction_code, projectId: null,
      unitId: l.kind === 'organization' ? l.subject_id : null, applicantPersonId: l.kind === 'person' ? l.subject_id : null, data: data as unknown as Record<string, unknown>,
    }, tx);
  });
}
