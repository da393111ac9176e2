/**
 * A synthetic province generated inside the database with set-based SQL (no row-by-row inserts):
 * subjects of every rated kind, projects over ten years with a realistic mix (most accepted on time,
 * a tail overdue, terminated, extended) and findings. Deterministic: ids and choices come from hashes
 * of the row number. For benchmarks only; identity fields are placeholders, not real numbers.
 */
import type { Sql } from '../src/server/db/database';

export interface Scale { units: number; persons: number; recommenders: number; agencies: number; projects: number; findings: number }

export const PROVINCE: Scale = { units: 20_000, persons: 75_000, recommenders: 3_000, agencies: 2_000, projects: 1_000_000, findings: 500_000 };
export const QUICK: Scale = { units: 2_000, persons: 7_500, recommenders: 300, agencies: 200, projects: 100_000, findings: 50_000 };

const COUNTIES = ['532301', '532302', '532322', '532323', '532324', '532325', '532326', '532327', '532328', '532329', '530100', '530300', '530400', '532500', '532900'];

export async function generate(db: Sql, s: Scale, userId: string): Promise<void> {
  const regions = `(ARRAY['${COUNTIES.join("','")}'])[1 + (i % ${COUNTIES.length})]`;
  const now = "'2026-11-20T00:00:00Z'::timestamptz";
  await db.query(`INSERT INTO subjects (id, kind, org_type, name, credit_code, region_code, created_at, updated_at)
    SELECT md5('u' || i)::uuid, 'organization', 'undertaking_unit', '单位' || i, 'U' || lpad(i::text, 17, '0'), ${regions}, ${now}, ${now} FROM generate_series(1::bigint, ${s.units}) i`);
  await db.query(`INSERT INTO subjects (id, kind, org_type, name, credit_code, region_code, created_at, updated_at)
    SELECT md5('r' || i)::uuid, 'organization', 'recommending_department', '推荐部门' || i, 'R' || lpad(i::text, 17, '0'), ${regions}, ${now}, ${now} FROM generate_series(1::bigint, ${s.recommenders}) i`);
  await db.query(`INSERT INTO subjects (id, kind, org_type, name, credit_code, region_code, created_at, updated_at)
    SELECT md5('a' || i)::uuid, 'organization', 'service_agency', '服务机构' || i, 'A' || lpad(i::text, 17, '0'), ${regions}, ${now}, ${now} FROM generate_series(1::bigint, ${s.agencies}) i`);
  await db.query(`INSERT INTO subjects (id, kind, name, id_number_cipher, id_number_index, id_number_masked, employer_id, is_expert, region_code, created_at, updated_at)
    SELECT md5('p' || i)::uuid, 'person', '人员' || i, 'bench', 'bench' || i, '000000********0000', md5('u' || (1 + i % ${s.units}))::uuid, i % 15 = 0, ${regions}, ${now}, ${now}
      FROM generate_series(1::bigint, ${s.persons}) i`);
  // Projects: start 2016–2025; 2- or 3-year terms; fate by a hash of the row number.
  await db.query(`INSERT INTO projects (id, code, name, plan_level, jurisdiction_code, region_code, funding_source, undertaking_unit_id, leader_id,
      recommending_department_id, service_agency_id, start_date, due_date, extended_due_date, status, acceptance_applied_date, accepted_date, terminated_date,
      exempted_on, funds_granted, created_at, updated_at)
    SELECT md5('j' || i)::uuid, 'B' || i, '项目' || i, 'prefecture', '532300', '532301', 'prefecture_fiscal',
      md5('u' || (1 + (i * 7919) % ${s.units}))::uuid, md5('p' || (1 + (i * 104729) % ${s.persons}))::uuid,
      md5('r' || (1 + (i * 31) % ${s.recommenders}))::uuid, CASE WHEN i % 3 = 0 THEN md5('a' || (1 + (i * 17) % ${s.agencies}))::uuid END,
      st, du, CASE WHEN f BETWEEN 88 AND 93 THEN du + 180 END,
      CASE WHEN f < 80 AND du + 40 < DATE '2026-11-01' THEN 'accepted' WHEN f BETWEEN 94 AND 99 THEN 'terminated' ELSE 'in_progress' END,
      CASE WHEN f < 80 THEN du - 10 END,
      CASE WHEN f < 80 AND du + 40 < DATE '2026-11-01' THEN du + 30 END,
      CASE WHEN f BETWEEN 94 AND 99 THEN st + 200 END,
      CASE WHEN f = 87 THEN du + 60 END,
      100000, ${now}, ${now}
    FROM (SELECT i, (DATE '2016-01-01' + ((i * 2654435761) % 3650)::int) AS st, ((i * 40503) % 100)::int AS f FROM generate_series(1::bigint, ${s.projects}) i) x,
      LATERAL (SELECT st + CASE WHEN i % 2 = 0 THEN 730 ELSE 1095 END AS du) d`);
  // Findings: spread over kinds, clauses of the right article, dates 2016–2025.
  await db.query(`INSERT INTO findings (id, subject_id, subject_type, clause, fact_date, met, description, source_kind, source_document, region_code, recorded_by, recorded_at)
    SELECT md5('f' || i)::uuid,
      CASE k WHEN 0 THEN md5('u' || (1 + i % ${s.units})) WHEN 1 THEN md5('p' || (1 + i % ${s.persons})) WHEN 2 THEN md5('p' || (15 * (1 + i % ${Math.floor(s.persons / 15)})))
             WHEN 3 THEN md5('r' || (1 + i % ${s.recommenders})) ELSE md5('a' || (1 + i % ${s.agencies})) END::uuid,
      (ARRAY['unit','leader','expert','recommender','agency'])[k + 1],
      (ARRAY['CI-16.3.2','CI-17.3.1','CI-18.3.2','CI-19.3.2','CI-20.3.3'])[k + 1],
      DATE '2016-01-01' + ((i * 48271) % 3650)::int, true, '认定事实', 'investigation', '调查结果', '532300', '${userId}', ${now}
    FROM (SELECT i, (i % 5) AS k FROM generate_series(1::bigint, ${s.findings}) i) x`);
  await db.query('ANALYZE');
}
