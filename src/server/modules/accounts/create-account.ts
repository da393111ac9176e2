/** 创建账号: the system administrator opens an account; the role decides which anchor it needs. */
import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import type { Actor } from '../../../core/access/policy';
import { passwordProblem } from '../../../core/access/password-policy';
import { ROLE_DEFINITIONS, hasPermission, type Role } from '../../../core/access/roles';
import { AppError } from '../../../core/errors';
import type { AppContext } from '../../context';
import type { Sql } from '../../db/database';
import { appendAudit } from '../audit/append-audit';
import { duplicateField } from '../subjects/subject-input';

export interface CreateAccountInput {
  username: string; displayName: string; role: Role; password: string;
  regionCode?: string | null; unitId?: string | null; personId?: string | null;
}

/** Writes the account inside an existing transaction (also used by the demo loader). */
export async function insertAccount(app: AppContext, tx: Sql, actor: Actor | null, input: CreateAccountInput, ip: string | null = null) {
  const problem = passwordProblem(input.password);
  if (problem) throw new AppError('VALIDATION_FAILED', { field: 'password', zh: problem });
  const def = ROLE_DEFINITIONS[input.role];
  const region = input.regionCode ? app.regions.get(input.regionCode) : undefined;
  if (def.scope === 'region') {
    if (!region) throw new AppError('VALIDATION_FAILED', { field: 'regionCode', zh: '该角色须指定所属科技部门的行政区划' });
    if (def.bureauLevels && !def.bureauLevels.includes(region.level)) throw new AppError('INCONSISTENT', { field: 'regionCode', zh: '该角色不属于此层级的科技部门' });
  }
  if (def.scope === 'unit' && !input.unitId) throw new AppError('VALIDATION_FAILED', { field: 'unitId', zh: '单位管理员须指定所属单位' });
  if (def.scope === 'self' && !input.personId) throw new AppError('VALIDATION_FAILED', { field: 'personId', zh: '该角色须关联本人的主体记录' });
  const id = randomUUID();
  const now = app.clock.now().toISOString();
  await tx.query(
    `INSERT INTO users (id, username, display_name, role, region_code, unit_id, person_id, password_hash, password_changed_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
    [id, input.username, input.displayName, input.role, input.regionCode ?? null, input.unitId ?? null, input.personId ?? null, await hash(input.password), now],
  );
  await appendAudit(tx, app, {
    actor, ip, action: 'account.create', objectType: 'user', objectId: id,
    after: { username: input.username, displayName: input.displayName, role: input.role, regionCode: input.regionCode ?? null, unitId: input.unitId ?? null, personId: input.personId ?? null },
  });
  return id;
}

export async function createAccount(app: AppContext, actor: Actor, input: CreateAccountInput, ip: string | null) {
  if (!hasPermission(actor.role, 'account.manage')) throw new AppError('FORBIDDEN');
  try {
    return await app.db.transaction((tx) => insertAccount(app, tx, actor, input, ip));
  } catch (err) {
    throw duplicateField(err) ?? err;
  }
}
