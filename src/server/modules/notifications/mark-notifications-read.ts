/**
 * 批量标记已读 (issue 21): the reminders a person selected on the home page, in one statement and one
 * transaction, with one audit event. Only the caller's own notifications change: ids of anyone
 * else's are passed over without a word (the answer counts what changed), so the call cannot be used
 * to learn or touch another person's reminders.
 */
import type { AppContext, RequestContext } from '../../context';
import { appendAudit } from '../audit/append-audit';

export async function markNotificationsRead(app: AppContext, ctx: RequestContext, ids: readonly string[]): Promise<number> {
  const unique = [...new Set(ids)];
  return app.db.transaction(async (tx) => {
    const r = await tx.query<{ id: string }>('UPDATE notifications SET read_at = $3 WHERE id = ANY($1::uuid[]) AND user_id = $2 AND read_at IS NULL RETURNING id',
      [unique, ctx.actor.userId, app.clock.now().toISOString()]);
    await appendAudit(tx, app, { actor: ctx.actor, ip: ctx.ip, action: 'notification.read_many', objectType: 'notification', objectId: null,
      after: { asked: unique.length, marked: r.length, ids: r.map((x) => x.id).sort() } });
    return r.length;
  });
}
