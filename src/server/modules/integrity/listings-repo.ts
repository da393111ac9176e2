/** Queries on listings (CI-27) and sanction records (CI-22) that the routes present. */
import type { Sql } from '../../db/database';

export interface CountByYear { year: number; count: number }

/** CI-31: repairs are published as counts by year, never by name. */
export function countRepairsByYear(db: Sql) {
  return db.query<CountByYear>(`SELECT extract(year FROM repaired_on)::int AS year, count(*)::int AS count FROM listings WHERE repaired_on IS NOT NULL GROUP BY 1 ORDER BY 1 DESC`);
}

/** CI-27: proposals withdrawn because an objection was upheld, as counts by year of the upholding step. */
export function countUpheldObjectionsByYear(db: Sql) {
  return db.query<CountByYear>(`SELECT extract(year FROM e.on_date)::int AS year, count(*)::int AS count FROM cases c JOIN case_events e ON e.case_id = c.id AND e.step = 'uphold_objection'
                                 WHERE c.procedure = 'listing' AND c.state = 'corrected' GROUP BY 1 ORDER BY 1 DESC`);
}

export interface OwnListingRow { id: string; grounds: string; listed_on: string; until: string | null; repaired_on: string | null }

/** The listings of the signed-in person or unit (for a credit-repair application, CI-30). */
export function listingsOfSubjects(db: Sql, subjectIds: string[]) {
  return db.query<OwnListingRow>(`SELECT l.id, l.grounds, l.listed_on, l.until, l.repaired_on FROM listings l WHERE l.subject_id = ANY($1::uuid[]) ORDER BY l.listed_on DESC`, [subjectIds]);
}

/** A subject's sanction records with the organisation a responsible person answers for (CI-26). */
export function sanctionsOfSubject(db: Sql, subjectId: string) {
  return db.query<any>(
    `SELECT x.id, x.case_id, x.severity, x.measures, x.misconduct_kind, x.decided_date, x.ban_start, x.ban_end, x.ban_life, x.public_list, x.public_until, x.clause, x.responsible_role, x.facts, o.name AS org_name, x.revoked_on
       FROM sanctions x LEFT JOIN subjects o ON o.id = x.responsible_for WHERE x.subject_id = $1 ORDER BY x.decided_date DESC`, [subjectId]);
}
