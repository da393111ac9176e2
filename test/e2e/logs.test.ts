/**
 * The logs in the browser (issue 21): the audit administrator narrows the audit log by action and by
 * operator and reads it in words (names, Chinese roles and actions, no keys or ids where a person is
 * named); the security administrator finds a failed login just made, with its reason in Chinese and
 * the time in Beijing; a case page printed shows no menu, header or buttons, and keeps its facts,
 * clocks and timeline.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fillLogin, useBrowserApp, watchedPage, signIn } from '../support/browser';
import { type TestApp } from '../support/test-app';

const SHOTS = 'test-results/logs';
fs.mkdirSync(SHOTS, { recursive: true });
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/** Picks `option` in the antd Select carrying `testId`, typing to find it. */
async function choose(p: Page, testId: string, typed: string, option: string) {
  await p.getByTestId(testId).click();
  await p.keyboard.type(typed);
  await p.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

const rowsText = (p: Page) => p.locator('.ant-table-tbody tr.ant-table-row').allInnerTexts();
async function settled(p: Page) {
  await p.locator('.ant-table .ant-spin-spinning').waitFor({ state: 'detached' }).catch(() => {});
}

describe('浏览器：审计日志、登录日志和打印', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  useBrowserApp((s) => { ({ t, browser, base } = s); });

  it('审计管理员按操作和操作人筛选审计日志：操作人显示姓名和用户名，角色、操作、对象为中文，操作人一栏没有编号', async () => {
    // Something for the log to hold: the business officer signs in and out.
    const [w, , closeW] = await watchedPage(browser);
    await signIn(w, base, 'cx_business');
    await closeW();

    const [p, errors, close] = await watchedPage(browser);
    await signIn(p, base, 'auditadmin');
    await p.getByRole('menuitem', { name: '审计日志' }).click();
    await p.getByTestId('audit-table').locator('tr.ant-table-row').first().waitFor();
    await settled(p);
    await p.screenshot({ path: `${SHOTS}/audit-all.png`, fullPage: true });

    await choose(p, 'filter-action', '登录', '登录');
    await expect.poll(() => new URL(p.url()).searchParams.get('action')).toBe('auth.login');
    await settled(p);
    await choose(p, 'filter-operator', 'cx_business', '州局业务科 张华（cx_business）');
    await expect.poll(() => new URL(p.url()).searchParams.get('operator')).toMatch(UUID);
    await settled(p);
    await expect.poll(async () => (await rowsText(p)).length).toBeGreaterThan(0);
    const rows = await rowsText(p);
    for (const r of rows) {
      expect(r).toContain('州局业务科 张华');
      expect(r).toContain('业务科室工作人员');
      expect(r).toContain('登录');
      expect(r).toContain('账号');
      expect(r).not.toContain('auth.login');
      expect(r).not.toContain('business_officer');
    }
    const operatorCells = await p.getByTestId('operator-cell').allInnerTexts();
    expect(operatorCells.length).toBe(rows.length);
    for (const cell of operatorCells) {
      expect(cell).toBe('州局业务科 张华（cx_business）');
      expect(cell).not.toMatch(UUID);
    }
    // The export takes the same filters.
    const href = await p.getByTestId('audit-export').getAttribute('href');
    expect(href).toContain('action=auth.login');
    expect(href).toMatch(/operator=[0-9a-f-]{36}/);
    expect(await p.getByTestId('audit-export').innerText()).toContain('按筛选条件导出');
    await p.screenshot({ path: `${SHOTS}/audit-filtered.png`, fullPage: true });
    expect(errors).toEqual([]);
    await close();
  });

  it('安全管理员的登录日志：刚才一次失败的登录在列，原因为中文，时间为北京时间；按账号和结果筛选', async () => {
    const [x, , closeX] = await watchedPage(browser);
    await fillLogin(x, base, 'cx_leader', 'not-the-password-9');
    await x.getByText(/用户名或密码|登录失败/).first().waitFor();
    await closeX();

    const [p, errors, close] = await watchedPage(browser);
    await signIn(p, base, 'secadmin');
    await p.getByRole('menuitem', { name: '登录日志' }).click();
    await p.getByTestId('login-log-table').locator('tr.ant-table-row').first().waitFor();
    await p.getByTestId('filter-username').locator('input').fill('cx_leader');
    await p.getByTestId('filter-username').locator('input').press('Enter');
    await choose(p, 'filter-outcome', '', '失败');
    await expect.poll(() => new URL(p.url()).searchParams.get('outcome')).toBe('failure');
    await settled(p);
    await expect.poll(async () => (await rowsText(p)).length).toBeGreaterThan(0);
    const [first] = await rowsText(p);
    expect(first).toContain('州局领导 赵强（cx_leader）');
    expect(first).toContain('局领导');
    expect(first).toContain('失败');
    expect(first).toContain('密码错误');
    expect(first).not.toContain('bad_credentials');
    // The test clock stands at 2026-11-20 10:00 in Beijing (02:00 UTC); the browser's zone is UTC.
    expect(first).toContain('2026-11-20 10:00');
    for (const r of await rowsText(p)) expect(r).toContain('失败');
    await p.screenshot({ path: `${SHOTS}/login-log.png`, fullPage: true });
    expect(errors).toEqual([]);
    await close();
  });

  it('打印案件页：不显示菜单、页头和按钮，显示案件事实、办理时限和办理经过', async () => {
    const [c] = await t.app.db.query<{ id: string }>(
      `SELECT c.id FROM cases c WHERE c.jurisdiction_code = '532300' AND EXISTS (SELECT 1 FROM deadline_clocks k WHERE k.owner_type = 'case' AND k.owner_id = c.id::text) ORDER BY c.created_at LIMIT 1`);
    expect(c).toBeDefined();
    const [p, errors, close] = await watchedPage(browser);
    await signIn(p, base, 'cx_integrity');
    await p.goto(`${base}/cases/${c.id}`);
    await p.getByTestId('case-title').waitFor();
    await expect.poll(() => p.getByRole('menu', { name: '主菜单' }).isVisible()).toBe(true);
    await expect.poll(() => p.getByTestId('case-print').isVisible()).toBe(true);
    expect(await p.getByTestId('case-print-line').isVisible()).toBe(false);

    await p.emulateMedia({ media: 'print' });
    await expect.poll(() => p.getByRole('menu', { name: '主菜单' }).isVisible()).toBe(false);
    expect(await p.locator('.ant-layout-sider').isVisible()).toBe(false);
    expect(await p.locator('.ant-layout-header').isVisible()).toBe(false);
    expect(await p.getByTestId('breadcrumb').isVisible()).toBe(false);
    expect(await p.getByTestId('case-print').isVisible()).toBe(false);
    expect(await p.locator('.ant-btn:visible').count()).toBe(0);
    expect(await p.getByTestId('case-title').isVisible()).toBe(true);
    expect(await p.getByTestId('case-state').isVisible()).toBe(true);
    expect(await p.getByTestId('case-clocks').isVisible()).toBe(true);
    expect(await p.getByTestId('case-timeline').isVisible()).toBe(true);
    expect(await p.getByTestId('case-print-line').innerText()).toMatch(/打印于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）/);
    const clocks = await p.getByTestId('case-clocks').innerText();
    expect(clocks).toMatch(/\d{4}-\d{2}-\d{2}/);
    await p.screenshot({ path: `${SHOTS}/case-print.png`, fullPage: true });
    await p.pdf({ path: `${SHOTS}/case-print.pdf`, format: 'A4' }).catch(() => {}); // for a person to look at; headless only
    expect(errors).toEqual([]);
    await close();
  });
});
