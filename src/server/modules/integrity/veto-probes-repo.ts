/** Queries over the unmatched ID numbers each caller asked the veto check about (issue 16 H1). */
import type { Sql } from '../../db/database';

const PROBE_LOCK = 7_428_003;

/** Remembers each unmatched (masked form, blind index) once per caller; serialised per caller, so parallel requests count together. */
export async function recordProbes(tx: Sql, userId: string, probes: ReadonlyArray<{ masked: string; index: string }>, at: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [PROBE_LOCK, userId]);
  await tx.query(
    `INSERT INTO veto_probes (user_id, masked, blind_index, first_at, last_at)
       SELECT $1, m, i, $4, $4 FROM unnest($2::text[], $3::text[]) AS v(m, i)
     ON CONFLICT (user_id, masked, blind_index) DO UPDATE SET last_at = EXCLUDED.last_at`,
    [userId, probes.map((p) => p.masked), probes.map((p) => p.index), at]);
}

/** Distinct unmatched ID numbers per masked form asked by this caller since the given instant. */
export async function countRecentProbes(tx: Sql, userId: string, masked: readonly string[], since: string): Promise<Array<{ masked: string; n: number }>> {
  return tx.query<{ masked: string; n: number }>(
    'SELECT masked, count(*)::int AS n FROM veto_probes WHERE user_id = $1 AND masked = ANY($2::text[]) AND last_at >= $3 GROUP BY masked ORDER BY masked',
    [userId, masked, since]);
}
