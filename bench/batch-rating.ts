/**
 * Year-end batch rating of a synthetic province (issue 4): every subject rated for 2025 and stored
 * with its explanation, on PostgreSQL and on PGlite. Baseline, in the same run on the same data:
 * a bare grouped aggregate over the project table (issue 4's target, 5× of it, could not be met: the
 * write floor alone is above it). Issue 17's target: within 2× of the batch's own floor, measured in
 * the same run: streaming the same fact rows to the process (the batch's own cursors, sorted by
 * subject, decoded, nothing computed) plus writing the same number of result rows (one constant row
 * per stored rating, into the same table with its keys and indexes, rolled back).
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
import { ratedTypesOf, streamFacts } from '../src/server/modules/rules/rating-facts';
import { SUBJECT_TYPES } from '../src/core/rating/criteria';
import { planForWholeResults } from '../src/server/db/ordered-cursor';
import type { Sql } from '../src/server/db/database';
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
  const rolledBack = async (fn: (tx: Sql) => Promise<unknown>) => {
    let ms = 0;
    await db.transaction(async (tx) => { ms = (await time(() => fn(tx)))[0]; throw new RolledBack(); })
      .catch((e) => { if (!(e instanceof RolledBack)) throw e; });
    return ms;
  };
  // Read floor: the batch's own fact cursors for every kind of subject, every row decoded, no rule run.
  const readFacts = async (tx: Sql) => {
    await planForWholeResults(tx);
    const regions = app.regions.subtree('530000');
    const subjects = await tx.query<{ id: string; kind: 'organization' | 'person'; org_type: string | null; is_expert: boolean }>(
      'SELECT id, kind, org_type, is_expert FROM subjects WHERE region_code = ANY($1::text[]) ORDER BY id', [regions]);
    let facts = 0;
    for (const type of SUBJECT_TYPES) {
      const ids = subjects.filter((x) => ratedTypesOf(x as never).includes(type)).map((x) => x.id);
      for await (const [, f] of streamFacts(tx, type, regions, ids, 2025)) facts += f.projects.length + f.findings.length + f.activeYears.length;
    }
    return facts;
  };
  const readFloor = Math.min(await rolledBack(readFacts), await rolledBack(readFacts));
  peak = rss();
  const [batchMs, summary] = await time(() => rateRegion(app, null, '530000', 2025));
  const [{ n }] = await db.query<{ n: number }>('SELECT count(*) AS n FROM ratings');
  // Write floor: as many constant rows as the batch stored, into the same table (another year, so the keys allow them), rolled back.
  const floorSql = `INSERT INTO ratings (id, subject_id, subject_type, year, region_code, computed_level, clauses, determination_required, result, policy_version_id, policy_in_force, computed_at)
    SELECT gen_random_uuid(), r.subject_id, r.subject_type, 2024, r.region_code, 'A', ARRAY['CI-16.2'], false, '{}'::jsonb, 'CI-2023', false, now() FROM ratings r WHERE r.year = 2025`;
  const writeFloor = Math.min(await rolledBack((tx) => tx.query(floorSql)), await rolledBack((tx) => tx.query(floorSql)));
  const floor = readFloor + writeFloor;
  console.log(`${kind.padEnd(9)} read floor (the batch's fact cursors streamed, nothing computed) ${readFloor.toFixed(0)} ms | write floor (${n.toLocaleString('en')} constant rows) ${writeFloor.toFixed(0)} ms | floor ${floor.toFixed(0)} ms = ${(floor / baseline).toFixed(1)}× the aggregate`);
  console.log(`${kind.padEnd(9)} batch rating / floor = ${(batchMs / floor).toFixed(2)}× (issue 17 target ≤ 2×)`);
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
