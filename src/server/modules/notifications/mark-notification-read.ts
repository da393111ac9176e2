/** 标记已读: one of the user's own notifications; the change is audited like every other (issue 16). */
import type { AppContext, RequestContext } from '../../context';
import { appendAudit } from '../audit/append-audit';

export async function markNotificationRead(app: AppContext, ctx: RequestContext, id: string): Promise<number> {
  return app.db.transaction(async (tx) => {
    const r = await tx.query('UPDATE notifications SET read_at = $3 WHERE id = $1 AND user_id = $2 AND read_at IS NULL RETURNING id', [id, ctx.actor.userId, app.clock.now().toISOString()]);
    if (r.length > 0) await appendAudit(tx, app, { actor: ctx.actor, ip: ctx.ip, action: 'notification.read', objectType: 'notification', objectId: id });
    return r.length;
  });
}
