/** Queries over a user's notifications; each names the case it concerns (its own link, or the case that owns the clock it reminds of). */
import type { Sql } from '../../db/database';

export interface NotificationRow {
  id: string; clock_id: string | null; case_id: string | null; procedure: string | null; kind: string; title: string; body: string; created_at: Date; read_at: Date | null;
}

export async function listNotifications(db: Sql, userId: string, limit = 50): Promise<NotificationRow[]> {
  return db.query<NotificationRow>(
    `SELECT n.id, n.clock_id, c.id AS case_id, c.procedure, n.kind, n.title, n.body, n.created_at, n.read_at
       FROM notifications n
       LEFT JOIN deadline_clocks k ON k.id = n.clock_id
       LEFT JOIN cases c ON c.id = COALESCE(n.case_id, CASE WHEN k.owner_type = 'case' THEN k.owner_id::uuid END)
      WHERE n.user_id = $1 ORDER BY n.created_at DESC, n.id LIMIT $2`, [userId, limit]);
}
