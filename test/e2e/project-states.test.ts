/**
 * In a real browser (Debian's Chromium): the business section defers a project (暂缓, CI-19.1.2) from
 * its page with a reason; the page shows the new state and why, the list filters by it, and the form's
 * state list never offers the decided states.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillLogin, serveToBrowser, type Served } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

describe('浏览器：变更项目状态（CI-19.1.2）', () => {
  let t: TestApp;
  let served: Served;
  let page: Page;
  beforeAll(async () => {
    t = await startTestApp('pglite');
    served = await serveToBrowser(t);
    page = await served.browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 900 }, reducedMotion: 'reduce' });
  });
  afterAll(async () => { await served?.close(); });

  it('CI-19.1.2 业务科在项目页暂缓项目：写明理由后状态为“暂缓”并显示依据；列表可按“暂缓”筛选；修改表单不提供暂缓、暂停、强制中止、验收不通过', async () => {
    const [p] = await t.app.db.query<{ id: string; code: string }>(`SELECT id, code FROM projects WHERE jurisdiction_code = '532300' AND status = 'in_progress' ORDER BY code LIMIT 1`);
    await fillLogin(page, served.base, 'cx_business');
    await page.getByTestId('notifications').waitFor();
    await page.goto(`${served.base}/projects/${p.id}`);
    await expect.poll(() => page.getByTestId('project-title').innerText()).toContain(p.code);

    await page.getByRole('button', { name: '修改' }).click();
    await page.locator('.ant-modal').getByLabel('状态').click();
    const offered = await page.locator('.ant-select-dropdown:visible .ant-select-item-option').allInnerTexts();
    expect(offered).toEqual(['立项', '执行中', '已申请验收', '已验收', '终止', '结题']);
    await page.keyboard.press('Escape');
    await page.locator('.ant-modal').getByRole('button', { name: /取\s*消/ }).click();

    await page.getByTestId('change-status').click();
    await page.getByTestId('status-to').click();
    const choices = await page.locator('.ant-select-dropdown:visible .ant-select-item-option').allInnerTexts();
    expect(choices).toEqual(['暂缓（CI-19.1.2）', '强制中止（CI-19.1.2）']);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '暂缓' }).click();
    await page.getByLabel('理由').fill('配套资金未到位，暂缓执行');
    const saved = page.waitForResponse((r) => r.url().endsWith(`/api/projects/${p.id}/status`));
    await page.getByRole('button', { name: /确\s*定/ }).click();
    expect((await saved).status()).toBe(200);
    await expect.poll(() => page.getByTestId('status-change').innerText()).toContain('配套资金未到位，暂缓执行');
    expect(await page.locator('.ant-descriptions').innerText()).toContain('暂缓');
    await page.screenshot({ path: 'test-results/project-deferred.png', fullPage: true });

    await page.goto(`${served.base}/projects?status=deferred`);
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain(p.code);
  });
});
