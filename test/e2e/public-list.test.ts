/**
 * In a real browser, without logging in: the public list shows a grave case (CI-25.4) and the
 * legal representative sanctioned with it (CI-26), with the deciding bureau, the decision's number
 * and its basis, never an ID number, and no longer shows them the day after publication ends — the
 * serious tier's 3 years under the national credit-repair rules, before the 5-year ban ends (CI-28).
 * Repairs and upheld objections are shown as counts, naming nobody. Staff see the same records in the
 * area's misconduct list (CI-12).
 */
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fillLogin, useBrowserApp } from '../support/browser';
import { loginAs, type TestApp } from '../support/test-app';
import { noticeWaivedSteps, startBody } from '../support/cases';

const FACTORS = { deviation: '严重偏离', intent_obstruction: '伪造审计报告', social_impact: '影响较大', repeat: '首次', attitude: '拒不承认', other: '无' };

describe('浏览器：公开名单（无需登录）', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let unit: { id: string; name: string; credit_code: string };
  let rep: { person_id: string; name: string; id_number: string };

  useBrowserApp(async (s) => {
    ({ t, browser, base } = s);
    [unit] = await t.app.db.query<any>(`SELECT s.id, s.name, s.credit_code FROM subjects s JOIN users u ON u.unit_id = s.id WHERE u.username = 'unit_admin'`);
    const [r] = await t.app.db.query<any>(`SELECT r.person_id, p.name, p.id_number_cipher FROM subject_relations r JOIN subjects p ON p.id = r.person_id WHERE r.organization_id = $1 AND r.kind = 'legal_representative'`, [unit.id]);
    rep = { person_id: r.person_id, name: r.name, id_number: t.app.cipher.decrypt(r.id_number_cipher) };
    // A grave case decided on 2026-11-20 with a five-year ban, through the same API an officer uses.
    const officer = await loginAs(t, 'cx_integrity');
    const c = (await officer.send('POST', '/api/cases', startBody('misconduct', { subjectId: unit.id, source: 'audit', grounds: '专项审计发现伪造经费审计报告' }))).json;
    let v = c.version;
    const decision = {
      kind: 'fabrication', conductDate: '2025-06-01', decidedOn: '2026-11-20', severity: 'grave', measures: ['ban'], banYears: 5, publicDisclosure: true, simpleProcedure: false,
      minorAndCorrected: false, responsible: [{ role: 'legal_representative', personId: rep.person_id }], judiciaryReferral: false, reasons: '伪造经费审计报告，情节特别严重' };
    for (const [stepId, body] of [['file', {}], ['record_factors', { factors: FACTORS }], ...noticeWaivedSteps(decision, '2026-11-20'), ['decide_sanction', decision]] as const) {
      const r = await officer.send('POST', `/api/cases/${c.id}/steps/${stepId}`, { version: v, ...body });
      if (r.status !== 200) throw new Error(JSON.stringify(r.json));
      v = r.json.version;
    }
  });

  it('CI-12 诚信科打开异常名录：单位和法定代表人的记录在期，人员只显示脱敏证件号', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 900 }, reducedMotion: 'reduce' });
    await fillLogin(page, base, 'cx_integrity');
    await page.getByRole('menuitem', { name: '异常名录' }).click();
    const table = page.locator('.ant-table-tbody');
    await expect.poll(() => table.innerText()).toContain(rep.name);
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    for (const who of [unit.name, rep.name]) {
      const text = await rows.filter({ hasText: who }).first().innerText();
      expect(text).toContain('2026-11-20 至 2031-11-20');
      expect(text).toContain('在期');
    }
    expect(await rows.filter({ hasText: rep.name }).first().innerText()).toContain(`${unit.name}的负责人（CI-26）`);
    expect(await page.locator('body').innerText()).not.toContain(rep.id_number);
    await page.screenshot({ path: 'test-results/misconduct-records.png', fullPage: true });
    await page.close();
  });

  it('CI-25.4 CI-26 CI-28 检索到单位及其法定代表人（一个行为一行，个人注明所在单位），显示决定机关、文号、依据和何时不再公开（最长公示 3 年）；不显示身份证号；修复和异议结果只有件数；公开期满次日刷新后不再显示', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 900 }, reducedMotion: 'reduce' });
    await page.goto(`${base}/public`);
    const search = async () => {
      const answered = page.waitForResponse((r) => r.url().includes('/api/public/sanctions') && r.url().includes('q='));
      await page.getByTestId('public-search').locator('input').fill(unit.credit_code);
      await page.getByRole('button', { name: /检\s*索/ }).click();
      await answered;
      await page.locator('.ant-table .ant-spin-spinning').waitFor({ state: 'detached' }).catch(() => {});
    };
    await search();
    const table = page.locator('.ant-table-tbody').first(); // the published list; the repair and objection results follow it
    await expect.poll(() => table.innerText()).toContain(unit.name);
    const text = await table.innerText();
    // Decided 2026-11-20: published for 36 months to 2029-11-20 (国家发展改革委令2025年第36号), though the ban runs to 2031-11-20.
    expect(text).toContain('2029-11-20\n2029-11-21 起不再公开');
    expect(text).toContain('楚雄州科学技术局');
    expect(text).toMatch(/信处〔2026〕[0-9A-F]{8}号/);
    expect(text).toContain('楚科规〔2022〕5号）第二十五条第（四）项');
    const results = await page.getByTestId('public-results').innerText();
    expect(results).toContain('0 件');
    expect(results).not.toContain(unit.name);
    await page.getByTestId('public-search').locator('input').fill(unit.name);
    const byName = page.waitForResponse((r) => r.url().includes('/api/public/sanctions'));
    await page.getByRole('button', { name: /检\s*索/ }).click();
    await byName;
    await expect.poll(() => table.innerText()).toContain(`${unit.name}法定代表人`);
    // One decision is one act: the unit and its legal representative sanctioned with it are one row, the person with the unit he answers for.
    const rows = table.locator('tr.ant-table-row');
    expect(await rows.count()).toBe(1);
    const row = await rows.first().innerText();
    expect(row).toContain(unit.name);
    expect(row).toContain(`${rep.name}（${unit.name}法定代表人）`);
    expect(row).toContain(`统一社会信用代码 ${unit.credit_code}`);
    expect(row).not.toMatch(/CI-\d/);
    // Names and dates are not broken one character per line.
    const nameBox = await rows.first().locator('[data-testid=public-act]').boundingBox();
    expect(nameBox!.width).toBeGreaterThan(200);
    expect(await rows.first().locator('td').nth(7).innerText()).toBe('2026-11-20');
    const body = await page.locator('body').innerText();
    expect(body).not.toContain(rep.id_number);
    await page.screenshot({ path: 'test-results/public-list.png', fullPage: true });

    t.clock.set('2029-11-21T02:00:00.000Z');
    await page.reload();
    await search();
    await expect.poll(() => table.innerText()).not.toContain(unit.name);
    await page.close();
  });
});
