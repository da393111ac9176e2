/**
 * Signing in under attack (GB/T 22239-2019 8.1.4.1; OWASP ASVS V6; issue 16 M1, M2 and the low
 * findings on login): a burst of parallel wrong passwords verifies at most five and leaves the
 * account locked even if a right one is in the burst; a TOTP code raced by eight logins opens one
 * session; every failure gets the same answer; a lock that has expired does not come back at the
 * next mistake; what is typed as a username is kept only if it names an account; the password rule
 * refuses common passwords and the username; setting up a second factor and marking a reminder
 * read are audited.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, stepOf, totpAt } from '../../src/server/crypto/totp';
import { DEMO_PASSWORD } from '../../src/server/demo/load-demo';
import { DB_KINDS } from '../support/databases';
import { startTestApp, type TestApp } from '../support/test-app';

describe.each(DB_KINDS)('登录：并发攻击与统一答复（%s）', (kind) => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(kind, { secondFactor: true }); });
  afterAll(async () => { await t?.close(); });

  const login = (username: string, password: string, totp?: string) =>
    t.server.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password, ...(totp ? { totp } : {}) } });
  const cookieOf = (r: Awaited<ReturnType<typeof login>>) => ({ cookie: `kexin_session=${r.cookies.find((c) => c.name === 'kexin_session')!.value}` });
  const reasons = async (username: string) => (await t.app.db.query<{ reason: string }>(
    `SELECT after->>'reason' AS reason FROM audit_events WHERE action = 'auth.login' AND outcome = 'failure' AND object_id = (SELECT id::text FROM users WHERE username = $1) ORDER BY seq`, [username])).map((r) => r.reason);

  /** Binds a second factor the way a person does; returns the secret. */
  async function enrol(username: string): Promise<Buffer> {
    const first = await login(username, DEMO_PASSWORD);
    const headers = cookieOf(first);
    const setup = (await t.server.inject({ method: 'POST', url: '/api/auth/totp/setup', headers, payload: {} })).json();
    const secret = base32Decode(setup.secret);
    expect((await t.server.inject({ method: 'POST', url: '/api/auth/totp/enable', headers, payload: { code: totpAt(secret, stepOf(t.clock.now())) } })).statusCode).toBe(200);
    return secret;
  }

  it('M1 16 个错误密码与 1 个正确密码同时到达：至多核验 5 个密码，至多开出 1 个会话；之后再错到 5 次即锁定', async () => {
    const burst = [...Array.from({ length: 16 }, (_, i) => login('cx_leader', `Wrong#Guess-${i}`)), login('cx_leader', DEMO_PASSWORD)];
    const answers = await Promise.all(burst);
    const verified = (await reasons('cx_leader')).filter((r) => r === 'bad_credentials').length;
    expect(verified).toBeLessThanOrEqual(5);
    expect(answers.filter((r) => r.statusCode === 200).length).toBeLessThanOrEqual(1);
    for (let i = 0; i < 5; i++) await login('cx_leader', `Wrong#Again-${i}`);
    expect((await login('cx_leader', DEMO_PASSWORD)).statusCode).toBe(401);
  });

  it('M1 正确的密码在核验期间，并发的失败把账号锁定了：这次成功不解除锁定，也不开会话', async () => {
    const attempt = login('cxs_officer', DEMO_PASSWORD);
    // Once the attempt is counted and its argon2id verification runs, failures elsewhere lock the account.
    const started = Date.now();
    while (Date.now() - started < 30) {
      const [u] = await t.app.db.query<{ n: number }>(`SELECT logins_in_flight AS n FROM users WHERE username = 'cxs_officer'`).catch(() => [{ n: 0 }]);
      if (u.n > 0) break;
    }
    await t.app.db.query(`UPDATE users SET failed_logins = 5, locked_until = $1 WHERE username = 'cxs_officer'`, [new Date(t.clock.now().getTime() + 15 * 60_000).toISOString()]);
    expect((await attempt).statusCode).toBe(401);
    const [u] = await t.app.db.query<{ locked_until: Date | null }>(`SELECT locked_until FROM users WHERE username = 'cxs_officer'`);
    expect(u.locked_until && new Date(u.locked_until) > t.clock.now()).toBe(true);
    expect((await t.app.db.query(`SELECT 1 FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'cxs_officer'`)).length).toBe(0);
  });

  it('M2 同一动态口令被 8 个并发登录同时使用：只开出 1 个会话', async () => {
    const secret = await enrol('cx_business');
    t.clock.advance(30_000);
    const code = totpAt(secret, stepOf(t.clock.now()));
    const results = await Promise.all(Array.from({ length: 8 }, () => login('cx_business', DEMO_PASSWORD, code)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401, 401, 401, 401, 401, 401, 401]);
    const [{ n }] = await t.app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'cx_business' AND s.created_at = $1`, [t.clock.now().toISOString()]);
    expect(n).toBe(1);
  });

  it('每种登录失败的答复都一样：查无此人、密码错误、账号锁定、缺少或错误的动态口令、待授权账号', async () => {
    await t.app.db.query(`INSERT INTO users (id, username, display_name, status, password_changed_at, created_at) VALUES ($1, 'pending_one', '待授权', 'pending', now(), now())`, [randomUUID()]);
    t.clock.advance(30_000);
    const answers = {
      unknown: await login('no_such_user', DEMO_PASSWORD),
      wrongPassword: await login('cx_integrity', 'Wrong#Guess-1'),
      locked: await login('cx_leader', DEMO_PASSWORD),
      missingCode: await login('cx_business', DEMO_PASSWORD),
      wrongCode: await login('cx_business', DEMO_PASSWORD, '000000'),
      pending: await login('pending_one', DEMO_PASSWORD),
    };
    const seen = Object.fromEntries(Object.entries(answers).map(([k, r]) => [k, `${r.statusCode} ${r.body}`]));
    expect(new Set(Object.values(seen)).size).toBe(1);
    expect(answers.unknown.json().error).toEqual({ code: 'LOGIN_FAILED', message: expect.any(String), messageEn: expect.any(String), field: null });
  });

  it('锁定期满后再错一次不会立即重新锁定（失败次数衰减）', async () => {
    for (let i = 0; i < 5; i++) await login('auditor', `Wrong#Guess-${i}`);
    expect((await login('auditor', DEMO_PASSWORD)).statusCode).toBe(401);
    t.clock.advance(15 * 60_000 + 1_000);
    expect((await login('auditor', 'Wrong#Guess-9')).statusCode).toBe(401);
    expect((await login('auditor', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('登录失败时，用户名框里输入的内容只有在确有此账号时才记入日志（密码误输入用户名框不留痕）', async () => {
    const typed = 'Kexin@2026-mistyped';
    expect((await login(typed, 'anything')).statusCode).toBe(401);
    const text = JSON.stringify(await t.app.db.query(`SELECT object_id, after FROM audit_events WHERE action = 'auth.login'`));
    expect(text).not.toContain(typed);
    expect(text).toContain('cx_integrity'); // a real account's failures still name it
  });

  it('密码规则：拒绝 Password1、P@ssw0rd2027 这类常见密码和包含用户名的密码，字段为 next', async () => {
    const r = await login('unit_admin', DEMO_PASSWORD);
    const headers = cookieOf(r);
    const change = (next: string) => t.server.inject({ method: 'POST', url: '/api/auth/password', headers, payload: { current: DEMO_PASSWORD, next } });
    for (const weak of ['Password1', 'P@ssw0rd2027', 'Qwerty@123', 'Unit_Admin#2027']) {
      const res = await change(weak);
      expect([weak, res.statusCode, res.json().error?.field]).toEqual([weak, 400, 'next']);
    }
    expect((await change('Chuxiong#Unit-2027')).statusCode).toBe(200);
  });

  it('生成动态口令密钥、提醒标记已读都写入审计日志', async () => {
    const r = await login('lf_officer', DEMO_PASSWORD);
    const headers = cookieOf(r);
    expect((await t.server.inject({ method: 'POST', url: '/api/auth/totp/setup', headers, payload: {} })).statusCode).toBe(200);
    const [{ id: userId }] = await t.app.db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'cx_integrity'`);
    const id = randomUUID();
    await t.app.db.query(`INSERT INTO notifications (id, user_id, kind, title, body, created_at) VALUES ($1, $2, 'reminder', '到期提醒', '测试', now())`, [id, userId]);
    const secret = await enrol('cx_integrity');
    t.clock.advance(30_000);
    const officer = cookieOf(await login('cx_integrity', DEMO_PASSWORD, totpAt(secret, stepOf(t.clock.now()))));
    expect((await t.server.inject({ method: 'POST', url: `/api/notifications/${id}/read`, headers: officer, payload: {} })).json()).toEqual({ updated: 1 });
    const actions = (await t.app.db.query<{ action: string; object_id: string }>(`SELECT action, object_id FROM audit_events WHERE action IN ('auth.totp_setup', 'notification.read') ORDER BY seq`)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.totp_setup', 'notification.read']));
  });
});
