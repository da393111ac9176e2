/** A fresh database for a benchmark run: a new PostgreSQL database (dropped afterwards) or an in-memory PGlite. */
import pg from 'pg';
import { openPglite, openPostgres, type Database } from '../src/server/db/database';

const ADMIN = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function openBenchDb(kind: 'postgres' | 'pglite', prefix: string): Promise<{ db: Database; drop: () => Promise<void>; url: string | null }> {
  if (kind === 'pglite') return { db: await openPglite(null), drop: async () => {}, url: null };
  const name = `${prefix}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: ADMIN });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(ADMIN);
  u.pathname = `/${name}`;
  return {
    db: await openPostgres(u.toString()),
    url: u.toString(),
    drop: async () => { const a = new pg.Client({ connectionString: ADMIN }); await a.connect(); await a.query(`DROP DATABASE ${name} WITH (FORCE)`); await a.end(); },
  };
}
