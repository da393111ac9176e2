/**
 * Backup and restore (GB/T 22239-2019 8.1.4.11), run as an operator runs them (`kexin backup`,
 * `kexin restore`, `kexin audit verify`): a round trip keeps every row of every table and an audit
 * chain that still verifies; a damaged backup file is refused; a restore never overwrites data.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/time/clock';
import { createApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { Sm4FieldCipher } from '../../src/server/crypto/sm';
import { createTestDatabase, DB_KINDS } from '../support/databases';
import { startTestApp, TEST_NOW } from '../support/test-app';

const exec = promisify(execFile);
const kexin = (args: string[], env: NodeJS.ProcessEnv) => exec(process.execPath, ['bin/kexin.mjs', ...args], { env: { ...process.env, LOG_LEVEL: 'silent', ...env } }).catch((e) => e);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kexin-backup-'));
const keys = { KEXIN_KEY_FILE: path.resolve('.kexin-test/keys/data.key'), KEXIN_AUDIT_CHECKPOINT_DIR: path.join(tmp, 'checkpoints') };

describe('备份与恢复', () => {
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('PGlite：kexin backup 打包数据目录并写清单；kexin restore 恢复到空目录后各表行数与审计链尾一致，审计日志校验通过', async () => {
    const source = path.join(tmp, 'source');
    // A data folder with the demo data and its cases, made the way `npm start` makes it, then closed.
    const config = { ...loadConfig({ KEXIN_DATA_DIR: source, LOG_LEVEL: 'silent', KEXIN_KEY_FILE: keys.KEXIN_KEY_FILE }), auditCheckpointDir: keys.KEXIN_AUDIT_CHECKPOINT_DIR };
    const app = await createApp(config, { clock: fixedClock(TEST_NOW), demo: true, cipher: new Sm4FieldCipher(new Map([['k1', Buffer.alloc(16, 3)]]), 'k1') });
    const [{ n: events }] = await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events');
    await app.db.close();
    const file = path.join(tmp, 'pglite.tar.gz');
    const made = await kexin(['backup', '--out', file], { ...keys, KEXIN_DATA_DIR: source });
    expect(made.stdout).toContain(`审计日志至第 ${events} 条`);
    const manifest = JSON.parse(fs.readFileSync(`${file}.manifest.json`, 'utf8'));
    expect(manifest.tables.audit_events).toBe(events);
    expect(manifest.tables.subjects).toBeGreaterThan(300);

    const target = path.join(tmp, 'restored');
    const restored = await kexin(['restore', file], { ...keys, KEXIN_DATA_DIR: target });
    expect(restored.stdout).toContain('与备份清单一致');
    expect((await kexin(['audit', 'verify'], { ...keys, KEXIN_DATA_DIR: target })).stdout).toContain(`已校验 ${events} 条`);
    // Never over existing data.
    const again = await kexin(['restore', file], { ...keys, KEXIN_DATA_DIR: target });
    expect([again.code, again.stderr]).toEqual([1, expect.stringContaining('已有数据库')]);
    // A damaged file is refused before anything is written.
    const damaged = path.join(tmp, 'damaged.tar.gz');
    const bytes = fs.readFileSync(file);
    bytes[bytes.length >> 1] ^= 0xff;
    fs.writeFileSync(damaged, bytes);
    fs.copyFileSync(`${file}.manifest.json`, `${damaged}.manifest.json`);
    const refused = await kexin(['restore', damaged], { ...keys, KEXIN_DATA_DIR: path.join(tmp, 'never') });
    expect([refused.code, refused.stderr]).toEqual([1, expect.stringContaining('SHA-256 不符')]);
    expect(fs.existsSync(path.join(tmp, 'never', 'pglite'))).toBe(false);
  }, 120_000);

  it.runIf(DB_KINDS.includes('postgres'))('PostgreSQL：pg_dump 备份、pg_restore 恢复到新建空库，行数与审计链尾一致，审计日志校验通过；非空库拒绝恢复', async () => {
    const t = await startTestApp('postgres');
    const empty = await createTestDatabase('postgres');
    try {
      const file = path.join(tmp, 'pg.dump');
      const made = await kexin(['backup', '--out', file], t.cliEnv);
      expect(made.stdout).toContain('已备份到');
      const [{ n: events }] = await t.app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events');
      const restored = await kexin(['restore', file], { ...t.cliEnv, DATABASE_URL: empty.url! });
      expect(restored.stdout).toContain('与备份清单一致');
      expect((await kexin(['audit', 'verify'], { ...t.cliEnv, DATABASE_URL: empty.url! })).stdout).toContain(`已校验 ${events} 条`);
      const refused = await kexin(['restore', file], t.cliEnv);
      expect([refused.code, refused.stderr]).toEqual([1, expect.stringContaining('不是空库')]);
    } finally {
      await empty.drop();
      await t.close();
    }
  }, 120_000);
});
