/**
 * 复核管理员角色申请 (dual control, issue 16 H2): the audit administrator approves or rejects what
 * the security administrator proposed. On approval the account becomes active with the role and a
 * one-time initial password, returned here once to the approver to hand over; the proposer, the
 * approver and the account are three different people, and the system administrator who created the
 * account knows nothing of the password. A grant is decided once (the first decision wins).
 */
import { hash } from '@node-rs/argon2';
import { AppError } from '../../../core/errors';
import type { AppContext, RequestContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { initialPassword } from './initial-password';

export async function decideAdminGrant(app: AppContext, ctx: RequestContext, grantId: string, decision: 'approve' | 'reject'): Promise<{ initialPassword: string | null }> {
  const password = initialPassword();
  const passwordHash = await hash(password);
  return app.db.transaction(async (tx) => {
    const now = app.clock.now().toISOString();
    const [g] = await tx.query<{ id: string; user_id: string; role: string; proposed_by: string }>(
      `UPDATE admin_grants SET status = $2, decided_by = $3, decided_at = $4 WHERE id = $1 AND status = 'pending' AND proposed_by <> $3 AND user_id <> $3 RETURNING id, user_id, role, proposed_by`,
      [grantId, decision === 'approve' ? 'approved' : 'rejected', ctx.actor.userId, now]);
    if (!g) {
      const [exists] = await tx.query<{ status: string }>('SELECT status FROM admin_grants WHERE id = $1', [grantId]);
      if (!exists) throw new AppError('NOT_FOUND');
      throw new AppError(exists.status === 'pending' ? 'FORBIDDEN' : 'CASE_STATE', { zh: exists.status === 'pending' ? '提出申请的人或该账号本人不能复核' : '该申请已复核' });
    }
    if (decision === 'approve') {
      const updated = await tx.query(
        `UPDATE users SET role = $2, status = 'active', password_hash = $3, password_changed_at = $4, must_change_password = true, authorized_by = $5, authorized_at = $4, version = version + 1
          WHERE id = $1 AND status = 'pending' RETURNING id`, [g.user_id, g.role, passwordHash, now, ctx.actor.userId]);
      if (updated.length === 0) throw new AppError('CASE_STATE', { zh: '该账号已不是待授权状态' });
    }
    await appendAudit(tx, app, {
      actor: ctx.actor, ip: ctx.ip, action: decision === 'approve' ? 'account.admin_grant_approve' : 'account.admin_grant_reject', objectType: 'user', objectId: g.user_id,
      after: { grant: g.id, role: g.role, proposedBy: g.proposed_by, initialPasswordIssued: decision === 'approve' },
    });
    return { initialPassword: decision === 'approve' ? password : null };
  });
}
