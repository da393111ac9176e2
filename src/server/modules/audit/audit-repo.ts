/** Queries over the audit log: read pages, and walk the whole chain to verify it. */
import { GENESIS_HASH, chainText, type AuditAction, type AuditEntry } from '../../../core/audit/events';
import { sm3Hex } from '../../crypto/sm';
import type { Sql } from '../../db/database';

interface AuditRow {
  seq: number; at: Date; actor_user_id: string | null; actor_role: string | null; actor_region: string | null;
  action: string; object_type: string | null; object_id: string | null; outcome: 'success' | 'failure';
  before: unknown; after: unknown; ip: string | null; prev_hash: string; hash: string;
}

function toEntry(r: AuditRow): AuditEntry {
  return {
    seq: r.seq, at: new Date(r.at).toISOString(), actorUserId: r.actor_user_id, actorRole: r.actor_role,
    actorRegion: r.actor_region, action: r.action as AuditAction, objectType: r.object_type, objectId: r.object_id,
    outcome: r.outcome, before: r.before, after: r.after, ip: r.ip,
  };
}

export async function listAuditEvents(db: Sql, opts: { page: number; pageSize: number; action?: string; objectId?: string }) {
  const where: string[] = [];
  const params: unknown[] = [];
  if (opts.action) { params.push(opts.action); where.push(`action = $${params.length}`); }
  if (opts.objectId) { params.push(opts.objectId); where.push(`object_id = $${params.length}`); }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [{ total }] = await db.query<{ total: number }>(`SELECT count(*) AS total FROM audit_events ${w}`, params);
  params.push(opts.pageSize, (opts.page - 1) * opts.pageSize);
  const rows = await db.query<AuditRow>(`SELECT * FROM audit_events ${w} ORDER BY seq DESC LIMIT $${params.length - 1} OFFSET $${params.length}`, params);
  return { total, items: rows.map((r) => ({ ...toEntry(r), hash: r.hash })) };
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first event whose stored hash or link does not match what its content implies. */
  firstBroken: { seq: number; reason: 'hash_mismatch' | 'link_mismatch' } | null;
  lastHash: string;
}

/** Walks the chain in seq order, a batch at a time, recomputing every hash. */
export async function verifyAuditChain(db: Sql, batchSize = 5_000): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let after = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.query<AuditRow>('SELECT * FROM audit_events WHERE seq > $1 ORDER BY seq LIMIT $2', [after, batchSize]);
    for (const r of rows) {
      if (r.prev_hash !== prev) return { ok: false, checked, firstBroken: { seq: r.seq, reason: 'link_mismatch' }, lastHash: prev };
      const expected = sm3Hex(chainText(prev, toEntry(r)));
      if (expected !== r.hash) return { ok: false, checked, firstBroken: { seq: r.seq, reason: 'hash_mismatch' }, lastHash: prev };
      prev = r.hash;
      checked++;
    }
    if (rows.length < batchSize) return { ok: true, checked, firstBroken: null, lastHash: prev };
    after = rows[rows.length - 1].seq;
  }
}
