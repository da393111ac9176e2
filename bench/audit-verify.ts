/**
 * Audit-chain verification (issue 7): `kexin audit verify`'s walk (verifyAuditChain) over a chain of
 * 10,000,000 events made by the scale seed exactly as the server chains them (HMAC-SM3 under the
 * current key). Baseline in the same run: reading the same rows in the same batches without checking
 * anything. Target: at least 100,000 events per second on PostgreSQL.
 * Run: npx tsx bench/audit-verify.ts [--quick] [--db postgres|pglite] [--events N]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixedClock } from '../src/core/time/clock';
import { createApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { loadAuditSeal } from '../src/server/crypto/audit-seal';
import { verifyAuditChain } from '../src/server/modules/audit/audit-repo';
import { SCALES, seedScale } from '../src/server/seed/scale-seed';
import { openBenchDb } from './bench-db';

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const quick = process.argv.includes('--quick');
const kind = (arg('--db') ?? 'postgres') as 'postgres' | 'pglite';
const events = Number(arg('--events') ?? (quick ? 30_000 : 10_000_000));
let peak = 0;
setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 200).unref();

console.log(`machine: ${os.cpus().length} × ${os.cpus()[0].model}, node ${process.version}, ${new Date().toISOString()}; ${kind}; ${events.toLocaleString('en')} events`);
const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kexin-bench-audit-'));
const { db, drop } = await openBenchDb(kind, 'kexin_bench_audit');
try {
  const seal = loadAuditSeal(keyDir);
  const app = await createApp({ ...loadConfig({ LOG_LEVEL: 'silent' }), loadDemo: false, keyFile: path.join(keyDir, 'data.key') },
    { db, clock: fixedClock('2026-11-20T02:00:00Z'), auditSeal: seal, demo: false });
  const none = { units: 0, persons: 0, recommenders: 0, agencies: 0, projects: 0, findings: 0, sanctions: 0, cases: 0 };
  const t0 = performance.now();
  await seedScale(app, { ...SCALES.province, ...none, auditEvents: events });
  console.log(`seed ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const baseline = async () => {
    let after = 0; let n = 0;
    for (;;) {
      const rows = await db.query<{ seq: number }>('SELECT * FROM audit_events WHERE seq > $1 ORDER BY seq LIMIT $2', [after, 10_000]);
      n += rows.length;
      if (rows.length < 10_000) return n;
      after = rows[rows.length - 1].seq;
    }
  };
  const time = async <T>(fn: () => Promise<T>): Promise<[number, T]> => { const t = performance.now(); const r = await fn(); return [performance.now() - t, r]; };
  const [readMs, read] = await time(baseline);
  const [verifyMs, r] = await time(() => verifyAuditChain(db, seal));
  if (!r.ok || r.checked !== read) throw new Error(`verification failed: ${JSON.stringify(r)}`);
  const rate = (n: number, ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString('en')} events/s`;
  console.log(`baseline (read only)  ${(readMs / 1000).toFixed(1)} s  ${rate(read, readMs)}`);
  console.log(`verify chain          ${(verifyMs / 1000).toFixed(1)} s  ${rate(r.checked, verifyMs)}  (${r.checked.toLocaleString('en')} events, ${(verifyMs / readMs).toFixed(1)}× the bare read)`);
  console.log(`peak RSS ${Math.round(peak / 1048576)} MB`);
} finally {
  await drop();
  await db.close().catch(() => {});
  fs.rmSync(keyDir, { recursive: true, force: true });
}
process.exit(0);
