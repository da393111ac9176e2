/**
 * 三员分立 (GB/T 22239-2019 8.1.4.2; issue 16 H2): the system administrator creates accounts but
 * neither gives them a role nor knows their passwords; the security administrator authorises them
 * (role, region, unit, person) and receives the system's one-time initial password, which must be
 * changed at first login; the three administrator roles come only at installation (`kexin admin
 * create`, while a role has nobody) or by dual control (proposed by the security administrator,
 * approved by the audit administrator); an assignment is checked against what it points to.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { verify } from '@node-rs/argon2';
import { openPglite } from '../../src/server/db/database';
import { createTestDatabase, DB_KINDS } from '../support/databases';
import { loginAs, startTestApp, type Client, type TestApp } from '../support/test-app';

const run = promisify(execFile);

describe.each(DB_KINDS)('三员分立与账号开设（%s）', (kind) => {
  let t: TestApp;
  let sys: Client;
  let sec: Client;
  let aud: Client;
  beforeAll(async () => {
    t = await startTestApp(kind);
    [sys, sec, aud] = [await loginAs(t, 'sysadmin'), await loginAs(t, 'secadmin'), await loginAs(t, 'auditadmin')];
  });
  afterAll(async () => { await t?.close(); });

  const login = (username: string, password: string) => t.server.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  const accountOf = async (username: string) => (await t.app.db.query<{ id: string; role: string | null; status: string; version: number }>('SELECT id, role, status, version FROM users WHERE username = $1', [username]))[0];

  it('H2 系统管理员无法开设审计、安全管理员和省级诚信科账号，也无法用自己设定的密码登录它们、读取审计日志、登录日志或举报人身份', async () => {
    const tries = [
      { username: 'shadow_audit', displayName: '影子审计', role: 'audit_admin', password: 'Shadow#Audit-77' },
      { username: 'shadow_sec', displayName: '影子安全', role: 'security_admin', password: 'Shadow#Secur-77' },
      { username: 'shadow_yn', displayName: '影子诚信', role: 'integrity_officer', regionCode: '530000', password: 'Shadow#Integ-77' },
    ];
    for (const body of tries) await sys.send('POST', '/api/users', body);
    // Whatever was created, the system administrator cannot sign in as it with a password of his choosing.
    const reads: string[] = [];
    for (const body of tries) {
      const r = await login(body.username, body.password);
      if (r.statusCode !== 200) continue;
      const cookie = `kexin_session=${r.cookies.find((c) => c.name === 'kexin_session')!.value}`;
      for (const url of ['/api/audit-events', '/api/security/login-log', '/api/complaints']) {
        const got = await t.server.inject({ method: 'GET', url, headers: { cookie } });
        if (got.statusCode === 200) reads.push(`${body.username} ${url}`);
      }
      reads.push(`${body.username} signed in`);
    }
    expect(reads).toEqual([]);
    expect((await t.app.db.query(`SELECT 1 FROM users WHERE username LIKE 'shadow_%' AND role IS NOT NULL`)).length).toBe(0);
    // Nor can he authorise an account, or approve an administrator.
    const [{ id }] = await t.app.db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'auditor'`);
    expect((await sys.send('POST', `/api/users/${id}/authorization`, { version: 1, role: 'integrity_officer', regionCode: '530000' })).status).toBe(403);
  });

  it('H2 系统管理员只开设账号（用户名、姓名）；安全管理员授权角色与区划并拿到系统生成的一次性初始密码；首次登录只能修改密码，改后可用', async () => {
    const created = await sys.send('POST', '/api/users', { username: 'new_auditor', displayName: '新审计人员' });
    expect([created.status, created.json.status]).toEqual([201, 'pending']);
    expect(JSON.stringify(created.json)).not.toMatch(/password/i);
    // Pending: it cannot sign in at all.
    expect((await login('new_auditor', 'Kexin@2026')).statusCode).toBe(401);
    const acct = await accountOf('new_auditor');
    const auth = await sec.send('POST', `/api/users/${acct.id}/authorization`, { version: acct.version, role: 'auditor', regionCode: '532300' });
    expect(auth.status).toBe(200);
    const initial: string = auth.json.initialPassword;
    expect(initial).toMatch(/^.{16}$/);
    // Only its argon2id hash is kept; the creator's list shows no password.
    const [row] = await t.app.db.query<{ password_hash: string; must_change_password: boolean; created_by: string; authorized_by: string }>(`SELECT password_hash, must_change_password, created_by, authorized_by FROM users WHERE username = 'new_auditor'`);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.must_change_password).toBe(true);
    expect(row.created_by).not.toBe(row.authorized_by);
    expect(JSON.stringify((await sys.get('/api/users')).json)).not.toContain(initial);
    const first = await login('new_auditor', initial);
    expect([first.statusCode, first.json().user.restriction, first.json().user.passwordChangeReason]).toEqual([200, 'change_password', 'initial']);
    const cookie = { cookie: `kexin_session=${first.cookies.find((c) => c.name === 'kexin_session')!.value}` };
    expect((await t.server.inject({ method: 'GET', url: '/api/subjects', headers: cookie })).json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await t.server.inject({ method: 'POST', url: '/api/auth/password', headers: cookie, payload: { current: initial, next: 'Chuxiong#Audit-2027' } })).statusCode).toBe(200);
    expect((await t.server.inject({ method: 'GET', url: '/api/subjects', headers: cookie })).statusCode).toBe(200);
    expect((await login('new_auditor', initial)).statusCode).toBe(401);
    const events = await t.app.db.query<{ action: string; actor_role: string }>(`SELECT action, actor_role FROM audit_events WHERE object_id = $1 AND action LIKE 'account.%' ORDER BY seq`, [acct.id]);
    expect(events.map((e) => [e.action, e.actor_role])).toEqual([['account.create', 'system_admin'], ['account.authorize', 'security_admin']]);
  });

  it('H2 三员角色只能由安全管理员提出、审计管理员复核后授予；复核时系统生成一次性初始密码交复核人；直接授权、自己复核、重复复核都被拒绝', async () => {
    await sys.send('POST', '/api/users', { username: 'second_sec', displayName: '第二安全管理员' });
    const acct = await accountOf('second_sec');
    expect((await sec.send('POST', `/api/users/${acct.id}/authorization`, { version: acct.version, role: 'security_admin' })).json.error).toMatchObject({ code: 'INCONSISTENT', field: 'role' });
    const proposal = await sec.send('POST', `/api/users/${acct.id}/admin-grants`, { role: 'security_admin', reason: '安全管理员轮岗，新增一名' });
    expect(proposal.status).toBe(201);
    expect((await accountOf('second_sec')).status).toBe('pending');
    expect((await sec.send('POST', `/api/admin-grants/${proposal.json.id}/approve`)).status).toBe(403);
    expect((await sys.send('POST', `/api/admin-grants/${proposal.json.id}/approve`)).status).toBe(403);
    const pending = (await aud.get('/api/admin-grants')).json.items;
    expect(pending.map((g: any) => [g.username, g.role, g.proposedBy])).toEqual([['second_sec', 'security_admin', 'secadmin']]);
    const [a, b] = await Promise.all([aud.send('POST', `/api/admin-grants/${proposal.json.id}/approve`), aud.send('POST', `/api/admin-grants/${proposal.json.id}/approve`)]);
    const ok = [a, b].filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    expect((await login('second_sec', ok[0].json.initialPassword)).json().user).toMatchObject({ role: 'security_admin', restriction: 'change_password' });
    expect((await t.app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'account.admin_grant_approve' AND object_id = $1`, [acct.id]))[0].n).toBe(1);
  });

  it('授权时检查所指的单位、人员：单位管理员指向个人、科研人员指向单位、指向不存在的主体、角色不用的区划，都以 4xx 指出字段', async () => {
    const [person] = await t.app.db.query<{ id: string }>(`SELECT id FROM subjects WHERE kind = 'person' LIMIT 1`);
    const [org] = await t.app.db.query<{ id: string }>(`SELECT id FROM subjects WHERE kind = 'organization' LIMIT 1`);
    await sys.send('POST', '/api/users', { username: 'anchor_test', displayName: '锚点测试' });
    const acct = await accountOf('anchor_test');
    const tryAuth = (body: object) => sec.send('POST', `/api/users/${acct.id}/authorization`, { version: acct.version, ...body });
    const cases: Array<[object, string]> = [
      [{ role: 'unit_admin', unitId: person.id }, 'unitId'],
      [{ role: 'researcher', personId: org.id }, 'personId'],
      [{ role: 'unit_admin', unitId: '00000000-0000-4000-8000-00000000dead' }, 'unitId'],
      [{ role: 'researcher', personId: '00000000-0000-4000-8000-00000000dead' }, 'personId'],
      [{ role: 'researcher', personId: person.id, regionCode: '532300' }, 'regionCode'],
      [{ role: 'county_officer', regionCode: '532300' }, 'regionCode'],
    ];
    for (const [body, field] of cases) {
      const r = await tryAuth(body);
      expect([JSON.stringify(body), r.status >= 400 && r.status < 500, r.json.error?.field]).toEqual([JSON.stringify(body), true, field]);
    }
    expect((await accountOf('anchor_test')).status).toBe('pending');
  });

  it('安装时用 kexin admin create 开设三员账号：该角色尚无人时开设并打印一次性密码（首次登录须修改），已有人时拒绝并提示双人复核', async () => {
    // A fresh installation of its own: an empty embedded database in a folder, or a new PostgreSQL database.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kexin-admin-'));
    const fresh = kind === 'postgres' ? await createTestDatabase('postgres') : null;
    const env = { ...t.cliEnv, KEXIN_DEMO: 'false', KEXIN_DATA_DIR: dir, DATABASE_URL: fresh?.url ?? '' };
    try {
      const cli = (...args: string[]) => run('node', ['bin/kexin.mjs', 'admin', 'create', ...args], { env }).catch((e) => e);
      const made = await cli('--role', 'audit_admin', '--username', 'first_audit', '--name', '首任审计管理员');
      expect(made.stdout).toContain('一次性初始密码');
      const password = /：(\S+)$/.exec(made.stdout.trim())![1];
      const again = await cli('--role', 'audit_admin', '--username', 'second_audit', '--name', '第二审计管理员');
      expect([again.code, again.stderr.includes('双人复核')]).toEqual([2, true]);
      expect((await cli('--role', 'business_officer', '--username', 'not_admin', '--name', '业务')).code).toBe(2);
      const db = fresh ? fresh.db : await openPglite(dir);
      try {
        const rows = await db.query<{ username: string; role: string; must_change_password: boolean; password_hash: string }>('SELECT username, role, must_change_password, password_hash FROM users ORDER BY username');
        expect(rows.map((r) => [r.username, r.role, r.must_change_password])).toEqual([['first_audit', 'audit_admin', true]]);
        expect(await verify(rows[0].password_hash, password)).toBe(true);
      } finally {
        if (!fresh) await db.close();
      }
    } finally {
      await fresh?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
