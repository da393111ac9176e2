/**
 * Veto check of a call for applications (CI-10, issue 6): 10,000 applicants (half units by credit
 * code, half persons by ID number, matched through the blind index) against 1,000,000 subjects with
 * 200,000 sanctions and 100,000 ratings, on PostgreSQL and on PGlite. Baseline in the same run: the
 * bare indexed lookup of the same 10,000 keys. Target: under 1 s on PostgreSQL.
 * Run: npx tsx bench/veto-check.ts [--quick] [--pg-only|--pglite-only]
 */
import crypto from 'node:crypto';
import os from 'node:os';
import { idNumberCheckChar } from '../src/core/identity/id-number';
import { fixedClock } from '../src/core/time/clock';
import { createApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { Sm4FieldCipher } from '../src/server/crypto/sm';
import { openBenchDb } from './bench-db';
import { insertAccount } from '../src/server/modules/accounts/create-account';
import { dataScope } from '../src/core/access/policy';
import { creditCodeCheckChar } from '../src/core/identity/credit-code';
import { VETO_BATCH_CAP, vetoCheck, type Applicant } from '../src/server/modules/integrity/veto-check';

const quick = process.argv.includes('--quick');
const S = quick ? { orgs: 2_000, persons: 18_000, sanctions: 4_000, ratings: 2_000, applicants: 1_000 } : { orgs: 100_000, persons: 900_000, sanctions: 200_000, ratings: 100_000, applicants: 10_000 };
const rss = () => Math.round(process.memoryUsage().rss / 1048576);
let peak = 0;
const sampler = setInterval(() => { peak = Math.max(peak, rss()); }, 100);
const time = async <T>(fn: () => Promise<T>): Promise<[number, T]> => { const t0 = performance.now(); const r = await fn(); return [performance.now() - t0, r]; };

/** A valid ID number for the n-th synthetic person (born 1960–1999, Chuxiong). */
function idNumber(n: number): string {
  // Birth date and sequence from n, distinct for every n below 14,600,000.
  const birth = new Date(Date.UTC(1960, 0, 1) + (n % 14_600) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `532301${birth}${String(Math.floor(n / 14_600) % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

async function run(kind: 'postgres' | 'pglite') {
  const { db, drop } = await openBenchDb(kind, 'kexin_bench_veto');
  const cipher = new Sm4FieldCipher(new Map([['k1', Buffer.alloc(16, 1)]]), 'k1');
  const app = await createApp({ ...loadConfig({ LOG_LEVEL: 'silent' }), loadDemo: false }, { db, clock: fixedClock('2026-11-20T02:00:00Z'), cipher, demo: false });
  const userId = await db.transaction((tx) => insertAccount(app, tx, null, { username: 'bench', displayName: '基准', role: 'business_officer', password: 'Kx-Bq7#2026', regionCode: '532300' }));
  const now = "'2026-11-20T00:00:00Z'::timestamptz";
  // Applicants: the first half of the sampled persons get real ID numbers and blind indexes.
  const half = S.applicants / 2;
  const step = Math.floor(S.persons / half);
  const sampled = Array.from({ length: half }, (_, k) => 1 + k * step);
  // The sampled units get well-formed credit codes (GB 32100 check character), which the check now demands.
  const orgSample = Array.from({ length: half }, (_, k) => 1 + k * Math.floor(S.orgs / half));
  const orgCode = (i: number) => { const f17 = `91532301${String(i).padStart(9, '0')}`; return f17 + creditCodeCheckChar(f17); };
  const [genMs] = await time(async () => {
    await db.query(`INSERT INTO subjects (id, kind, org_type, name, credit_code, region_code, created_at, updated_at)
      SELECT md5('o' || i)::uuid, 'organization', 'undertaking_unit', '单位' || i, 'U' || lpad(i::text, 17, '0'), '532301', ${now}, ${now} FROM generate_series(1::bigint, ${S.orgs}) i`);
    await db.query(`UPDATE subjects s SET credit_code = v.code FROM unnest($1::int[], $2::text[]) AS v(i, code) WHERE s.id = md5('o' || v.i)::uuid`, [orgSample, orgSample.map(orgCode)]);
    await db.query(`INSERT INTO subjects (id, kind, name, id_number_cipher, id_number_index, id_number_masked, region_code, created_at, updated_at)
      SELECT md5('p' || i)::uuid, 'person', '人员' || i, 'bench', 'x' || i, '532301********0000', '532301', ${now}, ${now} FROM generate_series(1::bigint, ${S.persons}) i`);
    await db.query(`UPDATE subjects s SET id_number_index = v.idx FROM unnest($1::uuid[], $2::text[]) AS v(id, idx) WHERE s.id = v.id`, [
      sampled.map((n) => personId(n)), sampled.map((n) => cipher.blindIndex(idNumber(n))),
    ]);
    const [c] = await db.query<{ id: string }>(`INSERT INTO cases (id, procedure, state, jurisdiction_code, data, created_by, created_at, updated_at)
      VALUES (md5('case')::uuid, 'misconduct', 'decided', '532300', '{}'::jsonb, $1, ${now}, ${now}) RETURNING id`, [userId]);
    // Sanctions on every fifth subject, bans of 1–5 years starting 2020–2026.
    await db.query(`INSERT INTO sanctions (id, case_id, subject_id, misconduct_kind, severity, measures, conduct_date, filed_date, decided_date, ban_years, ban_start, ban_end,
        public_disclosure, public_list, policy_version_id, clause, created_at)
      SELECT md5('s' || i)::uuid, '${c.id}', CASE WHEN i % 2 = 0 THEN md5('o' || (1 + (i * 7) % ${S.orgs})) ELSE md5('p' || (1 + (i * 13) % ${S.persons})) END::uuid,
        'fabrication', 'serious', ARRAY['ban'], st - 200, st - 30, st, y, st, (st + make_interval(years => y))::date, false, false, 'CI-2023', 'CI-25.3', ${now}
      FROM (SELECT i, DATE '2020-01-01' + ((i * 2654435761) % 2500)::int AS st, 1 + (i % 5)::int AS y FROM generate_series(1::bigint, ${S.sanctions}) i) x`);
    // Published ratings (in effect), as last year's would be by now.
    await db.query(`INSERT INTO ratings (id, subject_id, subject_type, year, region_code, computed_level, clauses, determination_required, result, policy_version_id, policy_in_force, computed_at, published_at)
      SELECT md5('g' || i)::uuid, md5('o' || i)::uuid, 'unit', 2025, '532301', (ARRAY['AA','A','B','C'])[1 + (i % 4)::int], ARRAY[]::text[], false, '{}'::jsonb, 'CI-2023', false, ${now}, ${now}
      FROM generate_series(1::bigint, ${S.ratings}) i`);
    await db.query('ANALYZE');
  });
  const applicants: Applicant[] = [
    ...orgSample.map((i, k) => ({ ref: `U${k}`, creditCode: orgCode(i) })),
    // A person is checked by name and ID number together (issue 16 H1); the names are those generated above.
    ...sampled.map((n) => ({ ref: `P${n}`, idNumber: idNumber(n), name: `人员${n}` })),
  ];
  const codes = applicants.flatMap((a) => (a.creditCode ? [a.creditCode] : []));
  const idx = sampled.map((n) => cipher.blindIndex(idNumber(n)));
  const baselineSql = 'SELECT id FROM subjects WHERE credit_code = ANY($1::text[]) OR id_number_index = ANY($2::text[])';
  await db.query(baselineSql, [codes, idx]);
  const baselines: number[] = [];
  for (let i = 0; i < 3; i++) baselines.push((await time(() => db.query(baselineSql, [codes, idx])))[0]);
  const baseline = Math.min(...baselines);
  const [{ id: actorId }] = await db.query<{ id: string }>('SELECT id FROM users WHERE username = $1', ['bench']);
  const actor = { userId: actorId, role: 'business_officer' as const, regionCode: '532300', unitId: null, personId: null };
  const req = { actor, scope: dataScope(actor, app.regions), ip: null };
  // A call names its batch and sends at most VETO_BATCH_CAP applicants a request (issue 16 H1): the whole call in requests of that size.
  const checkCall = async () => {
    const out: Awaited<ReturnType<typeof vetoCheck>> = [];
    for (let i = 0; i < applicants.length; i += VETO_BATCH_CAP) out.push(...(await vetoCheck(app, req, '2026-11-20', applicants.slice(i, i + VETO_BATCH_CAP), 'BENCH-2026-01')));
    return out;
  };
  await vetoCheck(app, req, '2026-11-20', applicants.slice(0, 100), 'BENCH-WARM'); // warm
  peak = rss();
  const runs: number[] = [];
  let vetoed = 0;
  let found = 0;
  for (let i = 0; i < 3; i++) {
    const [ms, results] = await time(checkCall);
    runs.push(ms);
    vetoed = results.filter((r) => r.vetoed).length;
    found = results.filter((r) => r.found).length;
  }
  const best = Math.min(...runs);
  console.log(`${kind.padEnd(9)} generate ${(genMs / 1000).toFixed(1)} s | baseline lookup ${baseline.toFixed(0)} ms | veto check of ${applicants.length.toLocaleString('en')} ${best.toFixed(0)} ms `
    + `(runs ${runs.map((r) => r.toFixed(0)).join(', ')}) | ratio ${(best / baseline).toFixed(1)}× | found ${found}, vetoed ${vetoed} | peak RSS ${peak} MB`);
  await db.close();
  await drop();
}

/** md5('p' || n)::uuid, computed here to match the SQL that made the row. */
function personId(n: number): string {
  const h = crypto.createHash('md5').update(`p${n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

console.log(`machine: ${os.cpus().length} × ${os.cpus()[0].model}, node ${process.version}, ${new Date().toISOString()}`);
console.log(`scale: ${JSON.stringify(S)}${quick ? ' (quick)' : ''}`);
if (!process.argv.includes('--pglite-only')) await run('postgres');
if (!process.argv.includes('--pg-only')) await run('pglite');
clearInterval(sampler);
