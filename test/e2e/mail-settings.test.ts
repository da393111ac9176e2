/**
 * In a real browser, with a real SMTP server: a researcher enters his e-mail address on the account
 * page (a malformed one is refused on the field, in Chinese), chooses the mails he receives, and sees
 * a mail the server would not accept marked 发送失败 with what to do next.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverMail } from '../../src/server/modules/mail/deliver-mail';
import { notify } from '../../src/server/modules/notifications/notify';
import { fillLogin, useBrowserApp } from '../support/browser';
import { startSmtp, type TestSmtp } from '../support/smtp';
import { type TestApp } from '../support/test-app';

describe('浏览器：账号页的邮件提醒', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => { smtp = await startSmtp(); });
  afterAll(async () => { await smtp?.stop(); });
  useBrowserApp((s) => { ({ t, browser, base } = s); }, () => ({ mail: { smtpUrl: smtp.url, maxAttempts: 1 } }));

  it('填写邮箱：格式不对的在输入框下提示原因；保存后退订的种类和地址存入账号；拒收的邮件显示“发送失败”和处理办法', async () => {
    const page = await browser.newPage();
    await fillLogin(page, base, 'researcher');
    await page.getByTestId('account-link').click();
    const email = page.getByLabel('电子邮箱');
    await email.fill('researcher@lab');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.getByText('电子邮箱的域名不正确').count()).toBe(1);
    await email.fill('researcher@lab.cx.cn');
    await page.getByLabel(/^到期前提醒/).uncheck();
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.getByText('邮件提醒设置已保存').count()).toBe(1);
    const [u] = await t.app.db.query<{ id: string; email: string; opt_outs: string[] }>(
      `SELECT u.id, u.email, ARRAY(SELECT kind FROM mail_opt_outs o WHERE o.user_id = u.id ORDER BY kind) AS opt_outs FROM users u WHERE username = 'researcher'`);
    expect(u).toMatchObject({ email: 'researcher@lab.cx.cn', opt_outs: ['reminder'] });

    await t.app.db.transaction((tx) => notify(tx, t.app, { userIds: [u.id] }, { kind: 'case', title: '容错免责认定：集体审议作出认定', body: '案件已集体审议作出认定（YT-6.4）。', mail: { kind: 'case_notice' } }));
    smtp.refuse(1, 550);
    expect(await deliverMail(t.app)).toMatchObject({ failed: 1 });
    await page.reload();
    await expect.poll(() => page.getByText('【科信】容错免责认定：集体审议作出认定').count()).toBe(1);
    await expect.poll(() => page.getByText('发送失败').count()).toBe(1);
    await expect.poll(() => page.getByText(/请核对邮箱地址/).count()).toBe(1);
    await page.screenshot({ path: 'test-results/account-mail-settings.png', fullPage: true });
  });
});
