/**
 * Identification (GB/T 22239-2019 8.1.4.1; OWASP ASVS V6, V7) on PGlite: staff and administrators
 * bind and present a TOTP second factor, a code is never accepted twice, a wrong code counts towards
 * lockout; passwords of staff expire after 90 days (a setting) and an expired one opens only the
 * password change; users see and end their own sessions; the security administrator reads the
 * login log, unlocks accounts and resets a lost second factor, and the other administrators cannot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sm3Hex } from '../../src/server/crypto/sm';
import { base32Decode, stepOf, totpAt } from '../../src/server/crypto/totp';
import { DEMO_PASSWORD } from '../../src/server/demo/load-demo';
import { startTestApp, type TestApp } from '../support/test-app';

type Res = { status: number; json: any; cookie: string | null };

function client(t: TestApp) {
  let cookie: string | null = null;
  const call = async (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown, withCookie = cookie): Promise<Res> => {
    const r = await t.server.inject({ method, url, payload: payload as never, headers: withCookie ? { cookie: `kexin_session=${withCookie}` } : {} });
    return { status: r.statusCode, json: r.body ? r.json() : null, cookie: r.cookies.find((c) => c.name === 'kexin_session')?.value ?? null };
  };
  return {
    get cookie() { return cookie; },
    async login(username: string, extra: object = {}) {
      const r = await call('POST', '/api/auth/login', { username, password: DEMO_PASSWORD, ...extra }, null);
      if (r.status === 200) cookie = r.cookie;
      return r;
    },
    get: (url: string) => call('GET', url),
    post: (url: string, body: unknown = {}) => call('POST', url, body),
    del: (url: string) => call('DELETE', url),
    with: (other: string | null) => ({ get: (url: string) => call('GET', url, undefined, other) }),
  };
}

describe('双因素认证与会话（pglite）', () => {
  let t: TestApp;
  const secrets = new Map<string, Buffer>();
  beforeAll(async () => { t = await startTestApp('pglite', { secondFactor: true }); });
  afterAll(async () => { await t?.close(); });
  const code = (username: string) => totpAt(secrets.get(username)!, stepOf(t.clock.now()));

  /** Binds a second factor for a staff account the way a person does: setup, read the secret, type a code. */
  async function enrol(username: string) {
    const c = client(t);
    expect((await c.login(username)).json.user.restriction).toBe('enroll_totp');
    const setup = await c.post('/api/auth/totp/setup');
    expect(setup.json.uri).toMatch(new RegExp(`^otpauth://totp/.*\\?secret=${setup.json.secret}&issuer=`));
    secrets.set(username, base32Decode(setup.json.secret));
    expect((await c.post('/api/auth/totp/enable', { code: code(username) })).status).toBe(200);
    return c;
  }

  it('工作人员首次登录须先绑定动态口令：绑定前其他接口一律拒绝，绑定后可用；密钥加密存放', async () => {
    const c = client(t);
    const first = await c.login('cx_business');
    expect([first.status, first.json.user.restriction]).toEqual([200, 'enroll_totp']);
    expect((await c.get('/api/cases')).json.error).toMatchObject({ code: 'SECOND_FACTOR_SETUP_REQUIRED' });
    expect((await c.get('/api/auth/me')).json.user.restriction).toBe('enroll_totp');
    const setup = await c.post('/api/auth/totp/setup');
    const secret = base32Decode(setup.json.secret);
    expect(secret.length).toBe(20);
    const wrong = totpAt(secret, stepOf(t.clock.now()) + 5);
    expect((await c.post('/api/auth/totp/enable', { code: wrong })).json.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'code' });
    expect((await c.post('/api/auth/totp/enable', { code: totpAt(secret, stepOf(t.clock.now())) })).status).toBe(200);
    secrets.set('cx_business', secret);
    expect((await c.get('/api/cases')).status).toBe(200);
    expect((await c.get('/api/auth/me')).json.user).toMatchObject({ restriction: null, secondFactor: true });
    const [row] = await t.app.db.query<{ totp_secret_cipher: string }>(`SELECT totp_secret_cipher FROM users WHERE username = 'cx_business'`);
    expect(row.totp_secret_cipher).toMatch(/^v1:/);
    expect(row.totp_secret_cipher).not.toContain(secret.toString('hex'));
    expect(row.totp_secret_cipher).not.toContain(setup.json.secret);
  });

  it('绑定后登录须同时输入动态口令：缺少或错误都计入失败次数，答复与密码错误相同（不透露密码是否正确），同一口令不能用第二次', async () => {
    t.clock.advance(60_000);
    const c = client(t);
    const missing = await c.login('cx_business');
    expect([missing.status, missing.json.error.code, missing.json.error.field]).toEqual([401, 'LOGIN_FAILED', null]);
    const wrong = String((Number(code('cx_business')) + 1) % 1_000_000).padStart(6, '0');
    expect((await c.login('cx_business', { totp: wrong })).json.error).toEqual(missing.json.error);
    const [{ failed_logins }] = await t.app.db.query<{ failed_logins: number }>(`SELECT failed_logins FROM users WHERE username = 'cx_business'`);
    expect(failed_logins).toBe(2);
    const now = code('cx_business');
    expect((await c.login('cx_business', { totp: now })).status).toBe(200);
    // The same code again, within the same 30 seconds: refused (RFC 6238 5.2).
    expect((await client(t).login('cx_business', { totp: now })).json.error).toEqual(missing.json.error);
    t.clock.advance(30_000);
    expect((await client(t).login('cx_business', { totp: code('cx_business') })).status).toBe(200);
    const log = await t.app.db.query<{ outcome: string; after: any }>(`SELECT outcome, after FROM audit_events WHERE action = 'auth.login' AND object_id = (SELECT id::text FROM users WHERE username = 'cx_business') ORDER BY seq`);
    expect(log.map((e) => [e.outcome, e.after.reason ?? (e.after.secondFactor ? 'totp' : 'password')])).toEqual([
      ['success', 'password'], ['failure', 'totp_missing'], ['failure', 'bad_totp'], ['success', 'totp'], ['failure', 'bad_totp'], ['success', 'totp'],
    ]);
  });

  it('单位管理员、科研人员、专家只用密码登录', async () => {
    for (const u of ['unit_admin', 'researcher', 'expert']) {
      const r = await client(t).login(u);
      expect([u, r.status, r.json.user.restriction]).toEqual([u, 200, null]);
    }
  });

  it('我的会话：看到自己的每个会话并结束其中一个，该会话随即失效；别人的会话结束不了', async () => {
    t.clock.advance(30_000);
    const phone = client(t);
    await phone.login('cx_business', { totp: code('cx_business') });
    t.clock.advance(30_000);
    const desk = client(t);
    await desk.login('cx_business', { totp: code('cx_business') });
    const list = (await desk.get('/api/auth/sessions')).json.items;
    expect(list.filter((s: any) => s.current)).toHaveLength(1);
    // The phone's session, as the list names it (a digest of the stored digest of its cookie).
    const other = list.find((x: any) => x.id === sm3Hex(sm3Hex(phone.cookie!)).slice(0, 32));
    expect(other).toMatchObject({ current: false });
    expect(JSON.stringify(list)).not.toContain(phone.cookie!);
    const someoneElse = await enrol('cx_integrity');
    expect((await someoneElse.del(`/api/auth/sessions/${other.id}`)).status).toBe(404);
    expect((await desk.del(`/api/auth/sessions/${other.id}`)).status).toBe(200);
    expect((await desk.get('/api/auth/sessions')).json.items.map((x: any) => x.id)).not.toContain(other.id);
    expect((await phone.get('/api/auth/me')).status).toBe(401);
  });

  it('安全管理员：看登录日志（含失败原因）、解除锁定、重置丢失的动态口令（须说明理由，该用户会话全部结束，下次登录重新绑定）；其他管理员无权', async () => {
    const sec = await enrol('secadmin');
    const sys = await enrol('sysadmin');
    const log = (await sec.get('/api/security/login-log?pageSize=100')).json;
    expect(log.items.some((e: any) => e.outcome === 'failure' && e.detail.reason === 'bad_totp')).toBe(true);
    expect((await sys.get('/api/security/login-log')).status).toBe(403);
    const [{ id }] = await t.app.db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'cx_business'`);
    expect((await sys.post(`/api/users/${id}/totp/reset`, { reason: '手机丢失' })).status).toBe(403);
    expect((await sec.post(`/api/users/${id}/totp/reset`, {})).json.error.field).toBe('reason');
    t.clock.advance(30_000);
    const user = client(t);
    await user.login('cx_business', { totp: code('cx_business') });
    expect((await sec.post(`/api/users/${id}/totp/reset`, { reason: '手机丢失，本人书面申请' })).status).toBe(200);
    expect((await user.get('/api/auth/me')).status).toBe(401);
    expect((await client(t).login('cx_business')).json.user.restriction).toBe('enroll_totp');
    // Five failures lock the account; the security administrator can lift it before the 15 minutes pass.
    for (let i = 0; i < 5; i++) await client(t).login('cx_leader', { password: 'Wrong-pass-1' });
    expect((await client(t).login('cx_leader')).json.error.code).toBe('LOGIN_FAILED');
    const [{ id: leader }] = await t.app.db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'cx_leader'`);
    expect((await sys.post(`/api/users/${leader}/unlock`)).status).toBe(403);
    expect((await sec.post(`/api/users/${leader}/unlock`)).status).toBe(200);
    expect((await client(t).login('cx_leader')).status).toBe(200);
    const actions = await t.app.db.query<{ action: string }>(`SELECT action FROM audit_events WHERE action IN ('auth.totp_reset', 'account.unlock', 'auth.session_end', 'auth.totp_enable') ORDER BY seq`);
    expect(new Set(actions.map((a) => a.action))).toEqual(new Set(['auth.totp_enable', 'auth.session_end', 'auth.totp_reset', 'account.unlock']));
  });
});

