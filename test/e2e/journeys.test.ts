/**
 * The three journeys of issue 21 walked end to end in a real browser (Debian's Chromium) with the
 * demo accounts, on a training system (KEXIN_TODAY: the demo starts on Monday 2026-11-23, and the
 * test moves the training day on between steps as a trainer would): every step is taken in the case
 * page's own dialogs, and what the screen says afterwards — names, states and due dates — is checked
 * against dates worked out by hand from the national calendar (/work/shared/calendar/national.json:
 * in November and December 2026 only weekends are rest days).
 *
 * (a) YT-6 tolerance: applied by the researcher, vouched by the unit, accepted, investigated, decided
 *     collectively, fed back and archived, the project marked 免责; then its YT-9 correction to 办结.
 * (b) CI-22 … CI-31: a misconduct case to its sanction, the listing notice and its objection window,
 *     listed on the public page, credit repair applied for by the subject's own account, decided, off
 *     the public page.
 * (c) CI-29: the public complaint form, its receipt code and look-up, registered and routed by the
 *     integrity officer; the public list searched.
 */
import fs from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillLogin, serveToBrowser, type Served } from '../support/browser';
import { startTestApp, TEST_NOW, type TestApp } from '../support/test-app';
import { FIXTURES } from '../support/zip';

const SHOTS = 'test-results/journeys';
fs.mkdirSync(SHOTS, { recursive: true });

/** The training system's first day: TEST_NOW is Friday 2026-11-20, the demo is shown from Monday. */
const FIRST_DAY = '2026-11-23';

