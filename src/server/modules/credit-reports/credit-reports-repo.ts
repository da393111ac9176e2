/** Queries behind a credit report (issue 20): what it states about a subject on a day, and the reports issued. */
import type { Sql } from '../../db/database';
import { banInForceSql } from '../integrity/ban-in-force';

export interface ReportRatingRow { year: number; subject_type: string; level: string; clauses: string[]; doc_no: string | null; policy_title: string | null; policy_version_id: string }

/** CI-15: the ratings in effect — published, the latest year of each capacity the subject is rated in. */
export function ratingsInEffect(db: Sql, subjectId: string) {
  return db.query<ReportRatingRow>(
    `SELECT DISTINCT ON (r.subject_type) r.year, r.subject_type, COALESCE(r.determined_level, r.computed_level) AS level, r.clauses, r.policy_version_id, v.doc_no, v.title AS policy_title
       FROM ratings r LEFT JOIN policy_versions v ON v.id = r.policy_version_id
      WHERE r.subject_id = $1 AND r.published_at IS NOT NULL AND COALESCE(r.determined_level, r.computed_level) IS NOT NULL
      ORDER BY r.subject_type, r.year DESC`, [subjectId]);
}

export interface ReportSanctionRow { id: string; case_id: string; severity: string; measures: string[]; misconduct_kind: string; decided_date: string; ban_end: string | null; ban_life: boolean; clause: string }

/**
 * CI-23, CI-25: the sanctions in force on a day — a ban running that day (the one reading of
 * ban-in-force.ts), or a sanction without a ban still published that day (CI-28); never one a
 * review revoked by then.
 */
export function sanctionsInForce(db: Sql, subjectId: string, day: string) {
  return db.query<ReportSanctionRow>(
    `SELECT x.id, x.case_id, x.severity, x.measures, x.misconduct_kind, x.decided_date, x.ban_end, x.ban_life, x.clause
       FROM sanctions x
      WHERE x.subject_id = $1 AND x.decided_date <= $2::date AND (
              (${banInForceSql('x.', '$2')})
              OR (x.ban_start IS NULL AND NOT x.ban_life AND (x.revoked_on IS NULL OR x.revoked_on > $2::date) AND x.public_until >= $2::date))
      ORDER BY x.decided_date DESC, x.id`, [subjectId, day]);
}

export interface ReportListingRow { id: string; case_id: string; listed_on: string; until: string | null; repaired_on: string | null; repair_case_id: string | null; sanction_case_id: string; sanction_decided: string; sanction_clause: string }

/** CI-27, CI-28, CI-30: the subject's listings begun by the day (those repaired too: the report states the repair). */
export function listingsOfSubject(db: Sql, subjectId: string, day: string) {
  return db.query<ReportListingRow>(
    `SELECT l.id, l.case_id, l.listed_on, l.until, l.repaired_on, l.repair_case_id, x.case_id AS sanction_case_id, x.decided_date AS sanction_decided, x.clause AS sanction_clause
       FROM listings l JOIN sanctions x ON x.id = l.sanction_id
      WHERE l.subject_id = $1 AND l.listed_on <= $2::date ORDER BY l.listed_on DESC, l.id`, [subjectId, day]);
}

export interface CreditReportRow { id: string; code: string; subject_id: string; jurisdiction_code: string; issued_on: string; issued_at: Date; sha256: string; sm3: string; summary: unknown }

export async function insertCreditReport(tx: Sql, r: Omit<CreditReportRow, 'issued_at'> & { issued_at: string; issued_by: string }) {
  await tx.query(
    `INSERT INTO credit_reports (id, code, subject_id, jurisdiction_code, issued_on, issued_at, issued_by, sha256, sm3, summary) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb)`,
    [r.id, r.code, r.subject_id, r.jurisdiction_code, r.issued_on, r.issued_at, r.issued_by, r.sha256, r.sm3, JSON.stringify(r.summary)]);
}

export async function creditReportByCode(db: Sql, code: string): Promise<CreditReportRow | null> {
  const [r] = await db.query<CreditReportRow>('SELECT id, code, subject_id, jurisdiction_code, issued_on, issued_at, sha256, sm3, summary FROM credit_reports WHERE code = $1', [code]);
  return r ?? null;
}
