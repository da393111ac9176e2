/**
 * 确认导入 (issue 19): the same file and the dry run's token; in one transaction the plan is made again
 * from the stored data, and it must be the one the dry run showed (the token), or nothing is written.
 * Then every new and changed record is written set-wise, the batch with the file's SHA-256 and SM3
 * and each change (before and after) is kept in import_changes, and one audit event carries the
 * SM3 of that change list. Re-importing the same file plans nothing and writes nothing.
 */
import crypto from 'node:crypto';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../core/errors';
import { maskIdNumber } from '../../../core/identity/id-number';
import type { PlannedRow } from '../../../core/imports/rows';
import type { ColumnMap, ImportKind } from '../../../core/imports/templates';
import type { AppContext, RequestContext } from '../../context';
import type { Sql } from '../../db/database';
import { appendAudit } from '../audit/append-audit';
import { buildPlan, readFile, type ImportFile, type Plan } from './import-plan';
import { insertBatch, insertChanges, insertRows, PROJECT_COLUMNS, replaceMilestones, updateRows, type SqlType } from './imports-repo';

export interface AppliedImport {
  /** Null when the file matched what is stored: nothing was written. */
  batchId: string | null; kind: ImportKind; sha256: string; sm3: string; rows: number;
  counts: { new: number; changed: number; unchanged: number }; changesSm3: string;
}

const PROJECT_TYPES: Record<(typeof PROJECT_COLUMNS)[number], SqlType> = {
  name: 'text', plan_level: 'text', jurisdiction_code: 'text', region_code: 'text', funding_source: 'text', undertaking_unit_id: 'uuid', leader_id: 'uuid',
  recommending_department_id: 'uuid', service_agency_id: 'uuid', start_date: 'date', due_date: 'date', extended_due_date: 'date', status: 'text',
  acceptance_applied_date: 'date', accepted_date: 'date', terminated_date: 'date', concluded_date: 'date', funds_granted: 'numeric',
};
const PERSON_UPDATE: Array<[string, SqlType]> = [['name', 'text'], ['region_code', 'text'], ['employer_id', 'uuid'], ['is_expert', 'boolean'], ['expert_field', 'text'], ['title', 'text']];

