/** 新增主体: registers a unit or a person (CI-4), in one transaction with its audit event. */
import { randomUUID } from 'node:crypto';
import { mayCreate } from '../../../core/access/policy';
import type { OrganizationType } from '../../../core/domain/vocabulary';
import { AppError } from '../../../core/errors';
import type { AppContext, RequestContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { assertRegion, assertUnitRegion, duplicateField, protectIdNumber, validCreditCode, visibleSubject } from './subject-input';
import { getSubject, subjectForPolicy, type SubjectRow } from './subjects-repo';

export type CreateSubjectInput =
  | { kind: 'organization'; orgType: OrganizationType; name: string; creditCode: string; regionCode: string }
  | { kind: 'person'; name: string; idNumber: string; employerId?: string; regionCode?: string; isExpert?: boolean; expertField?: string; title?: string };

export async function createSubject(app: AppContext, req: RequestContext, input: CreateSubjectInput): Promise<SubjectRow> {
  const id = randomUUID();
  const now = app.clock.now();
  try {
    return await app.db.transaction(async (tx) => {
      let row: Record<string, unknown>;
      if (input.kind === 'organization') {
        assertRegion(app, input.regionCode);
        row = { kind: 'organization', org_type: input.orgType, name: input.name.trim(), credit_code: validCreditCode(input.creditCode), region_code: input.regionCode };
      } else {
        const idn = protectIdNumber(app, input.idNumber);
        const employer = input.employerId ? await visibleSubject(tx, req, input.employerId, 'employerId', { kind: 'organization' }) : null;
        const regionCode = input.regionCode ?? employer?.region_code;
        if (!regionCode) throw new AppError('VALIDATION_FAILED', { field: 'regionCode', zh: '未填写工作单位时须填写所属行政区划' });
        assertRegion(app, regionCode);
        await assertUnitRegion(app, tx, req, regionCode);
        row = {
          kind: 'person', name: input.name.trim(), id_number_cipher: idn.cipher, id_number_index: idn.index, id_number_masked: idn.masked,
          gender: idn.gender, employer_id: employer?.id ?? null, is_expert: input.isExpert ?? false,
          expert_field: input.expertField ?? null, title: input.title ?? null, region_code: regionCode,
        };
      }
      const policyView = subjectForPolicy({ id, kind: row.kind as 'organization' | 'person', region_code: row.region_code as string, employer_id: (row.employer_id as string) ?? null });
      if (!mayCreate(req.actor, req.scope, 'subject', policyView)) throw new AppError('FORBIDDEN', { zh: '无权在该区划或单位下新增此类主体' });
      const cols = Object.keys(row);
      await tx.query(
        `INSERT INTO subjects (id, ${cols.join(', ')}, created_at, updated_at) VALUES ($1, ${cols.map((_, i) => `$${i + 2}`).join(', ')}, $${cols.length + 2}, $${cols.length + 2})`,
        [id, ...cols.map((c) => row[c]), now.toISOString()],
      );
      const created = (await getSubject(tx, id))!;
      await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'subject.create', objectType: 'subject', objectId: id, after: auditView(created) });
      return created;
    });
  } catch (err) {
    throw duplicateField(err) ?? err;
  }
}

/** What the audit log keeps of a subject: never the plain ID number. */
export function auditView(s: SubjectRow) {
  return {
    kind: s.kind, orgType: s.org_type, name: s.name, creditCode: s.credit_code, idNumber: s.id_number_masked,
    employerId: s.employer_id, isExpert: s.is_expert, expertField: s.expert_field, title: s.title, regionCode: s.region_code, version: s.version,
  };
}
