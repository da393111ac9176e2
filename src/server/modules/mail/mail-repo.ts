/** Queries of the mail outbox, its delivery log, and each account's address and opt-outs. */
import type { Sql } from '../../db/database';

export interface OutboxRow {
  id: string; notification_id: string; user_id: string; kind: string; subject: string; body: string;
  status: 'pending' | 'sending' | 'sent' | 'failed' | 'skipped'; attempts: number;
  next_attempt_at: string; claimed_by: string | null; claimed_at: string | null; sent_at: string | null; last_error: string | null; created_at: string;
}

/** What a mail names: the case's procedure and project, and the deadline (the clock given, or the nearest running one of the case among `limitIds`). */
export async function mailFacts(tx: Sql, caseId: string | null, clockId: string | null, limitIds: readonly string[]) {
  const [row] = await tx.query<{ procedure: string | null; project_code: string | null; due_date: string | null; limit_id: string | null }>(
    `SELECT c.procedure, p.code AS project_code, k.due_date, k.limit_id
       FROM (SELECT 1) one
       LEFT JOIN cases c ON c.id = $1::uuid
       LEFT JOIN projects p ON p.id = c.project_id
       LEFT JOIN LATERAL (
         SELECT d.due_date, d.limit_id FROM deadline_clocks d
          WHERE ($2::uuid IS NOT NULL AND d.id = $2::uuid)
             OR ($2::uuid IS NULL AND d.owner_type = 'case' AND d.owner_id = $4::text AND d.status = 'running' AND d.limit_id = ANY($3::text[]))
          ORDER BY d.due_date LIMIT 1) k ON true`,
    [caseId, clockId, [...limitIds], caseId]);
  return row;
}

/**
 * Queues one mail per told account that has an address, is not disabled and has not opted out of
 * this kind — in the caller's transaction, beside the notifications it carries.
 */
export async function insertOutbox(tx: Sql, notificationIds: readonly string[], m: { kind: string; subject: string; body: string; at: string }): Promise<number> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO mail_outbox (id, notification_id, user_id, kind, subject, body, status, attempts, next_attempt_at, created_at)
     SELECT gen_random_uuid(), n.id, n.user_id, $2, $3, $4, 'pending', 0, $5, $5
       FROM notifications n JOIN users u ON u.id = n.user_id
      WHERE n.id = ANY($1::uuid[]) AND u.email IS NOT NULL AND NOT u.disabled
        AND NOT EXISTS (SELECT 1 FROM mail_opt_outs o WHERE o.user_id = u.id AND o.kind = $2)
     RETURNING id`,
    [[...notificationIds], m.kind, m.subject, m.body, m.at]);
  return rows.length;
}

/**
 * The atomic claim: up to `limit` mails due now (or claimed by a sender that vanished more than a lease
 * ago) move to 'sending' under this instance's name. FOR UPDATE SKIP LOCKED lets parallel sweeps on
 * PostgreSQL pass each other's rows; the status test in the UPDATE itself makes a row claimed once
 * even where the lock is not skipped (PGlite runs one statement at a time).
 */
export async function claimDue(tx: Sql, o: { now: string; leaseStart: string; instance: string; limit: number }) {
  return tx.query<OutboxRow & { email: string | null; disabled: boolean; opted_out: boolean }>(
    `WITH due AS (
       SELECT id FROM mail_outbox
        WHERE (status = 'pending' AND next_attempt_at <= $1) OR (status = 'sending' AND claimed_at < $2)
        ORDER BY next_attempt_at LIMIT $4
        FOR UPDATE SKIP LOCKED
     ), claimed AS (
       UPDATE mail_outbox m SET status = 'sending', claimed_by = $3, claimed_at = $1, attempts = m.attempts + 1
         FROM due WHERE m.id = due.id AND ((m.status = 'pending' AND m.next_attempt_at <= $1) OR (m.status = 'sending' AND m.claimed_at < $2))
       RETURNING m.*
     )
     SELECT c.*, u.email, u.disabled, EXISTS (SELECT 1 FROM mail_opt_outs o WHERE o.user_id = c.user_id AND o.kind = c.kind) AS opted_out
       FROM claimed c JOIN users u ON u.id = c.user_id ORDER BY c.next_attempt_at`,
    [o.now, o.leaseStart, o.instance, o.limit]);
}

/** Records one attempt's outcome: the outbox row (only while this instance still holds the claim) and the log line. */
export async function recordAttempt(tx: Sql, a: {
  id: string; attempt: number; instance: string; at: string; outcome: 'sent' | 'failed' | 'skipped'; status: OutboxRow['status'];
  toAddress: string | null; smtpCode: number | null; response: string | null; retryAt: string | null;
}): Promise<boolean> {
  const held = await tx.query(
    `UPDATE mail_outbox SET status = $3, next_attempt_at = COALESCE($4, next_attempt_at), sent_at = CASE WHEN $3 = 'sent' THEN $5::timestamptz ELSE sent_at END,
            last_error = CASE WHEN $6 = 'sent' THEN NULL ELSE $7 END, claimed_by = NULL, claimed_at = NULL
      WHERE id = $1 AND status = 'sending' AND claimed_by = $2 AND attempts = $8 RETURNING id`,
    [a.id, a.instance, a.status, a.retryAt, a.at, a.outcome, a.response, a.attempt]);
  if (held.length === 0) return false;
  await tx.query(
    `INSERT INTO mail_deliveries (outbox_id, attempt, outcome, at, by_instance, to_address, smtp_code, response, retry_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [a.id, a.attempt, a.outcome, a.at, a.instance, a.toAddress, a.smtpCode, a.response, a.retryAt]);
  return true;
}

export async function mailSettingsOf(tx: Sql, userId: string) {
  const [u] = await tx.query<{ email: string | null; opt_outs: string[] }>(
    `SELECT u.email, COALESCE((SELECT array_agg(o.kind ORDER BY o.kind) FROM mail_opt_outs o WHERE o.user_id = u.id), '{}') AS opt_outs FROM users u WHERE u.id = $1`, [userId]);
  return u ? { email: u.email, optOuts: u.opt_outs } : null;
}

export async function writeMailSettings(tx: Sql, userId: string, email: string | null, optOuts: readonly string[], at: string) {
  await tx.query('UPDATE users SET email = $2 WHERE id = $1', [userId, email]);
  await tx.query('DELETE FROM mail_opt_outs WHERE user_id = $1 AND NOT (kind = ANY($2::text[]))', [userId, [...optOuts]]);
  await tx.query(`INSERT INTO mail_opt_outs (user_id, kind, at) SELECT $1, k, $3 FROM unnest($2::text[]) k ON CONFLICT DO NOTHING`, [userId, [...optOuts], at]);
}

/** The account's latest mails with their state, for the account page (what was sent, what could not be delivered). */
export async function recentMails(tx: Sql, userId: string, limit = 20) {
  return tx.query<{ id: string; kind: string; subject: string; status: OutboxRow['status']; attempts: number; created_at: string; sent_at: string | null; next_attempt_at: string; last_error: string | null }>(
    `SELECT id, kind, subject, status, attempts, created_at, sent_at, next_attempt_at, last_error FROM mail_outbox WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT $2`, [userId, limit]);
}
