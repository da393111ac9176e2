/**
 * 开始计时: opens a clock for a step (a case step, a project obligation), computed at once and
 * stored with its derivation. Used by the procedures; each clock names its time-limit rule.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../core/access/policy';
import { AppError } from '../../../core/errors';
import type { AppContext } from '../../context';
import type { Sql } from '../../db/database';
import { appendAudit } from '../audit/append-audit';
import { getClock, type ClockRow } from './clocks-repo';
import { asAppError } from './deadline-errors';
import { computeClock } from './recompute-clock';

export interface OpenDeadlineInput {
  limitId: string;
  ownerType: string;
  ownerId: string;
  title: string;
  jurisdictionCode: string;
  startDate: string;
}

/** Opens the clock inside the caller's transaction (a procedure step opens it with its own change). */
export async function openDeadlineIn(app: AppContext, tx: Sql, actor: Actor | null, input: OpenDeadlineInput, ip: string | null = null): Promise<ClockRow> {
  if (!app.regions.get(input.jurisdictionCode)) throw new AppError('VALIDATION_FAILED', { field: 'jurisdictionCode', zh: '行政区划不存在' });
  const result = await asAppError(async () => computeClock(app, { limit_id: input.limitId, start_date: input.startDate, jurisdiction_code: input.jurisdictionCode }, []));
  const id = randomUUID();
  const now = app.clock.now().toISOString();
  await tx.query(
    `INSERT INTO deadline_clocks (id, limit_id, owner_type, owner_id, title, jurisdiction_code, start_date, due_date, provisional, provisional_years, derivation, status, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::int[], $11, 'running', $12, $12)`,
    [id, input.limitId, input.ownerType, input.ownerId, input.title, input.jurisdictionCode, input.startDate, result.dueDate, result.provisional, result.provisionalYears, result.derivation, now],
  );
  await appendAudit(tx, app, {
    actor, ip, action: 'deadline.open', objectType: 'deadline', objectId: id,
    after: { limitId: input.limitId, startDate: input.startDate, dueDate: result.dueDate, provisional: result.provisional, policy: result.policy.docNo, warnings: result.warnings },
  });
  return (await getClock(tx, id))!;
}

export async function openDeadline(app: AppContext, actor: Actor | null, input: OpenDeadlineInput, ip: string | null = null): Promise<ClockRow> {
  return app.db.transaction((tx) => openDeadlineIn(app, tx, actor, input, ip));
}
