/**
 * 授权 (issue 16 H2): the security administrator gives an account its role and data scope (region,
 * unit or person). The first authorisation activates a pending account and makes its one-time
 * initial password, returned here once, to be handed to the user and changed at first login; the
 * system administrator who created the account never sees it. A later authorisation changes the
 * role or scope and ends the account's sessions. Administrator roles are not given here: they need
 * dual control (propose-admin-grant.ts, decide-admin-grant.ts); nor are administrator accounts changed here.
 */
import { hash } from '@node-rs/argon2';
import { isAdministrator, type Role } from '../../../core/access/roles';
import { AppError } from '../../../core/errors';
import type { AppContext, RequestContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { checkAssignment } from './check-assignment';
import { initialPassword } from './initial-password';
import type { UserRow } from './users-repo';

export interface AuthorizeInput { version: number; role: Role; regionCode?: string | null; unitId?: string | null; personId?: string | null }

export async function authorizeAccount(app: AppContext, ctx: RequestContext, userId: string, input: AuthorizeInput): Promise<{ initialPassword: string | null; version: number }> {
  if (isAdministrator(input.role)) throw new AppError('INCONSISTENT', { field: 'role', zh: '系统、安全、审计管理员角色须经双人复核授予：请提出申请，由审计管理员复核' });
  const password = initialPassword();
  const passwordHash = await hash(password);
  return app.db.transaction(async (tx) => {
    const [u] = await tx.query<UserRow>('SELECT * FROM users WHERE id = $1 FOR UPDATE', [userId]);
    if (!u) throw new AppError('NOT_FOUND');
    if (u.role && isAdministrator(u.role)) throw new AppError('FORBIDDEN', { zh: '管理员账号的角色不在此处变更' });
    if (u.version !== input.version) throw new AppError('VERSION_CONFLICT', { field: 'version' });
    await checkAssignment(app, tx, input);
    const first = u.status === 'pending';
    const now = app.clock.now().toISOString();
    await tx.query(
      `UPDATE users SET role = $2, region_code = $3, unit_id = $4, person_id = $5, status = 'active', authorized_by = $6, authorized_at = $7, version = version + 1
         ${first ? ', password_hash = $8, password_changed_at = $7, must_change_password = true' : ''} WHERE id = $1`,
      [userId, input.role, input.regionCode ?? null, input.unitId ?? null, input.personId ?? null, ctx.actor.userId, now, ...(first ? [passwordHash] : [])]);
    // A changed role or scope takes effect at once: the account's sessions end.
    if (!first) await tx.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
    await appendAudit(tx, app, {
      actor: ctx.actor, ip: ctx.ip, action: 'account.authorize', objectType: 'user', objectId: userId,
      before: first ? { status: 'pending' } : { role: u.role, regionCode: u.region_code, unitId: u.unit_id, personId: u.person_id },
      after: { role: input.role, regionCode: input.regionCode ?? null, unitId: input.unitId ?? null, personId: input.personId ?? null, initialPasswordIssued: first },
    });
    return { initialPassword: first ? password : null, version: u.version + 1 };
  });
}
