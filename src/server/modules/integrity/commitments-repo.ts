/** A call's applicants with their CI-9 commitments and the rating in effect (CI-21 priority): queries only. */
import type { Sql } from '../../db/database';
import { inEffectOn, LEVEL_IN_EFFECT } from '../rules/rating-in-effect';

export interface CallApplicantRow {
  subject_id: string; role: string; name: string; kind: 'organization' | 'person'; region_code: string; employer_id: string | null; id_number_masked: string | null; credit_code: string | null;
  commitment_id: string | null; signed_on: string | null; method: string | null; scan_file_id: string | null; scan_file_name: string | null; policy_version_id: string | null;
  rating_year: number | null; rating_level: string | null;
}

/** Every applicant of the call, signed or not, each with the latest rating in effect on `on` (CI-10, CI-21). */
export async function callApplicants(db: Sql, callRef: string, on: string): Promise<CallApplicantRow[]> {
  return db.query<CallApplicantRow>(
    `SELECT a.subject_id, a.role, s.name, s.kind, s.region_code, s.employer_id, s.id_number_masked, s.credit_code,
            c.id AS commitment_id, c.signed_on, c.method, c.scan_file_id, ff.file_name AS scan_file_name, c.policy_version_id,
            rt.year AS rating_year, rt.level AS rating_level
       FROM call_applicants a JOIN subjects s ON s.id = a.subject_id
       LEFT JOIN commitments c ON c.call_ref = a.call_ref AND c.subject_id = a.subject_id AND c.role = a.role
       LEFT JOIN fact_files ff ON ff.id = c.scan_file_id
       LEFT JOIN LATERAL (SELECT r.year, ${LEVEL_IN_EFFECT} AS level FROM ratings r WHERE r.subject_id = a.subject_id AND ${inEffectOn('$2')}
                           ORDER BY r.year DESC, ${LEVEL_IN_EFFECT} DESC NULLS LAST LIMIT 1) rt ON true
      WHERE a.call_ref = $1 ORDER BY CASE a.role WHEN 'unit' THEN 0 WHEN 'leader' THEN 1 WHEN 'member' THEN 2 ELSE 3 END, s.name, a.subject_id`,
    [callRef, on]);
}

export async function isCallApplicant(db: Sql, callRef: string, subjectId: string, role: string): Promise<boolean> {
  return (await db.query(`SELECT 1 FROM call_applicants WHERE call_ref = $1 AND subject_id = $2 AND role = $3`, [callRef, subjectId, role])).length > 0;
}
