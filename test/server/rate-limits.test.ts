/**
 * Request budgets on the endpoints anyone can reach (GB/T 22239-2019 8.1.4; OWASP ASVS V2.2): past
 * its budget an address gets 429 with the stable error code and a Retry-After, another address is
 * not affected, and a client cannot pose as another address unless a trusted proxy says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_LIMITS, SHARED_BUDGETS } from '../../src/server/http/rate-limits';
import { loadConfig } from '../../src/server/config';
import { startTestApp, type TestApp } from '../support/test-app';

describe('公开接口的访问频率限制（pglite）', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp('pglite', { demo: false, rateLimits: true }); });
  afterAll(async () => { await t?.close(); });

  const hit = (url: string, remoteAddress: string, headers: Record<string, string> = {}) => t.server.inject({ method: 'GET', url, remoteAddress, headers });

  it('公开名单检索：同一地址每分钟超过限额后返回 429 和统一错误，其他地址不受影响', async () => {
    const url = `/api/public/sanctions?q=${encodeURIComponent('科技')}`;
    const budget = RATE_LIMITS.publicSearch.max;
    for (let i = 0; i < budget; i++) expect((await hit(url, '203.0.113.7')).statusCode).toBe(200);
    const over = await hit(url, '203.0.113.7');
    expect(over.statusCode).toBe(429);
    expect(over.json().error).toMatchObject({ code: 'RATE_LIMITED', message: '请求过于频繁' });
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect((await hit(url, '203.0.113.8')).statusCode).toBe(200);
    // Without a trusted proxy, X-Forwarded-For is the client's own claim and changes nothing.
    expect((await hit(url, '203.0.113.7', { 'x-forwarded-for': '198.51.100.1' })).statusCode).toBe(429);
  });

  it('登录和受理码查询各有限额；不限额的接口（健康检查）不计数', async () => {
    // Different account names, so that only the per-address budget is spent.
    let n = 0;
    const login = () => t.server.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '203.0.113.9', payload: { username: `nobody${n++}`, password: 'Wrong-pass-1' } });
    for (let i = 0; i < RATE_LIMITS.login.max; i++) expect((await login()).statusCode).toBe(401);
    expect((await login()).statusCode).toBe(429);
    const status = () => hit('/api/public/complaints/status?receipt=ABCDEFGHJKLMNPQR', '203.0.113.10');
    for (let i = 0; i < RATE_LIMITS.complaintStatus.max; i++) expect((await status()).statusCode).toBe(404);
    expect((await status()).statusCode).toBe(429);
    for (let i = 0; i < 200; i++) expect((await hit('/api/health', '203.0.113.10')).statusCode).toBe(200);
  });

  it('登录按账号另有总额度（issue 16）：同一账号名从许多地址同时尝试，超过额度后 429，且不再核验密码；其他账号不受影响', async () => {
    const budget = SHARED_BUDGETS.loginPerAccount.max;
    const tries = await Promise.all(Array.from({ length: budget + 5 }, (_, i) => t.server.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: `198.51.100.${i + 1}`, payload: { username: 'target_account', password: `Wrong#Guess-${i}` } })));
    const codes = tries.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(budget);
    expect(codes.filter((c) => c === 429)).toHaveLength(5);
    expect(tries.find((r) => r.statusCode === 429)!.json().error.code).toBe('RATE_LIMITED');
    expect((await t.server.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '198.51.100.200', payload: { username: 'other_account', password: 'Wrong#Guess-x' } })).statusCode).toBe(401);
  });

  it('公开名单检索另有全局额度（issue 16）：许多地址合起来超过每分钟总额度后 429', async () => {
    const url = `/api/public/sanctions?q=${encodeURIComponent('科技')}`;
    const total = SHARED_BUDGETS.publicSearchOverall.max;
    let ok = 0;
    let limited = 0;
    // Earlier tests spent a little of this minute's budget already.
    for (let i = 0; i < total + 10; i++) {
      const r = await hit(url, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
      if (r.statusCode === 200) ok++;
      else if (r.statusCode === 429) limited++;
    }
    expect(ok).toBeLessThanOrEqual(total);
    expect(ok).toBeGreaterThan(total - RATE_LIMITS.publicSearch.max - 5);
    expect(limited).toBeGreaterThanOrEqual(10);
  });

  it('并发：同一地址 60 个受理码查询同时到达，至多 30 个得到答复；同一账号名 30 个登录同时到达，恰好 10 个被受理（issue 16）', async () => {
    const lookups = await Promise.all(Array.from({ length: 60 }, (_, i) => hit(`/api/public/complaints/status?receipt=${String(i).padStart(16, 'A')}`, '203.0.113.77')));
    // @fastify/rate-limit 10.3 hands every request of a burst the same counter object, read after the
    // burst has counted itself: a burst past the budget is refused whole. Never more than the budget.
    expect(lookups.filter((r) => r.statusCode !== 429).length).toBeLessThanOrEqual(RATE_LIMITS.complaintStatus.max);
    expect(lookups.filter((r) => r.statusCode === 429).length).toBeGreaterThanOrEqual(60 - RATE_LIMITS.complaintStatus.max);
    const logins = await Promise.all(Array.from({ length: 30 }, (_, i) => t.server.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: `192.0.2.${i + 1}`, payload: { username: 'burst_target', password: 'Wrong#Guess-1' } })));
    expect(logins.filter((r) => r.statusCode !== 429).length).toBe(SHARED_BUDGETS.loginPerAccount.max);
  });

  it('设置：KEXIN_TRUST_PROXY 只接受跳数或代理地址，KEXIN_RATE_LIMITS 可关闭（基准测试用）', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ KEXIN_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ KEXIN_TRUST_PROXY: '10.0.0.5, 10.0.1.0/24' }).trustProxy).toBe('10.0.0.5, 10.0.1.0/24');
    expect(() => loadConfig({ KEXIN_TRUST_PROXY: 'everyone' })).toThrow('KEXIN_TRUST_PROXY');
    expect(loadConfig({}).rateLimits).toBe(true);
    expect(loadConfig({ KEXIN_RATE_LIMITS: 'false' }).rateLimits).toBe(false);
  });
});
