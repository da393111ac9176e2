/** Queries over accounts and sessions. */
import type { Role } from '../../../core/access/roles';
import type { Sql } from '../../db/database';

export interface UserRow {
  /** Null only while the account is pending (status): such an account cannot sign in, so no session ever carries it. */
  id: string; username: string; display_name: string; role: Role; region_code: string | null;
  unit_id: string | null; person_id: string | null; password_hash: string; disabled: boolean;
  failed_logins: number; locked_until: Date | null; created_at: Date; password_changed_at: Date;
  totp_secret_cipher: string | null; totp_pending_cipher: string | null; totp_enabled_at: Date | null; totp_last_step: number | null;
  status: 'pending' | 'active'; must_change_password: boolean; last_failed_at: Date | null; version: number;
  created_by: string | null; authorized_by: string | null;
}

export async function findUserByUsername(db: Sql, username: string): Promise<UserRow | null> {
  const [row] = await db.query<UserRow>('SELECT * FROM users WHERE username = $1', [username]);
  return row ?? null;
}

export async function listUsers(db: Sql) {
  return db.query<Pick<UserRow, 'id' | 'username' | 'display_name' | 'role' | 'region_code' | 'unit_id' | 'person_id' | 'disabled' | 'failed_logins' | 'locked_until' | 'created_at' | 'status' | 'version' | 'must_change_password'>>(
    'SELECT id, username, display_name, role, region_code, unit_id, person_id, disabled, failed_logins, locked_until, created_at, status, version, must_change_password FROM users ORDER BY username',
  );
}

export async function findUserById(db: Sql, id: string): Promise<UserRow | null> {
  const [row] = await db.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
  return row ?? null;
}

/** How many active accounts hold a role (installation provisions administrators only while a role has nobody). */
export async function countActiveWithRole(db: Sql, role: Role): Promise<number> {
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE role = $1 AND status = 'active'`, [role]);
  return n;
}

/**
 * Lockout (M1). An attempt is counted before its password is verified, atomically: it is let in only
 * while the account is not locked and its failures plus the attempts still being verified stay below
 * the limit, so a burst of any size verifies at most that many passwords. The count decays: it starts
 * again once a lock has expired or the last attempt is older than the lockout. False: refused.
 */
export async function claimLoginAttempt(db: Sql, userId: string, now: Date, maxFailures: number, lockMinutes: number): Promise<boolean> {
  const windowStart = new Date(now.getTime() - lockMinutes * 60_000).toISOString();
  const fresh = `((locked_until IS NOT NULL AND locked_until <= $2) OR last_failed_at IS NULL OR last_failed_at <= $3)`;
  const rows = await db.query(
    `UPDATE users SET
       failed_logins = CASE WHEN ${fresh} THEN 0 ELSE failed_logins END,
       logins_in_flight = CASE WHEN ${fresh} THEN 0 ELSE logins_in_flight END + 1,
       locked_until = CASE WHEN ${fresh} THEN NULL ELSE locked_until END,
       last_failed_at = $2
     WHERE id = $1 AND (locked_until IS NULL OR locked_until <= $2) AND (CASE WHEN ${fresh} THEN 0 ELSE failed_logins + logins_in_flight END) < $4
     RETURNING id`,
    [userId, now.toISOString(), windowStart, maxFailures]);
  return rows.length > 0;
}

/** A claimed attempt that failed: one more failure; the limit reached locks the account (in the failure's own transaction). */
export async function settleLoginFailure(tx: Sql, userId: string, now: Date, maxFailures: number, lockMinutes: number): Promise<void> {
  await tx.query(
    `UPDATE users SET logins_in_flight = GREATEST(logins_in_flight - 1, 0), failed_logins = failed_logins + 1,
       locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3::timestamptz ELSE locked_until END WHERE id = $1`,
    [userId, maxFailures, new Date(now.getTime() + lockMinutes * 60_000).toISOString()]);
}

/**
 * A claimed attempt whose password (and code) were right: the failures are cleared, unless
 * concurrent failures locked the account while it was verified — then the lock stands and the
 * attempt is refused (false).
 */
export async function settleLoginSuccess(db: Sql, userId: string, now: Date): Promise<boolean> {
  const ok = await db.query(
    `UPDATE users SET logins_in_flight = GREATEST(logins_in_flight - 1, 0), failed_logins = 0
      WHERE id = $1 AND (locked_until IS NULL OR locked_until <= $2) RETURNING id`, [userId, now.toISOString()]);
  if (ok.length > 0) return true;
  await db.query('UPDATE users SET logins_in_flight = GREATEST(logins_in_flight - 1, 0) WHERE id = $1', [userId]);
  return false;
}

/** M2: a TOTP time step is used once: the first to move totp_last_step past it wins. */
export async function consumeTotpStep(db: Sql, userId: string, step: number): Promise<boolean> {
  const rows = await db.query('UPDATE users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING id', [userId, step]);
  return rows.length > 0;
}

export interface SessionUser extends UserRow {
  last_seen_at: Date;
  /** What a session opened with a password alone must do before anything else. */
  restriction: 'enroll_totp' | 'change_password' | null;
}

export async function findSession(db: Sql, tokenHash: string): Promise<SessionUser | null> {
  const [row] = await db.query<SessionUser>(
    'SELECT u.*, s.last_seen_at, s.restriction FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1',
    [tokenHash],
    { prepared: true }, // every authenticated request asks this: planned once per connection
  );
  return row ?? null;
}

export interface AdminGrantView { id: string; userId: string; username: string; displayName: string; role: string; reason: string; proposedBy: string; proposedAt: string; status: string }

export async function listAdminGrants(db: Sql, status: 'pending' | 'approved' | 'rejected'): Promise<AdminGrantView[]> {
  const rows = await db.query<{ id: string; user_id: string; username: string; display_name: string; role: string; reason: string; proposer: string; proposed_at: Date; status: string }>(
    `SELECT g.id, g.user_id, u.username, u.display_name, g.role, g.reason, p.username AS proposer, g.proposed_at, g.status
       FROM admin_grants g JOIN users u ON u.id = g.user_id JOIN users p ON p.id = g.proposed_by WHERE g.status = $1 ORDER BY g.proposed_at`, [status]);
  return rows.map((r) => ({ id: r.id, userId: r.user_id, username: r.username, displayName: r.display_name, role: r.role, reason: r.reason, proposedBy: r.proposer, proposedAt: new Date(r.proposed_at).toISOString(), status: r.status }));
}
