import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../../src/server/modules/audit/append-audit';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chainText, type AuditEntry } from '../../src/core/audit/events';
import { SoftwareAuditSeal } from '../../src/server/crypto/audit-seal';
import { sm3Hex } from '../../src/server/crypto/sm';
import type { Sql } from '../../src/server/db/database';
import { verifyAuditChain } from '../../src/server/modules/audit/verify-audit-chain';
import { checkpointIfDue, readCheckpoints, verifyAuditLog, writeCheckpoint, type AuditLogReport } from '../../src/server/modules/audit/checkpoints';
import { loadConfig } from '../../src/server/config';
import { openPglite } from '../../src/server/db/database';
import { createTestDatabase, DB_KINDS } from '../support/databases';
import { loginAs, startTestApp, type TestApp } from '../support/test-app';

const run = promisify(execFile);

describe.each(DB_KINDS)('审计日志（%s）', (kind) => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(kind); });
  afterAll(async () => { await t?.close(); });

  const count = async () => (await t.app.db.query<{ n: number }>('SELECT count(*) AS n FROM audit_events'))[0].n;

  it('新增主体在同一事务中写入一条审计事件，记录操作者、角色、区划和变更后内容', async () => {
    const c = await loginAs(t, 'cx_business');
    const before = await count();
    const res = await c.send('POST', '/api/subjects', { kind: 'organization', orgType: 'service_agency', name: '测试咨询中心', creditCode: '91350100M000100Y43', regionCode: '532300' });
    expect(res.status).toBe(201);
    expect(await count()).toBe(before + 1);
    const [e] = await t.app.db.query<any>('SELECT * FROM audit_events WHERE object_id = $1', [res.json.id]);
    expect(e).toMatchObject({ action: 'subject.create', actor_role: 'business_officer', actor_region: '532300', outcome: 'success' });
    expect(e.after).toMatchObject({ name: '测试咨询中心', creditCode: '91350100M000100Y43' });
  });

  it('变更失败（信用代码重复）时既不写主体也不写审计事件', async () => {
    const c = await loginAs(t, 'cx_business');
    const before = await count();
    const [{ n: subjects }] = await t.app.db.query<{ n: number }>('SELECT count(*) AS n FROM subjects');
    const res = await c.send('POST', '/api/subjects', { kind: 'organization', orgType: 'service_agency', name: '重复', creditCode: '91350100M000100Y43', regionCode: '532300' });
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({ code: 'DUPLICATE', field: 'creditCode' });
    expect(await count()).toBe(before);
    expect((await t.app.db.query<{ n: number }>('SELECT count(*) AS n FROM subjects'))[0].n).toBe(subjects);
  });

  it('事务在写入审计事件之后回滚，审计事件随之消失', async () => {
    const before = await count();
    await expect(t.app.db.transaction(async (tx) => {
      await appendAudit(tx, t.app, { actor: null, action: 'subject.update', objectType: 'subject', objectId: 'x' });
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(await count()).toBe(before);
    expect((await verifyAuditChain(t.app.db, t.app.auditSeal)).ok).toBe(true);
  });

  it('数据库拒绝修改或删除审计记录', async () => {
    await expect(t.app.db.query("UPDATE audit_events SET action = 'x' WHERE seq = 1")).rejects.toThrow(/append-only/);
    await expect(t.app.db.query('DELETE FROM audit_events WHERE seq = 1')).rejects.toThrow(/append-only/);
  });

  // Someone with database superuser rights switches the guard off and rewrites history, inside a
  // transaction that is rolled back after the verdict, so every case starts from the same log.
  class Rollback extends Error { constructor(readonly report: AuditLogReport) { super('rollback'); } }
  const tampered = async (change: (tx: Sql, rows: any[]) => Promise<void>, checkpointDir = t.app.config.auditCheckpointDir): Promise<AuditLogReport> => {
    try {
      await t.app.db.transaction(async (tx) => {
        await tx.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change');
        await change(tx, await tx.query<any>('SELECT * FROM audit_events ORDER BY seq'));
        throw new Rollback(await verifyAuditLog(tx, t.app.auditSeal, checkpointDir));
      });
    } catch (e) { if (e instanceof Rollback) return e.report; throw e; }
    throw new Error('unreachable');
  };
  const entryOf = (r: any): AuditEntry => ({ seq: Number(r.seq), at: new Date(r.at).toISOString(), actorUserId: r.actor_user_id, actorRole: r.actor_role, actorRegion: r.actor_region,
    action: r.action, objectType: r.object_type, objectId: r.object_id, outcome: r.outcome, before: r.before, after: r.after, ip: r.ip });
  /** Re-links every event from index k on with `hash` (what a forger would do to hide an edit). */
  const rechain = async (tx: Sql, rows: any[], k: number, hash: (text: string) => string, keyId: string | null) => {
    let prev = k === 0 ? rows[0].prev_hash : rows[k - 1].hash;
    for (const r of rows.slice(k)) {
      const h = hash(chainText(prev, entryOf(r)));
      await tx.query('UPDATE audit_events SET prev_hash = $2, hash = $3, mac_key_id = $4 WHERE seq = $1', [r.seq, prev, h, keyId]);
      prev = h;
    }
  };
  const forgery = new SoftwareAuditSeal([Buffer.alloc(32, 9)], '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8');

  it('完整的日志校验通过：每条以 HMAC-SM3（库外密钥）链接，记录所用密钥编号', async () => {
    const r = await verifyAuditLog(t.app.db, t.app.auditSeal, t.app.config.auditCheckpointDir);
    expect(r).toMatchObject({ ok: true, firstBroken: null, checked: await count() });
    const keys = await t.app.db.query<{ mac_key_id: string }>('SELECT DISTINCT mac_key_id FROM audit_events');
    expect(keys).toEqual([{ mac_key_id: t.app.auditSeal.macKeyId }]);
  });

  it('篡改矩阵：修改、删除、插入、调换顺序、无密钥或用他人密钥重算整条链，全部在第一处被发现', async () => {
    await writeCheckpoint(t.app);
    const k = 3;
    const cases: [string, (tx: Sql, rows: any[]) => Promise<void>, (rows: any[]) => { seq: number; reason: string }][] = [
      ['修改一条的内容', async (tx, rows) => { await tx.query(`UPDATE audit_events SET after = '{"forged":true}'::jsonb WHERE seq = $1`, [rows[k].seq]); },
        (rows) => ({ seq: Number(rows[k].seq), reason: 'hash_mismatch' })],
      ['修改后用无密钥的 SM3 重算其后整条链', async (tx, rows) => {
        await tx.query(`UPDATE audit_events SET after = '{"forged":true}'::jsonb WHERE seq = $1`, [rows[k].seq]);
        await rechain(tx, await tx.query<any>('SELECT * FROM audit_events ORDER BY seq'), k, sm3Hex, null);
      }, (rows) => ({ seq: Number(rows[k].seq), reason: 'keyless_after_keyed' })],
      ['修改后用伪造者自己的密钥重算、冒用本系统的密钥编号', async (tx, rows) => {
        await tx.query(`UPDATE audit_events SET after = '{"forged":true}'::jsonb WHERE seq = $1`, [rows[k].seq]);
        await rechain(tx, await tx.query<any>('SELECT * FROM audit_events ORDER BY seq'), k, (x) => forgery.mac(forgery.macKeyId, x)!, t.app.auditSeal.macKeyId);
      }, (rows) => ({ seq: Number(rows[k].seq), reason: 'hash_mismatch' })],
      ['修改后用他人密钥重算并写上其密钥编号', async (tx, rows) => {
        await tx.query(`UPDATE audit_events SET after = '{"forged":true}'::jsonb WHERE seq = $1`, [rows[k].seq]);
        await rechain(tx, await tx.query<any>('SELECT * FROM audit_events ORDER BY seq'), k, (x) => forgery.mac(forgery.macKeyId, x)!, forgery.macKeyId);
      }, (rows) => ({ seq: Number(rows[k].seq), reason: 'unknown_key' })],
      ['删除中间一条', async (tx, rows) => { await tx.query('DELETE FROM audit_events WHERE seq = $1', [rows[k].seq]); },
        (rows) => ({ seq: Number(rows[k + 1].seq), reason: 'link_mismatch' })],
      ['在中间插入一条（占用序号空位）', async (tx, rows) => {
        // Make room: shift the later events up by one (through negative numbers, the key being unique).
        await tx.query('UPDATE audit_events SET seq = -(seq + 1) WHERE seq > $1', [rows[k].seq]);
        await tx.query('UPDATE audit_events SET seq = -seq WHERE seq < 0');
        await tx.query(`INSERT INTO audit_events (seq, at, action, outcome, prev_hash, hash, mac_key_id) VALUES ($1 + 1, now(), 'auth.login', 'success', $2, $3, $4)`,
          [rows[k].seq, rows[k].hash, 'f'.repeat(64), t.app.auditSeal.macKeyId]);
      }, (rows) => ({ seq: Number(rows[k].seq) + 1, reason: 'hash_mismatch' })],
      ['调换相邻两条的顺序', async (tx, rows) => {
        await tx.query('UPDATE audit_events SET seq = -1 WHERE seq = $1', [rows[k].seq]);
        await tx.query('UPDATE audit_events SET seq = $1 WHERE seq = $2', [rows[k].seq, rows[k + 1].seq]);
        await tx.query('UPDATE audit_events SET seq = $1 WHERE seq = -1', [rows[k + 1].seq]);
      }, (rows) => ({ seq: Number(rows[k].seq), reason: 'link_mismatch' })],
    ];
    const rows = await t.app.db.query<any>('SELECT * FROM audit_events ORDER BY seq');
    let detected = 0;
    for (const [name, change, expected] of cases) {
      const r = await tampered(change);
      expect({ name, ok: r.ok, firstBroken: r.firstBroken }).toEqual({ name, ok: false, firstBroken: expected(rows) });
      detected++;
    }
    expect(detected).toBe(cases.length);
    expect((await verifyAuditLog(t.app.db, t.app.auditSeal, t.app.config.auditCheckpointDir)).ok).toBe(true);
  });

  it('截断末尾若干条（或恢复旧数据库）后链本身仍然完整，但库外的 SM2 签名检查点发现缺失', async () => {
    const cp = await writeCheckpoint(t.app);
    const truncated = await tampered(async (tx) => { await tx.query('DELETE FROM audit_events WHERE seq > $1', [cp!.seq - 3]); });
    expect(truncated.firstBroken).toBeNull();
    expect(truncated.ok).toBe(false);
    expect(truncated.checkpoints.problems).toContainEqual({ seq: cp!.seq, reason: 'missing' });
    expect(truncated.summary).toContain(`第 ${cp!.seq} 条数据库中已没有该条记录`);
  });

  it('检查点本身被改、被换成他人签名或文件损坏，都会被发现', async () => {
    const cp = (await writeCheckpoint(t.app))!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kexin-cp-'));
    const other = forgery.sign(`kexin-audit-checkpoint|v1|${cp.seq}|${cp.hash}|${cp.at}`);
    fs.writeFileSync(path.join(dir, 'checkpoints.jsonl'), [
      JSON.stringify({ ...cp, at: '2020-01-01T00:00:00.000Z' }),
      JSON.stringify({ ...cp, publicKey: forgery.publicKey, signature: other }),
      '{"seq": "not a checkpoint"',
      JSON.stringify(cp),
    ].join('\n'));
    const r = await verifyAuditLog(t.app.db, t.app.auditSeal, dir);
    // The earlier checkpoints the log records as written are not in this folder either.
    const earlier = (await t.app.db.query<{ seq: string }>(`SELECT after->>'seq' AS seq FROM audit_events WHERE action = 'audit.checkpoint' AND (after->>'seq')::bigint <> $1 ORDER BY seq`, [cp.seq])).map((x) => Number(x.seq));
    expect(r.checkpoints.checked).toBe(3);
    expect(r.checkpoints.problems).toEqual([{ seq: null, line: 3, reason: 'unreadable' }, ...earlier.map((seq) => ({ seq, reason: 'absent_from_file' })), { seq: cp.seq, reason: 'bad_signature' }, { seq: cp.seq, reason: 'foreign_key' }]);
    expect(r.ok).toBe(false);
  });

  it('命令行 kexin audit verify 从库外同样发现篡改，非零退出并说明第几条', async () => {
    const [{ seq }] = await t.app.db.query<{ seq: number }>('SELECT seq FROM audit_events ORDER BY seq OFFSET 3 LIMIT 1');
    if (!t.testDb.url) return; // PGlite in memory cannot be opened by a second process
    const ok = await run('node', ['bin/kexin.mjs', 'audit', 'verify'], { env: t.cliEnv });
    expect(ok.stdout).toContain('审计日志完整');
    await t.app.db.exec('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change');
    await t.app.db.query(`UPDATE audit_events SET after = '{"forged":true}'::jsonb WHERE seq = $1`, [seq]);
    await t.app.db.exec('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_change');
    const err = await run('node', ['bin/kexin.mjs', 'audit', 'verify'], { env: t.cliEnv }).catch((e) => e);
    expect(err.code).toBe(1);
    expect(err.stderr).toContain(`哈希链在第 ${seq} 条处断链（内容与哈希不符）`);
  });

  it('M7 检查点文件被删除或清空后校验不通过，不再报告“完整”；从未写过检查点的首次运行如实说明；报告未受检查点保护的条数', async () => {
    const fresh = await startTestApp(kind);
    try {
      const dir = fresh.app.config.auditCheckpointDir;
      const first = await verifyAuditLog(fresh.app.db, fresh.app.auditSeal, dir);
      expect([first.ok, first.checkpoints.firstRun, first.unprotectedTail]).toEqual([true, true, first.lastSeq]);
      expect(first.summary).toContain('首次运行');
      await writeCheckpoint(fresh.app);
      await (await loginAs(fresh, 'cx_business')).send('POST', '/api/subjects', { kind: 'organization', orgType: 'service_agency', name: '检查点之后的单位', creditCode: '91350100M000100Y43', regionCode: '532300' });
      const cp = (await writeCheckpoint(fresh.app))!;
      const good = await verifyAuditLog(fresh.app.db, fresh.app.auditSeal, dir);
      expect([good.ok, good.unprotectedTail, good.checkpoints.protectedUpTo]).toEqual([true, 1, cp.seq]);
      expect(good.summary).toContain('还有 1 条记录未受检查点保护');
      // Deleted, then emptied: the log says two checkpoints were written, the folder has none.
      const file = path.join(dir, 'checkpoints.jsonl');
      const kept = fs.readFileSync(file);
      for (const damage of [() => fs.rmSync(file), () => fs.writeFileSync(file, '')]) {
        damage();
        const r = await verifyAuditLog(fresh.app.db, fresh.app.auditSeal, dir);
        expect([r.ok, r.checkpoints.firstRun, r.checkpoints.problems.map((p) => p.reason)]).toEqual([false, false, ['absent_from_file', 'absent_from_file']]);
        expect(r.summary).not.toContain('首次运行');
        if (fresh.testDb.url) {
          const cli = await run('node', ['bin/kexin.mjs', 'audit', 'verify'], { env: fresh.cliEnv }).catch((e) => e);
          expect([cli.code, cli.stderr.includes('审计日志异常')]).toEqual([1, true]);
        }
      }
      fs.writeFileSync(file, kept);
      expect((await verifyAuditLog(fresh.app.db, fresh.app.auditSeal, dir)).ok).toBe(true);
    } finally {
      await fresh.close();
    }
  });

  it('M7 写满设定的条数即写检查点（KEXIN_AUDIT_CHECKPOINT_EVENTS），之后只有检查点本身的记录时不再重复写', async () => {
    const config = t.app.config as { auditCheckpointEvents: number; auditCheckpointMinutes: number };
    const saved = { ...config };
    try {
      config.auditCheckpointMinutes = 24 * 60;
      config.auditCheckpointEvents = 5;
      const last = await writeCheckpoint(t.app);
      expect(await checkpointIfDue(t.app)).toBeNull();
      for (let i = 0; i < 3; i++) await t.app.db.transaction((tx) => appendAudit(tx, t.app, { actor: null, action: 'demo.seed', objectType: 'test' }));
      expect(await checkpointIfDue(t.app)).toBeNull(); // 4 events since (3 and the checkpoint's own record)
      await t.app.db.transaction((tx) => appendAudit(tx, t.app, { actor: null, action: 'demo.seed', objectType: 'test' }));
      const cp = await checkpointIfDue(t.app);
      expect(cp?.seq).toBe(last!.seq + 5);
      expect(await checkpointIfDue(t.app)).toBeNull();
    } finally {
      Object.assign(config, saved);
    }
    expect(loadConfig({ KEXIN_AUDIT_CHECKPOINT_EVENTS: '200' }).auditCheckpointEvents).toBe(200);
    expect(() => loadConfig({ KEXIN_AUDIT_CHECKPOINT_EVENTS: 'many' })).toThrow('KEXIN_AUDIT_CHECKPOINT_EVENTS');
  });

  it('M7 服务进程启动时和停机时（SIGTERM）各写一个检查点：停机后未受保护的只有这个检查点本身的记录', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kexin-stop-'));
    const pg = kind === 'postgres' ? await createTestDatabase('postgres') : null;
    try {
      const port = 20_000 + Math.floor(Math.random() * 20_000);
      const env = { ...t.cliEnv, PORT: String(port), KEXIN_DATA_DIR: path.join(dir, 'data'), KEXIN_AUDIT_CHECKPOINT_DIR: path.join(dir, 'cp'), KEXIN_DEMO: 'false', KEXIN_SWEEP_SECONDS: '0', DATABASE_URL: pg?.url ?? '' };
      const server = spawn(process.execPath, ['bin/kexin.mjs', 'serve'], { env, stdio: 'ignore' });
      for (let i = 0; ; i++) {
        try { if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break; } catch { /* starting */ }
        if (i > 1200) throw new Error('server did not start');
        await new Promise((r) => setTimeout(r, 50));
      }
      const atStart = readCheckpoints(path.join(dir, 'cp')).checkpoints.length;
      expect(atStart).toBe(1);
      await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'nobody', password: 'x' }) });
      const gone = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await gone;
      const db = pg ? pg.db : await openPglite(path.join(dir, 'data'));
      try {
        const r = await verifyAuditLog(db, t.app.auditSeal, path.join(dir, 'cp'));
        expect([r.ok, r.checkpoints.checked, r.unprotectedTail]).toEqual([true, 2, 1]);
      } finally {
        if (!pg) await db.close();
      }
    } finally {
      await pg?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
