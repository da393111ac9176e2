/** The figures of a YT-12 brief for a period and a set of regions (the chosen region and those below it). Queries only. */
import type { Outcome } from '../../../core/procedure/tolerance-case';
import type { Severity } from '../../../core/sanctions/sanctions';
import type { Sql } from '../../db/database';

/** A case's day of receipt is its creation instant's day in Asia/Shanghai. */
const dayOf = (col: string) => `(${col} AT TIME ZONE 'Asia/Shanghai')::date`;

export async function briefingCounts(db: Sql, codes: string[], from: string, to: string) {
  const q = async (sql: string) => Number((await db.query<{ n: number }>(sql, [codes, from, to]))[0].n);
  const grouped = async <K extends string>(sql: string) => Object.fromEntries((await db.query<{ k: K; n: number }>(sql, [codes, from, to])).map((r) => [r.k, Number(r.n)])) as Partial<Record<K, number>>;
  return {
    toleranceReceived: await q(`SELECT count(*)::int AS n FROM cases WHERE procedure = 'tolerance' AND jurisdiction_code = ANY($1::text[]) AND ${dayOf('created_at')} BETWEEN $2::date AND $3::date`),
    toleranceDecided: await grouped<Outcome>(`SELECT data->'decision'->>'outcome' AS k, count(*)::int AS n FROM cases WHERE procedure = 'tolerance' AND jurisdiction_code = ANY($1::text[])
      AND data->'decision' IS NOT NULL AND (data->'decision'->'deliberation'->>'date')::date BETWEEN $2::date AND $3::date GROUP BY 1`),
    correctionsStarted: await q(`SELECT count(*)::int AS n FROM cases WHERE procedure = 'correction' AND jurisdiction_code = ANY($1::text[]) AND ${dayOf('created_at')} BETWEEN $2::date AND $3::date`),
    sanctions: await grouped<Severity>(`SELECT x.severity AS k, count(*)::int AS n FROM sanctions x JOIN cases c ON c.id = x.case_id WHERE c.jurisdiction_code = ANY($1::text[])
      AND x.decided_date BETWEEN $2::date AND $3::date GROUP BY 1`),
    listings: await q(`SELECT count(*)::int AS n FROM listings WHERE jurisdiction_code = ANY($1::text[]) AND listed_on BETWEEN $2::date AND $3::date`),
    externalRecords: await q(`SELECT count(*)::int AS n FROM external_misconduct_records WHERE region_code = ANY($1::text[]) AND ${dayOf('imported_at')} BETWEEN $2::date AND $3::date`),
  };
}
