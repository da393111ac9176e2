/** Queries on the YT-11 yearly packages (migration 0117) and the reports they compile. */
import type { Sql } from '../../db/database';

/** The submitted failure-analysis reports of a year among the cases this bureau handled (its own jurisdiction, not those below). */
export async function reportsToPackage(db: Sql, regionCode: string, year: number) {
  return db.query<{ id: string; data: any; project_name: string | null; project_code: string | null }>(
    `SELECT c.id, c.data, p.name AS project_name, p.code AS project_code FROM cases c LEFT JOIN projects p ON p.id = c.project_id
      WHERE c.procedure = 'failure_report' AND c.jurisdiction_code = $1 AND (c.data->>'year')::int = $2 AND c.data->'report' IS NOT NULL ORDER BY c.created_at, c.id`, [regionCode, year]);
}

export async function upsertPackage(tx: Sql, p: { regionCode: string; year: number; caseIds: string[]; docxSha256: string; pdfSha256: string; userId: string; at: string }) {
  await tx.query(`INSERT INTO failure_packages (region_code, year, report_case_ids, docx_sha256, pdf_sha256, compiled_by, compiled_at) VALUES ($1, $2, $3::uuid[], $4, $5, $6, $7)
    ON CONFLICT (region_code, year) DO UPDATE SET report_case_ids = EXCLUDED.report_case_ids, docx_sha256 = EXCLUDED.docx_sha256, pdf_sha256 = EXCLUDED.pdf_sha256, compiled_by = EXCLUDED.compiled_by, compiled_at = EXCLUDED.compiled_at`,
    [p.regionCode, p.year, p.caseIds, p.docxSha256, p.pdfSha256, p.userId, p.at]);
}

/** For each region among `codes`: whether it sent its package of the year, and how many reports of the year it holds. */
export async function packageStatus(db: Sql, codes: string[], year: number) {
  return db.query<{ code: string; compiled_at: Date | null; reports: number }>(
    `SELECT r.code, f.compiled_at,
            (SELECT count(*)::int FROM cases c WHERE c.procedure = 'failure_report' AND c.jurisdiction_code = r.code AND (c.data->>'year')::int = $2 AND c.data->'report' IS NOT NULL) AS reports
       FROM unnest($1::text[]) AS r(code) LEFT JOIN failure_packages f ON f.region_code = r.code AND f.year = $2 ORDER BY r.code`, [codes, year]);
}