describe('浏览器：三条办理流程从头到尾（培训模式，演示账号）', () => {
  let t: TestApp;
  let served: Served;
  let browser: Browser;
  let base: string;
  const opened: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    t = await startTestApp('pglite', { trainingClock: { today: FIRST_DAY } });
    served = await serveToBrowser(t);
    ({ browser, base } = served);
  });
  afterAll(async () => {
    for (const close of opened) await close().catch(() => {});
    await served?.close();
  });

  /** Moves the training day (10:00 in Beijing on `day`), as a trainer moves KEXIN_TODAY. */
  const setDay = (day: string) => {
    const offset = Date.parse(`${FIRST_DAY}T00:00:00Z`) - Date.parse(`${TEST_NOW.slice(0, 10)}T00:00:00Z`);
    t.clock.set(new Date(Date.parse(`${day}T02:00:00Z`) - offset));
  };

  /** A fresh browser for one person, logged in; every console or page error is kept to be asserted empty. */
  async function as(username: string): Promise<[Page, string[]]> {
    const ctx = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 1000 }, reducedMotion: 'reduce' });
    opened.push(() => ctx.close());
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(`console: ${m.text()}`); });
    if (username) {
      await fillLogin(page, base, username);
      await page.getByTestId('current-user').waitFor();
    }
    return [page, errors];
  }

  const dialogOf = (page: Page) => page.locator('.ant-modal-wrap:not([style*="display: none"]) .ant-modal').last();
  const text = async (d: Locator, label: string, value: string) => d.getByLabel(label, { exact: true }).fill(value);
  const date = async (d: Locator, label: string, value: string) => {
    const input = d.getByLabel(label, { exact: true });
    await input.click();
    await input.fill(value);
    await input.press('Enter');
  };
  /** An antd select by its label: one option, or several (a multiple select), closed by clicking the dialog's title. */
  const choose = async (page: Page, d: Locator, label: string, ...options: string[]) => {
    await d.getByLabel(label, { exact: true }).click({ force: true });
    for (const o of options) await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: o }).first().click();
    if (options.length > 1 || (await d.getByLabel(label, { exact: true }).getAttribute('aria-expanded')) === 'true') await d.locator('.ant-modal-title').click();
  };
  const names = async (d: Locator, label: string, ...values: string[]) => {
    const input = d.getByLabel(label, { exact: true });
    for (const v of values) { await input.fill(v); await input.press('Enter'); }
  };
  /** Takes a step on the case page in its dialog; waits until the state shown is `state`. */
  async function step(page: Page, id: string, state: string, fill: (d: Locator) => Promise<void> = async () => {}) {
    await page.getByTestId(`step-${id}`).click();
    const d = dialogOf(page);
    await d.waitFor();
    await fill(d);
    await d.getByRole('button', { name: /确\s*认/ }).click();
    await d.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('case-state').innerText(), { timeout: 10_000 }).toBe(state);
  }
  const openCase = async (page: Page, id: string) => { await page.goto(`${base}/cases/${id}`); await page.getByTestId('case-title').waitFor(); };
  /** The row of a clock in the case's 办理时限 card. */
  const clockRow = (page: Page, limitId: string) => page.getByTestId('case-clocks').locator('tr.ant-table-row', { hasText: limitId }).first();
  const newestCase = async (procedure: string) => (await t.app.db.query<{ id: string }>('SELECT id FROM cases WHERE procedure = $1 ORDER BY created_at DESC LIMIT 1', [procedure]))[0].id;

  it('YT-6.1–YT-6.5 YT-9 容错免责：科研人员申请 → 单位审核报送 → 受理 → 调查核实 → 集体审议免除责任 → 反馈、归档 → 项目显示免责标注；纠错通知 → 谈话 → 整改 → 办结', async () => {
    setDay(FIRST_DAY);
    const [project] = await t.app.db.query<{ id: string; code: string; name: string }>(
      `SELECT p.id, p.code, p.name FROM projects p JOIN users u ON u.person_id = p.leader_id AND u.username = 'researcher'
        WHERE p.jurisdiction_code = '532300' AND p.status = 'in_progress' AND p.exempted_on IS NULL ORDER BY p.code LIMIT 1`);
    // Monday 11-23: the researcher applies from the case list, with the five materials (YT-6.1), and sends it to the unit (YT-13).
    const [r, rErrors] = await as('researcher');
    await r.goto(`${base}/cases`);
    await r.getByRole('button', { name: '申请容错免责' }).click();
    let d = dialogOf(r);
    await d.waitFor();
    await d.getByLabel('项目', { exact: true }).click({ force: true });
    await r.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: project.code }).first().click();
    await text(d, '失败或未达预期的情况', '浏览器演练：中试放大阶段催化剂失活，产品收率达不到任务书指标');
    await d.getByLabel('YT-4.5 探索新机制新方法新技术，或因市场等因素未达预期').check();
    await text(d, 'YT-4.5 的证据', '国内首次采用该催化路线进行中试，查新报告附后');
    await choose(r, d, '适用的免责情形（YT-5）', 'YT-5.6 技术路线选择不当难以完成');
    await d.getByRole('button', { name: /保\s*存/ }).click();
    await r.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const toleranceId = r.url().split('/').pop()!;
    await r.getByTestId('case-title').waitFor();
    expect(await r.getByTestId('case-state').innerText()).toBe('草稿');
    for (const kind of ['application', 'explanation', 'unit_certificate', 'audit_report', 'performance']) {
      const uploaded = r.waitForResponse((x) => x.url().includes(`/api/cases/${toleranceId}/materials?kind=${kind}`) && x.status() === 201);
      await r.locator('.ant-upload', { has: r.getByTestId(`upload-${kind}`) }).locator('input[type=file]').setInputFiles({ name: `${kind}.pdf`, mimeType: 'application/pdf', buffer: FIXTURES.pdf });
      await uploaded;
    }
    await expect.poll(() => r.getByText('已上传', { exact: true }).count()).toBe(5);
    await step(r, 'submit_to_unit', '单位审核中');
    expect(rErrors).toEqual([]);

    // The unit's administrator vouches for it (YT-13); the bureau's 7 working days to accept start (YT-6.2): 11-24 … 12-02.
    const [u, uErrors] = await as('unit_admin');
    await openCase(u, toleranceId);
    await step(u, 'unit_vouch', '待受理', async (dd) => text(dd, '审核意见', '情况属实，同意报送'));
    expect(uErrors).toEqual([]);

    const [o, oErrors] = await as('cx_business');
    await openCase(o, toleranceId);
    expect(await clockRow(o, 'YT-6.2').innerText()).toMatch(/2026-11-23\s+2026-12-02/);
    expect(await o.locator('.ant-card').first().innerText()).toContain(project.code);
    // Accepted the same day: 14 working days to decide (YT-6.3), 11-24 … 12-11.
    await step(o, 'accept', '调查核实中');
    expect(await clockRow(o, 'YT-6.3').innerText()).toMatch(/2026-11-23\s+2026-12-11\s+计时中/);
    await o.screenshot({ path: `${SHOTS}/a1-tolerance-accepted.png`, fullPage: true });

    // Wednesday 11-25: the defence heard, the condition found on, finance and audit consulted (YT-6.3, YT-6.4), then the collective decision.
    setDay('2026-11-25');
    const [o2, o2Errors] = await as('cx_business');
    await openCase(o2, toleranceId);
    expect(await o2.getByTestId('step-decide').isDisabled()).toBe(true);
    await step(o2, 'record_defence', '调查核实中', async (dd) => {
      await choose(o2, dd, '方式', '听取申辩');
      await text(dd, '申辩内容（书面放弃的，记录放弃声明）', '项目组到场说明中试失败经过，提交了试验原始记录');
    });
    await step(o2, 'record_findings', '调查核实中', async (dd) => {
      await choose(o2, dd, 'YT-4.5 探索新机制新方法新技术，或因市场等因素未达预期', '符合');
      await text(dd, '核实依据', '查新报告证实该路线国内首次中试');
    });
    for (const [dept, substance] of [['财政部门', '州财政局对经费使用无异议'], ['审计部门', '州审计局专项审计未发现违规']]) {
      await step(o2, 'record_consultation', '调查核实中', async (dd) => { await choose(o2, dd, '部门', dept); await text(dd, '沟通协调的内容和意见', substance); });
    }
    expect(await o2.getByTestId('step-decide').isDisabled()).toBe(false);
    await step(o2, 'decide', '已作出认定', async (dd) => {
      await choose(o2, dd, '认定结果', '免除责任');
      await choose(o2, dd, '所依据的免责情形（YT-5）', 'YT-5.6 技术路线选择不当难以完成');
      await text(dd, '认定理由', '探索新技术路线，已履行勤勉尽责义务，失败系技术路线本身的不确定性所致');
      await choose(o2, dd, '方式', '协商一致');
      await names(dd, '到会人员', '局长', '分管副局长', '业务科长');
      await text(dd, '审议纪要', '一致同意免除责任，同时启动纠错程序');
    });
    // YT-6.5: 10 working days to feed back, 11-26 … 12-09.
    expect(await clockRow(o2, 'YT-6.5').innerText()).toMatch(/2026-11-25\s+2026-12-09\s+计时中/);
    await step(o2, 'record_copy', '已作出认定', async (dd) => { await text(dd, '抄送的组织部门', '中共楚雄州委组织部'); await text(dd, '抄送的人事部门', '楚雄州人力资源和社会保障局'); });
    expect(o2Errors).toEqual([]);

    // Thursday 11-26: fed back and archived; the project carries the mark (YT-6.5) dated that day.
    setDay('2026-11-26');
    const [o3, o3Errors] = await as('cx_business');
    await openCase(o3, toleranceId);
    await step(o3, 'feed_back', '已反馈');
    await step(o3, 'archive', '已归档');
    await o3.screenshot({ path: `${SHOTS}/a2-tolerance-archived.png`, fullPage: true });
    await o3.goto(`${base}/projects/${project.id}`);
    const mark = o3.getByTestId('exemption-mark');
    await mark.waitFor();
    expect(await mark.innerText()).toMatch(/^免责\s*2026-11-26，认定案件 /);
    expect(await o3.getByTestId('project-title').innerText()).toBe(`${project.code} ${project.name}`);
    await o3.screenshot({ path: `${SHOTS}/a3-project-exempt.png`, fullPage: true });

    // YT-9: the correction case the decision started; its notice was due within 7 days of 11-25, on 12-02.
    const [{ id: correctionId }] = await t.app.db.query<{ id: string }>(`SELECT id FROM cases WHERE procedure = 'correction' AND data->>'toleranceCaseId' = $1`, [toleranceId]);
    await openCase(o3, correctionId);
    expect(await o3.getByTestId('case-state').innerText()).toBe('待发纠错通知');
    expect(await clockRow(o3, 'YT-9.2').innerText()).toMatch(/2026-11-25\s+2026-12-02/);
    await step(o3, 'send_notice', '待谈话问询', async (dd) => {
      await text(dd, '纠错原因', '中试前对催化剂寿命的论证不充分');
      await text(dd, '纠错要求', '项目组补做催化剂寿命试验，单位完善中试前论证制度');
    });
    expect(o3Errors).toEqual([]);

    // Monday 11-30: the interview (YT-9.3), the plan and its verification (YT-9.4), the causes and lasting measures (YT-9.5), 办结.
    setDay('2026-11-30');
    const [o4, o4Errors] = await as('cx_business');
    await openCase(o4, correctionId);
    await step(o4, 'record_interview', '整改中', async (dd) => {
      await names(dd, '谈话对象', '项目负责人', '单位科研处长');
      await text(dd, '当事人陈述', '承认论证不足，同意补做试验并提交整改报告');
    });
    await step(o4, 'set_plan', '整改中', async (dd) => {
      await text(dd, '整改内容', '补做催化剂寿命试验并提交报告');
      await date(dd, '整改期限', '2026-12-31');
      await text(dd, '验证方式', '现场查验试验记录');
    });
    expect(await o4.getByTestId('step-close').isDisabled()).toBe(true);
    await step(o4, 'verify_item', '整改中', async (dd) => {
      await choose(o4, dd, '整改事项', '1．补做催化剂寿命试验并提交报告');
      await text(dd, '验证情况', '现场查验了试验原始记录和报告');
    });
    await step(o4, 'record_improvement', '整改中', async (dd) => {
      await text(dd, '原因分析', '中试前未做催化剂寿命评估');
      await text(dd, '长效措施', '单位建立中试前技术评审制度');
    });
    await step(o4, 'close', '纠错完成');
    expect(await o4.getByTestId('case-timeline').innerText()).toContain('纠错办结');
    await o4.screenshot({ path: `${SHOTS}/a4-correction-closed.png`, fullPage: true });
    expect(o4Errors).toEqual([]);
  });

  it('CI-22–CI-27 CI-30 CI-31 科研失信：立案 → 告知 → 当事人本人陈述申辩 → 处理决定 → 拟列入告知 → 异议期满 → 列入并在公开名单上 → 当事人本人申请信用修复 → 同意修复 → 移出公开名单', async () => {
    setDay(FIRST_DAY);
    const [person] = await t.app.db.query<{ id: string; name: string }>(`SELECT s.id, s.name FROM subjects s JOIN users u ON u.person_id = s.id AND u.username = 'ci_person'`);
    const searchPublic = async (page: Page) => {
      await page.goto(`${base}/public`);
      const answered = page.waitForResponse((x) => x.url().includes('/api/public/sanctions') && x.url().includes('q='));
      await page.getByTestId('public-search').locator('input').fill(person.name);
      await page.getByTestId('public-search').locator('input').press('Enter');
      await answered;
      await page.locator('.ant-table .ant-spin-spinning').waitFor({ state: 'detached' }).catch(() => {});
      return page.locator('.ant-table-tbody').first().innerText();
    };
    const [pub, pubErrors] = await as('');
    expect(await searchPublic(pub)).not.toContain(person.name);

    // Monday 11-23: the integrity section registers the lead on the person's page, files it, records the CI-24 factors and notifies the intended decision.
    const [i, iErrors] = await as('cx_integrity');
    await i.goto(`${base}/subjects/${person.id}`);
    await i.getByRole('button', { name: '登记失信线索' }).click();
    let d = dialogOf(i);
    await d.waitFor();
    await choose(i, d, '线索来源', '审计');
    await text(d, '线索内容', '浏览器演练：专项审计发现结题报告数据与原始记录不符');
    await d.getByRole('button', { name: /保\s*存/ }).click();
    await i.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const misconductId = i.url().split('/').pop()!;
    await i.getByTestId('case-title').waitFor();
    expect(await i.getByTestId('party-subject').innerText()).toContain(person.name);
    expect(await i.getByTestId('case-state').innerText()).toBe('待立案');
    await step(i, 'file', '立案调查中', async (dd) => text(dd, '立案意见', '线索具体，立案调查'));
    await step(i, 'record_factors', '立案调查中', async (dd) => {
      for (const [label, v] of [['偏离公认行为准则的程度', '明显偏离'], ['故意造假、销毁证据、干扰调查或打击报复', '故意篡改数据'], ['造成不良社会影响的程度', '影响较小'],
        ['首次还是屡次发生', '首次'], ['对调查处理的态度', '配合调查'], ['其他需要考虑的因素', '无']]) await text(dd, label, v);
    });
    await step(i, 'send_notice', '已事先告知，听取陈述申辩', async (dd) => {
      await choose(i, dd, '失信行为（CI-22）', '编造研究过程，伪造、篡改数据、图表、结论或报告');
      await date(dd, '行为发生日期', '2025-09-01');
      await choose(i, dd, '情节（CI-25）', '情节严重');
      await choose(i, dd, '处理措施（CI-23，可合并使用）', '取消申报资格');
      await choose(i, dd, '取消申报资格期限（年）', '3 年');
      await text(dd, '认定的事实', '结题报告第三章数据与原始记录不符');
      await text(dd, '理由和依据', '楚科规〔2022〕5号第二十二条、第二十五条');
    });
    // 行政处罚法第四十五条: 5 working days for the statement, 11-24 … 11-30.
    expect(await clockRow(i, 'CI-22.statement').innerText()).toMatch(/2026-11-23\s+2026-11-30\s+计时中/);
    expect(iErrors).toEqual([]);

    // The person answers with his own account.
    const [p, pErrors] = await as('ci_person');
    await openCase(p, misconductId);
    await step(p, 'submit_statement', '已事先告知，听取陈述申辩', async (dd) => text(dd, '陈述、申辩的事实和理由', '数据差异系录入错误，已提交原始记录更正说明'));
    expect(await clockRow(p, 'CI-22.statement').innerText()).toContain('已办结（2026-11-23）');
    expect(pErrors).toEqual([]);

    const [i2, i2Errors] = await as('cx_integrity');
    await openCase(i2, misconductId);
    await step(i2, 'record_hearing_waiver', '已事先告知，听取陈述申辩', async (dd) => text(dd, '放弃声明', '当事人书面声明不要求听证'));
    await step(i2, 'decide_sanction', '已作出处理决定', async (dd) => {
      await choose(i2, dd, '失信行为（CI-22）', '编造研究过程，伪造、篡改数据、图表、结论或报告');
      await date(dd, '行为发生日期', '2025-09-01');
      await choose(i2, dd, '情节（CI-25）', '情节严重');
      await choose(i2, dd, '处理措施（CI-23，可合并使用）', '取消申报资格');
      await choose(i2, dd, '取消申报资格期限（年）', '3 年');
      await text(dd, '处理理由', '经调查认定篡改数据，当事人的陈述不足以推翻认定');
    });
    expect(i2Errors).toEqual([]);

    // The business section proposes the listing from the decision (CI-27) and sends the notice: 10 working days to object, 11-24 … 12-07.
    const [b, bErrors] = await as('cx_business');
    await openCase(b, misconductId);
    await b.getByRole('button', { name: '业务科室提出拟列入名单及依据（CI-27）' }).click();
    d = dialogOf(b);
    await d.waitFor();
    await text(d, '列入依据', '依据处理决定，拟列入失信惩戒名单');
    await d.getByRole('button', { name: /保\s*存/ }).click();
    await b.waitForURL((url) => !url.pathname.endsWith(misconductId));
    await b.getByTestId('case-title').waitFor();
    const listingId = b.url().split('/').pop()!;
    // The address changes before the new case's page replaces the decision's (CI once read the old state): wait for it as a person would.
    await expect.poll(() => b.getByTestId('case-state').innerText(), { timeout: 15_000 }).toBe('拟列入');
    await step(b, 'send_notice', '已告知，异议期内', async (dd) => text(dd, '告知说明', '告知书已送达当事人'));
    expect(await clockRow(b, 'CI-27.objection').innerText()).toMatch(/2026-11-23\s+2026-12-07\s+计时中/);
    expect(await b.getByTestId('step-no_objection').isDisabled()).toBe(true);
    expect(await b.getByTestId('blocked-steps').innerText()).toContain('异议期至 2026-12-07 届满，届满后方可提请局办公会');
    await b.screenshot({ path: `${SHOTS}/b1-listing-objection-window.png`, fullPage: true });
    expect(bErrors).toEqual([]);

    // Tuesday 12-08: the window is over without an objection; the office meeting approves; the person is on the public list (CI-27).
    setDay('2026-12-08');
    const [b2, b2Errors] = await as('cx_business');
    await openCase(b2, listingId);
    await step(b2, 'no_objection', '待局办公会研究');
    await step(b2, 'approve', '已列入名单', async (dd) => text(dd, '局办公会研究意见', '局办公会研究同意列入失信惩戒名单'));
    expect(b2Errors).toEqual([]);
    const listedRow = await searchPublic(pub);
    expect(listedRow).toContain(person.name);
    expect(listedRow).toContain('2026-12-08');
    await pub.screenshot({ path: `${SHOTS}/b2-public-list-listed.png`, fullPage: true });

    // The person applies for credit repair from his own home page (CI-30); the section has 15 working days (CI-31): 12-09 … 12-29.
    const [p2, p2Errors] = await as('ci_person');
    await p2.goto(`${base}/`);
    const mine = p2.locator('.ant-card', { hasText: '在列的失信惩戒名单记录（CI-27）' });
    await mine.waitFor();
    expect(await mine.innerText()).toContain('2026-12-08 列入');
    await mine.getByRole('button', { name: '申请信用修复' }).click();
    d = dialogOf(p2);
    await d.waitFor();
    await text(d, '履行义务、弥补损失的情况', '已更正结题报告数据，参加科研诚信培训并作出书面承诺');
    await d.getByRole('button', { name: /保\s*存/ }).click();
    await p2.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await p2.getByTestId('case-title').waitFor();
    const repairId = p2.url().split('/').pop()!;
    expect(await p2.getByTestId('case-state').innerText()).toBe('已申请，调查中');
    expect(await clockRow(p2, 'CI-31').innerText()).toMatch(/2026-12-08\s+2026-12-29\s+计时中/);
    expect(p2Errors).toEqual([]);

    const [b3, b3Errors] = await as('cx_business');
    await openCase(b3, repairId);
    expect(await b3.getByTestId('party-subject').innerText()).toContain(person.name);
    await step(b3, 'propose_repair', '待局办公会研究', async (dd) => text(dd, '调查情况', '经核实，当事人已更正数据并完成培训，建议同意修复'));
    await step(b3, 'approve_repair', '已修复，移出名单', async (dd) => text(dd, '局办公会研究意见', '局办公会研究同意信用修复'));
    await b3.screenshot({ path: `${SHOTS}/b3-repair-approved.png`, fullPage: true });
    expect(b3Errors).toEqual([]);
    expect(await searchPublic(pub)).not.toContain(person.name);
    expect(await pub.getByTestId('public-results').innerText()).toMatch(/信用修复，移出名单（第三十一条）\s*1 件（2026 年 1 件）/);
    await pub.screenshot({ path: `${SHOTS}/b4-public-list-repaired.png`, fullPage: true });
    expect(pubErrors).toEqual([]);
  });

  it('CI-29 投诉举报：公开表单提交 → 受理码 → 凭受理码查询 → 诚信科受理转办 → 查询显示已受理；公开名单按名称检索', async () => {
    setDay(FIRST_DAY);
    const [unit] = await t.app.db.query<{ name: string }>(`SELECT s.name FROM subjects s JOIN users u ON u.unit_id = s.id AND u.username = 'ci_unit'`);
    const [pub, pubErrors] = await as('');
    await pub.goto(`${base}/public/complaint`);
    await pub.getByText('单位', { exact: true }).click();
    await pub.getByLabel('被举报人或单位名称').fill(unit.name);
    await pub.getByLabel('举报内容（时间、事项、线索）').fill('浏览器演练：该单位 2026 年中期检查提交的检测报告系伪造。');
    await pub.getByLabel('您的姓名').fill('王五');
    await pub.getByLabel('联系电话').fill('0878-3120002');
    await pub.getByRole('button', { name: '提交举报' }).click();
    await pub.getByTestId('receipt').waitFor();
    const receipt = (await pub.getByTestId('receipt').innerText()).trim();
    expect(receipt).toMatch(/^[A-HJ-NP-Z2-9]{16}$/);
    await pub.getByTestId('receipt-code').fill(receipt);
    await pub.getByRole('button', { name: '查询' }).click();
    await pub.getByTestId('progress').waitFor();
    const before = await pub.getByTestId('progress').innerText();
    expect(before).toContain('2026-11-23 10:');
    await pub.screenshot({ path: `${SHOTS}/c1-complaint-receipt.png`, fullPage: true });

    const [i, iErrors] = await as('cx_integrity');
    await i.goto(`${base}/complaints`);
    const row = i.locator('.ant-table-tbody tr.ant-table-row', { hasText: '浏览器演练' }).first();
    await row.waitFor();
    expect(await row.innerText()).toContain(unit.name);
    await row.getByRole('button', { name: '受理转办' }).click();
    const d = dialogOf(i);
    await d.waitFor();
    const accused = d.getByLabel('被举报对象（在库中选定）');
    await accused.click({ force: true });
    await accused.fill(unit.name);
    await i.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: unit.name }).first().click();
    await d.getByRole('button', { name: /确\s*认/ }).click();
    await d.waitFor({ state: 'hidden' });
    await expect.poll(async () => (await t.app.db.query<{ status: string }>(`SELECT status FROM complaint_intake WHERE content LIKE '浏览器演练%'`))[0].status).toBe('registered');
    const complaintCase = await newestCase('complaint');
    await openCase(i, complaintCase);
    // CI-29: a unit complained of is investigated by the bureau above it.
    expect(await i.getByTestId('case-state').innerText()).toBe('由上级主管部门调查');
    await i.screenshot({ path: `${SHOTS}/c2-complaint-routed.png`, fullPage: true });
    expect(iErrors).toEqual([]);

    await pub.getByRole('button', { name: '查询' }).click();
    await expect.poll(async () => pub.getByTestId('progress').innerText()).not.toBe(before);
    expect(await pub.getByTestId('progress').innerText()).toContain('由上级主管部门调查');

    // The public list: the demo's listed unit is found by its name (CI-27), with its listing date.
    await pub.goto(`${base}/public`);
    await pub.getByTestId('public-search').locator('input').fill(unit.name);
    await pub.getByTestId('public-search').locator('input').press('Enter');
    const act = pub.getByTestId('public-act').filter({ hasText: unit.name }).first();
    await act.waitFor();
    await pub.screenshot({ path: `${SHOTS}/c3-public-search.png`, fullPage: true });
    expect(pubErrors).toEqual([]);
  });
});
