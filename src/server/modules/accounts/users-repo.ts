/** Queries over accounts and sessions. */
import type { Role } from '../../../core/access/roles';
import type { Sql } from '../../db/database';

export interface UserRow {
  id: string; username: string; display_name: string; role: Role; region_code: string | null;
  unit_id: string | null; person_id: string | null; password_hash: string; disabled: boolean;
  failed_logins: number; locked_until: Date | null; created_at: Date; password_changed_at: Date;
  totp_secret_cipher: string | null; totp_pending_cipher: string | null; totp_enabled_at: Date | null; totp_last_step: number | null;
}

export async function findUserByUsername(db: Sql, username: string): Promise<UserRow | null> {
  const [row] = await db.query<UserRow>('SELECT * FROM users WHERE username = $1', [username]);
  return row ?? null;
}

export async function listUsers(db: Sql) {
  return db.query<Omit<UserRow, 'password_hash'>>(
    'SELECT id, username, display_name, role, region_code, unit_id, person_id, disabled, failed_logins, locked_until, created_at FROM users ORDER BY username',
  );
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
