/**
 * In a real browser (GB/T 22239-2019 8.1.4.2; issue 16 H2): the system administrator opens an
 * account with a username and a name only; the security administrator authorises it (role and
 * region) on the account page and is shown the system's one-time initial password; the new user
 * signs in with it and can do nothing but set a password of his own, after which the system opens.
 * Throughout, the content security policy (a style nonce, no inline styles otherwise) blocks nothing
 * the pages need: no violation is reported and antd's styles apply.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fillLogin, useBrowserApp } from '../support/browser';
import { type TestApp } from '../support/test-app';

describe('浏览器：三员分立下开设账号与首次登录修改初始密码', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const violations: string[] = [];

  useBrowserApp((s) => { ({ t, browser, base } = s); });

  async function open(): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => console.log(`CSP-VIOLATION ${e.violatedDirective} ${e.sample}`)));
    page.on('console', (m) => { if (m.text().startsWith('CSP-VIOLATION')) violations.push(m.text()); });
    return page;
  }

  it('H2 系统管理员开设账号 → 安全管理员授权并看到一次性初始密码 → 新用户首次登录只能修改密码，改后进入系统；内容安全策略未拦截任何页面所需的样式', async () => {
    const sys = await open();
    await fillLogin(sys, base, 'sysadmin');
    await sys.getByRole('menuitem', { name: '账号管理' }).click();
    await sys.getByTestId('new-username').fill('cx_auditor2');
    await sys.getByTestId('new-display-name').fill('州局审计 周敏');
    await sys.getByRole('button', { name: '开设' }).click();
    await expect.poll(() => sys.getByText('待授权').count()).toBeGreaterThan(0);
    // The creator has no password field to fill, and is shown no password.
    expect(await sys.locator('input[type=password]').count()).toBe(0);
    expect(await sys.getByTestId('initial-password').count()).toBe(0);

    const sec = await open();
    await fillLogin(sec, base, 'secadmin');
    await sec.getByRole('menuitem', { name: '账号授权' }).click();
    await sec.getByTestId('authorize-cx_auditor2').click();
    // As a person does it: open the list, pick the role; the region field appears for a regional role.
    // The dialog may still be settling when the list first opens and close it again; open it again then
    // (a click on an option that has gone waits a few seconds, not the whole step).
    for (let i = 0; i < 6 && (await sec.getByTestId('authorize-region').count()) === 0; i++) {
      await sec.getByTestId('authorize-role').click();
      await sec.getByTitle('审计人员（只读）').click({ timeout: 4_000 }).catch(() => undefined);
      await sec.waitForTimeout(300);
    }
    await sec.getByTestId('authorize-region').click();
    await sec.getByTitle('楚雄彝族自治州', { exact: true }).click();
    // The choice shows in the field. A tree list the settling dialog opened again stays over the button
    // (CI saw this once): close it as a person would, by clicking the dialog's title outside the field.
    await expect.poll(() => sec.getByTestId('authorize-region').innerText()).toContain('楚雄彝族自治州');
    if (await sec.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count()) await sec.getByRole('dialog').locator('.ant-modal-title').click();
    await sec.getByRole('dialog').getByRole('button', { name: '授权', exact: true }).click();
    const password = (await sec.getByTestId('initial-password').textContent())!.trim();
    expect(password).toHaveLength(16);

    const user = await open();
    await fillLogin(user, base, 'cx_auditor2', password);
    await expect.poll(() => user.getByText('首次登录，请修改初始密码').count()).toBe(1);
    // Nothing else opens until the password is changed.
    expect((await user.request.get(`${base}/api/subjects`)).status()).toBe(403);
    await user.getByLabel('原密码').fill(password);
    await user.getByLabel('新密码').fill('Password1');
    await user.getByRole('button', { name: '修改密码' }).click();
    await expect.poll(() => user.getByText(/过于常见/).count()).toBe(1);
    await user.getByLabel('新密码').fill('Zhoumin#Chuxiong-27');
    await user.getByRole('button', { name: '修改密码' }).click();
    await expect.poll(() => user.getByTestId('current-user').textContent()).toContain('周敏');
    expect((await user.request.get(`${base}/api/subjects`)).status()).toBe(200);
    // antd's styles were applied under the nonce, and nothing was blocked.
    const primary = await user.evaluate(() => { const b = document.querySelector('.ant-btn, .ant-menu'); return b ? getComputedStyle(b).fontFamily : ''; });
    expect(primary).not.toBe('');
    expect(violations).toEqual([]);
  });

  it('M4 H1 在“信用主体”按身份证号检索：找到该人、只显示脱敏号码，地址栏与请求网址中都没有号码；一票否决页按姓名和身份证号审查个人', async () => {
    const [p] = await t.app.db.query<{ name: string; id_number_cipher: string; id_number_masked: string }>(`SELECT name, id_number_cipher, id_number_masked FROM subjects WHERE kind = 'person' AND region_code = '532301' LIMIT 1`);
    const idNumber = t.app.cipher.decrypt(p.id_number_cipher);
    const page = await open();
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    await fillLogin(page, base, 'cx_integrity');
    await expect.poll(() => page.getByTestId('current-user').textContent()).toContain('王芳');
    await page.goto(`${base}/subjects`);
    const search = page.getByPlaceholder('名称、信用代码或身份证号');
    await search.fill(idNumber);
    await search.press('Enter');
    await expect.poll(() => page.getByRole('link', { name: p.name }).count()).toBe(1);
    expect(await page.getByText(p.id_number_masked).count()).toBe(1);
    expect(page.url()).not.toContain(idNumber);
    expect(urls.filter((u) => u.includes(idNumber))).toEqual([]);
    expect(await page.evaluate((n) => document.body.innerText.includes(n), idNumber)).toBe(false);
    // The veto page asks for the name with an ID number.
    await page.goto(`${base}/veto`);
    await page.getByTestId('veto-code').fill(idNumber);
    await page.getByTestId('veto-name').fill(p.name);
    await page.getByRole('button', { name: '审查', exact: true }).click();
    await expect.poll(() => page.getByRole('cell', { name: p.name }).count()).toBe(1);
    expect(urls.filter((u) => u.includes(idNumber))).toEqual([]);
    expect(violations).toEqual([]);
  });
});
