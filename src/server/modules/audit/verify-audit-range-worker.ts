/**
 * A worker thread that walks one range (after, upTo] of the audit chain on a connection of its own,
 * computing the MACs itself (verify-audit-chain.ts starts one per range and joins them).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { hmacSm3 } from '../../crypto/audit-seal';
import { openPostgres } from '../../db/database';
import type { AuditRow } from './audit-repo';
import type { RangeJob } from './verify-audit-chain';
import { walkAuditChain } from './walk-audit-chain';

const job = workerData as RangeJob;
const keys = new Map(job.keys.map(([id, hex]) => [id, Buffer.from(hex, 'hex')]));
const db = await openPostgres(job.url, { max: 2 });
try {
  const result = await walkAuditChain(
    (after) => db.query<AuditRow>('SELECT * FROM audit_events WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3', [after, job.upTo, job.batchSize]),
    async (items) => items.map(([id, text]) => { const key = keys.get(id); return key ? hmacSm3(key, text) : null; }),
    { prev: null, after: job.after, legacyUntil: job.legacyUntil, batchSize: job.batchSize });
  parentPort!.postMessage({ ok: true, result });
} catch (e) {
  parentPort!.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
} finally {
  await db.close();
}
