/**
 * Year-end batch rating of a synthetic province (issue 4): every subject rated for 2025 and stored
 * with its explanation, on PostgreSQL and on PGlite. Baseline, in the same run on the same data:
 * a bare grouped aggregate over the project table. Target: within 5× of it on PostgreSQL.
 * Run: npx tsx bench/batch-rating.ts [--quick] [--pg-only|--pglite-only]
 */
import os from 'node:os';
import { fixedClock } from '../src/core/time/clock';
import { createApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { Sm4FieldCipher } from '../src/server/crypto/sm';
import { openBenchDb } from './bench-db';
import { insertAccount } from '../src/server/modules/accounts/create-account';
import { rateRegion } from '../src/server/modules/rules/store-rating';
import { PROVINCE, QUICK, generate } from './synthetic-province';

const quick = process.argv.includes('--quick');
class RolledBack extends Error {}
const scale = quick ? QUICK : PROVINCE;

const rss = () => Math.round(process.memoryUsage().rss / 1048576);
let peak = 0;
const sampler = setInterval(() => { peak = Math.max(peak, rss()); }, 200);

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const r = await fn();
  return [performance.now() - t0, r];
}

async function run(kind: 'postgres' | 'pglite') {
  const { db, drop } = await openBenchDb(kind, 'kexin_bench');
  const clock = fixedClock('2026-11-20T02:00:00Z');
  const cipher = new Sm4FieldCipher(new Map([['k1', Buffer.alloc(16, 1)]]), 'k1');
  const app = await createApp({ ...loadConfig({ LOG_LEVEL: 'silent' }), loadDemo: false }, { db, clock, cipher, demo: false });
  const userId = await db.transaction((tx) => insertAccount(app, tx, null, { username: 'bench', displayName: '基准', role: 'integrity_officer', password: 'Kx-Bq7#2026', regionCode: '532300' }));
  const [genMs] = await time(() => generate(db, scale, userId));
  const baselineSql = `SELECT undertaking_unit_id, count(*) AS n,
      count(*) FILTER (WHERE status = 'terminated' AND extract(year FROM terminated_date) = 2025) AS terminated,
      count(*) FILTER (WHERE extract(year FROM COALESCE(extended_due_date, due_date)) = 2025 AND accepted_date IS NULL) AS overdue
    FROM projects GROUP BY undertaking_unit_id`;
  await db.query(baselineSql); // warm
  const baselines: number[] = [];
  for (let i = 0; i < 3; i++) baselines.push((await time(() => db.query(baselineSql)))[0]);
  const baseline = Math.min(...baselines);
  // The floor of storing the results: one bare rating row per subject, constant values, written by one
  // INSERT … SELECT into the real table (its keys, indexes and foreign keys) and rolled back.
  const floorSql = `INSERT INTO ratings (id, subject_id, subject_type, year, region_code, computed_level, clauses, determination_required, result, policy_version_id, policy_in_force, computed_at)
    SELECT gen_random_uuid(), s.id, 'unit', 2025, s.region_code, 'A', ARRAY['CI-16.2'], false, '{}'::jsonb, 'CI-2023', false, now() FROM subjects s`;
  const floors: number[] = [];
  for (let i = 0; i < 2; i++) {
    await db.transaction(async (tx) => {
      floors.push((await time(() => tx.query(floorSql)))[0]);
      throw new RolledBack();
    }).catch((e) => { if (!(e instanceof RolledBack)) throw e; });
  }
  const floor = Math.min(...floors);
  peak = rss();
  const [batchMs, summary] = await time(() => rateRegion(app, null, '530000', 2025));
  const [{ n }] = await db.query<{ n: number }>('SELECT count(*) AS n FROM ratings');
  console.log(`${kind.padEnd(9)} write floor (bare insert of one constant row per subject) ${floor.toFixed(0)} ms = ${(floor / baseline).toFixed(1)}× the aggregate`);
  console.log(`${kind.padEnd(9)} generate ${(genMs / 1000).toFixed(1)} s | baseline aggregate ${baseline.toFixed(0)} ms | batch rating ${(batchMs / 1000).toFixed(2)} s `
    + `(${n.toLocaleString('en')} ratings stored) | ratio ${(batchMs / baseline).toFixed(1)}× | peak RSS ${peak} MB`);
  console.log(`          levels: ${JSON.stringify(summary.byLevel)}`);
  await db.close();
  await drop();
}

console.log(`machine: ${os.cpus().length} × ${os.cpus()[0].model}, node ${process.version}, ${new Date().toISOString()}`);
console.log(`scale: ${JSON.stringify(scale)}${quick ? ' (quick)' : ''}`);
if (!process.argv.includes('--pglite-only')) await run('postgres');
if (!process.argv.includes('--pg-only')) await run('pglite');
clearInterval(sampler);
