/**
 * In a real browser (GB/T 22239-2019 8.1.4.1 d): a staff member's first login leads to binding a TOTP
 * second factor and nowhere else; the next login asks for the code after the password, and the
 * account page lists the sessions.
 */
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { base32Decode, stepOf, totpAt } from '../../src/server/crypto/totp';
import { fillLogin, useBrowserApp } from '../support/browser';
import { type TestApp } from '../support/test-app';

describe('浏览器：工作人员双因素认证', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  useBrowserApp((s) => { ({ t, browser, base } = s); }, { secondFactor: true });

  it('首次登录只能绑定动态口令；再次登录输入密码后要求动态口令，登录后在“账号安全”看到会话', async () => {
    const page = await browser.newPage();
    await fillLogin(page, base, 'cx_integrity');
    await page.getByRole('button', { name: '生成密钥' }).click();
    const secret = base32Decode((await page.getByTestId('totp-secret').textContent())!.trim());
    await page.getByTestId('totp-code').fill(totpAt(secret, stepOf(t.clock.now())));
    await page.getByRole('button', { name: '完成绑定' }).click();
    await expect.poll(() => page.getByTestId('current-user').textContent()).toContain('王芳');

    // A second browser: password first, then the code the app shows now (a later step than the one used to bind).
    t.clock.advance(30_000);
    const again = await (await browser.newContext()).newPage();
    await fillLogin(again, base, 'cx_integrity');
    // The password alone is refused (the code is missing); a click while that answer is still on its way
    // lands on a busy button and does nothing, as it would for a person, so wait for the answer first.
    await again.locator('.ant-alert-error').waitFor();
    expect(await again.locator('button.ant-btn-loading').count()).toBe(0);
    await again.getByTestId('login-totp').fill(totpAt(secret, stepOf(t.clock.now())));
    await again.getByRole('button', { name: /登\s*录/ }).click();
    await expect.poll(() => again.getByTestId('current-user').textContent()).toContain('王芳');
    await again.getByTestId('account-link').click();
    await expect.poll(() => again.getByRole('row').count()).toBe(3); // header + two sessions
    await expect.poll(() => again.getByText('当前').count()).toBe(1);
  });
});
