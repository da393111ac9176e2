/** Queries on listings (CI-27) and sanction records (CI-22) that the routes present. */
import type { Sql } from '../../db/database';
import { Params, scopeSql } from '../../db/params';
import type { DataScope } from '../../../core/access/policy';
import { articleOf, sanctionDecisionNo } from '../../../core/documents/templates';
import type { ListingFacts } from '../../../core/exchange/credit-exchange';
import { MISCONDUCT_KIND_LABEL, type MisconductKind } from '../../../core/sanctions/misconduct';
import { MEASURE_LABEL, type Measure } from '../../../core/sanctions/sanctions';

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

/** A listing as the credit platform and the bureau's export read it (CI-27, CI-28, CI-31), with the jurisdiction that decided it and why it ends when it does. */
export type ListingForPlatform = ListingFacts & { jurisdictionCode: string; grounds: string; endBasis: string | null };

/**
 * The listings of the caller's area, shaped for the credit platform: every listing begun by `today`
 * (ended and repaired ones included, so removals and repairs can be sent), or only those in force that
 * day. The one reading behind the CI-27 export and the exchange batches.
 */
export async function listingsForPlatform(db: Sql, scope: DataScope, today: string, opts: { inForceOnly: boolean }): Promise<ListingForPlatform[]> {
  const p = new Params();
  const w = [scopeSql(scope, p, { region: ['l.jurisdiction_code'], unit: [], person: [] }), `l.listed_on <= ${p.add(today)}::date`];
  if (opts.inForceOnly) w.push(`l.until >= ${p.add(today)}::date`, `(l.repaired_on IS NULL OR l.repaired_on > ${p.add(today)}::date)`);
  const rows = await db.query<any>(
    `SELECT l.id, l.jurisdiction_code, s.name, s.kind, s.credit_code, s.id_number_masked, l.grounds, l.listed_on, l.until, l.public_until, l.end_basis, l.repaired_on, l.removed_on,
            x.case_id, x.decided_date, x.misconduct_kind, x.measures, x.clause, v.doc_no, v.title AS policy_title
       FROM listings l JOIN subjects s ON s.id = l.subject_id JOIN sanctions x ON x.id = l.sanction_id LEFT JOIN policy_versions v ON v.id = x.policy_version_id
      WHERE ${w.join(' AND ')} ORDER BY l.listed_on, l.id LIMIT 100000`, p.values);
  return rows.map((r) => ({
    id: r.id, jurisdictionCode: r.jurisdiction_code, name: r.name, kind: r.kind, creditCode: r.credit_code, idNumberMasked: r.id_number_masked,
    decisionNo: sanctionDecisionNo(r.case_id, r.decided_date), conduct: MISCONDUCT_KIND_LABEL[r.misconduct_kind as MisconductKind] ?? r.misconduct_kind,
    basis: `${r.doc_no ? `《${r.policy_title}》（${r.doc_no}）` : ''}${articleOf('CI-27')}；所依据的处理：${articleOf(r.clause)}`,
    measures: (r.measures as Measure[]).map((m) => MEASURE_LABEL[m] ?? m), listedOn: r.listed_on, until: r.until, publicUntil: r.public_until,
    repairedOn: r.repaired_on, removedOn: r.removed_on, grounds: r.grounds, endBasis: r.end_basis,
  }));
}
