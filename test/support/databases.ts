/**
 * Runs a suite on each database kind: PGlite in memory, and a PostgreSQL database created for the
 * suite and dropped after it. Either can start as a copy of a template made once per run by the
 * global setup (templates.ts): migrated, with or without the demo data.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { inject } from 'vitest';
import { openPglite, openPostgres, type Database } from '../../src/server/db/database';
import { databaseUrl } from './pg-url';
import { pgliteTemplateFile, postgresTemplateName, withAdmin, type TemplateName } from './templates';

export type DbKind = 'pglite' | 'postgres';

export const DB_KINDS: DbKind[] = process.env.KEXIN_SKIP_POSTGRES === '1' ? ['pglite'] : ['pglite', 'postgres'];

export interface TestDatabase {
  db: Database;
  url: string | null;
  drop(): Promise<void>;
}

/** Set by the global setup: which templates exist and whose run this is (the name prefix of its databases). */
function provided() {
  const t = inject('kexinTemplates');
  if (!t) throw new Error('模板数据库未建立：请通过 vitest（test/support/global-setup.ts）运行测试');
  return t;
}

/** A blank database, or a copy of a template (`demo`: migrated with the demo data; `empty`: migrated only). */
export async function createTestDatabase(kind: DbKind, opts: { template?: TemplateName } = {}): Promise<TestDatabase> {
  if (kind === 'pglite') {
    let db: Database;
    if (opts.template) {
      const file = pgliteTemplateFile(provided().digest, opts.template);
      if (!fs.existsSync(file)) await (await import('./global-setup')).pgliteTemplate(provided().digest, opts.template);
      const bytes = fs.readFileSync(file);
      db = await openPglite(null, { loadDataDir: bytes });
    } else {
      db = await openPglite(null);
    }
    return { db, url: null, drop: () => db.close() };
  }
  const { runPid, digest } = provided();
  const name = `kexin_test_${runPid}_${crypto.randomBytes(6).toString('hex')}`;
  const create = () => withAdmin((c) => c.query(opts.template ? `CREATE DATABASE ${name} TEMPLATE ${postgresTemplateName(digest, opts.template)}` : `CREATE DATABASE ${name}`));
  try {
    await create();
  } catch (e) {
    // A run of older test code in another checkout may have pruned this run's template: build it again.
    if ((e as { code?: string }).code !== '3D000' || !opts.template) throw e;
    await (await import('./global-setup')).postgresTemplate(digest, opts.template);
    await create();
  }
  const url = databaseUrl(name);
  const db = await openPostgres(url, { max: 5 });
  return {
    db, url,
    async drop() {
      await db.close();
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
