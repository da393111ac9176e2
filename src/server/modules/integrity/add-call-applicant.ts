/**
 * 登记申报主体 (CI-9): a unit or person on an application of a call, with its role, so the call can
 * show who has not yet signed the integrity commitment. Staff of the subject's area; audited.
 */
import { roleFits, type CommitmentRole } from '../../../core/commitments/commitment';
import { AppError } from '../../../core/errors';
import type { AppContext, RequestContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { loadVisibleSubject } from '../subjects/subject-input';

export async function addCallApplicant(app: AppContext, req: RequestContext, callRef: string, input: { subjectId: string; role: CommitmentRole }) {
  return app.db.transaction(async (tx) => {
    const s = await loadVisibleSubject(tx, req.scope, input.subjectId, 'subjectId');
    if (!roleFits(input.role, s.kind)) throw new AppError('INCONSISTENT', { field: 'role', zh: '单位以申报单位身份登记，个人以负责人、成员或专家身份登记（CI-9）' });
    const rows = await tx.query(`INSERT INTO call_applicants (call_ref, subject_id, role, added_by, added_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING subject_id`,
      [callRef, s.id, input.role, req.actor.userId, app.clock.now().toISOString()]);
    if (rows.length === 0) throw new AppError('DUPLICATE', { field: 'subjectId', zh: '该主体已以此身份登记在本批次' });
    await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'call.add_applicant', objectType: 'call', objectId: callRef, after: { subjectId: s.id, role: input.role, clause: 'CI-9' } });
    return { callRef, subjectId: s.id, role: input.role };
  });
}
