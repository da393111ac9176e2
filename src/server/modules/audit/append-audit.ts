/**
 * Appends one audit event inside the caller's transaction, chained to the previous event with
 * HMAC-SM3 under the audit key (kept outside the database, crypto/audit-seal.ts).
 * An advisory lock held to the end of the transaction serialises appends, so the chain never forks
 * even with several server processes on one PostgreSQL; a rolled-back change leaves no event.
 */
import type { Actor } from '../../../core/access/policy';
import type { ApiClientRole } from '../../../core/access/api-clients';
import { GENESIS_HASH, chainText, type AuditAction, type AuditEntry, type AuditOutcome } from '../../../core/audit/events';
import type { Clock } from '../../../core/time/clock';
import type { AuditSeal } from '../../crypto/audit-seal';
import type { Sql } from '../../db/database';

const AUDIT_CHAIN_LOCK = 7_428_002;

export interface AuditInput {
  /** A person, or an API client (role `api_client`, userId its id). */
  actor: (Pick<Actor, 'userId' | 'regionCode'> & { role: Actor['role'] | ApiClientRole }) | null;
  action: AuditAction;
  objectType?: string | null;
  objectId?: string | null;
  outcome?: AuditOutcome;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

/** What appending needs from the application: its clock and its audit key. */
export interface AuditContext { clock: Clock; auditSeal: AuditSeal }

export async function appendAudit(tx: Sql, { clock, auditSeal }: AuditContext, input: AuditInput): Promise<AuditEntry> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
  const [last] = await tx.query<{ hash: string }>('SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1');
  const [{ seq }] = await tx.query<{ seq: number }>(`SELECT nextval('audit_events_seq') AS seq`);
  const entry: AuditEntry = {
    seq,
    at: clock.now().toISOString(),
    actorUserId: input.actor?.userId ?? null,
    actorRole: input.actor?.role ?? null,
    actorRegion: input.actor?.regionCode ?? null,
    action: input.action,
    objectType: input.objectType ?? null,
    objectId: input.objectId ?? null,
    outcome: input.outcome ?? 'success',
    before: input.before ?? null,
    after: input.after ?? null,
    ip: input.ip ?? null,
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = auditSeal.mac(auditSeal.macKeyId, chainText(prevHash, entry))!;
  await tx.query(
    `INSERT INTO audit_events (seq, at, actor_user_id, actor_role, actor_region, action, object_type, object_id, outcome, before, after, ip, prev_hash, hash, mac_key_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb, $12, $13, $14, $15)`,
    [entry.seq, entry.at, entry.actorUserId, entry.actorRole, entry.actorRegion, entry.action, entry.objectType, entry.objectId,
      entry.outcome, JSON.stringify(entry.before), JSON.stringify(entry.after), entry.ip, prevHash, hash, auditSeal.macKeyId],
  );
  return entry;
}
