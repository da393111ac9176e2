/**
 * Runs once before the suite:
 * - checks that the PostgreSQL server answers, so its absence is said loudly at the top instead of
 *   as a wall of connection errors;
 * - builds what is stale (`dist/`: the CLI tests and the browser tests run the compiled system);
 * - makes the template databases every test file copies (templates.ts), reusing the last run's when
 *   nothing they are made from has changed;
 * - at the end, drops this run's PostgreSQL databases that a killed test file left behind.
 */
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../../src/server/db/database';
import { databaseUrl, postgresAdminUrl } from './pg-url';
import { dropOrphanDatabases, markTemplatesUsed, pgliteTemplateFile, postgresTemplateName, pruneTemplates, templateDigest, TEMPLATE_NAMES, withAdmin, writeAtomically, type TemplateName } from './templates';
import { buildTemplateContent, testAuditSeal } from './test-app';
import fs from 'node:fs';

declare module 'vitest' {
  export interface ProvidedContext {
    kexinTemplates: { digest: string; runPid: number };
  }
}

const usePostgres = process.env.KEXIN_SKIP_POSTGRES !== '1';

async function checkPostgres() {
  const client = new pg.Client({ connectionString: postgresAdminUrl(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (err) {
    throw new Error(
      `\n\n*** PostgreSQL 未响应：${postgresAdminUrl()} (${(err as Error).message})\n` +
      `*** 数据库测试必须同时在 PGlite 和 PostgreSQL 上运行。请启动 PostgreSQL（.ci/run 会自动启动），\n` +
      `*** 或用 TEST_DATABASE_URL 指向可用的服务器；只想跑 PGlite 时设置 KEXIN_SKIP_POSTGRES=1。\n`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}

export async function pgliteTemplate(digest: string, name: TemplateName) {
  const file = pgliteTemplateFile(digest, name);
  if (fs.existsSync(file)) return;
  const db = await openPglite(null);
  try {
    await buildTemplateContent(db, name === 'demo');
    await db.exec('VACUUM ANALYZE');
    writeAtomically(file, await db.dumpDataDir!('none'));
  } finally {
    await db.close();
  }
}

/** Built under a temporary name and renamed when complete, so a concurrent run never copies half a template. */
export async function postgresTemplate(digest: string, name: TemplateName) {
  const final = postgresTemplateName(digest, name);
  const exists = async () => (await withAdmin((c) => c.query('SELECT 1 FROM pg_database WHERE datname = $1', [final]))).rowCount! > 0;
  if (await exists()) return;
  const building = `${final}_b${process.pid}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${building}`));
  try {
    const db = await openPostgres(databaseUrl(building), { max: 2 });
    try {
      await buildTemplateContent(db, name === 'demo');
      await db.exec('VACUUM ANALYZE');
    } finally {
      await db.close();
    }
    await withAdmin(async (c) => {
      if (await exists()) return; // another run finished the same template first
      await c.query(`ALTER DATABASE ${building} RENAME TO ${final}`);
      await c.query(`ALTER DATABASE ${final} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
    });
  } finally {
    await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`));
  }
}

export default async function setup(project: TestProject) {
  if (usePostgres) await checkPostgres();
  else console.warn('\n⚠️  KEXIN_SKIP_POSTGRES=1：本次不在 PostgreSQL 上运行数据库测试（只测 PGlite）。\n');
  execFileSync(process.execPath, ['scripts/ensure-built.mjs'], { stdio: 'inherit' });
  testAuditSeal(); // makes the test keys on a first run: the templates are chained under them
  const digest = templateDigest();
  const started = Date.now();
  if (usePostgres) await dropOrphanDatabases(['kexin_test_', 'kexin_bench_']);
  await Promise.all([
    (async () => { for (const n of TEMPLATE_NAMES) await pgliteTemplate(digest, n); })(),
    usePostgres ? (async () => { for (const n of TEMPLATE_NAMES) await postgresTemplate(digest, n); })() : null,
  ]);
  await markTemplatesUsed(digest, usePostgres);
  await pruneTemplates(4, usePostgres);
  if (Date.now() - started > 1000) console.log(`模板数据库已就绪（${digest}，${Date.now() - started} ms）`);
  project.provide('kexinTemplates', { digest, runPid: process.pid });
  return async () => {
    if (usePostgres) await dropOrphanDatabases(['kexin_test_'], process.pid);
  };
}
