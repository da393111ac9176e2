/**
 * In a real browser (GB/T 22239-2019 8.1.4.1 d): a staff member's first login leads to binding a TOTP
 * second factor and nowhere else; the next login asks for the code after the password, and the
 * account page lists the sessions.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, stepOf, totpAt } from '../../src/server/crypto/totp';
import { DEMO_PASSWORD } from '../../src/server/demo/load-demo';
import { WEB_DIST } from '../../src/server/http/server';
import { startTestApp, type TestApp } from '../support/test-app';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('浏览器：工作人员双因素认证', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    if (!fs.existsSync(WEB_DIST + 'index.html')) execFileSync('npx', ['vite', 'build', '--config', 'src/web/vite.config.ts'], { stdio: 'inherit' });
    t = await startTestApp('pglite', { secondFactor: true });
    await t.server.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.server.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('首次登录只能绑定动态口令；再次登录输入密码后要求动态口令，登录后在“账号安全”看到会话', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').fill('cx_integrity');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登 录' }).or(page.getByRole('button', { name: '登录' })).click();
    await page.getByRole('button', { name: '生成密钥' }).click();
    const secret = base32Decode((await page.getByTestId('totp-secret').textContent())!.trim());
    await page.getByTestId('totp-code').fill(totpAt(secret, stepOf(t.clock.now())));
    await page.getByRole('button', { name: '完成绑定' }).click();
    await expect.poll(() => page.getByTestId('current-user').textContent()).toContain('王芳');

    // A second browser: password first, then the code the app shows now (a later step than the one used to bind).
    t.clock.advance(30_000);
    const again = await (await browser.newContext()).newPage();
    await again.goto(`${base}/login`);
    await again.getByLabel('用户名').fill('cx_integrity');
    await again.getByLabel('密码').fill(DEMO_PASSWORD);
    await again.getByRole('button', { name: '登 录' }).or(again.getByRole('button', { name: '登录' })).click();
    await again.getByTestId('login-totp').fill(totpAt(secret, stepOf(t.clock.now())));
    await again.getByRole('button', { name: '登 录' }).or(again.getByRole('button', { name: '登录' })).click();
    await expect.poll(() => again.getByTestId('current-user').textContent()).toContain('王芳');
    await again.getByTestId('account-link').click();
    await expect.poll(() => again.getByRole('row').count()).toBe(3); // header + two sessions
    await expect.poll(() => again.getByText('当前').count()).toBe(1);
  });
});
