/**
 * In a real browser (Debian's Chromium), issue 19: a business officer enters on the subject pages the
 * facts that were API-only — a unit's legal representative with its start and then its last day
 * (CI-26), and an expert's review assignment with its recusal declared (CI-18) — and reads them back
 * as stored.
 */
import { createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../src/core/identity/credit-code';
import { idNumberCheckChar } from '../../src/core/identity/id-number';
import { fillLogin, serveToBrowser, type Served } from '../support/browser';
import { pdf } from '../fixtures/hostile-files';
import { loginAs, startTestApp, type TestApp } from '../support/test-app';

const cc = (n: number) => { const b = `91532301MA7F${String(n).padStart(5, '0')}`; return b + creditCodeCheckChar(b); };
const idn = (seq: number) => { const first17 = `53230119781108${String(seq).padStart(3, '0')}`; return first17 + idNumberCheckChar(first17); };

describe('浏览器：主体页登记关系与参与记录（第 19 号议题）', () => {
  let t: TestApp;
  let served: Served;
  let browser: Browser;
  let page: Page;
  let base: string;
  let unitId: string;
  let expertId: string;

  beforeAll(async () => {
    t = await startTestApp('pglite');
    const staff = await loginAs(t, 'cx_business');
    unitId = (await staff.send('POST', '/api/subjects', { kind: 'organization', orgType: 'undertaking_unit', name: '浏览器关系研究所', creditCode: cc(7), regionCode: '532300' })).json.id;
    expertId = (await staff.send('POST', '/api/subjects', { kind: 'person', name: '浏览器专家甲', idNumber: idn(31), regionCode: '532300', isExpert: true, expertField: '材料' })).json.id;
    served = await serveToBrowser(t);
    ({ browser, base } = served);
    page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 900 }, reducedMotion: 'reduce' });
    await fillLogin(page, base, 'cx_business');
    await page.getByTestId('current-user').waitFor();
  });
  afterAll(async () => { await served?.close(); });

  const pickDate = async (dialog: ReturnType<Page['getByRole']>, label: string, day: string) => {
    const input = dialog.getByLabel(label);
    await input.click();
    await input.fill(day);
    await input.press('Enter');
  };

  it('CI-26 新增法定代表人（起始 2024-03-01，现任），再登记其最后一日 2026-11-30；表中显示起止日期，数据库中即此', async () => {
    await page.goto(`${base}/subjects/${unitId}`);
    const card = page.getByTestId('subject-relations');
    await card.getByRole('button', { name: '新增关系' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('个人').click();
    await dialog.getByLabel('个人').fill('浏览器专家甲');
    await page.locator('.ant-select-item-option', { hasText: '浏览器专家甲' }).click();
    await pickDate(dialog, '起始日期', '2024-03-01');
    const saved = page.waitForResponse((r) => r.url().endsWith(`/api/subjects/${unitId}/relations`) && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: '保存' }).click();
    expect((await saved).status()).toBe(201);
    const row = card.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => row.first().innerText()).toContain('现任');
    expect((await row.first().locator('td').allInnerTexts()).slice(0, 4)).toEqual(['法定代表人', '浏览器专家甲', '浏览器关系研究所', '2024-03-01']);

    await row.first().getByRole('button', { name: '登记结束' }).click();
    const endDialog = page.getByRole('dialog', { name: '登记关系结束' });
    await pickDate(endDialog, '结束日期（最后一日）', '2026-11-30');
    const ended = page.waitForResponse((r) => r.url().includes('/end'));
    await endDialog.getByRole('button', { name: '保存' }).click();
    expect((await ended).status()).toBe(200);
    await expect.poll(() => row.first().locator('td').nth(4).innerText()).toBe('2026-11-30');
    const stored = await t.app.db.query(`SELECT kind, since, until FROM subject_relations WHERE organization_id = $1`, [unitId]);
    expect(stored).toEqual([{ kind: 'legal_representative', since: '2024-03-01', until: '2026-11-30' }]);
    await page.screenshot({ path: 'test-results/subject-relations.png', fullPage: true });
  }, 180_000);

  it('CI-18 登记专家 2025-06-18 的评审任务（申报批次、已申明回避）：列表显示该条，评价计入的参与年度为 2025 年', async () => {
    await page.goto(`${base}/subjects/${expertId}`);
    const card = page.getByTestId('subject-participations');
    await expect.poll(() => card.innerText()).toContain('不予评级');
    await card.getByRole('button', { name: '登记评审任务' }).click();
    const dialog = page.getByRole('dialog');
    await pickDate(dialog, '评审日期', '2025-06-18');
    await dialog.getByLabel('申报批次（指南）').fill('楚雄州2025年度科技计划项目评审');
    await dialog.getByText('已申明回避').click();
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/participations'));
    await dialog.getByRole('button', { name: '保存' }).click();
    expect((await saved).status()).toBe(201);
    const row = card.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => row.count()).toBe(1);
    expect((await row.first().locator('td').allInnerTexts()).slice(0, 4)).toEqual(['2025-06-18', '楚雄州2025年度科技计划项目评审', '—', '已申明回避']);
    await expect.poll(() => card.innerText()).toContain('评价计入的参与年度：2025 年');
    await page.screenshot({ path: 'test-results/subject-participations.png', fullPage: true });
  }, 180_000);
  it('CI-5 认定事实上传来源文件本身：选择 PDF 后表中显示文件名，库中为该文件（SM3 一致）', async () => {
    const staff = await loginAs(t, 'cx_business');
    const f = await staff.send('POST', '/api/findings', { subjectId: expertId, subjectType: 'expert', clause: 'CI-18.1.2', factDate: '2025-08-01', description: '评审意见被采纳', sourceKind: 'evaluation', sourceDocument: '2025 年度评审工作总结' });
    expect(f.status).toBe(201);
    await page.goto(`${base}/subjects/${expertId}`);
    const button = page.getByTestId(`finding-file-${f.json.id}`);
    await button.waitFor();
    const chooser = page.waitForEvent('filechooser');
    await button.click();
    const bytes = pdf();
    const uploaded = page.waitForResponse((r) => r.url().includes(`/api/findings/${f.json.id}/source-file`));
    await (await chooser).setFiles({ name: '2025年度评审工作总结.pdf', mimeType: 'application/pdf', buffer: bytes });
    expect((await uploaded).status()).toBe(201);
    await page.getByRole('link', { name: '2025年度评审工作总结.pdf' }).waitFor();
    const [stored] = await t.app.db.query<any>(`SELECT ff.sm3 FROM findings f JOIN fact_files ff ON ff.id = f.source_file_id WHERE f.id = $1`, [f.json.id]);
    expect(stored.sm3).toBe(createHash('sm3').update(bytes).digest('hex'));
  }, 180_000);
});