describe('密码定期更换（pglite）', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp('pglite', { passwordMaxAgeDays: 90 }); });
  afterAll(async () => { await t?.close(); });

  it('工作人员密码满 90 天当日仍可用，次日到期：登录后只能修改密码；新密码须合规且不同于原密码；改后其他会话结束', async () => {
    // Accounts were made at TEST_NOW (2026-11-20 10:00 Beijing); 90 days later is 2027-02-18 10:00.
    t.clock.set('2027-02-18T02:00:00.000Z');
    const ok = client(t);
    expect((await ok.login('cx_business')).json.user.restriction).toBe(null);
    t.clock.set('2027-02-19T02:00:00.000Z');
    const old = client(t);
    await old.login('cx_integrity');
    const c = client(t);
    expect((await c.login('cx_integrity')).json.user.restriction).toBe('change_password');
    expect((await c.get('/api/cases')).json.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await c.post('/api/auth/password', { current: 'nope', next: 'New-pass-2027' })).json.error.field).toBe('current');
    expect((await c.post('/api/auth/password', { current: DEMO_PASSWORD, next: 'short' })).json.error.field).toBe('next');
    expect((await c.post('/api/auth/password', { current: DEMO_PASSWORD, next: DEMO_PASSWORD })).json.error.field).toBe('next');
    expect((await c.post('/api/auth/password', { current: DEMO_PASSWORD, next: 'New-pass-2027' })).status).toBe(200);
    expect((await c.get('/api/cases')).status).toBe(200);
    expect((await old.get('/api/auth/me')).status).toBe(401);
    // Units are not staff: their passwords do not age.
    expect((await client(t).login('unit_admin')).json.user.restriction).toBe(null);
  });
});

