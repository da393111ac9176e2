/**
 * Queries of the import (issue 19), set-wise: the stored records a file names are read by key in
 * batches (`= ANY(array)`), and rows are written a batch at a time through `unnest` of one array
 * per column — one statement per few thousand rows, never one per row.
 */
import type { RelationKind } from '../../../core/domain/vocabulary';
import type { MilestoneRecord, StoredOrganization, StoredPerson, StoredProject, StoredRelation } from '../../../core/imports/rows';
import type { Sql } from '../../db/database';

/** Rows per statement: well under PostgreSQL's 65,535 parameters (arrays are one parameter each) and under a few MB a statement. */
export const WRITE_BATCH = 5_000;
const READ_BATCH = 10_000;

const chunks = <T>(xs: readonly T[], n: number) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));

export async function organizationsByCreditCode(db: Sql, codes: readonly string[]): Promise<Map<string, StoredOrganization & { creditCode: string }>> {
  const out = new Map<string, StoredOrganization & { creditCode: string }>();
  for (const part of chunks(codes, READ_BATCH)) {
    const rows = await db.query<{ id: string; credit_code: string; name: string; org_type: StoredOrganization['orgType']; region_code: string }>(
      `SELECT id::text, credit_code, name, org_type, region_code FROM subjects WHERE kind = 'organization' AND credit_code = ANY($1::text[])`, [part]);
    for (const r of rows) out.set(r.credit_code, { id: r.id, creditCode: r.credit_code, name: r.name, orgType: r.org_type, regionCode: r.region_code });
  }
  return out;
}

/** Persons by blind index (the ID number itself is stored only encrypted). */
export async function personsByIndex(db: Sql, indexes: readonly string[]): Promise<Map<string, StoredPerson>> {
  const out = new Map<string, StoredPerson>();
  for (const part of chunks(indexes, READ_BATCH)) {
    const rows = await db.query<{ id: string; id_number_index: string; name: string; region_code: string; employer_id: string | null; is_expert: boolean; expert_field: string | null; title: string | null }>(
      `SELECT id::text, id_number_index, name, region_code, employer_id::text, is_expert, expert_field, title FROM subjects WHERE kind = 'person' AND id_number_index = ANY($1::text[])`, [part]);
    for (const r of rows) out.set(r.id_number_index, { id: r.id, name: r.name, regionCode: r.region_code, employerId: r.employer_id, isExpert: r.is_expert, expertField: r.expert_field, title: r.title });
  }
  return out;
}

/** The project columns an import writes, read back as text so that both drivers compare alike. */
export const PROJECT_COLUMNS = [
  'name', 'plan_level', 'jurisdiction_code', 'region_code', 'funding_source', 'undertaking_unit_id', 'leader_id', 'recommending_department_id', 'service_agency_id',
  'start_date', 'due_date', 'extended_due_date', 'status', 'acceptance_applied_date', 'accepted_date', 'terminated_date', 'concluded_date', 'funds_granted',
] as const;

export async function projectsByCode(db: Sql, codes: readonly string[]): Promise<Map<string, StoredProject>> {
  const out = new Map<string, StoredProject>();
  for (const part of chunks(codes, READ_BATCH)) {
    const rows = await db.query<Record<string, string | null> & { id: string; code: string }>(
      `SELECT id::text, code, ${PROJECT_COLUMNS.map((c) => `${c}::text AS ${c}`).join(', ')} FROM projects WHERE code = ANY($1::text[])`, [part]);
    if (!rows.length) continue;
    const milestones = await db.query<{ project_id: string; name: string; due_date: string; completed_date: string | null }>(
      `SELECT project_id::text, name, due_date::text, completed_date::text FROM milestones WHERE project_id = ANY($1::uuid[]) ORDER BY project_id, seq`, [rows.map((r) => r.id)]);
    const byProject = new Map<string, MilestoneRecord[]>();
    for (const m of milestones) {
      const list = byProject.get(m.project_id) ?? [];
      list.push({ name: m.name, dueDate: m.due_date, completedDate: m.completed_date });
      byProject.set(m.project_id, list);
    }
    for (const r of rows) {
      const columns: Record<string, string | null> = {};
      for (const c of PROJECT_COLUMNS) columns[c] = r[c];
      out.set(r.code, { id: r.id, columns, milestones: byProject.get(r.id) ?? [] });
    }
  }
  return out;
}

export async function relationsOf(db: Sql, personIds: readonly string[]): Promise<StoredRelation[]> {
  const out: StoredRelation[] = [];
  for (const part of chunks(personIds, READ_BATCH)) {
    out.push(...await db.query<StoredRelation>(
      `SELECT id::text AS "id", person_id::text AS "personId", organization_id::text AS "organizationId", kind, since::text AS since, until::text AS until
       FROM subject_relations WHERE person_id = ANY($1::uuid[])`, [part]));
  }
  return out;
}

export type SqlType = 'uuid' | 'text' | 'date' | 'boolean' | 'numeric' | 'timestamptz' | 'integer';

/** Inserts rows into `table`, a batch per statement: one array per column, unnested. */
export async function insertRows(db: Sql, table: 'subjects' | 'projects' | 'subject_relations', columns: ReadonlyArray<[string, SqlType]>, rows: ReadonlyArray<Record<string, unknown>>, conflict = ''): Promise<void> {
  for (const part of chunks(rows, WRITE_BATCH)) {
    const arrays = columns.map(([c]) => part.map((r) => r[c] ?? null));
    await db.query(
      `INSERT INTO ${table} (${columns.map(([c]) => c).join(', ')}) SELECT * FROM unnest(${columns.map(([, t], i) => `$${i + 1}::${t}[]`).join(', ')}) ${conflict}`,
      arrays,
    );
  }
}

