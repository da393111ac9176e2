/** 修改主体: changes a subject under an optimistic version check; the audit keeps before and after. */
import { subjectAbilities } from '../../../core/access/policy';
import { AppError } from '../../../core/errors';
import type { AppContext, RequestContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { auditView } from './create-subject';
import { assertRegion, assertUnitRegion, duplicateField, protectIdNumber, validCreditCode, visibleSubject } from './subject-input';
import { getSubject, subjectForPolicy, type SubjectRow } from './subjects-repo';

export interface UpdateSubjectInput {
  version: number;
  name?: string;
  creditCode?: string;
  idNumber?: string;
  employerId?: string | null;
  regionCode?: string;
  isExpert?: boolean;
  expertField?: string | null;
  title?: string | null;
}

export async function updateSubject(app: AppContext, req: RequestContext, id: string, input: UpdateSubjectInput): Promise<SubjectRow> {
  try {
    return await app.db.transaction(async (tx) => {
      const before = await getSubject(tx, id);
      const abilities = before ? subjectAbilities(req.actor, req.scope, subjectForPolicy(before)) : null;
      if (!before || !abilities!.read) throw new AppError('NOT_FOUND');
      if (!abilities!.update) throw new AppError('FORBIDDEN');
      const set: Record<string, unknown> = {};
      if (input.name !== undefined) set.name = input.name.trim();
      if (input.regionCode !== undefined) { assertRegion(app, input.regionCode); await assertUnitRegion(app, tx, req, input.regionCode); set.region_code = input.regionCode; }
      if (before.kind === 'organization') {
        if (input.idNumber !== undefined || input.employerId !== undefined || input.isExpert !== undefined) {
          throw new AppError('INCONSISTENT', { field: 'kind', zh: '单位没有身份证号码、工作单位或专家身份' });
        }
        if (input.creditCode !== undefined) set.credit_code = validCreditCode(input.creditCode);
      } else {
        if (input.creditCode !== undefined) throw new AppError('INCONSISTENT', { field: 'creditCode', zh: '个人没有统一社会信用代码' });
        if (input.idNumber !== undefined) {
          const idn = protectIdNumber(app, input.idNumber);
          Object.assign(set, { id_number_cipher: idn.cipher, id_number_index: idn.index, id_number_masked: idn.masked, gender: idn.gender });
        }
        if (input.employerId !== undefined) {
          set.employer_id = input.employerId === null ? null : (await visibleSubject(tx, req, input.employerId, 'employerId', { kind: 'organization' })).id;
        }
        if (input.isExpert !== undefined) set.is_expert = input.isExpert;
        if (input.expertField !== undefined) set.expert_field = input.expertField;
        if (input.title !== undefined) set.title = input.title;
      }
      // The changed record must still be one the caller may hold: nobody moves a record out of their own reach.
      const afterView = subjectForPolicy({ ...before, region_code: (set.region_code as string) ?? before.region_code, employer_id: 'employer_id' in set ? (set.employer_id as string | null) : before.employer_id });
      if (!subjectAbilities(req.actor, req.scope, afterView).update) throw new AppError('FORBIDDEN', { zh: '修改后的记录将超出您的管理范围' });
      const cols = Object.keys(set);
      const params = [id, input.version, app.clock.now().toISOString(), ...cols.map((c) => set[c])];
      const updated = await tx.query(
        `UPDATE subjects SET ${[...cols.map((c, i) => `${c} = $${i + 4}`), 'version = version + 1', 'updated_at = $3'].join(', ')}
         WHERE id = $1 AND version = $2 RETURNING id`,
        params,
      );
      if (updated.length === 0) throw new AppError('VERSION_CONFLICT', { field: 'version' });
      const after = (await getSubject(tx, id))!;
      await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'subject.update', objectType: 'subject', objectId: id, before: auditView(before), after: auditView(after) });
      return after;
    });
  } catch (err) {
    throw duplicateField(err) ?? err;
  }
}
