/**
 * 登录: checks a password with argon2id and, for staff and administrators, a TOTP code; opens a
 * server-side session and logs every attempt. Lockout after repeated failures (GB/T 22239-2019
 * 8.1.4.1 b) is a setting here, defaulting to 5 failures and 15 minutes; a wrong or missing code
 * counts as a failure like a wrong password. Someone who has no second factor yet, whose password
 * has expired or is the one-time initial password, gets a session restricted to putting that right.
 *
 * Against parallel attacks (issue 16 M1, M2): an attempt is counted before the password is verified
 * (atomically; failures and attempts in flight together stay under the limit), so a burst verifies at
 * most five passwords; a success never lifts a lock that concurrent failures set; a TOTP
 * time step is consumed by one atomic update, so a code opens one session however many logins race.
 * Every failure gets the same answer (LOGIN_FAILED, no field), whether the account is unknown,
 * locked, disabled or pending, the password or the code is wrong, or the code is missing; and the
 * same work (one argon2id verification). A username is logged only if an account has it.
 */
import { hash, verify } from '@node-rs/argon2';
import type { Actor } from '../../../core/access/policy';
import { isStaffOrAdministrator, needsSecondFactor } from '../../../core/access/roles';
import { matchTotp } from '../../crypto/totp';
import type { Sql } from '../../db/database';
import { AppError } from '../../../core/errors';
import type { LoginFailureReason } from '../../../core/audit/labels';
import type { AppContext } from '../../context';
import { randomToken, sm3Hex } from '../../crypto/sm';
import { appendAudit } from '../audit/append-audit';
import { claimLoginAttempt, consumeTotpStep, findUserByUsername, settleLoginFailure, settleLoginSuccess, type SessionUser, type UserRow } from './users-repo';

export const LOCKOUT = { maxFailures: 5, minutes: 15 } as const;

// Verifying against a fixed hash for unknown or locked accounts keeps the answer time the same either way.
let dummyHash: Promise<string> | null = null;

export function actorOf(u: Pick<UserRow, 'id' | 'role' | 'region_code' | 'unit_id' | 'person_id'>): Actor {
  return { userId: u.id, role: u.role, regionCode: u.region_code, unitId: u.unit_id, personId: u.person_id };
}

export interface LoginInput { username: string; password: string; totp?: string; ip: string | null; userAgent: string | null }

/** Why an attempt failed; the Chinese words are core/audit/labels.ts's. */
export type LoginFailure = LoginFailureReason;

/**
 * A failed attempt, logged; the username only when an account has it (what is typed there may be a
 * password). A claimed attempt is settled as a failure in the same transaction.
 */
async function recordFailure(app: AppContext, user: UserRow | null, input: LoginInput, reason: LoginFailure, claimed: boolean) {
  await app.db.transaction(async (tx) => {
    if (claimed && reason !== 'locked_meanwhile') await settleLoginFailure(tx, user!.id, app.clock.now(), LOCKOUT.maxFailures, LOCKOUT.minutes);
    await appendAudit(tx, app, {
      actor: user?.role ? actorOf(user) : null, ip: input.ip, action: 'auth.login', objectType: 'user', objectId: user?.id ?? null,
      outcome: 'failure', after: user ? { username: user.username, reason } : { reason },
    });
  });
}

/** Whether a staff or administrator password is older than the setting allows. */
export function passwordExpired(app: AppContext, user: Pick<UserRow, 'role' | 'password_changed_at'>): boolean {
  const days = app.config.passwordMaxAgeDays;
  return days > 0 && isStaffOrAdministrator(user.role) && app.clock.now().getTime() - new Date(user.password_changed_at).getTime() > days * 86_400_000;
}

/** The password must be changed first: it is the one-time initial password, or it has expired. */
export function mustChangePassword(app: AppContext, user: Pick<UserRow, 'role' | 'password_changed_at' | 'must_change_password'>): boolean {
  return user.must_change_password || passwordExpired(app, user);
}

export async function openSession(tx: Sql, app: AppContext, user: UserRow, input: Pick<LoginInput, 'ip' | 'userAgent'>, restriction: SessionUser['restriction']): Promise<string> {
  const token = randomToken();
  await tx.query('INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, ip, user_agent, restriction) VALUES ($1, $2, $3, $3, $4, $5, $6)',
    [sm3Hex(token), user.id, app.clock.now().toISOString(), input.ip, input.userAgent?.slice(0, 300) ?? null, restriction]);
  return token;
}

export async function login(app: AppContext, input: LoginInput) {
  const now = app.clock.now();
  const user = await findUserByUsername(app.db, input.username);
  const usable = !!user && user.status === 'active' && !user.disabled && !!user.password_hash;
  // Counted before verifying: refused when the account is locked or as many attempts as the limit are failing or in flight.
  const claimed = usable ? await claimLoginAttempt(app.db, user.id, now, LOCKOUT.maxFailures, LOCKOUT.minutes) : false;
  dummyHash ??= hash('not-a-password');
  const passwordOk = claimed ? await verify(user!.password_hash, input.password) : (await verify(await dummyHash, input.password), false);
  let failure: LoginFailure | null = !user ? 'unknown_user' : user.status !== 'active' ? 'not_active' : user.disabled ? 'disabled' : !claimed ? 'locked' : passwordOk ? null : 'bad_credentials';
  const secondFactor = app.config.totpRequired && !!user?.role && needsSecondFactor(user.role);
  let step: number | null = null;
  if (!failure && secondFactor && user!.totp_secret_cipher) {
    step = input.totp ? matchTotp(Buffer.from(app.cipher.decrypt(user!.totp_secret_cipher), 'hex'), input.totp, now, user!.totp_last_step) : null;
    if (step === null) failure = input.totp ? 'bad_totp' : 'totp_missing';
    else if (!(await consumeTotpStep(app.db, user!.id, step))) failure = 'totp_replayed';
  }
  // A success clears the failures; a lock that concurrent failures set meanwhile stands.
  if (!failure && !(await settleLoginSuccess(app.db, user!.id, now))) failure = 'locked_meanwhile';
  if (failure) {
    await recordFailure(app, user, input, failure, claimed);
    throw new AppError('LOGIN_FAILED');
  }
  const u = user!;
  const restriction: SessionUser['restriction'] = secondFactor && !u.totp_secret_cipher ? 'enroll_totp' : mustChangePassword(app, u) ? 'change_password' : null;
  const token = await app.db.transaction(async (tx) => {
    const t = await openSession(tx, app, u, input, restriction);
    await appendAudit(tx, app, { actor: actorOf(u), ip: input.ip, action: 'auth.login', objectType: 'user', objectId: u.id, after: { secondFactor: step !== null, restriction } });
    return t;
  });
  return { token, user: u, restriction };
}

export async function logout(app: AppContext, token: string, actor: Actor, ip: string | null) {
  await app.db.transaction(async (tx) => {
    await tx.query('DELETE FROM sessions WHERE token_hash = $1', [sm3Hex(token)]);
    await appendAudit(tx, app, { actor, ip, action: 'auth.logout', objectType: 'user', objectId: actor.userId });
  });
}
