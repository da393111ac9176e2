/**
 * Issue 21 in the browser: the public complaint form (CI-29) with evidence files — a hostile file is
 * refused under the field naming it, a forged anti-automation answer is refused under its field, an
 * invalid credit code under its field — and the intake ledger links the evidence; the staff layout's
 * tabs of opened pages (switch, close, highlighted, kept across a reload, a case titled by its
 * number); the home page's reminders with 68 reminders for one officer merged, grouped, paged,
 * counted and marked read in bulk.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseNumber } from '../../src/core/documents/templates';
import { notify } from '../../src/server/modules/notifications/notify';
import { ordinaryMaterials } from '../fixtures/hostile-files';
import { fillLogin, serveToBrowser, type Served } from '../support/browser';
import { startTestApp, TEST_NOW, type TestApp } from '../support/test-app';

const SHOTS = 'test-results/workbench';
fs.mkdirSync(SHOTS, { recursive: true });

async function newPage(browser: Browser): Promise<[Page, string[], () => Promise<void>]> {
  const ctx = await browser.newContext({ locale: 'zh-CN', timezoneId: 'UTC', viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(`console: ${m.text()}`); });
  return [page, errors, () => ctx.close()];
}

describe('浏览器：举报附件与人机校验、多页签、工作台提醒（issue 21）', () => {
  let t: TestApp;
  let served: Served;
  let browser: Browser;
  let base: string;
  let dir: string;
  beforeAll(async () => {
    t = await startTestApp('pglite');
    served = await serveToBrowser(t);
    ({ browser, base } = served);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kexin-workbench-'));
  });
  afterAll(async () => { await served?.close(); fs.rmSync(dir, { recursive: true, force: true }); });

  const errorUnder = (p: Page, label: RegExp | string) => p.locator('.ant-form-item', { has: p.locator('label', { hasText: label }) }).locator('.ant-form-item-explain-error');

  it('CI-29 举报附证据：改名为 .pdf 的可执行文件在“证据材料”下被拒收并点名；伪造的人机校验在“人机校验”下被拒收；错误的信用代码在其字段下；换成正常文件后提交成功，受理台账可下载附件', async () => {
    const exe = path.join(dir, '检测报告.pdf');
    fs.writeFileSync(exe, Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300)]));
    const good = path.join(dir, '审计报告.pdf');
    fs.writeFileSync(good, ordinaryMaterials().find((f) => f.fileName === '审计报告.pdf')!.bytes);
    const [p, errors, close] = await newPage(browser);
    await p.goto(`${base}/public/complaint`);
    await p.getByLabel('被举报人或单位名称').fill('某附件测试研究所');
    await p.getByLabel('统一社会信用代码（单位，可不填）').fill('91532300MA6K000001');
    await p.getByLabel('举报内容（时间、事项、线索）').fill('2026 年 10 月项目验收材料中的检测报告系伪造，附报告照片。');
    await p.getByLabel('您的姓名').fill('李四');
    await p.getByLabel('联系电话').fill('0878-3120000');
    await p.getByRole('button', { name: '提交举报' }).click();
    await errorUnder(p, '统一社会信用代码').filter({ hasText: '统一社会信用代码无效' }).waitFor();
    await p.getByLabel('统一社会信用代码（单位，可不填）').fill('');
    await p.locator('input[type=file]').setInputFiles([exe]);
    await p.getByRole('button', { name: '提交举报' }).click();
    const fileError = errorUnder(p, '证据材料');
    await fileError.waitFor();
    expect(await fileError.innerText()).toBe('附件“检测报告.pdf”不予接收：不接受可执行文件或脚本');
    await p.screenshot({ path: `${SHOTS}/complaint-hostile-file.png`, fullPage: true });
    expect(await p.getByTestId('receipt').count()).toBe(0);
    expect(await p.locator('.ant-message').count()).toBe(0);
    // Replace the file; answer a forged challenge: refused under 人机校验, nothing kept.
    await p.locator('.ant-upload-list-item').getByRole('button').last().click();
    await p.locator('input[type=file]').setInputFiles([good]);
    await p.route('**/api/public/complaints/challenge', (r) => r.fulfill({ json: { challenge: 'eyJpZCI6IngifQ.forged', bits: 1, expiresAt: TEST_NOW } }));
    await p.getByRole('button', { name: '提交举报' }).click();
    const challengeError = errorUnder(p, '人机校验');
    await challengeError.waitFor();
    expect(await challengeError.innerText()).toBe('人机校验无效，请重新提交');
    expect((await t.app.db.query(`SELECT 1 FROM complaint_intake WHERE accused_name = '某附件测试研究所'`)).length).toBe(0);
    await p.unroute('**/api/public/complaints/challenge');
    await p.getByRole('button', { name: '提交举报' }).click();
    await p.getByTestId('receipt').waitFor();
    await p.screenshot({ path: `${SHOTS}/complaint-with-evidence.png`, fullPage: true });
    expect(errors).toEqual([]);
    await close();

    const [s, staffErrors, closeStaff] = await newPage(browser);
    await fillLogin(s, base, 'cx_integrity');
    await s.getByTestId('current-user').waitFor();
    await s.goto(`${base}/complaints`);
    const row = s.locator('.ant-table-tbody tr.ant-table-row', { hasText: '某附件测试研究所' });
    const link = row.getByTestId('complaint-attachment');
    await link.waitFor();
    expect(await link.innerText()).toMatch(/^审计报告\.pdf（\d+ KB）$/);
    const download = s.waitForEvent('download');
    await link.click();
    expect((await download).suggestedFilename()).toBe('审计报告.pdf');
    await expect.poll(async () => (await t.app.db.query(`SELECT 1 FROM audit_events WHERE action = 'complaint.file_download'`)).length).toBe(1);
    expect(staffErrors).toEqual([]);
    await closeStaff();
  }, 120_000);

  it('多页签：打开的页面成为页签，当前页高亮；点页签切换；刷新后仍在；案件页签以案件编号为题；关闭当前页签回到相邻页；面包屑仍在', async () => {
    const [{ id: caseId }] = await t.app.db.query<{ id: string }>(`SELECT id FROM cases WHERE procedure = 'tolerance' AND jurisdiction_code = '532300' ORDER BY created_at, id LIMIT 1`);
    const [p, errors, close] = await newPage(browser);
    await fillLogin(p, base, 'cx_business');
    await p.getByTestId('current-user').waitFor();
    const tabs = p.getByTestId('page-tab');
    const titles = async () => (await tabs.allInnerTexts()).map((x) => x.replace('×', '').trim());
    const selected = async () => (await p.locator('[data-testid=page-tab][aria-selected=true]').innerText()).replace('×', '').trim();
    await p.getByRole('menuitem', { name: '科技项目' }).click();
    await expect.poll(titles).toEqual(['工作台', '科技项目']);
    await p.getByRole('menuitem', { name: '办理时限' }).click();
    await expect.poll(titles).toEqual(['工作台', '科技项目', '办理时限']);
    await expect.poll(selected).toBe('办理时限');
    await p.goto(`${base}/cases/${caseId}`);
    await p.getByTestId('case-title').waitFor();
    await expect.poll(titles).toEqual(['工作台', '科技项目', '办理时限', `案件 ${caseNumber(caseId)}`]);
    await expect.poll(selected).toBe(`案件 ${caseNumber(caseId)}`);
    expect(await p.getByTestId('breadcrumb').innerText()).toContain('案件详情');
    await p.reload();
    await p.getByTestId('case-title').waitFor();
    await expect.poll(titles).toEqual(['工作台', '科技项目', '办理时限', `案件 ${caseNumber(caseId)}`]);
    await tabs.filter({ hasText: '科技项目' }).click();
    await expect.poll(() => new URL(p.url()).pathname).toBe('/projects');
    await expect.poll(selected).toBe('科技项目');
    await p.screenshot({ path: `${SHOTS}/page-tabs.png`, fullPage: true });
    // Closing the current tab opens its neighbour; closing another keeps the page.
    await tabs.filter({ hasText: '科技项目' }).getByTestId('page-tab-close').click();
    await expect.poll(() => new URL(p.url()).pathname).toBe('/deadlines');
    await expect.poll(titles).toEqual(['工作台', '办理时限', `案件 ${caseNumber(caseId)}`]);
    // From the keyboard: Delete on a tab closes it.
    await tabs.filter({ hasText: `案件 ${caseNumber(caseId)}` }).press('Delete');
    await expect.poll(titles).toEqual(['工作台', '办理时限']);
    expect(new URL(p.url()).pathname).toBe('/deadlines');
    expect(await tabs.filter({ hasText: '工作台' }).getByTestId('page-tab-close').count()).toBe(0);
    // The tab bar's close buttons never shadow the page's own buttons.
    expect(await p.getByRole('button', { name: /关闭/ }).count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  }, 120_000);

  it('工作台提醒：一名业务科人员 68 条提醒合并为 12 条并按类别与到期日分组；计数未读 12、本周到期 10、已逾期 1；翻页；选中后一次标记已读，计数随之变化；点提醒打开其案件', async () => {
    const [{ id: officerId }] = await t.app.db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'cx_business'`);
    const [{ id: caseA }, { id: caseB }] = await t.app.db.query<{ id: string }>(`SELECT id FROM cases WHERE procedure = 'tolerance' AND jurisdiction_code = '532300' ORDER BY created_at, id LIMIT 2`);
    await t.app.db.query('DELETE FROM mail_outbox WHERE notification_id IN (SELECT id FROM notifications WHERE user_id = $1)', [officerId]);
    await t.app.db.query('DELETE FROM notifications WHERE user_id = $1', [officerId]);
    const tell = async (minutes: number, times: number, m: { kind: string; title: string; caseId?: string; dueOn: string }) => {
      t.clock.set(new Date(Date.parse(TEST_NOW) + minutes * 60_000).toISOString());
      for (let i = 0; i < times; i++) await t.app.db.transaction((tx) => notify(tx, t.app, { userIds: [officerId] }, { ...m, body: `${m.title}（第 ${i + 1} 次）` }));
    };
    try {
      await tell(1, 25, { kind: 'before_1', title: '办理时限明日到期：作出决定', caseId: caseA, dueOn: '2026-11-21' });
      await tell(2, 20, { kind: 'overdue', title: '办理时限已逾期：受理审查', caseId: caseA, dueOn: '2026-11-18' });
      await tell(3, 10, { kind: 'before_3', title: '办理时限将到期：补正材料', caseId: caseB, dueOn: '2026-11-25' });
      await tell(4, 5, { kind: 'before_1', title: '办理时限明日到期：调查', caseId: caseB, dueOn: '2026-11-21' });
      for (let i = 0; i < 8; i++) await tell(5 + i, 1, { kind: 'milestone_approaching', title: `项目节点将到期：XM-${i + 1}`, dueOn: '2026-11-22' });
    } finally { t.clock.set(TEST_NOW); }
    // 25 + 20 + 10 + 5 + 8 = 68 reminders → 4 + 8 = 12 rows; due this week (to Sunday 11-22): 2 + 8; overdue: 1.
    const [p, errors, close] = await newPage(browser);
    await fillLogin(p, base, 'cx_business');
    const box = p.getByTestId('notifications');
    await box.waitFor();
    const counts = p.getByTestId('reminder-counts');
    await expect.poll(async () => (await counts.innerText()).replace(/\s+/g, ' ')).toBe('未读 12 本周到期 10 已逾期 1');
    const rows = box.getByTestId('notification');
    await expect.poll(() => rows.count()).toBe(10);
    expect(await box.getByTestId('reminder-group').allInnerTexts()).toEqual(['办理时限已逾期 · 2026-11-18 到期', '办理时限明日到期 · 2026-11-21 到期', '项目节点将到期 · 2026-11-22 到期']);
    expect(await rows.first().innerText()).toContain('共 20 条');
    expect(await rows.first().innerText()).toContain(`案件编号 ${caseNumber(caseA)}`);
    await p.screenshot({ path: `${SHOTS}/home-reminders-merged.png`, fullPage: true });
    await box.getByText('共 12 条').waitFor();
    await box.locator('.ant-pagination-item-2').click();
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.allInnerTexts()).toEqual([expect.stringContaining('XM-1'), expect.stringContaining('办理时限将到期：补正材料')]);
    await box.locator('.ant-pagination-item-1').click();
    await expect.poll(() => rows.count()).toBe(10);
    // Choose the two rows of case A (45 reminders) and mark them read in one request.
    let requests = 0;
    p.on('request', (r) => { if (r.url().endsWith('/api/notifications/read') && r.method() === 'POST') requests++; });
    await p.getByLabel('选择：办理时限已逾期：受理审查').check();
    await p.getByLabel('选择：办理时限明日到期：作出决定').check();
    await p.getByTestId('reminders-mark-read').click();
    await expect.poll(async () => (await counts.innerText()).replace(/\s+/g, ' ')).toBe('未读 10 本周到期 9 已逾期 0');
    expect(requests).toBe(1);
    const [{ n }] = await t.app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NOT NULL', [officerId]);
    expect(n).toBe(45);
    await p.screenshot({ path: `${SHOTS}/home-reminders-marked.png`, fullPage: true });
    await box.getByRole('link', { name: '办理时限明日到期：调查' }).click();
    await expect.poll(() => p.url()).toContain(`/cases/${caseB}`);
    await p.getByTestId('case-title').waitFor();
    expect(errors).toEqual([]);
    await close();
  }, 180_000);
});
