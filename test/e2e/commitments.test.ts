/**
 * In a real browser (Debian's Chromium), CI-9: a researcher opens 诚信承诺书, names the call, reads the
 * text in force with the version it comes from, and signs his own commitment as himself; the
 * business officer then sees who on the call has not signed, and priority at equal merit (CI-21.1).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REGISTRY } from '../../src/core/policy/registry';
import { fillLogin, serveToBrowser, type Served } from '../support/browser';
import { loginAs, startTestApp, type TestApp } from '../support/test-app';

const CALL = '楚科计〔2026〕12号';

describe('浏览器：申报批次的诚信承诺书（CI-9）', () => {
  let t: TestApp;
  let served: Served;
  let browser: Browser;
  let base: string;
  let researcherId: string;

  beforeAll(async () => {
    t = await startTestApp('pglite');
    [{ person_id: researcherId }] = await t.app.db.query<any>(`SELECT person_id FROM users WHERE username = 'researcher'`);
    const [{ unit_id: unitId }] = await t.app.db.query<any>(`SELECT unit_id FROM users WHERE username = 'unit_admin'`);
    const staff = await loginAs(t, 'cx_business');
    for (const [subjectId, role] of [[unitId, 'unit'], [researcherId, 'leader']]) {
      expect((await staff.send('POST', `/api/calls/${encodeURIComponent(CALL)}/applicants`, { subjectId, role })).status).toBe(201);
    }
    served = await serveToBrowser(t);
    ({ browser, base } = served);
  });
  afterAll(async () => { await served?.close(); });

  it('CI-9 科研人员以本人身份在线签署：显示当日有效版本的承诺书文本；签署后本人一行显示已签署；业务科室看到未签署 1 个（单位）', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 900 }, reducedMotion: 'reduce' });
    await fillLogin(page, base, 'researcher');
    await page.getByTestId('current-user').waitFor();
    await page.goto(`${base}/commitments`);
    await page.getByTestId('call-ref').fill(CALL);
    await page.getByRole('button', { name: '查看' }).click();
    const lookup = DEFAULT_REGISTRY.versionFor('CI', '2026-11-20', ['532300', '530000']);
    await expect.poll(() => page.getByTestId('commitment-text').innerText()).toBe(String(DEFAULT_REGISTRY.parameter(lookup, 'CI-9.commitmentText').value));
    const rows = page.getByTestId('call-applicants').locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(1);
    await rows.first().getByRole('button', { name: '签署' }).click();
    const signed = page.waitForResponse((r) => r.url().endsWith('/commitments/sign'));
    await page.getByRole('button', { name: '本人承诺并签署' }).click();
    expect((await signed).status()).toBe(201);
    await expect.poll(() => rows.first().innerText()).toContain('2026-11-20 已签署');
    await page.screenshot({ path: 'test-results/commitment-signed.png', fullPage: true });
    await page.close();

    const staffPage = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 900 }, reducedMotion: 'reduce' });
    await fillLogin(staffPage, base, 'cx_business');
    await staffPage.getByTestId('current-user').waitFor();
    await staffPage.goto(`${base}/commitments`);
    await staffPage.getByTestId('call-ref').fill(CALL);
    await staffPage.getByRole('button', { name: '查看' }).click();
    await expect.poll(() => staffPage.getByTestId('call-applicants').locator('.ant-card-head').innerText()).toContain('未签署 1 个');
    const staffRows = staffPage.getByTestId('call-applicants').locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => staffRows.count()).toBe(2);
    expect(await staffRows.nth(0).innerText()).toContain('未签署');
    expect(await staffRows.nth(1).innerText()).toContain('已签署');
    const [{ n }] = await t.app.db.query<any>(`SELECT count(*)::int AS n FROM commitments WHERE call_ref = $1 AND subject_id = $2 AND method = 'self'`, [CALL, researcherId]);
    expect(n).toBe(1);
    await staffPage.close();
  }, 180_000);
});
