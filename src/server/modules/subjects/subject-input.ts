/**
 * Checks shared by creating and updating a subject: check digits (GB 32100-2015, GB 11643-1999),
 * references that must exist and be visible, and the encrypted form of an ID number.
 */
import { inScope, type DataScope } from '../../../core/access/policy';
import { ROLE_DEFINITIONS } from '../../../core/access/roles';
import { AppError } from '../../../core/errors';
import { creditCodeRefusal } from '../../../core/identity/credit-code';
import { idNumberRefusal, maskIdNumber, normaliseIdNumber } from '../../../core/identity/id-number';
import type { AppContext, RequestContext } from '../../context';
import type { Sql } from '../../db/database';
import { getSubject, subjectForPolicy, type SubjectRow } from './subjects-repo';

export function validCreditCode(raw: string, field = 'creditCode'): string {
  const code = raw.trim().toUpperCase();
  const refusal = creditCodeRefusal(code);
  if (refusal) throw new AppError('INVALID_CREDIT_CODE', { field, zh: refusal });
  return code;
}

export interface ProtectedIdNumber {
  cipher: string;
  index: string;
  masked: string;
  gender: 'male' | 'female';
}

export function protectIdNumber(app: AppContext, raw: string, field = 'idNumber'): ProtectedIdNumber {
  const id = normaliseIdNumber(raw);
  const refusal = idNumberRefusal(id);
  if (refusal) throw new AppError('INVALID_ID_NUMBER', { field, zh: refusal });
  return {
    cipher: app.cipher.encrypt(id),
    index: app.cipher.blindIndex(id),
    masked: maskIdNumber(id),
    // GB 11643-1999: the 17th digit (sequence code) is odd for men, even for women.
    gender: Number(id[16]) % 2 === 1 ? 'male' : 'female',
  };
}

export function assertRegion(app: AppContext, code: string, field = 'regionCode'): void {
  if (!app.regions.get(code)) throw new AppError('VALIDATION_FAILED', { field, zh: `行政区划代码 ${code} 不存在` });
}

/**
 * A unit administrator keeps the unit's people in the unit's own area (issue 16): a person's region
 * must lie within the region of the unit the administrator holds, or the record would move into
 * another bureau's scope at the unit's say-so.
 */
export async function assertUnitRegion(app: AppContext, tx: Sql, req: RequestContext, regionCode: string, field = 'regionCode'): Promise<void> {
  if (ROLE_DEFINITIONS[req.actor.role].scope !== 'unit') return;
  const unit = req.actor.unitId ? await getSubject(tx, req.actor.unitId) : null;
  if (!unit || !app.regions.subtree(unit.region_code).includes(regionCode)) {
    throw new AppError('FORBIDDEN', { field, zh: '单位管理员只能把本单位人员登记在本单位所在区划内' });
  }
}

/** A subject the caller may see; one out of scope answers as if it did not exist. */
export async function loadVisibleSubject(db: Sql, scope: DataScope, id: string, field?: string, zh?: string): Promise<SubjectRow> {
  const row = await getSubject(db, id);
  if (!row || !inScope(scope, subjectForPolicy(row))) throw new AppError('NOT_FOUND', { field, zh });
  return row;
}

/** A referenced subject must exist, be visible to the caller, and be of the expected kind. */
export async function visibleSubject(
  tx: Sql, req: RequestContext, id: string, field: string,
  expect: { kind: 'organization' | 'person'; orgType?: string },
): Promise<SubjectRow> {
  const row = await loadVisibleSubject(tx, req.scope, id, field, '引用的主体不存在');
  if (row.kind !== expect.kind || (expect.orgType && row.org_type !== expect.orgType)) {
    throw new AppError('INCONSISTENT', { field, zh: '引用的主体类型不符' });
  }
  return row;
}

/** Unique-constraint violations become a DUPLICATE error on the field that collided. */
export function duplicateField(err: unknown): AppError | null {
  const e = err as { code?: string; constraint?: string; message?: string };
  if (e?.code !== '23505') return null;
  const text = `${e.constraint ?? ''} ${e.message ?? ''}`;
  if (text.includes('credit_code')) return new AppError('DUPLICATE', { field: 'creditCode', zh: '该统一社会信用代码已登记' });
  if (text.includes('id_number_index')) return new AppError('DUPLICATE', { field: 'idNumber', zh: '该身份证号码已登记' });
  if (text.includes('code')) return new AppError('DUPLICATE', { field: 'code', zh: '该编号已存在' });
  if (text.includes('username')) return new AppError('DUPLICATE', { field: 'username', zh: '该用户名已存在' });
  return new AppError('DUPLICATE');
}