/**
 * Updates rows of `table` by id, a batch per statement. A column a row does not state keeps its
 * stored value (a person's empty optional cell), through a "present" flag per column.
 */
export async function updateRows(db: Sql, table: 'subjects' | 'projects' | 'subject_relations', columns: ReadonlyArray<[string, SqlType]>, rows: ReadonlyArray<{ id: string; values: Record<string, unknown> }>, now: string | null): Promise<void> {
  for (const part of chunks(rows, WRITE_BATCH)) {
    const params: unknown[] = [part.map((r) => r.id)];
    const sets: string[] = [];
    const names = ['id'];
    const types = ['$1::uuid[]'];
    for (const [c, t] of columns) {
      params.push(part.map((r) => (c in r.values ? r.values[c] : null)));
      params.push(part.map((r) => c in r.values));
      types.push(`$${params.length - 1}::${t}[]`, `$${params.length}::boolean[]`);
      names.push(`v_${c}`, `p_${c}`);
      sets.push(`${c} = CASE WHEN v.p_${c} THEN v.v_${c} ELSE t.${c} END`);
    }
    if (now) { params.push(now); sets.push('version = t.version + 1', `updated_at = $${params.length}::timestamptz`); }
    await db.query(`UPDATE ${table} t SET ${sets.join(', ')} FROM unnest(${types.join(', ')}) AS v(${names.join(', ')}) WHERE t.id = v.id`, params);
  }
}

/**
 * A project's milestones as the file gives them: kept by position (seq), extra ones removed with
 * their early-warning claims. `fresh`: the projects were created by this import and hold none yet.
 */
export async function replaceMilestones(db: Sql, rows: ReadonlyArray<{ projectId: string; milestones: readonly MilestoneRecord[] }>, fresh = false): Promise<void> {
  for (const part of chunks(rows, WRITE_BATCH)) {
    const ids: string[] = []; const seqs: number[] = []; const names: string[] = []; const dues: string[] = []; const dones: Array<string | null> = [];
    for (const r of part) r.milestones.forEach((m, i) => { ids.push(r.projectId); seqs.push(i + 1); names.push(m.name); dues.push(m.dueDate); dones.push(m.completedDate); });
    const keep = [part.map((r) => r.projectId), part.map((r) => r.milestones.length)];
    const extra = `SELECT m.id FROM milestones m JOIN unnest($1::uuid[], $2::int[]) AS k(project_id, n) ON k.project_id = m.project_id WHERE m.seq > k.n`;
    if (!fresh) {
      await db.query(`DELETE FROM milestone_warnings WHERE milestone_id IN (${extra})`, keep);
      await db.query(`DELETE FROM milestones WHERE id IN (${extra})`, keep);
    }
    if (ids.length) {
      await db.query(
        `INSERT INTO milestones (id, project_id, seq, name, due_date, completed_date)
         SELECT gen_random_uuid(), * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::date[], $5::date[])
         ON CONFLICT (project_id, seq) DO UPDATE SET name = excluded.name, due_date = excluded.due_date, completed_date = excluded.completed_date`,
        [ids, seqs, names, dues, dones]);
    }
  }
}

export interface ChangeRow { batch_id: string; row_no: number; object_type: string; object_id: string | null; natural_key: string; change: string; fields: unknown }

/** The change list, a batch per statement sent as one JSON document: cheaper than an array of JSON texts, which must be escaped twice. */
export async function insertChanges(db: Sql, rows: readonly ChangeRow[]): Promise<void> {
  for (const part of chunks(rows, WRITE_BATCH)) {
    await db.query(
      `INSERT INTO import_changes (batch_id, row_no, object_type, object_id, natural_key, change, fields)
       SELECT batch_id, row_no, object_type, object_id, natural_key, change, fields
       FROM jsonb_to_recordset($1::jsonb) AS x(batch_id uuid, row_no int, object_type text, object_id uuid, natural_key text, change text, fields jsonb)`,
      [JSON.stringify(part)]);
  }
}

export interface BatchRow {
  id: string; kind: string; fileName: string | null; sha256: string; sm3: string; rows: number;
  created: number; changed: number; unchanged: number; changesSm3: string; importedBy: string | null; importedAt: string;
}

export async function insertBatch(db: Sql, b: BatchRow): Promise<void> {
  await db.query(
    `INSERT INTO import_batches (id, kind, file_name, file_sha256, file_sm3, rows_total, created_count, changed_count, unchanged_count, changes_sm3, imported_by, imported_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [b.id, b.kind, b.fileName, b.sha256, b.sm3, b.rows, b.created, b.changed, b.unchanged, b.changesSm3, b.importedBy, b.importedAt]);
}

export interface ImportBatchView { id: string; kind: string; file_name: string | null; file_sha256: string; file_sm3: string; rows_total: number; created_count: number; changed_count: number; unchanged_count: number; imported_at: string }

export async function recentBatches(db: Sql, userId: string, limit: number): Promise<ImportBatchView[]> {
  return db.query<ImportBatchView>(
    `SELECT id::text, kind, file_name, file_sha256, file_sm3, rows_total, created_count, changed_count, unchanged_count, imported_at::text
     FROM import_batches WHERE imported_by = $1 ORDER BY imported_at DESC, id LIMIT $2`, [userId, limit]);
}

export type { RelationKind };
