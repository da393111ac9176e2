/**
 * An officer's day in the browser (issue 21): every refusal reaches the screen, on its field or in the
 * dialog; re-running a year's ratings asks first and keeps what did not change in effect; the veto
 * check refuses mistyped numbers and shows a batch's results; instants are shown in Beijing time
 * across midnight; a wrong receipt code never leaves another answer on screen; a training system says
 * its date on every page.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../src/core/identity/credit-code';
import { xlsx } from '../fixtures/hostile-files';
import { openDeadline } from '../../src/server/modules/deadlines/open-deadline';
import { fillLogin, type Served, useBrowserApp, watchedPage, signIn } from '../support/browser';
import { loginAs, TEST_NOW, type TestApp } from '../support/test-app';
import { startBody } from '../support/cases';

const SHOTS = 'test-results/officer-day';
fs.mkdirSync(SHOTS, { recursive: true });

describe('浏览器：工作人员的一天（拒绝理由显示在页面上、重新评价、一票否决、北京时间、过时的答复）', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  useBrowserApp((s) => { ({ t, browser, base } = s); });

  it('CI-15 重新运行年度批量评价：先确认并说明后果；确认后页面显示未变、变化、新增的数量，已生效的评价仍然生效', async () => {
    const [p, errors, close] = await watchedPage(browser);
    await signIn(p, base, 'cx_integrity');
    await p.goto(`${base}/ratings`);
    const firstRow = p.locator('.ant-table-tbody tr.ant-table-row').first();
    await firstRow.waitFor();
    expect(await firstRow.innerText()).toContain('2026-02-02 生效');
    let ran = false;
    p.on('request', (r) => { if (r.url().endsWith('/api/ratings/run')) ran = true; });
    await p.getByRole('button', { name: '运行 2025 年度批量评价' }).click();
    const confirm = p.getByTestId('rating-run-confirm');
    await confirm.waitFor();
    const said = await confirm.innerText();
    expect(said).toContain('结果与已保存的相同的，保持原状：已生效的继续有效');
    expect(said).toContain('结果有变化的，撤回生效，重新进入意见期（CI-15）');
    expect(ran).toBe(false); // nothing runs before it is confirmed
    await p.screenshot({ path: `${SHOTS}/ratings-rerun-confirm.png` });
    await p.getByRole('button', { name: '确认运行' }).click();
    const result = p.getByTestId('rating-run-result');
    await result.waitFor();
    const [{ n }] = await t.app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM ratings WHERE year = 2025');
    expect(await result.innerText()).toMatch(new RegExp(`评价 ${n} 个主体，结果未变 ${n} 个（保持原状），结果有变化 0 个（重新进入意见期），新评价 0 个`));
    await p.locator('.ant-table .ant-spin-spinning').waitFor({ state: 'detached' }).catch(() => {});
    expect(await firstRow.innerText()).toContain('2026-02-02 生效');
    const [{ unpublished }] = await t.app.db.query<{ unpublished: number }>(`SELECT count(*)::int AS unpublished FROM ratings WHERE year = 2025 AND published_at IS NULL`);
    expect(unpublished).toBe(0);
    await p.screenshot({ path: `${SHOTS}/ratings-rerun-result.png`, fullPage: true });
    expect(errors).toEqual([]);
    await close();
  });

  it('CI-10 单个一票否决审查：出生日期不存在或校验码错误的身份证号、无效的统一社会信用代码，在输入框下说明原因，不显示“通过”', async () => {
    const [p, errors, close] = await watchedPage(browser);
    await signIn(p, base, 'cx_business');
    await p.goto(`${base}/veto`);
    const first17 = '53230119900230123';
    await p.getByTestId('veto-code').fill(`${first17}X`);
    await p.getByTestId('veto-name').fill('张三');
    await p.getByRole('button', { name: '审查', exact: true }).click();
    // On the number's field itself, not in a toast that vanishes.
    await p.locator('.ant-form-item-explain-error', { hasText: '居民身份证号码无效：第 7–14 位的出生日期 1990-02-30 不存在' }).waitFor();
    expect(await p.getByTestId('veto-results').count()).toBe(0);
    expect(await p.locator('body').innerText()).not.toContain('通过');
    await p.screenshot({ path: `${SHOTS}/veto-bad-birth-date.png` });
    const unit = `91532300MA6K00000${creditCodeCheckChar('91532300MA6K00000')}`;
    const wrong = `${unit.slice(0, 17)}${unit[17] === '1' ? '2' : '1'}`;
    await p.getByTestId('veto-name').fill('');
    await p.getByTestId('veto-code').fill(wrong);
    await p.getByRole('button', { name: '审查', exact: true }).click();
    await p.locator('.ant-form-item-explain-error', { hasText: '统一社会信用代码无效：末位校验码与前 17 位不符（GB 32100），请核对是否输错' }).waitFor();
    expect(await p.getByTestId('veto-results').count()).toBe(0);
    // A well-formed code not in the database passes, and the answer is on screen.
    await p.getByTestId('veto-code').fill(unit);
    await p.getByRole('button', { name: '审查', exact: true }).click();
    await p.getByTestId('veto-results').waitFor();
    expect(await p.getByTestId('veto-results').innerText()).toContain('通过');
    expect(errors).toEqual([]);
    await close();
  });

  it('CI-10 Excel 批量审查：表中每一行错误都列出行号和原因；改正后的结果显示在页面上，也可下载', async () => {
    const [p, errors, close] = await watchedPage(browser);
    await signIn(p, base, 'cx_business');
    await p.goto(`${base}/veto`);
    const [unit] = await t.app.db.query<{ name: string; credit_code: string }>(`SELECT name, credit_code FROM subjects WHERE kind = 'organization' AND credit_code IS NOT NULL AND region_code LIKE '5323%' ORDER BY name LIMIT 1`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kexin-veto-'));
    const bad = path.join(dir, 'bad.xlsx');
    fs.writeFileSync(bad, await xlsx([['名称', '代码'], [unit.name, unit.credit_code], ['乙', '12345'], ['丙', '532301199002301236']]));
    await p.getByTestId('veto-call').fill('2027-重点研发');
    await p.locator('input[type=file]').setInputFiles(bad);
    const batchError = p.getByTestId('batch-error');
    await batchError.waitFor();
    const text = await batchError.innerText();
    expect(text).toContain('表中 2 行有误');
    expect(text).toContain('第 3 行第 2 列');
    expect(text).toContain('第 4 行第 2 列');
    expect(text).toContain('出生日期 1990-02-30 不存在');
    await p.screenshot({ path: `${SHOTS}/veto-batch-bad-rows.png` });
    const good = path.join(dir, 'good.xlsx');
    fs.writeFileSync(good, await xlsx([['名称', '代码'], [unit.name, unit.credit_code]]));
    await p.locator('input[type=file]').setInputFiles(good);
    await p.getByTestId('batch-result').waitFor();
    expect(await p.getByTestId('batch-result').innerText()).toContain('已审查 1 个主体');
    expect(await p.getByTestId('veto-results').innerText()).toContain(unit.name);
    expect(await batchError.count()).toBe(0);
    const download = p.waitForEvent('download');
    await p.getByText('下载结果 Excel').click();
    expect((await download).suggestedFilename()).toMatch(/^一票否决审查-\d{4}-\d{2}-\d{2}\.xlsx$/);
    await p.screenshot({ path: `${SHOTS}/veto-batch-results.png`, fullPage: true });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(errors).toEqual([]);
    await close();
  });

  it('CI-29 投诉举报：空表提交时错误显示在各字段下且控制台无未捕获的错误；北京时间 2026-12-02 00:30 收到的举报显示 12-02（跨零点）；输错受理码时不再显示上一件的进度', async () => {
    const [p, errors, close] = await watchedPage(browser);
    await p.goto(`${base}/public/complaint`);
    await p.getByRole('button', { name: '提交举报' }).click();
    await p.locator('.ant-form-item-explain-error', { hasText: '请填写名称' }).waitFor();
    await p.locator('.ant-form-item-explain-error', { hasText: '请填写联系电话' }).waitFor();
    expect(errors).toEqual([]);
    await p.getByLabel('被举报人或单位名称').fill('某研究所');
    await p.getByLabel('统一社会信用代码（单位，可不填）').fill('91532300MA6K000001');
    await p.getByLabel('举报内容（时间、事项、线索）').fill('2026 年 10 月项目验收材料中的实验数据系伪造。');
    await p.getByLabel('您的姓名').fill('李四');
    await p.getByLabel('联系电话').fill('abc');
    await p.getByRole('button', { name: '提交举报' }).click();
    await p.locator('.ant-form-item-explain-error', { hasText: '统一社会信用代码无效' }).waitFor();
    await p.locator('.ant-form-item-explain-error', { hasText: '联系电话应为 6–20 位数字（可含 +、- 和空格）' }).waitFor();
    await p.screenshot({ path: `${SHOTS}/complaint-field-errors.png`, fullPage: true });
    await p.getByLabel('统一社会信用代码（单位，可不填）').fill('');
    await p.getByLabel('联系电话').fill('0878-3120000');
    t.clock.set('2026-12-01T16:30:00Z'); // 2026-12-02 00:30 in Beijing
    try {
      await p.getByRole('button', { name: '提交举报' }).click();
      await p.getByTestId('receipt').waitFor();
    } finally {
      t.clock.set(TEST_NOW);
    }
    const receipt = (await p.getByTestId('receipt').innerText()).trim();
    await p.getByTestId('receipt-code').fill(receipt);
    await p.getByRole('button', { name: '查询' }).click();
    const progress = p.getByTestId('progress');
    await progress.waitFor();
    expect(await progress.innerText()).toContain('2026-12-02 00:30');
    expect(await progress.innerText()).not.toContain('2026-12-01');
    await p.screenshot({ path: `${SHOTS}/complaint-progress.png`, fullPage: true });
    await p.getByTestId('receipt-code').fill('WRONGCODE2345678');
    await p.getByRole('button', { name: '查询' }).click();
    await p.getByTestId('follow-error').waitFor();
    expect(await progress.count()).toBe(0);
    await p.screenshot({ path: `${SHOTS}/complaint-wrong-code.png`, fullPage: true });
    expect(errors).toEqual([]);
    await close();
  });

  it('CI-29 受理台账：北京时间 12-02 凌晨收到的举报，收到日期显示 2026-12-02', async () => {
    const [p, errors, close] = await watchedPage(browser);
    await signIn(p, base, 'cx_integrity');
    await p.goto(`${base}/complaints`);
    const row = p.locator('.ant-table-tbody tr.ant-table-row', { hasText: '某研究所' }).first();
    await row.waitFor();
    expect(await row.innerText()).toContain('2026-12-02 00:30');
    await p.screenshot({ path: `${SHOTS}/complaints-ledger.png`, fullPage: true });
    expect(errors).toEqual([]);
    await close();
  });

  it('YT-6.3 部门负责人的时限抽屉：批准一次延长后不再显示“批准延长”', async () => {
    const clock = await openDeadline(t.app, null, { limitId: 'YT-6.3', ownerType: 'test', ownerId: 'e2e', title: '浏览器测试 作出决定', jurisdictionCode: '532300', startDate: '2026-01-05' });
    const [p, errors, close] = await watchedPage(browser);
    await signIn(p, base, 'cx_leader');
    await p.goto(`${base}/deadlines`);
    await p.getByText('浏览器测试 作出决定').click();
    const drawer = p.getByRole('dialog');
    const extend = drawer.getByRole('button', { name: '批准延长' });
    await extend.waitFor();
    await p.screenshot({ path: `${SHOTS}/clock-drawer-before-extension.png` });
    await extend.click();
    await expect.poll(async () => (await t.app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM deadline_ledger WHERE clock_id = $1 AND kind = 'extension'`, [clock.id]))[0].n).toBe(1);
    await expect.poll(() => extend.count()).toBe(0);
    expect(await drawer.innerText()).toContain('延长');
    await p.screenshot({ path: `${SHOTS}/clock-drawer-after-extension.png` });
    expect(errors).toEqual([]);
    await close();
  });

  it('CI-22 科研失信案件页写明被调查的个人及其单位；菜单和标题不用容错纠错（云科规）的名称', async () => {
    const [person] = await t.app.db.query<{ id: string; name: string; employer: string }>(
      `SELECT p.id, p.name, o.name AS employer FROM subjects p JOIN subjects o ON o.id = p.employer_id WHERE p.kind = 'person' AND p.region_code LIKE '5323%' ORDER BY p.name LIMIT 1`);
    const officer = await loginAs(t, 'cx_integrity');
    const started = await officer.send('POST', '/api/cases', startBody('misconduct', { subjectId: person.id, source: 'audit', grounds: '专项审计发现论文数据涉嫌伪造' }));
    expect(started.status).toBe(201);
    const [p, errors, close] = await watchedPage(browser);
    await signIn(p, base, 'cx_integrity');
    await p.goto(`${base}/cases/${started.json.id}`);
    await p.getByTestId('case-title').waitFor();
    const header = await p.locator('.ant-card').first().innerText();
    expect(header).toContain(person.name);
    const menu = await p.getByRole('menu', { name: '主菜单' }).innerText();
    expect(menu).toContain('案件办理');
    expect(menu).not.toContain('容错');
    expect(await p.getByTestId('case-title').innerText()).not.toMatch(/容错|云科规|YT-/);
    // The breadcrumb says where the page sits and leads back.
    expect((await p.getByTestId('breadcrumb').innerText()).replace(/\s+/g, '')).toBe('工作台/案件办理/案件详情');
    await p.screenshot({ path: `${SHOTS}/misconduct-case.png`, fullPage: true });
    await p.goto(`${base}/cases?procedure=misconduct`);
    await p.locator('.ant-card-head-title', { hasText: '案件办理' }).first().waitFor();
    expect(await p.locator('.ant-card-head-title').allInnerTexts()).not.toContain('案件办理（云科规〔2023〕1号）');
    expect(errors).toEqual([]);
    await close();
  });

  it('YT-13 科研人员的容错免责申请草稿：单位管理员的案件列表中没有；本人在案件页撤回', async () => {
    const [project] = await t.app.db.query<{ id: string }>(
      `SELECT p.id FROM projects p JOIN users u ON u.person_id = p.leader_id AND u.username = 'researcher'
        WHERE p.jurisdiction_code = '532300' AND p.exempted_on IS NULL AND p.status = 'in_progress' ORDER BY p.code LIMIT 1`);
    const researcher = await loginAs(t, 'researcher');
    const draft = await researcher.send('POST', '/api/cases', startBody('tolerance', { projectId: project.id, failure: '浏览器测试草稿：中试放大失败', conditions: { 'YT-4.5': '国内首创工艺' }, circumstances: ['YT-5.6'] }));
    expect(draft.status).toBe(201);
    const [u, uErrors, closeU] = await watchedPage(browser);
    await signIn(u, base, 'unit_admin');
    await u.goto(`${base}/cases?procedure=tolerance`);
    await u.locator('.ant-table-tbody').first().waitFor();
    await u.locator('.ant-table .ant-spin-spinning').waitFor({ state: 'detached' }).catch(() => {});
    expect(await u.locator('body').innerText()).not.toContain('浏览器测试草稿');
    await u.goto(`${base}/cases/${draft.json.id}`);
    await u.getByText('记录不存在').waitFor();
    expect(uErrors).toEqual([]);
    await closeU();
    const [p, errors, close] = await watchedPage(browser);
    await signIn(p, base, 'researcher');
    await p.goto(`${base}/cases/${draft.json.id}`);
    await p.getByTestId('step-withdraw').click();
    const dialog = p.getByRole('dialog');
    await dialog.getByLabel('撤回理由').fill('材料准备不足，暂不申请');
    await dialog.getByRole('button', { name: '确认' }).click();
    await expect.poll(async () => (await t.app.db.query<{ state: string }>('SELECT state FROM cases WHERE id = $1', [draft.json.id]))[0].state).toBe('withdrawn');
    await p.getByText('申请人已撤回').first().waitFor();
    await p.screenshot({ path: `${SHOTS}/tolerance-draft-withdrawn.png`, fullPage: true });
    expect(errors).toEqual([]);
    await close();
  });

  it('工作台的提醒写明所涉案件，点提醒打开该案件', async () => {
    const [note] = await t.app.db.query<{ username: string; title: string; case_id: string }>(
      `SELECT u.username, n.title, COALESCE(n.case_id, CASE WHEN k.owner_type = 'case' THEN k.owner_id::uuid END) AS case_id
         FROM notifications n JOIN users u ON u.id = n.user_id LEFT JOIN deadline_clocks k ON k.id = n.clock_id
        WHERE u.username IN ('cx_business', 'cx_integrity', 'cx_leader', 'unit_admin', 'researcher')
          AND COALESCE(n.case_id, CASE WHEN k.owner_type = 'case' THEN k.owner_id::uuid END) IS NOT NULL
        ORDER BY n.created_at DESC LIMIT 1`);
    expect(note).toBeDefined();
    const [p, errors, close] = await watchedPage(browser);
    await fillLogin(p, base, note.username);
    const list = p.getByTestId('notifications');
    await list.waitFor();
    const link = list.getByRole('link', { name: note.title }).first();
    await link.waitFor();
    expect(await list.innerText()).toMatch(/案件编号 [0-9A-F]{8}/);
    await p.screenshot({ path: `${SHOTS}/home-reminders.png`, fullPage: true });
    await link.click();
    await expect.poll(() => p.url()).toContain(`/cases/${note.case_id}`);
    await p.getByTestId('case-title').waitFor();
    expect(errors).toEqual([]);
    await close();
  });
});

describe('浏览器：培训模式（KEXIN_TODAY=2026-09-28，仅嵌入式演示库）', () => {
  let t: TestApp;
  let served: Served;

  useBrowserApp((s) => { ({ t, served } = s); }, { trainingClock: { today: '2026-09-28' } });

  it('登录页、公开页和登录后的每个页面都显示“培训模式：系统日期 2026-09-28”', async () => {
    const [p, errors, close] = await watchedPage(served.browser);
    const banner = p.getByTestId('training-banner');
    for (const at of ['/login', '/public', '/public/complaint']) {
      await p.goto(`${served.base}${at}`);
      await banner.waitFor();
      expect(await banner.innerText()).toContain('培训模式：系统日期 2026-09-28');
    }
    await fillLogin(p, served.base, 'cx_business');
    await p.getByTestId('current-user').waitFor();
    for (const at of ['/', '/cases', '/calculator']) {
      await p.goto(`${served.base}${at}`);
      await banner.waitFor();
      expect(await banner.innerText()).toContain('培训模式：系统日期 2026-09-28');
    }
    // The calculator's first start day is the system's day, not the browser's.
    await p.getByRole('button', { name: '计算' }).waitFor();
    expect(await p.getByLabel('受理').inputValue()).toBe('2026-09-28');
    await p.screenshot({ path: `${SHOTS}/training-banner.png` });
    expect(errors).toEqual([]);
    await close();
  });
});
