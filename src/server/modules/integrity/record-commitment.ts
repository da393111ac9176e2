/**
 * 登记诚信承诺书 (CI-9): one commitment per subject and call for applications, a unit signing the
 * unit's and a person his own; recorded with its audit event in one transaction.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../core/errors';
import type { AppContext, RequestContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { loadVisibleSubject } from '../subjects/subject-input';

export interface CommitmentInput { callRef: string; subjectId: string; role: 'unit' | 'leader' | 'member' | 'expert'; signedOn: string }

export async function recordCommitment(app: AppContext, ctx: RequestContext, input: CommitmentInput): Promise<{ id: string }> {
  const s = await loadVisibleSubject(app.db, ctx.scope, input.subjectId, 'subjectId');
  if ((input.role === 'unit') !== (s.kind === 'organization')) throw new AppError('INCONSISTENT', { field: 'role', zh: '单位签署单位承诺书，个人签署个人承诺书' });
  const id = randomUUID();
  await app.db.transaction(async (tx) => {
    const rows = await tx.query(`INSERT INTO commitments (id, call_ref, subject_id, role, signed_on, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id`,
      [id, input.callRef, s.id, input.role, input.signedOn, ctx.actor.userId, app.clock.now().toISOString()]);
    if (rows.length === 0) throw new AppError('DUPLICATE', { field: 'subjectId', zh: '该主体在本批次已登记承诺书' });
    await appendAudit(tx, app, { actor: ctx.actor, ip: ctx.ip, action: 'commitment.record', objectType: 'subject', objectId: s.id, after: { callRef: input.callRef, role: input.role, signedOn: input.signedOn, clause: 'CI-9' } });
  });
  return { id };
}
