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

/**
 * One row of the home page's list: the user's notifications of one case, kind and due date merged
 * (where there is no case or no date, those with the same title too), the newest title and body,
 * how many there are and how many unread, and the ids of them all (for marking them read).
 */
export interface ReminderGroupRow {
  case_id: string | null; procedure: string | null; kind: string; due_on: string | null; title: string; body: string;
  count: number; unread: number; last_at: Date; ids: string[];
}

export interface ReminderCounts { unread: number; dueThisWeek: number; overdue: number }

/** The notifications of the user with the case each concerns and the date it is about. */
const MINE = `
  SELECT n.id, n.kind, n.title, n.body, n.created_at, n.read_at, c.id AS case_id, c.procedure, COALESCE(n.due_on, k.due_date) AS due_on
    FROM notifications n
    LEFT JOIN deadline_clocks k ON k.id = n.clock_id
    LEFT JOIN cases c ON c.id = COALESCE(n.case_id, CASE WHEN k.owner_type = 'case' THEN k.owner_id::uuid END)
   WHERE n.user_id = $1`;

const GROUPS = `
  SELECT case_id, kind, due_on, count(*)::int AS count, count(*) FILTER (WHERE read_at IS NULL)::int AS unread, max(created_at) AS last_at,
         max(procedure) AS procedure, (array_agg(title ORDER BY created_at DESC, id))[1] AS title, (array_agg(body ORDER BY created_at DESC, id))[1] AS body,
         json_agg(id ORDER BY created_at DESC, id) AS ids
    FROM mine GROUP BY case_id, kind, due_on, CASE WHEN case_id IS NULL OR due_on IS NULL THEN title END`;

/**
 * One page of merged reminders, by due date (undated last), then kind, then the newest first; with
 * `unreadOnly` only rows with something unread. The counts are over merged rows with something unread.
 */
export async function listReminderGroups(db: Sql, userId: string, q: { unreadOnly: boolean; today: string; weekEnd: string; page: number; pageSize: number }): Promise<{ total: number; rows: ReminderGroupRow[]; counts: ReminderCounts }> {
  const rows = await db.query<ReminderGroupRow & { total: number }>(
    `WITH mine AS (${MINE}), groups AS (${GROUPS})
     SELECT *, count(*) OVER ()::int AS total FROM groups WHERE NOT $2::boolean OR unread > 0
      ORDER BY due_on NULLS LAST, kind, last_at DESC, case_id LIMIT $3 OFFSET $4`,
    [userId, q.unreadOnly, q.pageSize, (q.page - 1) * q.pageSize]);
  const [counts] = await db.query<ReminderCounts>(
    `WITH mine AS (${MINE} AND n.read_at IS NULL), groups AS (${GROUPS})
     SELECT count(*)::int AS unread, (count(*) FILTER (WHERE due_on BETWEEN $2::date AND $3::date))::int AS "dueThisWeek", (count(*) FILTER (WHERE due_on < $2::date))::int AS overdue FROM groups`,
    [userId, q.today, q.weekEnd]);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && q.page > 1) {
    const [{ n }] = await db.query<{ n: number }>(`WITH mine AS (${MINE}), groups AS (${GROUPS}) SELECT count(*)::int AS n FROM groups WHERE NOT $2::boolean OR unread > 0`, [userId, q.unreadOnly]);
    total = n;
  }
  return { total, rows, counts };
}
