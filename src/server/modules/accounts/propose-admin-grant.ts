/**
 * 提出授予管理员角色 (dual control, issue 16 H2): the security administrator proposes that an account
 * the system administrator created become a system, security or audit administrator, with a reason.
 * Nothing changes until the audit administrator approves (decide-admin-grant.ts).
 */
import { randomUUID } from 'node:crypto';
import { isAdministrator, type Role } from '../../../core/access/roles';
import { AppError } from '../../../core/errors';
import type { AppContext, RequestContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import type { UserRow } from './users-repo';

export async function proposeAdminGrant(app: AppContext, ctx: RequestContext, userId: string, input: { role: Role; reason: string }): Promise<{ id: string }> {
  if (!isAdministrator(input.role)) throw new AppError('INCONSISTENT', { field: 'role', zh: '只有系统、安全、审计管理员角色须经复核；其他角色直接授权' });
  const id = randomUUID();
  return app.db.transaction(async (tx) => {
    const [u] = await tx.query<UserRow>('SELECT * FROM users WHERE id = $1 FOR UPDATE', [userId]);
    if (!u) throw new AppError('NOT_FOUND');
    if (u.id === ctx.actor.userId) throw new AppError('FORBIDDEN', { zh: '不能为自己的账号提出申请' });
    if (u.status !== 'pending') throw new AppError('INCONSISTENT', { field: 'userId', zh: '管理员角色只能授予尚未授权的新账号' });
    const rows = await tx.query(`INSERT INTO admin_grants (id, user_id, role, reason, proposed_by, proposed_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id`,
      [id, userId, input.role, input.reason.trim(), ctx.actor.userId, app.clock.now().toISOString()]);
    if (rows.length === 0) throw new AppError('DUPLICATE', { field: 'userId', zh: '该账号已有待复核的申请' });
    await appendAudit(tx, app, { actor: ctx.actor, ip: ctx.ip, action: 'account.admin_grant_propose', objectType: 'user', objectId: userId, after: { grant: id, role: input.role, reason: input.reason.trim() } });
    return { id };
  });
}
