/**
 * HTTP at province scale (issue 7): the real server (`kexin serve`, its own process) on data made by
 * `kexin seed --scale …`, loaded by autocannon with 50 connections after a warm-up, at 10 %, 30 % and
 * 100 % of the data (the seed grows the same data set in place between steps). Figures:
 *   baseline     — the same server answering one primary-key query (a published spot-check draw);
 *   work queue   — a prefecture officer's 待办, page of 20, filtered by county and state, nearest deadline first;
 *   case page    — one case with its timeline, clocks, files and available steps;
 *   public search — the published list searched by a unit's or a person's full name;
 *   login        — password sign-in (Argon2id verification, session written).
 * Targets on PostgreSQL with the province data: work queue p99 < 50 ms and ≥ 40 % of the baseline's
 * throughput; public search p99 < 50 ms.
 * Run: npx tsx bench/http.ts [--quick] [--db postgres|pglite] [--steps 0.1,0.3,1] [--seconds N] [--only LABEL] [--profile DIR] [--keep]
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { caseShapes } from '../src/server/seed/case-shapes';
import { atInterrupt, createBenchDatabase } from './bench-db';
import { SCALES, SEED_PASSWORD, seededId, seededOrganizationName, seededPersonName } from '../src/server/seed/scale-seed';

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const quick = process.argv.includes('--quick');
const dbKind = (arg('--db') ?? 'postgres') as 'postgres' | 'pglite';
const scaleName = quick ? 'quick' : 'province';
// The audit history is left out: no measured page reads it (bench/audit-verify.ts measures it on its own).
const size = { ...SCALES[scaleName], auditEvents: 0 };
const steps = (arg('--steps') ?? (quick ? '1' : '0.1,0.3,1')).split(',').map(Number);
const seconds = Number(arg('--seconds') ?? (quick ? 1 : 15));
const SEED = 1;

async function freePort(): Promise<number> {
  return new Promise((resolve) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address() as net.AddressInfo; s.close(() => resolve(port)); }); });
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kexin-bench-http-'));
const env: NodeJS.ProcessEnv = {
  ...process.env, KEXIN_DEMO: 'false', KEXIN_SWEEP_SECONDS: '0', LOG_LEVEL: 'silent', KEXIN_RATE_LIMITS: 'false', KEXIN_TOTP_REQUIRED: 'false',
  KEXIN_KEY_FILE: path.join(work, 'keys', 'data.key'), KEXIN_AUDIT_CHECKPOINT_DIR: path.join(work, 'checkpoints'), KEXIN_COOKIE_SECURE: 'false',
};
let server: { proc: ChildProcess; base: string } | null = null;
atInterrupt(() => { server?.proc.kill('SIGKILL'); fs.rmSync(work, { recursive: true, force: true }); });
let dropDb = async () => {};
if (dbKind === 'postgres') {
  const created = await createBenchDatabase('kexin_bench_http');
  env.DATABASE_URL = created.url;
  dropDb = created.drop;
} else {
  delete env.DATABASE_URL;
  env.KEXIN_DATA_DIR = path.join(work, 'data');
}

function seedTo(from: number, to: number): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['bin/kexin.mjs', 'seed', '--scale', scaleName, '--seed', String(SEED), '--from', String(from), '--to', String(to), '--no-audit'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`seed failed: ${r.stdout}`);
  return performance.now() - t;
}

async function startServer(): Promise<{ proc: ChildProcess; base: string }> {
  const port = await freePort();
  const prof = arg('--profile'); // a folder: the server writes a V8 CPU profile there when it stops
  const proc = spawn(process.execPath, [...(prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : []), 'bin/kexin.mjs', 'serve'], { env: { ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try { if ((await fetch(`${base}/api/health`)).ok) return { proc, base }; } catch { /* not yet */ }
    if (i > 1200) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function login(base: string, username: string): Promise<string> {
  const r = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: SEED_PASSWORD }) });
  if (!r.ok) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
  return /kexin_session=[^;]+/.exec(r.headers.get('set-cookie') ?? '')![0];
}

type Req = { method?: string; path: string; body?: string; headers?: Record<string, string> };
async function load(base: string, next: () => Req, secs: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({
      url: base, connections: 50, duration: secs,
      requests: [{ setupRequest: (req: any) => { const n = next(); return { ...req, method: n.method ?? 'GET', path: n.path, body: n.body, headers: { ...req.headers, ...n.headers } }; } }],
    }, (err: Error | null, res: autocannon.Result) => (err ? reject(err) : resolve(res)));
  });
}

