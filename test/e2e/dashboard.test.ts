/**
 * In a real browser (Debian's Chromium), issue 20: the prefecture leader opens the dashboard from the
 * menu, the charts are drawn (canvas with pixels), clicking a bar lands on the list behind it with the
 * bar's count; the integrity officer issues a subject's credit report (CI-15, CI-27) and anyone opens
 * the public verification page with its code and sees what the report says, an unknown code told
 * "not found" in Chinese. Screenshots in test-results/.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillLogin, serveToBrowser, type Served } from '../support/browser';
import { loginAs, startTestApp, type TestApp } from '../support/test-app';

async function newPage(browser: Browser): Promise<[Page, () => Promise<void>]> {
  const ctx = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 1000 }, reducedMotion: 'reduce', acceptDownloads: true });
  return [await ctx.newPage(), () => ctx.close()];
}

describe('浏览器：领导驾驶舱与信用报告核验', () => {
  let t: TestApp;
  let served: Served;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp('pglite');
    served = await serveToBrowser(t);
    ({ browser, base } = served);
    fs.mkdirSync('test-results', { recursive: true });
  });
  afterAll(async () => { await served?.close(); });

  it('X-4 CI-15 州局领导打开驾驶舱：图表绘出；点击柱子进入其背后的清单，条数与柱子相同', async () => {
    const api = (await (await loginAs(t, 'cx_leader')).get('/api/dashboard')).json;
    // A figure with one category: its bars are one stack in the middle of the chart.
    const fig = api.figures.find((f: any) => f.rows.length > 0 && new Set(f.rows.map((r: any) => f.dimensions.filter((d: any) => d.id !== 'region').map((d: any) => r.labels[d.id]).join('|'))).size === 1)
      ?? api.figures.find((f: any) => f.rows.length > 0);
    const [page, close] = await newPage(browser);
    await fillLogin(page, base, 'cx_leader');
    await page.getByRole('menuitem', { name: '领导驾驶舱' }).click();
    await page.waitForURL(/\/dashboard$/);
    for (const f of api.figures) await expect.poll(() => page.getByTestId(`figure-title-${f.id}`).innerText()).toBe(f.title);
    // Every chart with data is drawn: its canvas holds non-blank pixels.
    for (const f of api.figures.filter((x: any) => x.rows.length > 0)) {
      const canvas = page.getByTestId(`chart-${f.id}`).locator('canvas').first();
      await canvas.waitFor();
      const inked = await canvas.evaluate((c: HTMLCanvasElement) => {
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
        return n;
      });
      expect(inked, f.id).toBeGreaterThan(500);
    }
    await page.screenshot({ path: 'test-results/dashboard.png', fullPage: true });
    // Click up the middle of the chosen chart from its x-axis until a bar is hit.
    const chart = page.getByTestId(`chart-${fig.id}`);
    const box = (await chart.boundingBox())!;
    for (let y = box.height - 12; y > 40 && !/\/dashboard\/list/.test(page.url()); y -= 6) {
      await chart.click({ position: { x: box.width / 2, y } });
      await page.waitForTimeout(50);
    }
    await page.waitForURL(/\/dashboard\/list/);
    const params = Object.fromEntries(new URL(page.url()).searchParams.entries());
    expect(params.figure).toBe(fig.id);
    const row = fig.rows.find((r: any) => Object.entries(r.key).every(([k, v]) => params[k] === v));
    expect(row, JSON.stringify(params)).toBeTruthy();
    await expect.poll(() => page.getByTestId('drill-total').innerText()).toBe(`共 ${row.count} 条`);
    expect(await page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(Math.min(row.count, 20));
    await page.screenshot({ path: 'test-results/dashboard-list.png', fullPage: true });
    await close();
  });

  it('CI-27 诚信科出具信用报告；任何人凭验证码在公开核验页看到报告所载内容；未知验证码提示“未找到”', async () => {
    const [s] = await t.app.db.query<{ id: string; name: string }>(
      `SELECT s.id, s.name FROM ratings r JOIN subjects s ON s.id = r.subject_id WHERE s.region_code = '532301' AND r.published_at IS NOT NULL AND s.kind = 'organization'
          AND COALESCE(r.determined_level, r.computed_level) IS NOT NULL ORDER BY s.id LIMIT 1`);
    const [page, close] = await newPage(browser);
    await fillLogin(page, base, 'cx_integrity');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`${base}/subjects/${s.id}`);
    const download = page.waitForEvent('download');
    await page.getByTestId('issue-credit-report').click();
    const file = await download;
    expect(file.suggestedFilename()).toContain('信用报告');
    await file.saveAs('test-results/credit-report.pdf');
    const issued = await page.getByTestId('issued-code').innerText();
    const code = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(issued)![0];
    await close();

    const [pub, closePub] = await newPage(browser);
    await pub.goto(`${base}/public/credit-report?code=${code}`);
    await pub.getByTestId('report-verify').click();
    await expect.poll(() => pub.getByTestId('report-sentence').innerText()).toContain(`验证码 ${code} 对应的信用报告由楚雄州科学技术局于 2026-11-20 出具，报告对象为${s.name}`);
    const body = await pub.locator('body').innerText();
    expect(body).toContain('一、信用评价结果');
    expect(body).toContain('未被列入失信惩戒名单。');
    await pub.screenshot({ path: 'test-results/credit-report-verify.png', fullPage: true });
    await pub.getByTestId('report-code').fill('ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    await pub.getByTestId('report-verify').click();
    await expect.poll(() => pub.getByTestId('report-error').innerText()).toContain('未找到该验证码对应的信用报告');
    await pub.screenshot({ path: 'test-results/credit-report-unknown.png', fullPage: true });
    await closePub();
  });
});