async function write(app: AppContext, tx: Sql, plan: Plan, now: string): Promise<void> {
  const created = plan.plan.filter((p) => p.change === 'new');
  const changed = plan.plan.filter((p) => p.change === 'changed');
  for (const p of created) p.objectId = randomUUID();
  const stamp = (p: PlannedRow) => ({ ...p.values, id: p.objectId, created_at: now, updated_at: now });
  const updates = (rows: PlannedRow[], drop: string[] = []) => rows.map((p) => ({ id: p.objectId!, values: Object.fromEntries(Object.entries(p.values).filter(([k]) => !drop.includes(k))) }));
  switch (plan.kind) {
    case 'units':
      await insertRows(tx, 'subjects', [['id', 'uuid'], ['kind', 'text'], ['org_type', 'text'], ['name', 'text'], ['credit_code', 'text'], ['region_code', 'text'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']],
        created.map((p) => ({ ...stamp(p), kind: 'organization' })));
      await updateRows(tx, 'subjects', [['name', 'text'], ['org_type', 'text'], ['region_code', 'text']], updates(changed), now);
      return;
    case 'persons':
      await insertRows(tx, 'subjects', [['id', 'uuid'], ['kind', 'text'], ['name', 'text'], ['id_number_cipher', 'text'], ['id_number_index', 'text'], ['id_number_masked', 'text'], ['gender', 'text'],
        ['employer_id', 'uuid'], ['is_expert', 'boolean'], ['expert_field', 'text'], ['title', 'text'], ['region_code', 'text'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']],
      created.map((p) => {
        const id = p.idNumber!;
        // GB 11643-1999: the 17th digit (sequence code) is odd for men, even for women.
        return { ...stamp(p), kind: 'person', id_number_cipher: app.cipher.encrypt(id), id_number_index: app.cipher.blindIndex(id), id_number_masked: maskIdNumber(id), gender: Number(id[16]) % 2 === 1 ? 'male' : 'female' };
      }));
      await updateRows(tx, 'subjects', PERSON_UPDATE, updates(changed), now);
      return;
    case 'projects': {
      const cols = PROJECT_COLUMNS.map((c) => [c, PROJECT_TYPES[c]] as [string, SqlType]);
      await insertRows(tx, 'projects', [['id', 'uuid'], ['code', 'text'], ...cols, ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']], created.map((p) => ({ ...stamp(p), code: p.key })));
      const fieldChanged = changed.filter((p) => Object.keys(p.changes).some((k) => k !== 'milestones'));
      await updateRows(tx, 'projects', cols, updates(fieldChanged), now);
      const milestonesOf = (rows: PlannedRow[]) => rows.map((p) => ({ projectId: p.objectId!, milestones: p.milestones ?? [] }));
      await replaceMilestones(tx, milestonesOf(created.filter((p) => p.milestones?.length)), true);
      await replaceMilestones(tx, milestonesOf(changed.filter((p) => 'milestones' in p.changes)));
      return;
    }
    case 'relations': {
      const employers = plan.plan.filter((p) => p.change !== 'unchanged' && p.objectType === 'subject');
      await updateRows(tx, 'subjects', [['employer_id', 'uuid']], updates(employers), now);
      await insertRows(tx, 'subject_relations', [['id', 'uuid'], ['person_id', 'uuid'], ['organization_id', 'uuid'], ['kind', 'text'], ['since', 'date'], ['until', 'date'], ['created_at', 'timestamptz']],
        created.filter((p) => p.objectType === 'relation').map((p) => ({ ...p.values, id: p.objectId, created_at: now })));
      await updateRows(tx, 'subject_relations', [['until', 'date']], updates(changed.filter((p) => p.objectType === 'relation')), null);
    }
  }
}

export async function applyImport(app: AppContext, req: RequestContext, kind: ImportKind, file: ImportFile, map: ColumnMap, token: string): Promise<AppliedImport> {
  const read = await readFile(file);
  try {
    return await planAndWrite(app, req, kind, file, map, token, read);
  } catch (e) {
    // Another import (or a clerk) wrote the same key between this plan and its write: nothing was written.
    if ((e as { code?: string })?.code === '23505') throw new AppError('VERSION_CONFLICT', { field: 'file', zh: '另有操作同时登记了文件中的记录，未写入任何数据；请重新试运行' });
    throw e;
  }
}

async function planAndWrite(app: AppContext, req: RequestContext, kind: ImportKind, file: ImportFile, map: ColumnMap, token: string, read: Awaited<ReturnType<typeof readFile>>): Promise<AppliedImport> {
  return app.db.transaction(async (tx) => {
    const plan = await buildPlan(app, tx, req, kind, read, map);
    if (plan.problems.length) throw new AppError('VALIDATION_FAILED', { field: 'file', zh: `文件中有 ${plan.problems.length} 处问题，未写入任何数据；请按试运行报告修正后重新试运行` });
    if (plan.token !== token) throw new AppError('VERSION_CONFLICT', { field: 'token', zh: '文件或库中的数据在试运行之后有了变化，未写入任何数据；请重新试运行并核对变更预览' });
    if (plan.counts.new + plan.counts.changed === 0) {
      return { batchId: null, kind, sha256: plan.digest.sha256, sm3: plan.digest.sm3, rows: plan.dataRows, counts: plan.counts, changesSm3: '' };
    }
    const now = app.clock.now().toISOString();
    await write(app, tx, plan, now);
    const batchId = randomUUID();
    const changes = plan.plan.filter((p) => p.change !== 'unchanged');
    const hash = crypto.createHash('sm3');
    const rows = changes.map((p) => {
      // A new record: the values written, empty ones left out; a changed one: each field before and after.
      const fields = p.change === 'new' ? { ...Object.fromEntries(Object.entries(p.values).filter(([, v]) => v !== null)), ...(p.milestones?.length ? { milestones: p.milestones } : {}) } : p.changes;
      hash.update(JSON.stringify([p.row, p.objectType, p.objectId, p.key, p.change, fields]) + '\n');
      return { batch_id: batchId, row_no: p.row, object_type: p.objectType, object_id: p.objectId, natural_key: p.key, change: p.change, fields };
    });
    const changesSm3 = hash.digest('hex');
    await insertBatch(tx, {
      id: batchId, kind, fileName: file.fileName, sha256: plan.digest.sha256, sm3: plan.digest.sm3, rows: plan.dataRows,
      created: plan.counts.new, changed: plan.counts.changed, unchanged: plan.counts.unchanged, changesSm3, importedBy: req.actor.userId, importedAt: now,
    });
    await insertChanges(tx, rows);
    const result: AppliedImport = { batchId, kind, sha256: plan.digest.sha256, sm3: plan.digest.sm3, rows: plan.dataRows, counts: plan.counts, changesSm3 };
    await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'import.apply', objectType: 'import', objectId: batchId, after: { ...result, fileName: file.fileName } });
    return result;
  });
}
