/** Queries over the audit log: read pages of it (verifying the chain is `verify-audit-chain.ts`). */
import type { AuditAction, AuditEntry } from '../../../core/audit/events';
import type { Sql } from '../../db/database';

export interface AuditRow {
  seq: number; at: Date; actor_user_id: string | null; actor_role: string | null; actor_region: string | null;
  action: string; object_type: string | null; object_id: string | null; outcome: 'success' | 'failure';
  before: unknown; after: unknown; ip: string | null; prev_hash: string; hash: string; mac_key_id: string | null;
}

export function toEntry(r: AuditRow): AuditEntry {
  return {
    seq: r.seq, at: new Date(r.at).toISOString(), actorUserId: r.actor_user_id, actorRole: r.actor_role,
    actorRegion: r.actor_region, action: r.action as AuditAction, objectType: r.object_type, objectId: r.object_id,
    outcome: r.outcome, before: r.before, after: r.after, ip: r.ip,
  };
}

/**
 * What a reader of the log narrows it by: the operator (an account or API client id), the action, the
 * object (its type, its id), the outcome, and Beijing dates `from`..`to` inclusive.
 */
export interface AuditFilter {
  operator?: string; action?: string; objectType?: string; objectId?: string; outcome?: 'success' | 'failure'; from?: string; to?: string;
}

/** The WHERE clause of a filter over `audit_events e`, its values pushed onto `params`. */
function auditWhere(f: AuditFilter, params: unknown[]): string {
  const where: string[] = [];
  const add = (sql: (n: string) => string, v: unknown) => { params.push(v); where.push(sql(`$${params.length}`)); };
  if (f.operator) add((n) => `e.actor_user_id = ${n}::uuid`, f.operator);
  if (f.action) add((n) => `e.action = ${n}`, f.action);
  if (f.objectType) add((n) => `e.object_type = ${n}`, f.objectType);
  if (f.objectId) add((n) => `e.object_id = ${n}`, f.objectId);
  if (f.outcome) add((n) => `e.outcome = ${n}`, f.outcome);
  // Beijing days: from 00:00 of `from` to before 00:00 of the day after `to`, in Asia/Shanghai whatever the session's zone.
  if (f.from) add((n) => `e.at >= (${n}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`, f.from);
  if (f.to) add((n) => `e.at < ((${n}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`, f.to);
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}

interface NamedAuditRow extends AuditRow { operator_username: string | null; operator_name: string | null }

/**
 * A page of the log, newest first, each event with its operator's username and display name (an API
 * client's name as both), so no reader has to look an id up.
 */
export async function listAuditEvents(db: Sql, opts: AuditFilter & { page: number; pageSize: number }) {
  const params: unknown[] = [];
  const w = auditWhere(opts, params);
  const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM audit_events e ${w}`, params);
  params.push(opts.pageSize, (opts.page - 1) * opts.pageSize);
  const rows = await db.query<NamedAuditRow>(
    `SELECT e.*, COALESCE(u.username, c.client_id) AS operator_username, COALESCE(u.display_name, c.name) AS operator_name
       FROM audit_events e LEFT JOIN users u ON u.id = e.actor_user_id LEFT JOIN api_clients c ON c.id = e.actor_user_id AND u.id IS NULL
       ${w} ORDER BY e.seq DESC LIMIT $${params.length - 1} OFFSET $${params.length}`, params);
  return { total, items: rows.map((r) => ({ ...toEntry(r), hash: r.hash, operatorUsername: r.operator_username, operatorName: r.operator_name })) };
}

/** Everyone who may appear as an operator: accounts and API clients, by name (the log's filter offers them). */
export async function listAuditOperators(db: Sql) {
  return db.query<{ id: string; username: string; displayName: string; role: string | null }>(
    `SELECT id::text, username, display_name AS "displayName", role FROM users
      UNION ALL SELECT id::text, client_id, name, 'api_client' FROM api_clients ORDER BY 2`);
}

/**
 * The login log: `auth.login` events, newest first, narrowed by account (its username), outcome and
 * Beijing dates. An attempt on an unknown username has no account and names none.
 */
export async function listLoginEvents(db: Sql, opts: { username?: string; outcome?: 'success' | 'failure'; from?: string; to?: string; page: number; pageSize: number }) {
  const params: unknown[] = [];
  let w = auditWhere({ action: 'auth.login', outcome: opts.outcome, from: opts.from, to: opts.to }, params);
  // An attempt on an existing account names it as the object (accounts are disabled, never deleted): read through the object index.
  if (opts.username) { params.push(opts.username); w += ` AND e.object_type = 'user' AND e.object_id IN (SELECT id::text FROM users WHERE username = $${params.length})`; }
  const from = `FROM audit_events e LEFT JOIN users u ON u.id::text = e.object_id ${w}`;
  const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total ${from}`, params);
  params.push(opts.pageSize, (opts.page - 1) * opts.pageSize);
  const rows = await db.query<{ seq: number; at: Date; object_id: string | null; actor_role: string | null; ip: string | null; outcome: 'success' | 'failure'; after: unknown; username: string | null; display_name: string | null; role: string | null }>(
    `SELECT e.seq, e.at, e.object_id, e.actor_role, e.ip, e.outcome, e.after, COALESCE(u.username, e.after->>'username') AS username, u.display_name, u.role
       ${from} ORDER BY e.seq DESC LIMIT $${params.length - 1} OFFSET $${params.length}`, params);
  return {
    total,
    items: rows.map((r) => ({ seq: r.seq, at: new Date(r.at).toISOString(), userId: r.object_id, username: r.username, displayName: r.display_name, role: r.actor_role ?? r.role, ip: r.ip, outcome: r.outcome, detail: r.after })),
  };
}

/** Security alerts (security.alert events), newest first, with the account they concern. */
export async function listSecurityAlerts(db: Sql, page: number, pageSize: number) {
  const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM audit_events WHERE action = 'security.alert'`);
  const rows = await db.query<{ seq: number; at: Date; object_id: string | null; ip: string | null; after: Record<string, unknown>; username: string | null; role: string | null }>(
    `SELECT e.seq, e.at, e.object_id, e.ip, e.after, u.username, u.role FROM audit_events e LEFT JOIN users u ON u.id::text = e.object_id
      WHERE e.action = 'security.alert' ORDER BY e.seq DESC LIMIT $1 OFFSET $2`, [pageSize, (page - 1) * pageSize]);
  return { total, items: rows.map((r) => ({ seq: r.seq, at: new Date(r.at).toISOString(), userId: r.object_id, username: r.username, role: r.role, ip: r.ip, ...r.after })) };
}
