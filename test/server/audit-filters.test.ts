/**
 * The audit log and the login log as their administrators read them (issue 21): each filter narrows
 * the log and only it (operator, action, object, outcome, Beijing dates across midnight), the export
 * honours the same filters, operators by name and roles, actions and objects in Chinese, no full ID
 * number, and nobody else may read either log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../../src/server/modules/audit/append-audit';
import { sheetRows } from '../fixtures/xlsx-read';
import { DB_KINDS } from '../support/databases';
import { loginAs, startTestApp, type TestApp } from '../support/test-app';


describe.each(DB_KINDS)('审计日志与登录日志的筛选（%s）', (kind) => {
  let t: TestApp;
  let businessId: string;
  let integrityId: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    const ids = await t.app.db.query<{ id: string; username: string }>(`SELECT id::text, username FROM users WHERE username IN ('cx_business', 'cx_integrity')`);
    businessId = ids.find((r) => r.username === 'cx_business')!.id;
    integrityId = ids.find((r) => r.username === 'cx_integrity')!.id;
    // Two events of one object either side of Beijing midnight (2026-11-19 23:30 and 2026-11-20 00:30 Beijing), one with a full ID number slipped in.
    const at = (iso: string) => ({ clock: { now: () => new Date(iso) } as never, auditSeal: t.app.auditSeal });
    await t.app.db.transaction(async (tx) => {
      await appendAudit(tx, at('2026-11-19T15:30:00Z'), { actor: { userId: businessId, role: 'business_officer', regionCode: '532300' }, action: 'subject.update', objectType: 'subject', objectId: 'filter-test-object', after: { name: '甲' } });
      await appendAudit(tx, at('2026-11-19T16:30:00Z'), { actor: { userId: integrityId, role: 'integrity_officer', regionCode: '532300' }, action: 'finding.record', objectType: 'subject', objectId: 'filter-test-object', after: { note: '身份证号 110101199003076519' } });
    });
  });
  afterAll(async () => { await t?.close(); });

  type Item = { actorUserId: string | null; action: string; actionLabel: string; operatorName: string | null; operatorUsername: string | null; roleLabel: string; objectType: string | null; objectTypeLabel: string; objectId: string | null; outcome: string; at: string; after: unknown };
  const list = async (q: string) => {
    const c = await loginAs(t, 'auditadmin');
    const res = await c.get(`/api/audit-events?pageSize=100${q}`);
    expect(res.status).toBe(200);
    return res.json as { total: number; items: Item[] };
  };

  it('按操作人筛选：只有此人的事件，显示姓名和用户名、中文角色', async () => {
    const r = await list(`&operator=${businessId}`);
    expect(r.total).toBeGreaterThan(0);
    expect(r.items.every((e) => e.actorUserId === businessId)).toBe(true);
    expect(r.items[0]).toMatchObject({ operatorName: '州局业务科 张华', operatorUsername: 'cx_business', roleLabel: '业务科室工作人员' });
  });

  it('按操作筛选：只有此操作，操作以中文显示', async () => {
    const r = await list('&action=finding.record');
    expect(r.total).toBeGreaterThan(0);
    expect(r.items.every((e) => e.action === 'finding.record' && e.actionLabel === '录入认定事实')).toBe(true);
  });

  it('按对象类型和对象编号筛选：只有此对象的事件，对象类型以中文显示', async () => {
    const r = await list('&objectType=subject&objectId=filter-test-object');
    expect(r.total).toBe(2);
    expect(r.items.every((e) => e.objectId === 'filter-test-object' && e.objectTypeLabel === '信用主体')).toBe(true);
    const byType = await list('&objectType=user');
    expect(byType.items.length).toBeGreaterThan(0);
    expect(byType.items.every((e) => e.objectType === 'user' && e.objectTypeLabel === '账号')).toBe(true);
  });

  it('按日期筛选以北京时间为准：23:30 的事件属于前一天，00:30 的属于当天', async () => {
    const day20 = await list('&objectId=filter-test-object&from=2026-11-20&to=2026-11-20');
    expect(day20.items.map((e) => e.action)).toEqual(['finding.record']);
    const day19 = await list('&objectId=filter-test-object&from=2026-11-19&to=2026-11-19');
    expect(day19.items.map((e) => e.action)).toEqual(['subject.update']);
    const both = await list('&objectId=filter-test-object&from=2026-11-19');
    expect(both.total).toBe(2);
  });

  it('筛选条件可以组合：操作人、操作和日期同时满足', async () => {
    const r = await list(`&operator=${integrityId}&action=finding.record&from=2026-11-20&to=2026-11-20&objectId=filter-test-object`);
    expect(r.total).toBe(1);
    const none = await list(`&operator=${businessId}&action=finding.record&objectId=filter-test-object`);
    expect(none.total).toBe(0);
  });

  it('截止日期早于起始日期：拒绝，指明字段并说明原因', async () => {
    const c = await loginAs(t, 'auditadmin');
    const res = await c.get('/api/audit-events?from=2026-11-20&to=2026-11-19');
    expect(res.status).toBe(400);
    expect((res.json as any).error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'to', message: '截止日期不能早于起始日期' });
  });

  it('日志中的身份证号一律遮蔽，列表中不出现完整号码', async () => {
    const c = await loginAs(t, 'auditadmin');
    const res = await c.get('/api/audit-events?objectId=filter-test-object');
    expect(res.body).not.toContain('110101199003076519');
    expect(res.body).toContain('110101********6519');
  });

  it('分页：每页条数和页码生效，总数不随页码变化', async () => {
    const c = await loginAs(t, 'auditadmin');
    const p1 = (await c.get('/api/audit-events?pageSize=5&page=1')).json as { total: number; items: Array<{ seq: number }> };
    const p2 = (await c.get('/api/audit-events?pageSize=5&page=2')).json as { total: number; items: Array<{ seq: number }> };
    expect(p1.items).toHaveLength(5);
    expect(p2.total).toBe(p1.total);
    expect(p2.items[0].seq).toBeLessThan(p1.items[4].seq);
  });

  it('导出 Excel 采用相同的筛选条件：操作人以姓名显示，操作、对象为中文，时间为北京时间，导出本身记入审计', async () => {
    const c = await loginAs(t, 'auditadmin');
    const res = await c.get('/api/audit-events/export.xlsx?objectId=filter-test-object&from=2026-11-20&to=2026-11-20');
    expect(res.status).toBe(200);
    const rows = await sheetRows(res.raw);
    expect(rows).toHaveLength(2); // header and the one event
    expect(rows[1].slice(1, 6)).toEqual(['2026-11-20 00:30:00', '州局诚信科 王芳（cx_integrity）', '科研诚信管理科室工作人员', '录入认定事实', '信用主体']);
    expect(rows.flat().join(' ')).not.toContain('110101199003076519');
    const [e] = await t.app.db.query<{ after: any }>(`SELECT after FROM audit_events WHERE action = 'audit.export' ORDER BY seq DESC LIMIT 1`);
    expect(e.after).toMatchObject({ rows: 1, filter: { objectId: 'filter-test-object', from: '2026-11-20', to: '2026-11-20' } });
  });

  it('可筛选的操作人列表给出姓名、用户名和中文角色', async () => {
    const c = await loginAs(t, 'auditadmin');
    const res = await c.get('/api/audit-events/operators');
    expect(res.status).toBe(200);
    expect((res.json as any).items).toContainEqual({ id: businessId, username: 'cx_business', displayName: '州局业务科 张华', roleLabel: '业务科室工作人员' });
  });

  it('登录日志：失败的登录带中文原因，可按账号、结果和日期筛选', async () => {
    const bad = await t.server.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'cx_leader', password: 'wrong-password-1' } });
    expect(bad.statusCode).toBe(401);
    const c = await loginAs(t, 'secadmin');
    const res = await c.get('/api/security/login-log?username=cx_leader&outcome=failure&from=2026-11-20&to=2026-11-20');
    expect(res.status).toBe(200);
    const body = res.json as { total: number; items: Array<Record<string, unknown>> };
    expect(body.total).toBeGreaterThan(0);
    expect(body.items.every((e) => e.username === 'cx_leader' && e.outcome === 'failure')).toBe(true);
    expect(body.items[0]).toMatchObject({ displayName: '州局领导 赵强', roleLabel: '局领导', reason: '密码错误' });
    const ok = (await c.get('/api/security/login-log?outcome=success&username=secadmin')).json as { items: Array<Record<string, unknown>> };
    expect(ok.items.length).toBeGreaterThan(0);
    expect(ok.items.every((e) => e.outcome === 'success' && e.username === 'secadmin')).toBe(true);
    const otherDay = (await c.get('/api/security/login-log?username=cx_leader&from=2026-11-21')).json as { total: number };
    expect(otherDay.total).toBe(0);
    const unknown = (await c.get('/api/security/login-log?outcome=failure')).json as { items: Array<Record<string, unknown>> };
    expect(unknown.items.every((e) => typeof e.reason === 'string' && !/_/.test(e.reason as string))).toBe(true);
  });

  it('角色不符：业务人员和安全管理员不能读审计日志，审计管理员和业务人员不能读登录日志（403）', async () => {
    for (const [user, url] of [['cx_business', '/api/audit-events?action=auth.login'], ['secadmin', '/api/audit-events'], ['secadmin', '/api/audit-events/operators'], ['cx_integrity', '/api/audit-events/export.xlsx'],
      ['auditadmin', '/api/security/login-log'], ['cx_business', '/api/security/login-log?outcome=failure']] as const) {
      const c = await loginAs(t, user);
      expect((await c.get(url)).status, `${user} ${url}`).toBe(403);
    }
  });
});
