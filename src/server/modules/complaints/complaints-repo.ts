/** Queries on complaint intake (CI-29); the complainant's identity is never read here. */
import type { DataScope } from '../../../core/access/policy';
import type { Sql } from '../../db/database';
import { Params, pageClause, scopeSql } from '../../db/params';

export interface ComplaintStatusRow { status: string; submitted_at: Date; handled_at: Date | null; rejection_reason: string | null; state: string | null; procedure: string | null }

/** What a receipt code may learn: the intake's status and, once registered, the state of its case. */
export async function complaintStatusByReceipt(db: Sql, digest: string): Promise<ComplaintStatusRow | undefined> {
  const [r] = await db.query<ComplaintStatusRow>(
    `SELECT i.status, i.submitted_at, i.handled_at, i.rejection_reason, c.state, c.procedure FROM complaint_intake i LEFT JOIN cases c ON c.id = i.case_id WHERE i.receipt_digest = $1`,
    [digest]);
  return r;
}

export interface ComplaintRow { id: string; accused_name: string; accused_credit_code: string | null; accused_is_unit: 'organization' | 'person'; content: string; status: string; case_id: string | null; rejection_reason: string | null; submitted_at: Date; version: number }

/** The intake ledger of the caller's area, newest first, one page. */
export async function listComplaints(db: Sql, scope: DataScope, q: { status?: string; page: number; pageSize: number }) {
  const p = new Params();
  const w = [scopeSql(scope, p, { region: ['jurisdiction_code'], unit: [], person: [] })];
  if (q.status) w.push(`status = ${p.add(q.status)}`);
  const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM complaint_intake WHERE ${w.join(' AND ')}`, p.values);
  const rows = await db.query<ComplaintRow>(`SELECT id, accused_name, accused_credit_code, accused_is_unit, content, status, case_id, rejection_reason, submitted_at, version
    FROM complaint_intake WHERE ${w.join(' AND ')} ORDER BY submitted_at DESC ${pageClause(p, q.page, q.pageSize)}`, p.values);
  return { total, rows };
}

export interface ComplaintFileRow { id: string; intake_id: string; file_name: string; media_type: string; size_bytes: number; sha256: string; sm3: string }

/** The evidence attached to these intake records (never their content), in the order they came. */
export async function listComplaintFiles(db: Sql, intakeIds: readonly string[]): Promise<ComplaintFileRow[]> {
  if (intakeIds.length === 0) return [];
  return db.query<ComplaintFileRow>(`SELECT id, intake_id, file_name, media_type, size_bytes, sha256, sm3 FROM complaint_files WHERE intake_id = ANY($1::uuid[]) ORDER BY intake_id, position`, [[...intakeIds]]);
}
