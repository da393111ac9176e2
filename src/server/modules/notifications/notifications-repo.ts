/** Queries on a user's notifications (提醒): his own only, newest first. */
import type { Sql } from '../../db/database';

export interface NotificationRow { id: string; clock_id: string | null; kind: string; title: string; body: string; created_at: Date; read_at: Date | null }

export async function listNotifications(db: Sql, userId: string, limit = 50): Promise<NotificationRow[]> {
  return db.query<NotificationRow>('SELECT id, clock_id, kind, title, body, created_at, read_at FROM notifications WHERE user_id = $1 ORDER BY created_at DESC LIMIT $2', [userId, limit]);
}
