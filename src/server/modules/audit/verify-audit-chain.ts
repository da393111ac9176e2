/**
 * Verifies the whole audit chain (`kexin audit verify`, the audit administrator's page, the
 * checkpoints). On one connection it walks the chain from its start, the MACs of each batch spread
 * over threads by the seal. On a PostgreSQL server, with a seal whose keys threads may hold, the
 * chain is cut into ranges of seq that are walked at once, each on a connection and a thread of its
 * own (verify-audit-range-worker.ts), so reading and decoding the rows, not only the MACs, use every
 * core (issue 17). Only the link at each cut is left, checked here when the ranges are joined; the
 * answer is the same as one walk's: the first break in seq order and what came before it
 * (test/server/audit-verify-parallel.test.ts compares the two on every kind of break, at the cuts too).
 */
import os from 'node:os';
import { GENESIS_HASH } from '../../../core/audit/events';
import type { AuditSeal } from '../../crypto/audit-seal';
import type { Database, Sql } from '../../db/database';
import { startWorker } from '../../worker-file';
import type { AuditRow } from './audit-repo';
import { walkAuditChain, type BreakReason, type VerifyResult, type WalkResult } from './walk-audit-chain';

export type { BreakReason, VerifyResult };

export interface VerifyOptions {
  batchSize?: number;
  /** Ranges walked at once (PostgreSQL server only); 1 walks on this connection. Default: the cores, at most 4. */
  workers?: number;
}

/** What a range worker is given. */
export interface RangeJob { url: string; keys: Array<[string, string]>; after: number; upTo: number; legacyUntil: number; batchSize: number }

const READ_ALL = 'SELECT * FROM audit_events WHERE seq > $1 ORDER BY seq LIMIT $2';

/** The chain's verdict, and how many ranges were walked at once to reach it (1: one walk). */
export type ChainVerdict = VerifyResult & { ranges: number };

export async function verifyAuditChain(db: Sql, seal: AuditSeal, opts: VerifyOptions = {}): Promise<ChainVerdict> {
  const batchSize = opts.batchSize ?? 10_000;
  const [start] = await db.query<{ legacy_until_seq: number }>('SELECT legacy_until_seq FROM audit_chain_start');
  const legacyUntil = start?.legacy_until_seq ?? 0;
  const workers = opts.workers ?? Math.min(4, os.availableParallelism());
  const url = (db as Partial<Database>).kind === 'postgres' ? (db as Database).url : undefined;
  const keys = seal.macKeysForThreads?.();
  if (workers > 1 && url && keys) {
    const [span] = await db.query<{ lo: number | null; hi: number | null }>('SELECT min(seq)::bigint AS lo, max(seq)::bigint AS hi FROM audit_events');
    // Worth cutting only when every range holds at least a batch.
    if (span.lo !== null && span.hi !== null && span.hi - span.lo + 1 >= workers * batchSize) {
      return { ...(await verifyInRanges({ url, keys, legacyUntil, batchSize }, span.lo - 1, span.hi, workers)), ranges: workers };
    }
  }
  const { firstSeq: _, firstPrev: __, ...result } = await walkAuditChain(
    (after) => db.query<AuditRow>(READ_ALL, [after, batchSize]), (items) => seal.macMany(items),
    { prev: GENESIS_HASH, after: 0, legacyUntil, batchSize });
  return { ...result, ranges: 1 };
}

/** Ranges (after, upTo] cut evenly by seq, walked at once, then joined in order at their cuts. */
async function verifyInRanges(job: Omit<RangeJob, 'after' | 'upTo'>, after: number, upTo: number, n: number): Promise<VerifyResult> {
  const cuts = Array.from({ length: n + 1 }, (_, i) => after + Math.round(((upTo - after) * i) / n));
  const ranges = await Promise.all(cuts.slice(0, -1).map((from, i) => walkRange({ ...job, after: from, upTo: cuts[i + 1] })));
  let joined: VerifyResult = { ok: true, checked: 0, firstBroken: null, lastHash: GENESIS_HASH, lastSeq: 0 };
  for (const r of ranges) {
    if (r.firstSeq === null) continue; // an empty range (a gap in seq): the next one links to what came before
    // The range's first event must follow the last one before it: checked first, as a single walk would.
    if (r.firstPrev !== joined.lastHash) return { ...joined, ok: false, firstBroken: { seq: r.firstSeq, reason: 'link_mismatch' } };
    joined = { ok: r.ok, checked: joined.checked + r.checked, firstBroken: r.firstBroken, lastHash: r.checked ? r.lastHash : joined.lastHash, lastSeq: r.checked ? r.lastSeq : joined.lastSeq };
    if (!r.ok) return joined;
  }
  return joined;
}

function walkRange(job: RangeJob): Promise<WalkResult> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(new URL('./verify-audit-range-worker.ts', import.meta.url), { workerData: job });
    worker.once('message', (m: { ok: true; result: WalkResult } | { ok: false; error: string }) => {
      if (m.ok) resolve(m.result); else reject(new Error(`审计日志区段校验失败：${m.error}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => { if (code !== 0) reject(new Error(`审计日志区段校验线程退出（${code}）`)); });
  });
}

/** Each kind of break, as the report names it. */
export const BREAK_LABEL: Record<BreakReason, string> = {
  hash_mismatch: '内容与哈希不符', link_mismatch: '与上一条的链接不符', unknown_key: '使用了本系统不持有的密钥', keyless_after_keyed: '在启用密钥链后出现无密钥记录',
};
