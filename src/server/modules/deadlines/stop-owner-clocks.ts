/**
 * 办结: when the thing a clock waits for happens (a project applies for acceptance, say), the
 * clocks that waited for it stop, in the same transaction as that change.
 */
import type { Actor } from '../../../core/access/policy';
import type { AppContext } from '../../context';
import type { Sql } from '../../db/database';
import { appendAudit } from '../audit/append-audit';

export async function stopOwnerClocks(
  app: AppContext, tx: Sql, actor: Actor | null,
  owner: { type: string; id: string }, limitIds: readonly string[], on: string, ip: string | null = null,
  cause = `${owner.type} ${owner.id}`,
): Promise<number> {
  const stopped = await tx.query<{ id: string; due_date: string }>(
    `UPDATE deadline_clocks SET status = 'stopped', stopped_date = $4, version = version + 1, updated_at = $5
     WHERE owner_type = $1 AND owner_id = $2 AND limit_id = ANY($3::text[]) AND status <> 'stopped' RETURNING id, due_date`,
    [owner.type, owner.id, limitIds, on, app.clock.now().toISOString()],
  );
  for (const c of stopped) {
    await appendAudit(tx, app, { actor, ip, action: 'deadline.stop', objectType: 'deadline', objectId: c.id, after: { on, dueDate: c.due_date, cause } });
  }
  return stopped.length;
}