describe('TOTP 算法（RFC 6238 附录 B 的测试向量，SHA-1）', () => {
  it('8 位口令与标准给出的值一致；base32 往返不变', () => {
    const secret = Buffer.from('12345678901234567890', 'ascii');
    const at = (seconds: number) => totpAt(secret, stepOf(new Date(seconds * 1000)), 8);
    expect([59, 1111111109, 1111111111, 1234567890, 2000000000, 20000000000].map(at))
      .toEqual(['94287082', '07081804', '14050471', '89005924', '69279037', '65353130']);
    expect(base32Decode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ').toString('ascii')).toBe('12345678901234567890');
  });
});

describe('密码规则与安全响应头（pglite）', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp('pglite', { demo: true }); });
  afterAll(async () => { await t?.close(); });

  it('新密码至少 8 位且含大写、小写、数字、符号中的三类（GB/T 22239 8.1.4.1 a）', async () => {
    const u = client(t);
    await u.login('researcher');
    const change = (next: string) => u.post('/api/auth/password', { current: DEMO_PASSWORD, next });
    expect((await change('Kx1!xyz')).json.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'next', message: '密码至少 8 位' });
    expect((await change('kxzqwmt12')).json.error).toMatchObject({ field: 'next' });
    expect((await change('Chuxiong-1')).status).toBe(200);
  });

  it('每个应答带安全响应头；网页带内容安全策略；接口应答不缓存', async () => {
    const api = await t.server.inject({ method: 'GET', url: '/api/health' });
    expect(api.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' });
    const csp = String(api.headers['content-security-policy']);
    for (const d of ["default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'"]) expect(csp).toContain(d);
    // Issue 16: cross-origin isolation and feature policy on every answer; no inline style anywhere but
    // the page's own nonce; the API page has a policy too; HSTS only where the cookie is Secure (over HTTPS).
    expect(api.headers).toMatchObject({ 'cross-origin-opener-policy': 'same-origin', 'cross-origin-resource-policy': 'same-origin' });
    expect(String(api.headers['permissions-policy'])).toContain('camera=()');
    expect(csp).not.toContain('unsafe-inline');
    expect(api.headers['strict-transport-security']).toBeUndefined();
    const page = await t.server.inject({ method: 'GET', url: '/subjects' });
    const nonce = /nonce-([A-Za-z0-9+/=]+)/.exec(String(page.headers['content-security-policy']))?.[1];
    expect(nonce).toBeTruthy();
    expect(String(page.headers['content-security-policy'])).not.toContain('unsafe-inline');
    expect(page.body).toContain(`content="${nonce}"`);
    const again = await t.server.inject({ method: 'GET', url: '/' });
    expect(String(again.headers['content-security-policy'])).not.toContain(nonce);
    const docs = await t.server.inject({ method: 'GET', url: '/api/docs/' });
    expect(String(docs.headers['content-security-policy'])).toContain("script-src 'self'");
    const secure = await startTestApp('pglite', { demo: false });
    try {
      secure.app.config.cookieSecure = true;
      expect((await secure.server.inject({ method: 'GET', url: '/api/health' })).headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    } finally {
      await secure.close();
    }
  });
});
