/**
 * Loading next year's holiday notice (issue 7, X-4): every open clock whose counting window runs into
 * the new year is recomputed from its ledger by the legal-time engine, the moves recorded, and each
 * case's nearest due date follows — 1,000,000 open case clocks, in one transaction, with the audit event.
 * The notice is a made-up 2027 notice for measurement only (not the State Council's). Baseline in the
 * same run: one bare UPDATE touching the same clocks (the database's own floor for writing them).
 * Run: npx tsx bench/holiday-recompute.ts [--quick] [--db postgres|pglite] [--clocks N]
 */
import os from 'node:os';
import { fixedClock } from '../src/core/time/clock';
import { addCalendarDays } from '../src/core/time/iso-date';
import { createApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { insertAccount } from '../src/server/modules/accounts/create-account';
import { loadHolidayNotice } from '../src/server/modules/calendar/load-holiday-notice';
import { computeClock } from '../src/server/modules/deadlines/recompute-clock';
import { caseShapes } from '../src/server/seed/case-shapes';
import { openBenchDb } from './bench-db';

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const quick = process.argv.includes('--quick');
const kind = (arg('--db') ?? 'postgres') as 'postgres' | 'pglite';
const N = Number(arg('--clocks') ?? (quick ? 5_000 : 1_000_000));
const TODAY = '2026-12-31';
const NOTICE_2027 = {
  year: 2027, notice: '基准测试用的假设通知（非国务院办公厅文件）', published: '2026-12-20',
  off: [{ from: '2027-01-01', to: '2027-01-03', name: '元旦' }, { from: '2027-02-05', to: '2027-02-12', name: '春节' }], workdays: ['2027-02-14'],
};
let peak = 0;
setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 200).unref();
const time = async <T>(fn: () => Promise<T>): Promise<[number, T]> => { const t = performance.now(); const r = await fn(); return [performance.now() - t, r]; };

console.log(`machine: ${os.cpus().length} × ${os.cpus()[0].model}, node ${process.version}, ${new Date().toISOString()}; ${kind}; ${N.toLocaleString('en')} open clocks`);
const { db, drop } = await openBenchDb(kind, 'kexin_bench_holiday');
try {
  const app = await createApp({ ...loadConfig({ LOG_LEVEL: 'silent' }), loadDemo: false }, { db, clock: fixedClock(`${TODAY}T02:00:00Z`), demo: false });
  const user = await db.transaction((tx) => insertAccount(app, tx, null, { username: 'bench', displayName: '基准', role: 'business_officer', password: 'Kx-Bq7#2026', regionCode: '532300' }));
  // Clocks opened through December 2026 under every limit a case state runs, due in 2027, dates from the engine (2027 still provisional).
  const limits = [...new Set(caseShapes().map((s) => s.openLimit).filter((x): x is string => !!x))];
  const table = limits.flatMap((l) => Array.from({ length: 31 }, (_, d) => {
    const start = addCalendarDays('2026-12-01', d);
    const r = computeClock(app, { limit_id: l, start_date: start, jurisdiction_code: '532300' }, []);
    return [l, start, r.dueDate, r.provisional, `{${r.provisionalYears.join(',')}}`, r.derivation] as const;
  })).filter((t) => t[3] || t[2] >= '2027-01-01'); // only windows that run into 2027, so every clock is one the notice concerns
  const [genMs] = await time(async () => {
    await db.query(`INSERT INTO cases (id, procedure, state, jurisdiction_code, data, created_by, created_at, updated_at)
      SELECT md5('hc' || i)::uuid, 'tolerance', 'investigating', '532300', '{}'::jsonb, $1, now(), now() FROM generate_series(1, ${N}) i`, [user]);
    await db.query(`CREATE TABLE bench_dues AS SELECT * FROM unnest($1::text[], $2::date[], $3::date[], $4::boolean[], $5::text[], $6::text[]) AS t(limit_id, start_date, due_date, provisional, years, derivation)`,
      [table.map((t) => t[0]), table.map((t) => t[1]), table.map((t) => t[2]), table.map((t) => t[3]), table.map((t) => t[4]), table.map((t) => t[5])]);
    await db.query(`INSERT INTO deadline_clocks (id, limit_id, owner_type, owner_id, title, jurisdiction_code, start_date, due_date, provisional, provisional_years, derivation, status, created_at, updated_at)
      SELECT md5('hk' || i)::uuid, d.limit_id, 'case', md5('hc' || i)::uuid::text, '容错免责', '532300', d.start_date, d.due_date, d.provisional, d.years::int[], d.derivation, 'running', now(), now()
        FROM generate_series(1, ${N}) i JOIN (SELECT row_number() OVER () - 1 AS k, * FROM bench_dues) d ON d.k = i % ${table.length}`);
    await db.query('ANALYZE');
  });
  const touching = `status <> 'stopped' AND start_date <= make_date(2027, 12, 31) AND (due_date >= make_date(2027, 1, 1) OR 2027 = ANY(provisional_years))`;
  const [{ n: open }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM deadline_clocks WHERE ${touching}`);
  const [baseMs] = await time(() => db.transaction(async (tx) => { await tx.query(`UPDATE deadline_clocks SET updated_at = updated_at WHERE ${touching}`); }));
  const [loadMs, r] = await time(() => loadHolidayNotice(app, null, NOTICE_2027));
  const [{ moves }] = await db.query<{ moves: number }>('SELECT count(*)::int AS moves FROM deadline_moves');
  const [{ provisional }] = await db.query<{ provisional: number }>('SELECT count(*)::int AS provisional FROM deadline_clocks WHERE 2027 = ANY(provisional_years)');
  console.log(`generate ${(genMs / 1000).toFixed(1)} s; ${open.toLocaleString('en')} open clocks touch 2027`);
  console.log(`baseline (bare UPDATE of the same clocks)  ${(baseMs / 1000).toFixed(1)} s`);
  console.log(`load 2027 notice and recompute             ${(loadMs / 1000).toFixed(1)} s  ${Math.round(r.recomputed / (loadMs / 1000)).toLocaleString('en')} clocks/s  (${(loadMs / baseMs).toFixed(1)}× the bare UPDATE)`);
  console.log(`recomputed ${r.recomputed.toLocaleString('en')}, moved ${r.movedCount.toLocaleString('en')} (moves recorded ${moves.toLocaleString('en')}), still provisional for 2027: ${provisional}; peak RSS ${Math.round(peak / 1048576)} MB`);
} finally {
  await drop();
  await db.close().catch(() => {});
}
process.exit(0);
