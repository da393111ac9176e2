/**
 * The one walk over audit events that every verifier runs, whether it reads the whole chain on one
 * connection or a range of it on a thread of its own (verify-audit-chain.ts): each event's link to the
 * one before, its key, and its hash (HMAC-SM3 under the key it names, or plain SM3 for the events
 * written before keyed chaining began, migration 0017).
 */
import { chainText } from '../../../core/audit/events';
import { sm3Hex } from '../../crypto/sm';
import { toEntry, type AuditRow } from './audit-repo';

export type BreakReason =
  | 'hash_mismatch' // the event's content or key does not give its stored hash
  | 'link_mismatch' // the event does not follow the one before it (deleted, inserted or reordered)
  | 'unknown_key' // chained under a key this installation does not hold
  | 'keyless_after_keyed'; // a plain-SM3 event where only keyed ones may be (a forged rewrite)

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first event whose stored hash or link does not match what its content implies. */
  firstBroken: { seq: number; reason: BreakReason } | null;
  lastHash: string;
  lastSeq: number;
}

/** A walk of part of the chain: also its first event and the link that event claims, for the caller to join. */
export interface WalkResult extends VerifyResult { firstSeq: number | null; firstPrev: string | null }

export type MacMany = (items: ReadonlyArray<readonly [keyId: string, text: string]>) => Promise<Array<string | null>>;

export interface WalkFrom {
  /** The hash the first event must link to; null when the walk starts inside the chain and its caller checks that link. */
  prev: string | null;
  /** Events after this seq. */
  after: number;
  /** Events up to this seq may be plain SM3 (written before keyed chaining). */
  legacyUntil: number;
  batchSize: number;
}

/**
 * Walks the events `read` hands over in seq order, a batch at a time. The next batch is read while
 * this one is checked, and the MACs of a batch are computed together; the answer is the same as
 * checking one event after another: the first event, in seq order, whose link, key or hash is wrong.
 */
export async function walkAuditChain(read: (after: number) => Promise<AuditRow[]>, macMany: MacMany, from: WalkFrom): Promise<WalkResult> {
  let prev = from.prev;
  let after = from.after;
  let checked = 0;
  let firstSeq: number | null = null;
  let firstPrev: string | null = null;
  const done = (firstBroken: VerifyResult['firstBroken']): WalkResult =>
    ({ ok: firstBroken === null, checked, firstBroken, lastHash: prev ?? '', lastSeq: after, firstSeq, firstPrev });
  let pending = read(after);
  for (;;) {
    const rows = await pending;
    if (rows.length === from.batchSize) {
      pending = read(rows[rows.length - 1].seq);
      pending.catch(() => {}); // if this batch ends the walk, a failure of the read ahead is nobody's concern
    }
    if (firstSeq === null && rows.length > 0) { firstSeq = rows[0].seq; firstPrev = rows[0].prev_hash; }
    // In order: the first structural break (link, key) ends the batch; the MACs before it are checked together.
    let end = rows.length;
    let structural: BreakReason | null = null;
    const items: Array<readonly [string, string]> = [];
    const plain: Array<string | null> = [];
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      const link = i === 0 ? prev : rows[i - 1].hash;
      // A range's first link (prev null) is its caller's to check, against the range before.
      if (link !== null && r.prev_hash !== link) { end = i; structural = 'link_mismatch'; break; }
      const text = chainText(r.prev_hash, toEntry(r));
      if (r.mac_key_id === null) {
        if (r.seq > from.legacyUntil) { end = i; structural = 'keyless_after_keyed'; break; }
        items.push(['', '']);
        plain.push(sm3Hex(text));
      } else {
        items.push([r.mac_key_id, text]);
        plain.push(null);
      }
    }
    const macs = await macMany(items);
    for (let i = 0; i < end; i++) {
      const r = rows[i];
      const expected = plain[i] ?? macs[i];
      if (expected === null) return done({ seq: r.seq, reason: 'unknown_key' });
      if (expected !== r.hash) return done({ seq: r.seq, reason: 'hash_mismatch' });
      prev = r.hash;
      after = r.seq;
      checked++;
    }
    if (structural) return done({ seq: rows[end].seq, reason: structural });
    if (rows.length < from.batchSize) return done(null);
  }
}
