/**
 * Template databases: the suite migrates and loads the demo once per kind, in the global setup, and
 * every test file starts from a copy — a saved PGlite data folder it is opened from, or a PostgreSQL
 * `CREATE DATABASE … TEMPLATE`. A template is named by the digest of what it is made from (sources,
 * migrations, the test clock and the audit keys), so a changed source makes a new one and an unchanged
 * one is reused from the last run. Test databases carry the setup process's pid in their name, so a
 * run that was killed leaves nothing the next run does not drop.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { postgresAdminUrl } from './pg-url';

export type TemplateName = 'demo' | 'empty';
export const TEMPLATE_NAMES: readonly TemplateName[] = ['demo', 'empty'];

export const TEST_ROOT = path.resolve('.kexin-test');
export const TEST_KEY_DIR = path.join(TEST_ROOT, 'keys');
const TEMPLATE_DIR = path.join(TEST_ROOT, 'templates');

function* files(p: string): Generator<string> {
  const st = fs.statSync(p, { throwIfNoEntry: false });
  if (!st) return;
  if (st.isFile()) { yield p; return; }
  for (const name of fs.readdirSync(p).sort()) yield* files(path.join(p, name));
}

/** What a template is made from. The audit keys count: a template chained under other keys would not verify. */
export function templateDigest(): string {
  const h = crypto.createHash('sha256');
  for (const input of ['src/server', 'src/core', 'migrations', 'test/support/test-app.ts', 'test/support/templates.ts', path.join(TEST_KEY_DIR, 'audit-mac.keys'), path.join(TEST_KEY_DIR, 'audit-sm2.key')]) {
    for (const f of files(path.resolve(input))) h.update(path.relative(process.cwd(), f)).update('\0').update(fs.readFileSync(f)).update('\0');
  }
  return h.digest('hex').slice(0, 12);
}

export const pgliteTemplateFile = (digest: string, name: TemplateName) => path.join(TEMPLATE_DIR, `${digest}-${name}.tar`);
export const postgresTemplateName = (digest: string, name: TemplateName) => `kexin_tpl_${digest}_${name}`;

export async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: postgresAdminUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export function writeAtomically(file: string, bytes: Buffer) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, file);
}

/** A template some run used within this long is never pruned: a second checkout's suite may be copying it. */
const IN_USE_MS = 3 * 3600_000;

/** Records that a run uses this digest's templates now (file times; a comment on each PostgreSQL template). */
export async function markTemplatesUsed(digest: string, postgres: boolean) {
  const now = new Date();
  if (fs.existsSync(TEMPLATE_DIR)) for (const f of fs.readdirSync(TEMPLATE_DIR)) if (f.startsWith(`${digest}-`)) fs.utimesSync(path.join(TEMPLATE_DIR, f), now, now);
  if (!postgres) return;
  await withAdmin(async (c) => {
    const rows = (await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`kexin\\_tpl\\_${digest}\\_%`])).rows;
    for (const r of rows) await c.query(`COMMENT ON DATABASE ${r.datname} IS 'kexin template, used ${now.getTime()}'`);
  });
}

/**
 * Keeps the `keep` newest digests and any digest a run used within IN_USE_MS; several checkouts on
 * one machine (worktrees) each run their own digest and must not drop each other's templates mid-run.
 */
export async function pruneTemplates(keep: number, postgres: boolean) {
  const cutoff = Date.now() - IN_USE_MS;
  if (fs.existsSync(TEMPLATE_DIR)) {
    const byDigest = new Map<string, number>();
    for (const f of fs.readdirSync(TEMPLATE_DIR)) {
      const m = /^([0-9a-f]{12})-/.exec(f);
      if (m) byDigest.set(m[1], Math.max(byDigest.get(m[1]) ?? 0, fs.statSync(path.join(TEMPLATE_DIR, f)).mtimeMs));
    }
    const old = [...byDigest].sort((a, b) => b[1] - a[1]).slice(keep).filter(([, used]) => used < cutoff).map(([d]) => d);
    for (const f of fs.readdirSync(TEMPLATE_DIR)) if (old.some((d) => f.startsWith(d)) || (f.endsWith('.tmp') && fs.statSync(path.join(TEMPLATE_DIR, f)).mtimeMs < cutoff)) fs.rmSync(path.join(TEMPLATE_DIR, f), { force: true });
  }
  if (!postgres) return;
  await withAdmin(async (c) => {
    const rows = (await c.query<{ datname: string; note: string | null }>(`SELECT datname, shobj_description(oid, 'pg_database') AS note FROM pg_database WHERE datname LIKE 'kexin\\_tpl\\_%' ORDER BY oid DESC`)).rows;
    const usedAt = (r: { note: string | null }) => Number(/used (\d+)/.exec(r.note ?? '')?.[1] ?? 0);
    const digests = [...new Set(rows.map((r) => r.datname.split('_')[2]))];
    for (const d of digests.slice(keep)) {
      const mine = rows.filter((x) => x.datname.split('_')[2] === d);
      if (mine.some((r) => usedAt(r) >= cutoff)) continue;
      for (const r of mine) {
        await c.query(`ALTER DATABASE ${r.datname} WITH IS_TEMPLATE false`).catch(() => {});
        await c.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`).catch(() => {});
      }
    }
  });
}

const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; } };

/** Drops the test databases of runs whose process is gone (killed runs, interrupted benchmarks). */
export async function dropOrphanDatabases(prefixes: string[], runPid?: number) {
  await withAdmin(async (c) => {
    for (const prefix of prefixes) {
      const rows = (await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${prefix.replace(/_/g, '\\_')}%`])).rows;
      for (const { datname } of rows) {
        const m = /_(\d+)_[0-9a-f]+$/.exec(datname);
        if (!m) continue; // named by an older harness that may still be running elsewhere
        const pid = Number(m[1]);
        if (runPid !== undefined ? pid === runPid : !alive(pid)) await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(() => {});
      }
    }
  });
}
