/**
 * Import of N projects (issue 19) on PostgreSQL: an Excel file in the project template (two
 * milestones a row) against 1,000 units and 2,000 persons loaded first through the import itself.
 * Timed: the dry run (stream sheet 1 in the capped worker, check every row, look up references,
 * plan) and the confirmed import (read again, plan again in the transaction, write set-wise, keep
 * every change, one audit event). Baseline in the same run: a bare multi-row INSERT (unnest, 5,000
 * rows a statement) of the same project and milestone rows, values already resolved, into tables
 * like projects and milestones with the same indexes. Target: 100,000 projects under a minute.
 * Run: npx tsx bench/import.ts [--quick] [--rows N] [--pglite]
 */
import crypto from 'node:crypto';
import os from 'node:os';
import { creditCodeCheckChar } from '../src/core/identity/credit-code';
import { idNumberCheckChar } from '../src/core/identity/id-number';
import { dataScope } from '../src/core/access/policy';
import { TEMPLATES, type ImportKind } from '../src/core/imports/templates';
import { fixedClock } from '../src/core/time/clock';
import { createApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { Sm4FieldCipher } from '../src/server/crypto/sm';
import { toXlsx } from '../src/server/formats/xlsx';
import { insertAccount } from '../src/server/modules/accounts/create-account';
import { applyImport } from '../src/server/modules/imports/apply-import';
import { previewImport } from '../src/server/modules/imports/preview-import';
import { openBenchDb } from './bench-db';

const quick = process.argv.includes('--quick');
const rowsArg = process.argv.indexOf('--rows');
const N = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : quick ? 2_000 : 100_000;
const kind = process.argv.includes('--pglite') ? 'pglite' : 'postgres';
const UNITS = 1_000;
const PERSONS = 2_000;
const rss = () => Math.round(process.memoryUsage().rss / 1_048_576);
let peak = 0;
const sampler = setInterval(() => { peak = Math.max(peak, rss()); }, 50);
const time = async <T>(fn: () => Promise<T>): Promise<[number, T]> => { const t0 = performance.now(); const r = await fn(); return [performance.now() - t0, r]; };
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const creditCode = (n: number) => { const b = `91532301MA7B${String(n).padStart(5, '0')}`; return b + creditCodeCheckChar(b); };
const idNumber = (n: number) => {
  const birth = new Date(Date.UTC(1960, 0, 1) + (n % 10_000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const f = `532301${birth}${String(Math.floor(n / 10_000) % 1000).padStart(3, '0')}`;
  return f + idNumberCheckChar(f);
};
const REGIONS = ['532301', '532302', '532322', '532323'];

async function sheet(k: ImportKind, records: ReadonlyArray<Record<string, string>>): Promise<Buffer> {
  const cols = TEMPLATES[k];
  return toXlsx('导入', cols.map((c) => ({ header: c.header, value: (r: Record<string, string>) => r[c.field] || null })), records);
}

function projectRecord(i: number) {
  const year = 2020 + (i % 6);
  return {
    code: `BENCH-${String(i).padStart(7, '0')}`, name: `基准项目${i}`, planLevel: '州级', jurisdictionCode: '532300', fundingSource: '州级财政科技资金',
    unitCreditCode: creditCode(1 + (i % UNITS)), leaderIdNumber: idNumber(1 + (i % PERSONS)),
    startDate: `${year}-01-01`, dueDate: `${year + 2}-12-31`, status: '执行中', fundsGranted: String(100_000 + (i % 50) * 10_000),
    milestone1Name: '中期检查', milestone1DueDate: `${year + 1}-06-30`, milestone2Name: '完成示范', milestone2DueDate: `${year + 2}-06-30`,
  };
}

async function main() {
  const { db, drop } = await openBenchDb(kind, 'kexin_bench_import');
  try {
    const cipher = new Sm4FieldCipher(new Map([['k1', Buffer.alloc(16, 1)]]), 'k1');
    const app = await createApp({ ...loadConfig({ LOG_LEVEL: 'silent' }), loadDemo: false }, { db, clock: fixedClock('2026-11-20T02:00:00Z'), cipher, demo: false });
    const userId = await db.transaction((tx) => insertAccount(app, tx, null, { username: 'bench', displayName: '基准', role: 'business_officer', password: 'Kx-Bq7#2026', regionCode: '532300' }));
    const actor = { userId: String(userId), role: 'business_officer' as const, regionCode: '532300', unitId: null, personId: null };
    const [{ id }] = await db.query<{ id: string }>(`SELECT id::text FROM users WHERE username = 'bench'`);
    actor.userId = id;
    const req = { actor, scope: dataScope(actor, app.regions), ip: null };
    const load = async (k: ImportKind, bytes: Buffer) => {
      const dry = await previewImport(app, req, k, { bytes, fileName: `${k}.xlsx` }, {});
      if (dry.problemCount) throw new Error(`${k}: ${JSON.stringify(dry.problems.slice(0, 3))}`);
      return applyImport(app, req, k, { bytes, fileName: `${k}.xlsx` }, {}, dry.token!);
    };
    await load('units', await sheet('units', Array.from({ length: UNITS }, (_, i) => ({ name: `基准单位${i + 1}`, creditCode: creditCode(i + 1), orgType: '项目承担单位', regionCode: REGIONS[i % REGIONS.length] }))));
    await load('persons', await sheet('persons', Array.from({ length: PERSONS }, (_, i) => ({ name: `基准人员${i + 1}`, idNumber: idNumber(i + 1), employerCreditCode: creditCode(1 + (i % UNITS)) }))));

    const records = Array.from({ length: N }, (_, i) => projectRecord(i + 1));
    const [buildMs, file] = await time(() => sheet('projects', records));
    const base = rss();
    peak = base;
    const [dryMs, dry] = await time(() => previewImport(app, req, 'projects', { bytes: file, fileName: 'projects.xlsx' }, {}));
    if (dry.problemCount) throw new Error(JSON.stringify(dry.problems.slice(0, 3)));
    const dryPeak = peak;
    const [applyMs, applied] = await time(() => applyImport(app, req, 'projects', { bytes: file, fileName: 'projects.xlsx' }, {}, dry.token!));
    const [reMs, again] = await time(() => previewImport(app, req, 'projects', { bytes: file, fileName: 'projects.xlsx' }, {}));

    // Baseline: the same rows, values resolved, in bare multi-row INSERTs (5,000 a statement) into like tables.
    await db.query(`CREATE TABLE bench_projects (LIKE projects INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`);
    await db.query(`CREATE TABLE bench_milestones (LIKE milestones INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`);
    const units = new Map((await db.query<{ credit_code: string; id: string }>(`SELECT credit_code, id::text FROM subjects WHERE kind = 'organization'`)).map((r) => [r.credit_code, r.id]));
    const persons = new Map((await db.query<{ id_number_index: string; id: string }>(`SELECT id_number_index, id::text FROM subjects WHERE kind = 'person'`)).map((r) => [r.id_number_index, r.id]));
    const resolved = records.map((r) => ({ ...r, unit: units.get(r.unitCreditCode)!, leader: persons.get(cipher.blindIndex(r.leaderIdNumber))! }));
    const [copyMs] = await time(async () => {
      await db.transaction(async (tx) => {
        for (let at = 0; at < resolved.length; at += 5_000) {
          const part = resolved.slice(at, at + 5_000);
          const ids = part.map(() => crypto.randomUUID());
          await tx.query(`INSERT INTO bench_projects (id, code, name, plan_level, jurisdiction_code, region_code, funding_source, undertaking_unit_id, leader_id, start_date, due_date, status, funds_granted, created_at, updated_at)
            SELECT id, code, name, 'prefecture', '532300', '532301', 'prefecture_fiscal', u, l, sd, dd, 'in_progress', f, now(), now()
            FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::date[], $7::date[], $8::numeric[]) AS v(id, code, name, u, l, sd, dd, f)`,
          [ids, part.map((r) => r.code), part.map((r) => r.name), part.map((r) => r.unit), part.map((r) => r.leader), part.map((r) => r.startDate), part.map((r) => r.dueDate), part.map((r) => r.fundsGranted)]);
          await tx.query(`INSERT INTO bench_milestones (id, project_id, seq, name, due_date) SELECT gen_random_uuid(), p, s, n, d FROM unnest($1::uuid[], $2::int[], $3::text[], $4::date[]) AS v(p, s, n, d)`,
            [[...ids, ...ids], [...part.map(() => 1), ...part.map(() => 2)], [...part.map((r) => r.milestone1Name), ...part.map((r) => r.milestone2Name)], [...part.map((r) => r.milestone1DueDate), ...part.map((r) => r.milestone2DueDate)]]);
        }
      });
    });
    clearInterval(sampler);
    const total = dryMs + applyMs;
    console.log(JSON.stringify({ database: kind, rows: N, fileMB: +(file.length / 1_048_576).toFixed(1), cpus: os.cpus().length, buildFile: s(buildMs), dryRun: s(dryMs), confirm: s(applyMs), total: s(total),
      rowsPerSecond: Math.round(N / (total / 1000)), bareInsert: s(copyMs), ratioConfirmToBare: +(applyMs / copyMs).toFixed(1), ratioTotalToBare: +(total / copyMs).toFixed(1),
      reImportDryRun: s(reMs), reImportCounts: again.counts, applied: applied.counts, rssBeforeMB: base, peakRssDryRunMB: dryPeak, peakRssMB: peak }, null, 1));
    if (again.counts.unchanged !== N) throw new Error('re-import not idempotent');
  } finally {
    await db.close();
    await drop();
  }
}

main().catch((e) => { console.error(e); process.exitCode = 1; });
