/**
 * Request budgets on the endpoints anyone can reach (GB/T 22239-2019 8.1.4; OWASP ASVS V2.2): past
 * its budget an address gets 429 with the stable error code and a Retry-After, another address is
 * not affected, and a client cannot pose as another address unless a trusted proxy says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_LIMITS } from '../../src/server/http/rate-limits';
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
    const login = () => t.server.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '203.0.113.9', payload: { username: 'nobody', password: 'Wrong-pass-1' } });
    for (let i = 0; i < RATE_LIMITS.login.max; i++) expect((await login()).statusCode).toBe(401);
    expect((await login()).statusCode).toBe(429);
    const status = () => hit('/api/public/complaints/status?receipt=ABCDEFGHJKLMNPQR', '203.0.113.10');
    for (let i = 0; i < RATE_LIMITS.complaintStatus.max; i++) expect((await status()).statusCode).toBe(404);
    expect((await status()).statusCode).toBe(429);
    for (let i = 0; i < 200; i++) expect((await hit('/api/health', '203.0.113.10')).statusCode).toBe(200);
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
