/**
 * A clock's due date is always recomputed from its ledger and the calendar, never nudged; when it
 * moves, the move is recorded with its cause.
 */
import { randomUUID } from 'node:crypto';
import { computeDeadline, type DeadlineResult, type Extension, type Pause } from '../../../core/deadlines/compute-deadline';
import { businessDate } from '../../../core/time/clock';
import type { AppContext } from '../../context';
import type { Sql } from '../../db/database';
import type { ClockRow, LedgerRow } from './clocks-repo';

export function regionPath(app: AppContext, code: string): string[] {
  return app.regions.lineage(code);
}

export function ledgerToInput(ledger: readonly LedgerRow[]): { pauses: Pause[]; extensions: Extension[] } {
  return {
    pauses: ledger.filter((l) => l.kind === 'pause').map((l) => ({ from: l.from_date!, to: l.to_date, reason: l.reason ?? '', evidence: l.evidence, recordedBy: l.recorded_by })),
    extensions: ledger.filter((l) => l.kind === 'extension').map((l) => ({ approvedBy: l.approved_by ?? '', approvedOn: l.from_date })),
  };
}

export function computeClock(app: AppContext, clock: Pick<ClockRow, 'limit_id' | 'start_date' | 'jurisdiction_code'>, ledger: readonly LedgerRow[]): DeadlineResult {
  return computeDeadline({
    limitId: clock.limit_id, start: clock.start_date, ...ledgerToInput(ledger),
    regionPath: regionPath(app, clock.jurisdiction_code), asOf: businessDate(app.clock),
  }, app.calendar.book, app.policies.registry);
}

/**
 * What a recomputation means for the stored clock: its status (a stopped clock stays stopped), whether
 * it moved (due date or provisional flag: a move is recorded), and whether anything stored changed.
 */
export function recomputedState(clock: Pick<ClockRow, 'status' | 'due_date' | 'provisional' | 'provisional_years' | 'derivation'>, result: DeadlineResult) {
  const status: ClockRow['status'] = clock.status === 'stopped' ? 'stopped' : result.paused ? 'paused' : 'running';
  const moved = result.dueDate !== clock.due_date || result.provisional !== clock.provisional;
  const changed = moved || status !== clock.status || result.derivation !== clock.derivation
    || result.provisionalYears.join(',') !== clock.provisional_years.join(',');
  return { status, moved, changed };
}

/** Writes the recomputed result; returns whether the due date or its provisional flag moved. */
export async function storeRecomputed(app: AppContext, tx: Sql, clock: ClockRow, result: DeadlineResult, cause: string): Promise<boolean> {
  const { status, moved } = recomputedState(clock, result);
  await tx.query(
    `UPDATE deadline_clocks SET due_date = $2, provisional = $3, provisional_years = $4::int[], derivation = $5, status = $6,
       version = version + 1, updated_at = $7 WHERE id = $1`,
    [clock.id, result.dueDate, result.provisional, result.provisionalYears, result.derivation, status, app.clock.now().toISOString()],
  );
  if (moved) {
    await tx.query(
      `INSERT INTO deadline_moves (id, clock_id, cause, old_due, new_due, old_provisional, new_provisional, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [randomUUID(), clock.id, cause, clock.due_date, result.dueDate, clock.provisional, result.provisional, app.clock.now().toISOString()],
    );
  }
  return moved;
}
