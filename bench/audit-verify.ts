/**
 * Audit-chain verification (issue 7): `kexin audit verify`'s walk (verifyAuditChain) over a chain of
 * 10,000,000 events made by the scale seed exactly as the server chains them (HMAC-SM3 under the
 * current key). Baseline in the same run: reading the same rows in the same batches without checking
 * anything. Target: at least 100,000 events per second on PostgreSQL; issue 17: the walk with 1, 2 and
 * 4 workers (ranges walked at once, a connection and a thread each), each against the read floor.
 * Run: npx tsx bench/audit-verify.ts [--quick (20,000 events)] [--db postgres|pglite] [--events N]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixedClock } from '../src/core/time/clock';
import { createApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { loadAuditSeal } from '../src/server/crypto/audit-seal';
import { verifyAuditChain } from '../src/server/modules/audit/verify-audit-chain';
import { SCALES, seedScale } from '../src/server/seed/scale-seed';
import { openBenchDb } from './bench-db';

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const quick = process.argv.includes('--quick');
const kind = (arg('--db') ?? 'postgres') as 'postgres' | 'pglite';
// Quick: enough that 4 ranges each hold a batch of 10,000 (verify-audit-chain.ts cuts only then).
const events = Number(arg('--events') ?? (quick ? 20_000 : 10_000_000));
const batch = 10_000;
let peak = 0;
setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 200).unref();

console.log(`machine: ${os.cpus().length} × ${os.cpus()[0].model}, node ${process.version}, ${new Date().toISOString()}; ${kind}; ${events.toLocaleString('en')} events`);
const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kexin-bench-audit-'));
const { db, drop, url } = await openBenchDb(kind, 'kexin_bench_audit');
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
      const rows = await db.query<{ seq: number }>('SELECT * FROM audit_events WHERE seq > $1 ORDER BY seq LIMIT $2', [after, batch]);
      n += rows.length;
      if (rows.length < batch) return n;
      after = rows[rows.length - 1].seq;
    }
  };
  const time = async <T>(fn: () => Promise<T>): Promise<[number, T]> => { const t = performance.now(); const r = await fn(); return [performance.now() - t, r]; };
  const [readMs, read] = await time(baseline);
  const rate = (n: number, ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString('en')} events/s`;
  console.log(`baseline (read only)  ${(readMs / 1000).toFixed(1)} s  ${rate(read, readMs)}`);
  // 1: one walk on one connection (MACs on the seal's threads); 2 and 4: ranges walked at once, a
  // connection and a thread each. On PostgreSQL each is `kexin audit verify --workers N` run as a user
  // runs it, from the build (its worker threads are compiled JavaScript), so the time includes the
  // CLI's own start, timed apart below; PGlite is one connection in this process and always walks once.
  if (kind === 'postgres') {
    const cp = fs.mkdtempSync(path.join(os.tmpdir(), 'kexin-bench-cp-'));
    const env = { ...process.env, DATABASE_URL: url!, KEXIN_KEY_FILE: path.join(keyDir, 'data.key'), KEXIN_AUDIT_CHECKPOINT_DIR: cp, LOG_LEVEL: 'silent' };
    const cli = (args: string[]) => { const t = performance.now(); const r = spawnSync(process.execPath, ['bin/kexin.mjs', ...args], { env, encoding: 'utf8' }); return { ms: performance.now() - t, ...r }; };
    const start = cli(['calendar', 'is-workday', '2026-12-01']);
    console.log(`CLI start (kexin calendar is-workday)  ${start.ms.toFixed(0)} ms`);
    for (const workers of [1, 2, 4]) {
      const r = cli(['audit', 'verify', '--workers', String(workers)]);
      const checked = Number(/已校验 (\d+) 条/.exec(r.stdout)?.[1]);
      if (r.status !== 0 || checked !== read || (workers > 1) !== r.stdout.includes(`分 ${workers} 段并行`)) throw new Error(`verification failed: ${r.stdout} ${r.stderr}`);
      console.log(`verify, ${workers} worker(s)  ${(r.ms / 1000).toFixed(1)} s  ${rate(checked, r.ms)}  (${checked.toLocaleString('en')} events; ${(readMs / r.ms).toFixed(2)}× the read floor's speed)`);
    }
    fs.rmSync(cp, { recursive: true, force: true });
  } else {
    const [verifyMs, r] = await time(() => verifyAuditChain(db, seal, { batchSize: batch }));
    if (!r.ok || r.checked !== read) throw new Error(`verification failed: ${JSON.stringify(r)}`);
    console.log(`verify, 1 worker  ${(verifyMs / 1000).toFixed(1)} s  ${rate(r.checked, verifyMs)}  (${r.checked.toLocaleString('en')} events; ${(readMs / verifyMs).toFixed(2)}× the read floor's speed)`);
  }
  console.log(`peak RSS ${Math.round(peak / 1048576)} MB`);
} finally {
  await drop();
  await db.close().catch(() => {});
  fs.rmSync(keyDir, { recursive: true, force: true });
}
process.exit(0);
