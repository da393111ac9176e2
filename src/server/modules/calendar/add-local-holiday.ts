/**
 * 新增地方假日: a prefecture's own rest days (楚雄州 州庆、火把节). They lengthen the limits the
 * bureau owes there (a per-limit setting), and open clocks of that jurisdiction are recomputed.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../core/access/policy';
import { AppError } from '../../../core/errors';
import { isIsoDate } from '../../../core/time/iso-date';
import type { AppContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { recomputeMany } from '../deadlines/recompute-many';
import { withPendingCalendar } from './calendar-repo';

export async function addLocalHoliday(app: AppContext, actor: Actor, input: { jurisdiction: string; from: string; to: string; name: string; source?: string }, ip: string | null) {
  if (!app.regions.get(input.jurisdiction)) throw new AppError('VALIDATION_FAILED', { field: 'jurisdiction', zh: '行政区划不存在' });
  if (!isIsoDate(input.from) || !isIsoDate(input.to)) throw new AppError('INVALID_DATE', { field: 'from', zh: '日期无效' });
  if (input.to < input.from) throw new AppError('INVALID_DATE', { field: 'to', zh: '结束日期早于开始日期' });
  const result = await app.db.transaction(async (tx) => {
    const id = randomUUID();
    await tx.query('INSERT INTO local_holidays (id, jurisdiction, from_date, to_date, name, source, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [id, input.jurisdiction, input.from, input.to, input.name, input.source ?? null, app.clock.now().toISOString()]);
    const scoped = await withPendingCalendar(app, tx);
    const affected = app.regions.subtree(input.jurisdiction);
    const { movedCount: moved } = await recomputeMany(scoped, tx, `status <> 'stopped' AND jurisdiction_code = ANY($1::text[]) AND start_date < $2 AND due_date >= $3`,
      [affected, input.to, input.from], `新增地方假日 ${input.name}`);
    await appendAudit(tx, app, { actor, ip, action: 'calendar.local_holiday_add', objectType: 'local_holiday', objectId: id, after: { ...input, moved } });
    return { id, moved };
  });
  await app.calendar.refresh(app.db);
  return result;
}
