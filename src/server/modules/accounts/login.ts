/**
 * 登录: checks a password with argon2id and, for staff and administrators, a TOTP code; opens a
 * server-side session and logs every attempt. Lockout after repeated failures (GB/T 22239-2019
 * 8.1.4.1 b) is a setting here, defaulting to 5 failures and 15 minutes; a wrong code counts as a
 * failure like a wrong password. Someone who has no second factor yet, or whose password has
 * expired, gets a session restricted to putting that right.
 */
import { hash, verify } from '@node-rs/argon2';
import type { Actor } from '../../../core/access/policy';
import { isStaffOrAdministrator, needsSecondFactor } from '../../../core/access/roles';
import { matchTotp } from '../../crypto/totp';
import type { Sql } from '../../db/database';
import { AppError } from '../../../core/errors';
import type { AppContext } from '../../context';
import { randomToken, sm3Hex } from '../../crypto/sm';
import { appendAudit } from '../audit/append-audit';
import { findUserByUsername, type SessionUser, type UserRow } from './users-repo';

export const LOCKOUT = { maxFailures: 5, minutes: 15 } as const;

// Verifying against a fixed hash for unknown users keeps the answer time the same either way.
let dummyHash: Promise<string> | null = null;

export function actorOf(u: Pick<UserRow, 'id' | 'role' | 'region_code' | 'unit_id' | 'person_id'>): Actor {
  return { userId: u.id, role: u.role, regionCode: u.region_code, unitId: u.unit_id, personId: u.person_id };
}

export interface LoginInput { username: string; password: string; totp?: string; ip: string | null; userAgent: string | null }

/** A failed attempt: counted towards lockout and logged, in one transaction. */
async function recordFailure(app: AppContext, user: UserRow | null, input: LoginInput, reason: string) {
  const now = app.clock.now();
  await app.db.transaction(async (tx) => {
    if (user) {
      await tx.query(
        `UPDATE users SET failed_logins = failed_logins + 1,
           locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3::timestamptz ELSE locked_until END WHERE id = $1`,
        [user.id, LOCKOUT.maxFailures, new Date(now.getTime() + LOCKOUT.minutes * 60_000).toISOString()],
      );
    }
    await appendAudit(tx, app, {
      actor: user ? actorOf(user) : null, ip: input.ip, action: 'auth.login', objectType: 'user', objectId: user?.id ?? null,
      outcome: 'failure', after: { username: input.username, reason },
    });
  });
}

/** Whether a staff or administrator password is older than the setting allows. */
export function passwordExpired(app: AppContext, user: Pick<UserRow, 'role' | 'password_changed_at'>): boolean {
  const days = app.config.passwordMaxAgeDays;
  return days > 0 && isStaffOrAdministrator(user.role) && app.clock.now().getTime() - new Date(user.password_changed_at).getTime() > days * 86_400_000;
}

export async function openSession(tx: Sql, app: AppContext, user: UserRow, input: Pick<LoginInput, 'ip' | 'userAgent'>, restriction: SessionUser['restriction']): Promise<string> {
  const token = randomToken();
  await tx.query('INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, ip, user_agent, restriction) VALUES ($1, $2, $3, $3, $4, $5, $6)',
    [sm3Hex(token), user.id, app.clock.now().toISOString(), input.ip, input.userAgent?.slice(0, 300) ?? null, restriction]);
  return token;
}

export async function login(app: AppContext, input: LoginInput) {
  const user = await findUserByUsername(app.db, input.username);
  const now = app.clock.now();
  if (user?.locked_until && new Date(user.locked_until) > now) {
    await app.db.transaction((tx) => appendAudit(tx, app, { actor: actorOf(user), ip: input.ip, action: 'auth.login', objectType: 'user', objectId: user.id, outcome: 'failure', after: { reason: 'locked' } }));
    throw new AppError('ACCOUNT_LOCKED');
  }
  dummyHash ??= hash('not-a-password');
  const ok = user && !user.disabled ? await verify(user.password_hash, input.password) : (await verify(await dummyHash, input.password), false);
  if (!ok || !user) {
    await recordFailure(app, user, input, user?.disabled ? 'disabled' : 'bad_credentials');
    throw new AppError('LOGIN_FAILED');
  }
  const secondFactor = app.config.totpRequired && needsSecondFactor(user.role);
  let step: number | null = null;
  if (secondFactor && user.totp_secret_cipher) {
    if (!input.totp) throw new AppError('TOTP_REQUIRED', { field: 'totp' });
    step = matchTotp(Buffer.from(app.cipher.decrypt(user.totp_secret_cipher), 'hex'), input.totp, now, user.totp_last_step);
    if (step === null) {
      await recordFailure(app, user, input, 'bad_totp');
      throw new AppError('LOGIN_FAILED', { field: 'totp', zh: '动态口令错误或已使用过' });
    }
  }
  const restriction: SessionUser['restriction'] = secondFactor && !user.totp_secret_cipher ? 'enroll_totp' : passwordExpired(app, user) ? 'change_password' : null;
  const token = await app.db.transaction(async (tx) => {
    await tx.query('UPDATE users SET failed_logins = 0, locked_until = NULL, totp_last_step = COALESCE($2, totp_last_step) WHERE id = $1', [user.id, step]);
    const t = await openSession(tx, app, user, input, restriction);
    await appendAudit(tx, app, { actor: actorOf(user), ip: input.ip, action: 'auth.login', objectType: 'user', objectId: user.id, after: { secondFactor: step !== null, restriction } });
    return t;
  });
  return { token, user, restriction };
}

export async function logout(app: AppContext, token: string, actor: Actor, ip: string | null) {
  await app.db.transaction(async (tx) => {
    await tx.query('DELETE FROM sessions WHERE token_hash = $1', [sm3Hex(token)]);
    await appendAudit(tx, app, { actor, ip, action: 'auth.logout', objectType: 'user', objectId: actor.userId });
  });
}
