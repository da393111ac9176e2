import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../../src/server/modules/audit/append-audit';
import { verifyAuditChain } from '../../src/server/modules/audit/audit-repo';
import { DB_KINDS } from '../support/databases';
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
      await appendAudit(tx, t.clock, { actor: null, action: 'subject.update', objectType: 'subject', objectId: 'x' });
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(await count()).toBe(before);
    expect((await verifyAuditChain(t.app.db)).ok).toBe(true);
  });

  it('数据库拒绝修改或删除审计记录', async () => {
    await expect(t.app.db.query("UPDATE audit_events SET action = 'x' WHERE seq = 1")).rejects.toThrow(/append-only/);
    await expect(t.app.db.query('DELETE FROM audit_events WHERE seq = 1')).rejects.toThrow(/append-only/);
  });

  it('完整的链校验通过；篡改某一行后，校验在该行失败', async () => {
    const ok = await verifyAuditChain(t.app.db);
    expect(ok).toMatchObject({ ok: true, firstBroken: null });
    expect(ok.checked).toBe(await count());
    const [{ seq }] = await t.app.db.query<{ seq: number }>('SELECT seq FROM audit_events ORDER BY seq OFFSET 3 LIMIT 1');
    // Someone with database superuser rights switches the guard off and rewrites history.
    await t.app.db.exec('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change');
    await t.app.db.query(`UPDATE audit_events SET after = '{"forged":true}'::jsonb WHERE seq = $1`, [seq]);
    await t.app.db.exec('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_change');
    const broken = await verifyAuditChain(t.app.db);
    expect(broken.ok).toBe(false);
    expect(broken.firstBroken).toEqual({ seq, reason: 'hash_mismatch' });
    expect(broken.checked).toBe(3);
    if (t.testDb.url) {
      // The CLI says the same from outside, and exits non-zero.
      const err = await run('node', ['bin/kexin.mjs', 'audit', 'verify'], { env: { ...process.env, DATABASE_URL: t.testDb.url } }).catch((e) => e);
      expect(err.code).toBe(1);
      expect(err.stderr).toContain(`第 ${seq} 条处断链`);
    }
  });

  it('删除中间一行后，校验在其后一行报告链接断开', async () => {
    const [{ seq }] = await t.app.db.query<{ seq: number }>('SELECT seq FROM audit_events ORDER BY seq OFFSET 1 LIMIT 1');
    await t.app.db.exec('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change');
    await t.app.db.query('DELETE FROM audit_events WHERE seq = $1', [seq]);
    await t.app.db.exec('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_change');
    const [{ next }] = await t.app.db.query<{ next: number }>('SELECT min(seq) AS next FROM audit_events WHERE seq > $1', [seq]);
    expect((await verifyAuditChain(t.app.db)).firstBroken).toEqual({ seq: next, reason: 'link_mismatch' });
  });
});
