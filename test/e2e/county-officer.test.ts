/**
 * In a real browser (Debian's Chromium): a county officer logs in, filters the project list, opens
 * a project, and never sees a project of another county.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../src/core/identity/id-number';
import { fillLogin, useBrowserApp, signIn } from '../support/browser';
import { pdfText } from '../support/documents';
import { type TestApp } from '../support/test-app';

const OTHER_COUNTIES = ['禄丰市', '双柏县', '牟定县', '南华县', '姚安县', '大姚县', '永仁县', '元谋县', '武定县', '楚雄高新区'];

async function newPage(browser: Browser): Promise<[Page, () => Promise<void>]> {
  const ctx = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 }, reducedMotion: 'reduce' });
  return [await ctx.newPage(), () => ctx.close()];
}

describe('浏览器：县级工作人员只看到本县项目', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;

  useBrowserApp(async (s) => {
    ({ t, browser, base } = s);
    page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 900 }, reducedMotion: 'reduce' });
  });

  it('登录、筛选“执行中”项目、打开项目详情；列表中没有其他县的项目，直接访问其他县项目显示不存在', async () => {
    await page.goto(`${base}/projects`);
    await page.waitForURL(/\/login/);
    await page.getByLabel('用户名').fill('cxs_officer');
    await page.getByLabel('密码').fill('Kexin@2026');
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.url()).toMatch(/\/projects$/);
    await expect.poll(() => page.getByTestId('current-user').innerText()).toContain('楚雄市');

    // Filter by status through the antd select, as a person would.
    await page.getByTestId('filter-status').click();
    const filtered = page.waitForResponse((r) => r.url().includes('/api/projects?') && r.url().includes('status=in_progress'));
    await page.locator('.ant-select-item-option', { hasText: '执行中' }).click();
    await filtered;
    await page.keyboard.press('Escape');
    await expect.poll(() => page.url()).toContain('status=in_progress');
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await page.locator('.ant-table .ant-spin-spinning').waitFor({ state: 'detached' }).catch(() => {});
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const regionCells = await rows.locator('td:nth-child(5)').allTextContents();
    const statusCells = await rows.locator('td:nth-child(8)').allTextContents();
    expect(new Set(regionCells)).toEqual(new Set(['楚雄市']));
    expect(new Set(statusCells)).toEqual(new Set(['执行中']));
    const tableText = await page.locator('.ant-table-tbody').innerText();
    for (const other of OTHER_COUNTIES) expect(tableText).not.toContain(other);
    await page.screenshot({ path: 'test-results/county-officer-projects.png', fullPage: true });

    const firstCode = (await rows.first().locator('td').first().innerText()).trim();
    await rows.first().locator('a').first().click();
    await expect.poll(() => page.getByTestId('project-title').innerText()).toContain(firstCode);
    expect(await page.locator('.ant-descriptions').innerText()).toContain('楚雄市');
    await page.screenshot({ path: 'test-results/county-officer-project.png', fullPage: true });

    const [other] = await t.app.db.query<{ id: string }>(`SELECT id FROM projects WHERE region_code = '532302' AND jurisdiction_code <> '532301' LIMIT 1`);
    await page.goto(`${base}/projects/${other.id}`);
    await page.getByText('记录不存在').waitFor({ state: 'visible' });
  });

  it('YT-6.3 时限计算器：州局业务科输入受理日 2026-09-28，看到到期日 2026-10-22 和逐日推导', async () => {
    const [p, close] = await newPage(browser);
    await fillLogin(p, base, 'cx_business');
    await p.getByTestId('notifications').waitFor();
    await p.getByRole('menuitem', { name: '时限计算器' }).click();
    const start = p.getByLabel('受理');
    await start.click();
    await start.fill('2026-09-28');
    await start.press('Enter');
    await p.getByRole('button', { name: '计算' }).click();
    const result = p.getByTestId('deadline-result');
    await result.waitFor();
    const text = await result.innerText();
    expect(text).toContain('到期日：2026-10-22');
    expect(text).toContain('10/10（调休上班）=5');
    expect(text).toContain('云科规〔2023〕1号 已于 2025-02-09 到期');
    await p.screenshot({ path: 'test-results/deadline-calculator.png', fullPage: true });
    await p.getByRole('menuitem', { name: '节假日日历' }).click();
    await p.getByText('国办发明电〔2024〕12号', { exact: false }).waitFor();
    await p.screenshot({ path: 'test-results/calendar.png', fullPage: true });
    await close();
  });

  it('CI-16.3.1 诚信科：首页提示两部文件已到期；信用评价列表按等级筛选，打开解释看到条款、事实和计算', async () => {
    const [p, close] = await newPage(browser);
    await fillLogin(p, base, 'cx_integrity');
    await p.getByText('楚科规〔2022〕5号 今日不在有效期内').waitFor();
    await p.getByText('云科规〔2023〕1号 今日不在有效期内').waitFor();
    await p.screenshot({ path: 'test-results/home-integrity.png', fullPage: true });
    await p.goto(`${base}/ratings`);
    await p.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    // CI-15: the demo's 2025 ratings were published (took effect) on 2026-02-02.
    expect(await p.locator('.ant-table-tbody tr.ant-table-row').first().innerText()).toContain('2026-02-02 生效');
    const filtered = p.waitForResponse((r) => r.url().includes('/api/ratings?') && r.url().includes('level=B'));
    await p.locator('.ant-select', { hasText: '等级' }).click();
    await p.locator('.ant-select-item-option', { hasText: /^B$/ }).click();
    await filtered;
    await p.keyboard.press('Escape');
    const units = p.waitForResponse((r) => r.url().includes('/api/ratings?') && r.url().includes('subjectType=unit'));
    await p.locator('.ant-select', { hasText: '主体类别' }).click();
    await p.locator('.ant-select-item-option', { hasText: '项目承担单位' }).click();
    await units;
    await p.keyboard.press('Escape');
    await p.locator('.ant-table .ant-spin-spinning').waitFor({ state: 'detached' }).catch(() => {});
    const row = p.locator('.ant-table-tbody tr.ant-table-row', { hasText: 'CI-16.3.1' }).first();
    await row.getByText('解释').click();
    const drawer = p.getByRole('dialog');
    await drawer.getByText('依据的条款与事实').waitFor();
    const text = await drawer.innerText();
    expect(text).toContain('CI-16.3.1');
    expect(text).toContain('计算：逾期未验收');
    expect(text).toContain('楚科规〔2022〕5号（CI-2023');
    await p.screenshot({ path: 'test-results/rating-explanation.png', fullPage: true });
    await close();
  });

  it('县级工作人员新增人员：身份证号校验码错误时字段旁显示中文原因，改正后保存并脱敏显示；修改项目名称', async () => {
    const [p, close] = await newPage(browser);
    await signIn(p, base, 'cxs_officer');
    await p.goto(`${base}/subjects`);
    await p.getByRole('button', { name: '新增主体' }).click();
    const dialog = p.getByRole('dialog');
    await dialog.locator('.ant-select', { hasText: '单位' }).first().click();
    await p.locator('.ant-select-item-option', { hasText: /^个人$/ }).click();
    await dialog.getByLabel('姓名').fill('测试人员');
    const first17 = '53230119850315002';
    const bad = first17 + (idNumberCheckChar(first17) === '1' ? '2' : '1');
    await dialog.getByLabel('居民身份证号码').fill(bad);
    // Pick the region as a person would, again if the choice did not take (under load a click can land before the tree is ready).
    const chosen = () => dialog.locator('.ant-select-content, .ant-select-selection-item').filter({ hasText: '楚雄市' }).count();
    for (let attempt = 0; attempt < 3 && (await chosen()) === 0; attempt++) {
      await dialog.getByLabel('所属区划').click();
      await p.locator('.ant-select-tree-node-content-wrapper', { hasText: '楚雄市' }).click();
      await p.waitForTimeout(300);
    }
    expect(await chosen()).toBeGreaterThan(0);
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText('居民身份证号码无效：末位校验码与前 17 位不符').waitFor();
    await p.screenshot({ path: 'test-results/subject-form-error.png', fullPage: true });
    await dialog.getByLabel('居民身份证号码').fill(first17 + idNumberCheckChar(first17));
    // The field re-validates on change: the server's old message goes before saving again.
    await dialog.getByText('居民身份证号码无效：末位校验码与前 17 位不符').waitFor({ state: 'detached' });
    const saved = p.waitForResponse((r) => r.url().endsWith('/api/subjects') && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: '保存' }).click();
    const res = await saved;
    expect([res.status(), await res.text()]).toEqual([201, expect.any(String)]);
    await p.waitForURL(/\/subjects\/[0-9a-f-]{36}$/);
    const detail = await p.locator('.ant-descriptions').first().innerText();
    expect(detail).toContain('532301********');
    expect(detail).not.toContain('19850315');

    const [proj] = await t.app.db.query<{ id: string; name: string }>(`SELECT id, name FROM projects WHERE region_code = '532301' ORDER BY code LIMIT 1`);
    await p.goto(`${base}/projects/${proj.id}`);
    await p.getByRole('button', { name: '修改' }).click();
    const form = p.getByRole('dialog');
    await form.getByLabel('项目名称').fill(`${proj.name}（修订）`);
    await form.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => p.getByTestId('project-title').innerText()).toContain('（修订）');
    await close();
  });

  it('YT-6.1 YT-13 YT-6.2 YT-6.4 YT-9.1 容错免责主流程：科研人员申请（草稿自动保存）、上传五项材料并提交，单位审核报送，州局受理、集体审议作出认定、下载决定书', async () => {
    const [u] = await t.app.db.query<{ person_id: string }>(`SELECT person_id FROM users WHERE username = 'researcher'`);
    // A project being carried out (YT-6.1: its leader may apply at any time).
    const [proj] = await t.app.db.query<{ code: string }>(`SELECT code FROM projects WHERE leader_id = $1 AND jurisdiction_code <> '530000' AND status = 'in_progress' ORDER BY code LIMIT 1`, [u.person_id]);
    const [p, close] = await newPage(browser);
    await signIn(p, base, 'researcher');
    await p.goto(`${base}/cases`);
    await p.getByRole('button', { name: '申请容错免责' }).click();
    const dialog = p.getByRole('dialog');
    await dialog.getByLabel('项目', { exact: true }).click();
    await p.locator('.ant-select-item-option', { hasText: proj.code }).click();
    await dialog.getByLabel('失败或未达预期的情况').fill('中试工艺路线失败');
    // The draft survives closing the form: it is kept in the browser as it is typed.
    await expect.poll(() => dialog.getByTestId('draft-status').innerText()).toContain('草稿已自动保存');
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await p.getByRole('button', { name: '申请容错免责' }).click();
    await expect.poll(() => dialog.getByLabel('失败或未达预期的情况').inputValue()).toBe('中试工艺路线失败');
    await dialog.getByText('YT-4.5').click();
    await dialog.getByLabel('YT-4.5 的证据').fill('国内首次采用该工艺，有论证记录');
    await dialog.getByLabel('适用的免责情形（YT-5）').click();
    await p.locator('.ant-select-item-option', { hasText: 'YT-5.6' }).click();
    await p.keyboard.press('Escape');
    await dialog.getByRole('button', { name: '保存' }).click();
    await p.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const caseUrl = p.url();
    // YT-6.1: without the five materials the submission is blocked, and the page says what the text still requires.
    expect(await p.getByTestId('step-submit_to_unit').isDisabled()).toBe(true);
    expect(await p.getByTestId('blocked-steps').innerText()).toContain('提交单位审核：申请材料不全');
    expect(await p.getByTestId('blocked-steps').innerText()).toContain('（YT-6.1）');
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    for (const kind of ['application', 'explanation', 'unit_certificate', 'audit_report', 'performance']) {
      const [chooser] = await Promise.all([p.waitForEvent('filechooser'), p.getByTestId(`upload-${kind}`).click()]);
      const uploaded = p.waitForResponse((r) => r.url().includes('/materials?') && r.request().method() === 'POST');
      await chooser.setFiles({ name: `${kind}.pdf`, mimeType: 'application/pdf', buffer: pdf });
      expect((await uploaded).status()).toBe(201);
    }
    await expect.poll(() => p.locator('.ant-tag', { hasText: '已上传' }).count()).toBe(5);
    await p.getByRole('button', { name: '提交单位审核' }).click();
    await p.getByRole('dialog').getByRole('button', { name: '确认' }).click();
    await expect.poll(() => p.getByTestId('case-state').innerText()).toBe('单位审核中');
    await close();

    const [unit, closeUnit] = await newPage(browser);
    await signIn(unit, base, 'unit_admin');
    await unit.goto(caseUrl);
    await unit.getByRole('button', { name: '单位审核通过并报送' }).click();
    await unit.getByRole('dialog').getByLabel('审核意见').fill('情况属实');
    await unit.getByRole('dialog').getByRole('button', { name: '确认' }).click();
    await expect.poll(() => unit.getByTestId('case-state').innerText()).toBe('待受理');
    await closeUnit();

    const [off, closeOff] = await newPage(browser);
    await signIn(off, base, 'cx_business');
    await off.goto(caseUrl);
    await off.getByRole('button', { name: '受理', exact: true }).click();
    await off.getByRole('dialog').getByRole('button', { name: '确认' }).click();
    await expect.poll(() => off.getByTestId('case-state').innerText()).toBe('调查核实中');
    // YT-6.3 / YT-6.4: the decision is blocked until the defence is heard, each claimed condition found on, and finance and audit consulted.
    expect(await off.getByTestId('step-decide').isDisabled()).toBe(true);
    const blocked = await off.getByTestId('blocked-steps').innerText();
    expect(blocked).toContain('尚未听取申辩意见');
    expect(blocked).toContain('尚未记录与财政、审计部门的沟通协调（YT-6.4）');
    await off.screenshot({ path: 'test-results/case-decision-blocked.png', fullPage: true });
    const d = off.getByRole('dialog');
    const pick = async (label: string, option: string) => { await d.getByLabel(label, { exact: true }).click(); await off.locator('.ant-select-item-option').getByText(option, { exact: true }).click(); };
    const confirm = async () => { await d.getByRole('button', { name: '确认' }).click(); await d.waitFor({ state: 'detached' }); };
    await off.getByTestId('step-record_defence').click();
    await pick('方式', '听取申辩');
    await d.getByLabel('申辩内容（书面放弃的，记录放弃声明）').fill('申请人说明中试工艺失败经过，并提交论证记录');
    await confirm();
    await off.getByTestId('step-record_findings').click();
    await pick('YT-4.5 探索新机制新方法新技术，或因市场等因素未达预期', '符合');
    await d.getByLabel('核实依据').fill('查阅立项论证和中试记录');
    await confirm();
    for (const dept of ['财政部门', '审计部门']) {
      await off.getByTestId('step-record_consultation').click();
      await pick('部门', dept);
      await d.getByLabel('沟通协调的内容和意见').fill(`${dept}对经费使用情况无异议`);
      await confirm();
    }
    await expect.poll(() => off.getByTestId('step-decide').isDisabled()).toBe(false);
    await off.getByTestId('step-decide').click();
    await pick('认定结果', '免除责任');
    await d.getByLabel('所依据的免责情形（YT-5）').click();
    await off.locator('.ant-select-item-option', { hasText: 'YT-5.6' }).click();
    await off.keyboard.press('Escape');
    await d.getByLabel('认定理由').fill('勤勉尽责，技术路线选择失误');
    await pick('方式', '协商一致');
    const members = d.getByLabel('到会人员');
    for (const m of ['局长', '副局长', '业务科长']) { await members.fill(m); await members.press('Enter'); }
    await d.getByLabel('审议纪要').fill('一致同意免除责任');
    // YT-5.2's approval is asked for only when YT-5.2 is cited.
    expect(await d.getByText('科技行政管理部门批准结题（YT-5.2）').count()).toBe(0);
    await confirm();
    await expect.poll(() => off.getByTestId('case-state').innerText()).toBe('已作出认定');
    const text = await off.locator('body').innerText();
    expect(text).toContain('YT-6.5');
    expect(text).toContain('待发纠错通知'); // YT-9.1: the correction case started with the decision
    // The decision document, generated from the case and downloaded as a PDF with its Chinese text.
    await off.getByTestId('generate-decision-pdf').click();
    const link = off.getByTestId('document-link').first();
    await link.waitFor();
    const [download] = await Promise.all([off.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^容错免责认定决定书-[0-9A-F]{8}\.pdf$/);
    const file = await download.path();
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfText(bytes).replace(/\s+/g, '')).toContain('认定结果：免除责任。');
    await off.screenshot({ path: 'test-results/case-decided.png', fullPage: true });
    await closeOff();
  });
});
