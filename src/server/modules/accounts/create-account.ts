/**
 * 创建账号 (三员分立, GB/T 22239-2019 8.1.4.2; issue 16 H2). The system administrator opens an
 * account: a username and a name, nothing more. It stays pending — no role, no password, no way to
 * sign in — until the security administrator authorises it (authorize-account.ts), when the system
 * makes its one-time initial password. So whoever creates an account never knows its credentials.
 *
 * insertAccount is the installation path only: the demo loader, `kexin admin create` (the three
 * administrators while a role has nobody) and the benchmarks. It writes an active account with a
 * role and a password, checked against the password rule.
 */
import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import type { Actor } from '../../../core/access/policy';
import { passwordProblem } from '../../../core/access/password-policy';
import { type Role } from '../../../core/access/roles';
import { AppError } from '../../../core/errors';
import type { AppContext } from '../../context';
import type { Sql } from '../../db/database';
import { appendAudit } from '../audit/append-audit';
import { duplicateField } from '../subjects/subject-input';
import { checkAssignment } from './check-assignment';

export interface InstallAccountInput {
  username: string; displayName: string; role: Role; password: string;
  regionCode?: string | null; unitId?: string | null; personId?: string | null;
  /** The password is a one-time initial password, to be changed at first login. */
  mustChangePassword?: boolean;
}

/** Writes an active account inside an existing transaction (installation, demo, benchmarks). */
export async function insertAccount(app: AppContext, tx: Sql, actor: Actor | null, input: InstallAccountInput, ip: string | null = null) {
  const problem = passwordProblem(input.password, { username: input.username });
  if (problem) throw new AppError('VALIDATION_FAILED', { field: 'password', zh: problem });
  await checkAssignment(app, tx, input);
  const id = randomUUID();
  const now = app.clock.now().toISOString();
  await tx.query(
    `INSERT INTO users (id, username, display_name, role, region_code, unit_id, person_id, password_hash, password_changed_at, created_at, status, must_change_password, authorized_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, 'active', $10, $9)`,
    [id, input.username, input.displayName, input.role, input.regionCode ?? null, input.unitId ?? null, input.personId ?? null, await hash(input.password), now, input.mustChangePassword ?? false],
  );
  await appendAudit(tx, app, {
    actor, ip, action: 'account.create', objectType: 'user', objectId: id,
    after: { username: input.username, displayName: input.displayName, role: input.role, regionCode: input.regionCode ?? null, unitId: input.unitId ?? null, personId: input.personId ?? null, installation: true },
  });
  return id;
}

/** The system administrator's account: pending, without role or password. */
export async function createAccount(app: AppContext, actor: Actor, input: { username: string; displayName: string }, ip: string | null): Promise<string> {
  const id = randomUUID();
  const now = app.clock.now().toISOString();
  try {
    await app.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO users (id, username, display_name, role, password_hash, password_changed_at, created_at, status, created_by) VALUES ($1, $2, $3, NULL, NULL, $4, $4, 'pending', $5)`,
        [id, input.username, input.displayName.trim(), now, actor.userId]);
      await appendAudit(tx, app, { actor, ip, action: 'account.create', objectType: 'user', objectId: id, after: { username: input.username, displayName: input.displayName.trim(), status: 'pending' } });
    });
  } catch (err) {
    throw duplicateField(err) ?? err;
  }
  return id;
}