const COUNTIES = ['532301', '532302', '532322', '532323', '532324', '532325', '532326', '532327', '532328', '532329', '532300GX'];
const openStates = [...new Set(caseShapes().filter((s) => !s.terminal && s.openLimit).map((s) => s.state))];
// What the public types: a unit's full name or a person's full name (most are not on the list: the answer is "none").
const searchTerms = (to: number) => Array.from({ length: 2_000 }, (_, k) => (k % 2 === 0
  ? seededOrganizationName(SEED, 'u', 1 + ((k * 7919) % Math.round(size.units * to)))
  : seededPersonName(SEED, 1 + ((k * 104729) % Math.round(size.persons * to)))));

console.log(`machine: ${os.cpus().length} × ${os.cpus()[0].model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, ${new Date().toISOString()}`);
console.log(`database: ${dbKind}; scale: ${scaleName} ${JSON.stringify(size)}; steps ${steps.join(', ')}; ${seconds} s per figure, 50 connections`);
try {
  let done = 0;
  for (const to of steps) {
    const seedMs = seedTo(done, to);
    done = to;
    server = await startServer();
    const { base } = server;
    const officer = await login(base, 'seed_532300');
    const province = await login(base, 'seed_530000');
    const casesUpTo = Math.round(size.cases * to);
    const terms = searchTerms(to);
    let k = 0;
    const figures: Array<[string, () => Req]> = [
      ['baseline (PK query)', () => ({ path: `/api/public/spot-checks/${seededId(SEED, 'k', 2016 + (k++ % 10))}` })],
      ['work queue', () => { k++; return { path: `/api/cases?regionCode=${COUNTIES[k % COUNTIES.length]}&state=${openStates[(k >> 3) % openStates.length]}&pageSize=20`, headers: { cookie: officer } }; }],
      ['case page', () => ({ path: `/api/cases/${seededId(SEED, 'c', 1 + ((k++ * 7919) % casesUpTo))}`, headers: { cookie: province } })],
      ['public search', () => ({ path: `/api/public/sanctions?q=${encodeURIComponent(terms[k++ % terms.length])}` })],
      ['login', () => ({ method: 'POST', path: '/api/auth/login', body: JSON.stringify({ username: `seed_${COUNTIES[k++ % COUNTIES.length].toLowerCase()}`, password: SEED_PASSWORD }), headers: { 'content-type': 'application/json' } })],
    ];
    console.log(`\n-- ${Math.round(to * 100)} % (${casesUpTo.toLocaleString('en')} cases, ${Math.round(size.projects * to).toLocaleString('en')} projects); seeding this step ${(seedMs / 1000).toFixed(1)} s`);
    let baseline: autocannon.Result | null = null;
    const only = arg('--only'); // e.g. --only 'work queue' to profile one figure (the baseline always runs)
    for (const [label, next] of figures.filter(([l]) => !only || l === only || l.startsWith('baseline'))) {
      await load(base, next, Math.max(1, Math.round(seconds / 5)));
      const r = await load(base, next, seconds);
      baseline ??= r;
      const bad = r.non2xx + r.errors + r.timeouts;
      const ratio = label.startsWith('baseline') ? '' : ` | ${((r.requests.average / baseline.requests.average) * 100).toFixed(0)} % of baseline req/s, p99 ${(r.latency.p99 / Math.max(1, baseline.latency.p99)).toFixed(1)}×`;
      console.log(`${label.padEnd(20)} ${Math.round(r.requests.average).toLocaleString('en').padStart(6)} req/s | p50 ${r.latency.p50} ms | p99 ${r.latency.p99} ms | ${bad} not 2xx${ratio}`);
    }
    const hwm = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${server.proc.pid}/status`, 'utf8'))?.[1];
    console.log(`server peak RSS ${Math.round(Number(hwm) / 1024)} MB`);
    server.proc.kill('SIGTERM');
    await new Promise((r) => server!.proc.once('exit', r));
    server = null;
  }
} finally {
  if (server) { server.proc.kill('SIGTERM'); await new Promise((r) => server!.proc.once('exit', r)); }
  if (!process.argv.includes('--keep')) { await dropDb(); fs.rmSync(work, { recursive: true, force: true }); } else console.log(`kept: ${env.DATABASE_URL ?? env.KEXIN_DATA_DIR}`);
}
