/**
 * Runs a suite on each database kind: PGlite in memory, and a fresh PostgreSQL database created
 * for the suite and dropped after it.
 */
import crypto from 'node:crypto';
import pg from 'pg';
import { openPglite, openPostgres, type Database } from '../../src/server/db/database';
import { databaseUrl, postgresAdminUrl } from './pg-url';

export type DbKind = 'pglite' | 'postgres';

export const DB_KINDS: DbKind[] = process.env.KEXIN_SKIP_POSTGRES === '1' ? ['pglite'] : ['pglite', 'postgres'];

export interface TestDatabase {
  db: Database;
  url: string | null;
  drop(): Promise<void>;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: postgresAdminUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export async function createTestDatabase(kind: DbKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const db = await openPglite(null);
    return { db, url: null, drop: () => db.close() };
  }
  const name = `kexin_test_${crypto.randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = databaseUrl(name);
  const db = await openPostgres(url, { max: 5 });
  return {
    db, url,
    async drop() {
      await db.close();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
