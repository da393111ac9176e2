/**
 * 暂停 / 恢复 / 延长 / 办结: every change to a clock is a ledger entry, after which the due date is
 * recomputed from the whole ledger. One transaction each, with its audit event; the clock row is
 * locked so two changes to one clock never interleave.
 */
import { randomUUID } from 'node:crypto';
import { inScope, regionRecord, type Actor } from '../../../core/access/policy';
import type { AuditAction } from '../../../core/audit/events';
import { AppError } from '../../../core/errors';
import type { AppContext, RequestContext } from '../../context';
import type { Sql } from '../../db/database';
import { appendAudit } from '../audit/append-audit';
import { getClock, listLedger, type ClockRow } from './clocks-repo';
import { asAppError } from './deadline-errors';
import { computeClock, storeRecomputed } from './recompute-clock';

type Change =
  | { kind: 'pause'; from: string; reason: string; evidence?: string | null; to?: string | null }
  | { kind: 'resume'; to: string }
  | { kind: 'extend'; approvedBy: string; approvedOn: string }
  | { kind: 'stop'; on: string };

const ACTION: Record<Change['kind'], AuditAction> = { pause: 'deadline.pause', resume: 'deadline.resume', extend: 'deadline.extend', stop: 'deadline.stop' };

async function apply(app: AppContext, tx: Sql, actor: Actor, clock: ClockRow, change: Change): Promise<void> {
  const now = app.clock.now().toISOString();
  if (change.kind === 'pause') {
    if (clock.status === 'paused') throw new AppError('INVALID_PAUSE', { zh: '计时已在暂停中，须先恢复' });
    await tx.query('INSERT INTO deadline_ledger (id, clock_id, kind, from_date, to_date, reason, evidence, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
      [randomUUID(), clock.id, 'pause', change.from, change.to ?? null, change.reason, change.evidence ?? null, actor.userId, now]);
  } else if (change.kind === 'resume') {
    const [open] = await tx.query<{ id: string }>(`SELECT id FROM deadline_ledger WHERE clock_id = $1 AND kind = 'pause' AND to_date IS NULL`, [clock.id]);
    if (!open) throw new AppError('INVALID_PAUSE', { zh: '计时没有处于暂停中' });
    await tx.query('UPDATE deadline_ledger SET to_date = $2 WHERE id = $1', [open.id, change.to]);
  } else if (change.kind === 'extend') {
    await tx.query('INSERT INTO deadline_ledger (id, clock_id, kind, from_date, approved_by, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [randomUUID(), clock.id, 'extension', change.approvedOn, change.approvedBy, actor.userId, now]);
  } else {
    await tx.query(`UPDATE deadline_clocks SET status = 'stopped', stopped_date = $2 WHERE id = $1`, [clock.id, change.on]);
  }
}

/**
 * A change asked for on the clock itself (the deadline routes). A clock that belongs to a case is
 * refused: its pauses, its one extension and its end are steps of that case, which check what the
 * procedure requires (YT-6.3: one extension, approved by the department head after the officer asks).
 */
export async function changeClock(app: AppContext, req: RequestContext, clockId: string, change: Change): Promise<ClockRow> {
  return app.db.transaction(async (tx) => {
    const clock = await getClock(tx, clockId);
    if (clock && clock.owner_type === 'case' && inScope(req.scope, regionRecord(clock.jurisdiction_code))) {
      throw new AppError('CASE_STATE', { field: 'id', clause: clock.limit_id, zh: `该时限属于案件，只能在案件中按程序办理（${clock.limit_id}）：暂停、延长和办结都是案件的办理步骤` });
    }
    return changeClockIn(app, tx, req, clockId, change);
  });
}

/** The same change inside a transaction the caller holds (e.g. a case step that approves an extension). */
export async function changeClockIn(app: AppContext, tx: Sql, req: RequestContext, clockId: string, change: Change): Promise<ClockRow> {
  {
    const clock = await getClock(tx, clockId, true);
    if (!clock || !inScope(req.scope, regionRecord(clock.jurisdiction_code))) throw new AppError('NOT_FOUND');
    if (clock.status === 'stopped') throw new AppError('CLOCK_STOPPED');
    const before = { dueDate: clock.due_date, status: clock.status, provisional: clock.provisional };
    await apply(app, tx, req.actor, clock, change);
    const current = (await getClock(tx, clockId))!;
    // The ledger entry stands only if the whole ledger still yields a valid clock (e.g. one extension at most).
    const result = await asAppError(async () => computeClock(app, current, await listLedger(tx, clockId)));
    await storeRecomputed(app, tx, current, result, { pause: '暂停计时', resume: '恢复计时', extend: '批准延长', stop: '办结' }[change.kind]);
    const after = (await getClock(tx, clockId))!;
    await appendAudit(tx, app, {
      actor: req.actor, ip: req.ip, action: ACTION[change.kind], objectType: 'deadline', objectId: clockId,
      before, after: { ...change, dueDate: after.due_date, status: after.status, provisional: after.provisional },
    });
    return after;
  }
}
