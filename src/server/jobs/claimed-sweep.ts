/**
 * The one skeleton of every sweep (issue 18): read the candidates, decide what each is due for, and
 * for each one open a transaction whose first write is the claim — an insert that conflicts, or an
 * update that matches only while unclaimed. However many processes sweep at once, and across
 * restarts, exactly one wins each claim, and only the winner tells people and writes the audit event,
 * in the same transaction as its claim. Reminders, milestone warnings (YT-8) and removals from
 * the list (CI-28) are declared on it.
 */
import type { AppContext } from '../context';
import type { Sql } from '../db/database';

export interface ClaimedSweep<C, K> {
  /** Candidates, read outside any transaction (bounded: a sweep that leaves some finds them next time). */
  candidates(app: AppContext): Promise<C[]>;
  /** What a candidate is due for today, or null when nothing. */
  due(app: AppContext, candidate: C): K | null;
  /** The claim: true when this process won it. */
  claim(tx: Sql, app: AppContext, candidate: C, kind: K): Promise<boolean>;
  /** What the winner does in the claim's transaction: notify, audit. */
  act(tx: Sql, app: AppContext, candidate: C, kind: K): Promise<void>;
}

export async function runClaimedSweep<C, K>(app: AppContext, sweep: ClaimedSweep<C, K>): Promise<{ examined: number; won: Array<{ candidate: C; kind: K }> }> {
  const candidates = await sweep.candidates(app);
  const won: Array<{ candidate: C; kind: K }> = [];
  for (const candidate of candidates) {
    const kind = sweep.due(app, candidate);
    if (kind === null) continue;
    const claimed = await app.db.transaction(async (tx) => {
      if (!(await sweep.claim(tx, app, candidate, kind))) return false;
      await sweep.act(tx, app, candidate, kind);
      return true;
    });
    if (claimed) won.push({ candidate, kind });
  }
  return { examined: candidates.length, won };
}
