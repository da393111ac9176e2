/**
 * Runs once before the suite: checks that the PostgreSQL server answers, so its absence is said
 * loudly at the top instead of as a wall of connection errors.
 */
import pg from 'pg';
import { postgresAdminUrl } from './pg-url';

export default async function setup() {
  if (process.env.KEXIN_SKIP_POSTGRES === '1') {
    console.warn('\n⚠️  KEXIN_SKIP_POSTGRES=1：本次不在 PostgreSQL 上运行数据库测试（只测 PGlite）。\n');
    return;
  }
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
