/** Document numbers (GB/T 9704-2012 7.2.4): the per-bureau, per-kind, per-year counters and the number each document holds. Queries only. */
import type { Sql } from '../../db/database';

export interface DocumentNumberRow { case_id: string; kind: string; edition: number; bureau_code: string; year: number; seq: number; doc_no: string; issued_on: string }

export async function findDocumentNumber(tx: Sql, caseId: string, kind: string, edition: number): Promise<DocumentNumberRow | null> {
  const [r] = await tx.query<DocumentNumberRow>(
    'SELECT case_id, kind, edition, bureau_code, year, seq, doc_no, issued_on FROM document_numbers WHERE case_id = $1 AND kind = $2 AND edition = $3', [caseId, kind, edition]);
  return r ?? null;
}

/**
 * The next number of a bureau's sequence for a kind and year. The counter row is created or advanced in
 * one statement, and stays locked until the calling transaction ends: a concurrent issuer waits, and a
 * rollback returns the number, so the sequence has neither duplicates nor gaps.
 */
export async function takeNextNumber(tx: Sql, bureauCode: string, kind: string, year: number): Promise<number> {
  const [r] = await tx.query<{ last_no: number }>(
    `INSERT INTO document_counters (bureau_code, kind, year, last_no) VALUES ($1, $2, $3, 1)
     ON CONFLICT (bureau_code, kind, year) DO UPDATE SET last_no = document_counters.last_no + 1
     RETURNING last_no`, [bureauCode, kind, year]);
  return Number(r.last_no);
}

export async function insertDocumentNumber(tx: Sql, r: DocumentNumberRow & { issued_by: string | null; created_at: string }): Promise<void> {
  await tx.query(
    `INSERT INTO document_numbers (case_id, kind, edition, bureau_code, year, seq, doc_no, issued_on, issued_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [r.case_id, r.kind, r.edition, r.bureau_code, r.year, r.seq, r.doc_no, r.issued_on, r.issued_by, r.created_at]);
}

/** The numbers a bureau issued for a kind and year, in order (for the register and its checks). */
export async function listDocumentNumbers(db: Sql, bureauCode: string, kind: string, year: number): Promise<DocumentNumberRow[]> {
  return db.query<DocumentNumberRow>(
    'SELECT case_id, kind, edition, bureau_code, year, seq, doc_no, issued_on FROM document_numbers WHERE bureau_code = $1 AND kind = $2 AND year = $3 ORDER BY seq', [bureauCode, kind, year]);
}
