/**
 * In a real browser (issue 15): the generic case page shows what the text still requires before a
 * step, with its clause, and the step stays disabled until it is met. A tolerance case under
 * investigation (YT-6.3) cannot be decided before the defence is heard and a finding is recorded for
 * each claimed condition, nor before finance and audit are consulted (YT-6.4); the officer records the
 * defence through the step's own form (drawn from its declared input), and that requirement leaves
 * the list while the others stay.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fillLogin, useBrowserApp } from '../support/browser';
import { startBody, takeSteps, uploadMaterials } from '../support/cases';
import { loginAs, type TestApp } from '../support/test-app';

describe('浏览器：案件页上的法定前置事项', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let caseId: string;

  useBrowserApp(async (s) => {
    ({ t, browser, base } = s);
    const [u] = await t.app.db.query<{ person_id: string }>(`SELECT person_id FROM users WHERE username = 'researcher'`);
    const [project] = await t.app.db.query<{ id: string }>(`SELECT id FROM projects WHERE leader_id = $1 AND jurisdiction_code <> '530000' AND status = 'in_progress' ORDER BY code LIMIT 1`, [u.person_id]);
    const researcher = await loginAs(t, 'researcher');
    const started = await researcher.send('POST', '/api/cases', startBody('tolerance', {
      projectId: project.id, failure: '中试阶段工艺路线失败', conditions: { 'YT-4.5': '国内无先例的新工艺' }, circumstances: ['YT-5.6'], accountabilityStartedOn: '2026-10-09',
    }));
    expect(started.status).toBe(201);
    caseId = started.json.id;
    await uploadMaterials(researcher, caseId);
    await takeSteps(researcher, caseId, [['submit_to_unit']]);
    await takeSteps(await loginAs(t, 'unit_admin'), caseId, [['unit_vouch', { opinion: '情况属实，同意报送' }]]);
    const accepted = await takeSteps(await loginAs(t, 'cx_business'), caseId, [['accept']]);
    expect(accepted.state).toBe('investigating');
  });

  it('YT-6.3 YT-6.4 认定一步在听取申辩、逐项认定、与财政审计部门沟通之前不可点，页面逐条写明原因和条款；用该步骤自己的表单记录申辩后，这一条从清单中消失', async () => {
    const page: Page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await fillLogin(page, base, 'cx_business');
    await expect.poll(() => page.getByTestId('current-user').count()).toBe(1);
    await page.goto(`${base}/cases/${caseId}`);
    await expect.poll(() => page.getByTestId('case-state').textContent()).toBe('调查核实中');

    const decide = page.getByTestId('step-decide');
    expect(await decide.isDisabled()).toBe(true);
    const blocked = page.getByTestId('blocked-steps');
    const listed = async () => (await blocked.innerText()).replace(/\s+/g, '');
    expect(await listed()).toContain('尚未听取申辩意见（或记录当事人书面放弃申辩）（YT-6.3）');
    expect(await listed()).toContain('尚未对申请所主张的每项容错条件逐项核实（YT-6.3）');
    expect(await listed()).toContain('尚未记录与财政、审计部门的沟通协调（YT-6.4）');

    // The step's own form: its fields come from the declared input (方式, 日期, 申辩内容).
    await page.getByTestId('step-record_defence').click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByText('记录申辩意见（YT-6.3）').count()).toBe(1);
    // Sent empty, the form says on each field what is missing and nothing is written.
    await dialog.getByRole('button', { name: /确\s*认/ }).click();
    await expect.poll(() => dialog.locator('.ant-form-item-explain-error').count()).toBeGreaterThan(0);
    await dialog.getByLabel('方式').click();
    await page.locator('.ant-select-item-option', { hasText: '听取申辩' }).first().click();
    await dialog.getByLabel('日期').fill('2026-11-20');
    await dialog.getByLabel('日期').press('Enter');
    await dialog.getByLabel(/申辩内容/).fill('申请人到场陈述了中试工艺路线的选择依据和失败经过');
    await dialog.getByRole('button', { name: /确\s*认/ }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    await expect.poll(listed).not.toContain('尚未听取申辩意见');
    expect(await listed()).toContain('尚未记录与财政、审计部门的沟通协调（YT-6.4）');
    expect(await decide.isDisabled()).toBe(true);
    const [stored] = await t.app.db.query<{ data: { defences: Array<{ kind: string; on: string; statement: string }> } }>('SELECT data FROM cases WHERE id = $1', [caseId]);
    expect(stored.data.defences).toEqual([{ kind: 'heard', on: '2026-11-20', statement: '申请人到场陈述了中试工艺路线的选择依据和失败经过' }]);
    await page.screenshot({ path: 'test-results/case-requirements.png', fullPage: true });
    expect(errors).toEqual([]);
  });
});
