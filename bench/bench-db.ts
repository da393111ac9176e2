/** A fresh database for a benchmark run: a new PostgreSQL database (dropped afterwards) or an in-memory PGlite. */
import pg from 'pg';
import { openPglite, openPostgres, type Database } from '../src/server/db/database';

const ADMIN = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * The databases this process created and has not dropped yet. Interrupted (Ctrl-C, or `timeout` in
 * CI), a benchmark drops them before it exits instead of leaving them behind (issue 17).
 */
const undropped = new Set<string>();
async function dropDatabase(name: string) {
  const a = new pg.Client({ connectionString: ADMIN });
  await a.connect();
  try { await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); } finally { await a.end(); }
  undropped.delete(name);
}
const cleanups: Array<() => void> = [];
/** Also done when interrupted, before the databases go (a server to stop, a folder to remove). */
export function atInterrupt(fn: () => void) { dropOnInterrupt(); cleanups.push(fn); }
let handlersInstalled = false;
let stopping = false;
function dropOnInterrupt() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // Not `once`: a second signal (the tsx wrapper passes its own on, `pkill -f` reaches both) would
    // otherwise end the process before the databases are dropped.
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      console.error(`\n${signal}：删除本次基准测试创建的数据库（${[...undropped].join('、') || '无'}）`);
      for (const fn of cleanups) { try { fn(); } catch { /* best effort */ } }
      void Promise.allSettled([...undropped].map(dropDatabase)).finally(() => process.exit(130));
    });
  }
}

/** A new, empty PostgreSQL database for a benchmark (for a server started in another process), and how to drop it. */
export async function createBenchDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${Date.now()}`;
  dropOnInterrupt();
  const admin = new pg.Client({ connectionString: ADMIN });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  undropped.add(name);
  await admin.end();
  const u = new URL(ADMIN);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: () => dropDatabase(name),
  };
}

export async function openBenchDb(kind: 'postgres' | 'pglite', prefix: string): Promise<{ db: Database; drop: () => Promise<void>; url: string | null }> {
  if (kind === 'pglite') return { db: await openPglite(null), drop: async () => {}, url: null };
  const { url, drop } = await createBenchDatabase(prefix);
  return { db: await openPostgres(url), url, drop };
}
