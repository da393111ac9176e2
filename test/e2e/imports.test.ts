/**
 * In a real browser (Debian's Chromium): a business officer opens 数据导入, uploads a units file with
 * one bad check digit and reads the row-by-row report, then uploads the corrected file, reads the
 * diff preview and confirms; the units are then stored.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../src/core/identity/credit-code';
import { csvLine } from '../../src/core/imports/csv';
import { TEMPLATES } from '../../src/core/imports/templates';
import { fillLogin, useBrowserApp } from '../support/browser';
import { type TestApp } from '../support/test-app';

const cc = (n: number) => { const b = `91532301MA7E${String(n).padStart(5, '0')}`; return b + creditCodeCheckChar(b); };
const csv = (rows: string[][]) => Buffer.from([TEMPLATES.units.map((c) => c.header), ...rows].map(csvLine).join('\r\n'), 'utf8');

describe('浏览器：数据导入的试运行、逐行报告和确认', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;

  useBrowserApp(async (s) => {
    ({ t, browser, base } = s);
    page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 900 }, reducedMotion: 'reduce' });
  });

  it('上传有一处校验码错误的单位文件：报告第 3 行“统一社会信用代码”INVALID_CREDIT_CODE，不能确认；改正后试运行显示新增 2 个，确认后写入', async () => {
    await fillLogin(page, base, 'cx_business');
    await expect.poll(() => page.getByTestId('current-user').innerText()).toContain('张华');
    await page.goto(`${base}/imports`);
    await page.getByRole('menuitem', { name: '数据导入' }).waitFor();
    const bad = cc(2).slice(0, 17) + (cc(2)[17] === '0' ? '1' : '0');
    const upload = async (name: string, bytes: Buffer) => {
      const answered = page.waitForResponse((r) => r.url().includes('/api/imports/units/dry-run'));
      await page.locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer: bytes });
      await answered;
    };
    await upload('单位-有误.csv', csv([['浏览器甲公司', cc(1), '项目承担单位', '532301'], ['浏览器乙公司', bad, '项目承担单位', '532301']]));
    await expect.poll(() => page.getByTestId('import-counts').innerText()).toContain('问题 1');
    const problem = page.getByTestId('import-problems').locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => problem.count()).toBe(1);
    expect((await problem.locator('td').allInnerTexts()).slice(0, 3)).toEqual(['3', '统一社会信用代码', 'INVALID_CREDIT_CODE']);
    expect(await page.getByTestId('import-confirm').count()).toBe(0);

    await upload('单位.csv', csv([['浏览器甲公司', cc(1), '项目承担单位', '532301'], ['浏览器乙公司', cc(2), '项目承担单位', '532301']]));
    await expect.poll(() => page.getByTestId('import-counts').innerText()).toContain('新增 2，变更 0，未变 0，问题 0');
    const applied = page.waitForResponse((r) => r.url().includes('/api/imports/units/apply'));
    await page.getByTestId('import-confirm').click();
    expect((await applied).status()).toBe(200);
    await expect.poll(() => page.locator('.ant-alert-success').innerText()).toContain('已导入：新增 2');
    await page.screenshot({ path: 'test-results/imports.png', fullPage: true });
    const stored = await t.app.db.query<{ name: string }>(`SELECT name FROM subjects WHERE credit_code = ANY($1::text[]) ORDER BY name`, [[cc(1), cc(2)]]);
    expect(stored.map((s) => s.name)).toEqual(['浏览器乙公司', '浏览器甲公司'].sort());
  }, 120_000);
});
