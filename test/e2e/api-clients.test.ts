/**
 * In a real browser (issue 20): the security administrator registers the project-application system
 * as an API client on its page, is shown the secret once, and the secret works at the token endpoint;
 * a business officer, without `apiClient.manage`, has no such page.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fillLogin, useBrowserApp } from '../support/browser';
import { type TestApp } from '../support/test-app';

describe('浏览器：安全管理员登记接口客户端', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  useBrowserApp((s) => { ({ t, browser, base } = s); });

  const open = async (): Promise<Page> => (await browser.newContext()).newPage();

  it('安全管理员登记客户端（权限范围、允许区划、每分钟次数），密钥只显示一次且可换取访问令牌；业务人员没有此菜单', async () => {
    const sec = await open();
    await fillLogin(sec, base, 'secadmin');
    await sec.getByRole('menuitem', { name: '接口客户端' }).click();
    await sec.getByTestId('api-client-new').click();
    await sec.getByTestId('api-client-name').fill('楚雄州科技项目申报系统');
    await sec.getByTestId('api-client-region').click();
    await sec.getByTitle('楚雄彝族自治州', { exact: true }).click();
    await sec.getByRole('dialog').getByRole('button', { name: /确\s*定|OK/ }).click();
    const secret = (await sec.getByTestId('api-client-secret').textContent())!.trim();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await sec.getByRole('button', { name: '我已妥善保存' }).click();
    await expect.poll(() => sec.getByRole('cell', { name: '楚雄州科技项目申报系统' }).count()).toBe(1);
    // Once the dialog is closed the secret is nowhere on the page.
    await expect.poll(() => sec.evaluate((s) => document.body.innerHTML.includes(s), secret)).toBe(false);
    const [c] = await t.app.db.query<{ client_id: string; region_code: string; scopes: string[] }>(`SELECT client_id, region_code, scopes FROM api_clients WHERE name = '楚雄州科技项目申报系统'`);
    expect(c).toMatchObject({ region_code: '532300', scopes: ['veto.check'] });
    const tok = await fetch(`${base}/api/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: c.client_id, client_secret: secret }).toString() });
    expect(tok.status).toBe(200);
    expect((await tok.json()).scope).toBe('veto.check');

    const officer = await open();
    await fillLogin(officer, base, 'cx_business');
    await expect.poll(() => officer.getByTestId('current-user').count()).toBe(1);
    expect(await officer.getByRole('menuitem', { name: '接口客户端' }).count()).toBe(0);
  });
});
