/**
 * 登录: checks a password with argon2id, opens a server-side session, and logs every attempt.
 * Lockout after repeated failures (GB/T 22239-2019 8.1.4.1 b) is a setting here, defaulting to
 * 5 failures and 15 minutes.
 */
import { hash, verify } from '@node-rs/argon2';
import type { Actor } from '../../../core/access/policy';
import { AppError } from '../../../core/errors';
import type { AppContext } from '../../context';
import { randomToken, sm3Hex } from '../../crypto/sm';
import { appendAudit } from '../audit/append-audit';
import { findUserByUsername, type UserRow } from './users-repo';

export const LOCKOUT = { maxFailures: 5, minutes: 15 } as const;

// Verifying against a fixed hash for unknown users keeps the answer time the same either way.
let dummyHash: Promise<string> | null = null;

export function actorOf(u: Pick<UserRow, 'id' | 'role' | 'region_code' | 'unit_id' | 'person_id'>): Actor {
  return { userId: u.id, role: u.role, regionCode: u.region_code, unitId: u.unit_id, personId: u.person_id };
}

export async function login(app: AppContext, input: { username: string; password: string; ip: string | null; userAgent: string | null }) {
  const user = await findUserByUsername(app.db, input.username);
  const now = app.clock.now();
  if (user?.locked_until && new Date(user.locked_until) > now) {
    await app.db.transaction((tx) => appendAudit(tx, app.clock, { actor: actorOf(user), ip: input.ip, action: 'auth.login', objectType: 'user', objectId: user.id, outcome: 'failure', after: { reason: 'locked' } }));
    throw new AppError('ACCOUNT_LOCKED');
  }
  dummyHash ??= hash('not-a-password');
  const ok = user && !user.disabled ? await verify(user.password_hash, input.password) : (await verify(await dummyHash, input.password), false);
  if (!ok || !user) {
    await app.db.transaction(async (tx) => {
      if (user) {
        await tx.query(
          `UPDATE users SET failed_logins = failed_logins + 1,
             locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3::timestamptz ELSE locked_until END WHERE id = $1`,
          [user.id, LOCKOUT.maxFailures, new Date(now.getTime() + LOCKOUT.minutes * 60_000).toISOString()],
        );
      }
      await appendAudit(tx, app.clock, {
        actor: user ? actorOf(user) : null, ip: input.ip, action: 'auth.login', objectType: 'user', objectId: user?.id ?? null,
        outcome: 'failure', after: { username: input.username, reason: user?.disabled ? 'disabled' : 'bad_credentials' },
      });
    });
    throw new AppError('LOGIN_FAILED');
  }
  const token = randomToken();
  await app.db.transaction(async (tx) => {
    await tx.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [user.id]);
    await tx.query('INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, ip, user_agent) VALUES ($1, $2, $3, $3, $4, $5)',
      [sm3Hex(token), user.id, now.toISOString(), input.ip, input.userAgent?.slice(0, 300) ?? null]);
    await appendAudit(tx, app.clock, { actor: actorOf(user), ip: input.ip, action: 'auth.login', objectType: 'user', objectId: user.id });
  });
  return { token, user };
}

export async function logout(app: AppContext, token: string, actor: Actor, ip: string | null) {
  await app.db.transaction(async (tx) => {
    await tx.query('DELETE FROM sessions WHERE token_hash = $1', [sm3Hex(token)]);
    await appendAudit(tx, app.clock, { actor, ip, action: 'auth.logout', objectType: 'user', objectId: actor.userId });
  });
}
