/**
 * Recomputes many clocks at once (a holiday notice or a local holiday can touch every open clock of a
 * province): a batch of clocks and all their ledgers read in two queries, each due date recomputed by
 * the same pure engine as a single clock, and only the clocks whose stored result changed written
 * back, with their moves, in one statement per batch. Runs inside the caller's transaction.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context';
import type { Sql } from '../../db/database';
import type { ClockRow, LedgerRow } from './clocks-repo';
import { computeClock, recomputedState } from './recompute-clock';

export interface ClockMove { clockId: string; title: string; oldDue: string; newDue: string; wasProvisional: boolean; provisional: boolean }

export interface RecomputeManyResult { recomputed: number; movedCount: number; moved: ClockMove[] }

const BATCH = 5_000;

/**
 * `where` selects the clocks over `deadline_clocks` (its parameters are `params`); returns how many were
 * recomputed, how many moved, and the first `keepMoves` moves in detail (all of them are recorded).
 */
export async function recomputeMany(app: AppContext, tx: Sql, where: string, params: unknown[], cause: string, keepMoves = 1_000): Promise<RecomputeManyResult> {
  const result: RecomputeManyResult = { recomputed: 0, movedCount: 0, moved: [] };
  const now = app.clock.now().toISOString();
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const n = params.length;
    const clocks = await tx.query<ClockRow>(`SELECT * FROM deadline_clocks WHERE (${where}) AND id > $${n + 1}::uuid ORDER BY id LIMIT ${BATCH}`, [...params, after]);
    if (clocks.length === 0) return result;
    after = clocks[clocks.length - 1].id;
    const ledgers = new Map<string, LedgerRow[]>();
    for (const l of await tx.query<LedgerRow>('SELECT * FROM deadline_ledger WHERE clock_id = ANY($1::uuid[]) ORDER BY recorded_at, id', [clocks.map((c) => c.id)])) {
      ledgers.set(l.clock_id, [...(ledgers.get(l.clock_id) ?? []), l]);
    }
    const upd: { id: string[]; due: string[]; prov: boolean[]; years: string[]; derivation: string[]; status: string[] } = { id: [], due: [], prov: [], years: [], derivation: [], status: [] };
    const mv: { id: string[]; clock: string[]; oldDue: string[]; newDue: string[]; oldProv: boolean[]; newProv: boolean[] } = { id: [], clock: [], oldDue: [], newDue: [], oldProv: [], newProv: [] };
    for (const c of clocks) {
      const r = computeClock(app, c, ledgers.get(c.id) ?? []);
      const { status, moved, changed } = recomputedState(c, r);
      if (!changed) continue;
      upd.id.push(c.id); upd.due.push(r.dueDate); upd.prov.push(r.provisional); upd.years.push(`{${r.provisionalYears.join(',')}}`); upd.derivation.push(r.derivation); upd.status.push(status);
      if (moved) {
        mv.id.push(randomUUID()); mv.clock.push(c.id); mv.oldDue.push(c.due_date); mv.newDue.push(r.dueDate); mv.oldProv.push(c.provisional); mv.newProv.push(r.provisional);
        result.movedCount++;
        if (result.moved.length < keepMoves) result.moved.push({ clockId: c.id, title: c.title, oldDue: c.due_date, newDue: r.dueDate, wasProvisional: c.provisional, provisional: r.provisional });
      }
    }
    result.recomputed += clocks.length;
    if (upd.id.length) {
      await tx.query(`UPDATE deadline_clocks d SET due_date = u.due, provisional = u.prov, provisional_years = u.years::int[], derivation = u.derivation, status = u.status,
          version = d.version + 1, updated_at = $7
        FROM unnest($1::uuid[], $2::date[], $3::boolean[], $4::text[], $5::text[], $6::text[]) AS u(id, due, prov, years, derivation, status) WHERE d.id = u.id`,
      [upd.id, upd.due, upd.prov, upd.years, upd.derivation, upd.status, now]);
    }
    if (mv.id.length) {
      await tx.query(`INSERT INTO deadline_moves (id, clock_id, cause, old_due, new_due, old_provisional, new_provisional, at)
        SELECT id, clock_id, $7, old_due, new_due, old_p, new_p, $8 FROM unnest($1::uuid[], $2::uuid[], $3::date[], $4::date[], $5::boolean[], $6::boolean[]) AS m(id, clock_id, old_due, new_due, old_p, new_p)`,
      [mv.id, mv.clock, mv.oldDue, mv.newDue, mv.oldProv, mv.newProv, cause, now]);
    }
  }
}
