/** A fresh database for a benchmark run: a new PostgreSQL database (dropped afterwards) or an in-memory PGlite. */
import pg from 'pg';
import { openPglite, openPostgres, type Database } from '../src/server/db/database';

const ADMIN = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A new, empty PostgreSQL database for a benchmark (for a server started in another process), and how to drop it. */
export async function createBenchDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: ADMIN });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(ADMIN);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => { const a = new pg.Client({ connectionString: ADMIN }); await a.connect(); await a.query(`DROP DATABASE ${name} WITH (FORCE)`); await a.end(); },
  };
}

export async function openBenchDb(kind: 'postgres' | 'pglite', prefix: string): Promise<{ db: Database; drop: () => Promise<void>; url: string | null }> {
  if (kind === 'pglite') return { db: await openPglite(null), drop: async () => {}, url: null };
  const { url, drop } = await createBenchDatabase(prefix);
  return { db: await openPostgres(url), url, drop };
}
