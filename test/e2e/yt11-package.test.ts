/**
 * In a real browser (Debian's Chromium), issue 20: the county bureau of 楚雄市 compiles its yearly
 * package of failure-analysis reports (YT-11) on 年度失败原因分析报告 and downloads it — the submitted
 * report of the year in it, the one not yet submitted not — and sees when it compiled; the province
 * sees that 禄丰市, which holds a submitted report, has not sent. Then the integrity section uploads an
 * external records file on 异常名录 (CI-13): a wrong ID number refuses the whole file naming its row;
 * the corrected file is received and its rows are listed with their 来源 (CI-12).
 * Reports are case rows made as test/server/failure-package.test.ts makes them.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../src/core/identity/id-number';
import { PAGE_OPTIONS, signIn, useBrowserApp } from '../support/browser';
import { docxText } from '../support/documents';
import { type TestApp } from '../support/test-app';

const HEADER = '来源,报送单位,决定文书号,决定机关,决定日期,主体类别,名称或姓名,统一社会信用代码,身份证号,失信行为,处理措施,取消申报资格起始日,取消申报资格截止日';
/** A person not in the register (born 1980 in 楚雄市) with a valid GB 11643 check character, and the same number with a wrong one. */
const OUTSIDER_ID = '53230119800101987' + idNumberCheckChar('53230119800101987');
const WRONG_ID = OUTSIDER_ID.slice(0, 17) + (OUTSIDER_ID[17] === '0' ? '1' : '0');

describe('浏览器：YT-11 年度失败原因分析报告汇编与报送情况；CI-13 外部失信记录文件报入', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const newPage = async (): Promise<[Page, () => Promise<void>]> => {
    const ctx = await browser.newContext({ ...PAGE_OPTIONS, acceptDownloads: true });
    return [await ctx.newPage(), () => ctx.close()];
  };

  const report = async (region: string, year: number, causes: string, submitted: boolean) => {
    const [u] = await t.app.db.query<any>(`SELECT id FROM users WHERE username = 'cxs_officer'`);
    const data = { projectId: null, toleranceCaseId: randomUUID(), year, forwardNeeded: true, history: [],
      ...(submitted ? { report: { causes, lessons: `${causes}——前期论证不足`, findings: '' } } : {}) };
    await t.app.db.query(`INSERT INTO cases (id, procedure, state, jurisdiction_code, data, created_by, created_at, updated_at) VALUES ($1, 'failure_report', $2, $3, $4::jsonb, $5, '2026-06-01T02:00:00Z', '2026-06-01T02:00:00Z')`,
      [randomUUID(), submitted ? 'submitted' : 'due', region, JSON.stringify(data), u.id]);
  };

  useBrowserApp(async (s) => {
    ({ t, browser, base } = s);
    // The test clock stands at 2026-11-20 10:00 Beijing: 楚雄市 holds one submitted report of 2026 and one still due; 禄丰市 one submitted.
    await report('532301', 2026, '楚雄甲项目：技术路线判断失误', true);
    await report('532301', 2026, '楚雄乙项目：尚未提交', false);
    await report('532302', 2026, '禄丰丙项目：市场变化', true);
  });

  it('YT-11 县级科技部门汇编 2026 年度报告并下载 DOCX：只含已提交的 1 份，显示汇编时间；省厅看到禄丰市未报送、楚雄市已报送', async () => {
    const [page, close] = await newPage();
    await signIn(page, base, 'cxs_officer');
    await page.goto(`${base}/failure-packages?year=2026`);
    await page.getByRole('menuitem', { name: '年度失败原因分析报告' }).waitFor();
    await expect.poll(() => page.getByTestId('own-package').innerText()).toContain('尚未汇编');
    expect(await page.getByTestId('own-package').innerText()).toContain('1 份');

    await page.getByTestId('compile-package').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Word（DOCX）').waitFor();
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: /汇编并下载/ }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('失败原因分析报告汇编-532301-2026.docx');
    const text = docxText(fs.readFileSync((await file.path())!));
    expect(text).toContain('楚雄市2026年度科技创新失败原因分析报告汇编');
    expect(text).toContain('一、报告目录（共 1 份）');
    expect(text).toContain('楚雄甲项目：技术路线判断失误');
    expect(text).not.toContain('楚雄乙项目');
    expect(text).not.toContain('禄丰丙项目');
    expect(text).toContain('报送期限：2026-12-31');
    await expect.poll(() => page.getByTestId('package-done').innerText()).toContain('已汇编 1 份报告');
    // Compiled at the test clock, 2026-11-20T02:00Z = 10:00 in Beijing.
    await expect.poll(() => page.getByTestId('own-package').innerText()).toContain('2026-11-20 10:00');
    expect(await page.getByTestId('own-package').innerText()).toContain('已汇编报送');
    // The county's area is itself: its one row in the list, sent, with the other counties absent.
    const own = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => own.allInnerTexts()).toHaveLength(1);
    expect(await own.first().innerText()).toMatch(/楚雄市（532301）[\s\S]*已报送[\s\S]*2026-11-20 10:00/);
    await page.screenshot({ path: 'test-results/yt11-county.png', fullPage: true });
    await close();

    const [prov, closeProv] = await newPage();
    await signIn(prov, base, 'yn_business');
    await prov.goto(`${base}/failure-packages?year=2026`);
    const rows = prov.locator('.ant-table-tbody tr.ant-table-row');
    const rowOf = (name: string) => rows.filter({ hasText: name });
    await expect.poll(() => rowOf('楚雄市（532301）').innerText()).toContain('已报送');
    expect(await rowOf('楚雄市（532301）').innerText()).toContain('2026-11-20 10:00');
    expect(await rowOf('禄丰市（532302）').innerText()).toContain('未报送');
    expect(await rowOf('禄丰市（532302）').innerText()).toContain('1 份');
    // The province compiles nothing itself: no own package, no compile button.
    expect(await prov.getByTestId('own-package').count()).toBe(0);
    expect(await prov.getByTestId('compile-package').count()).toBe(0);
    await prov.getByTestId('unsent-only').click();
    await expect.poll(() => prov.url()).toContain('unsent=true');
    await expect.poll(() => rowOf('楚雄市（532301）').count()).toBe(0);
    expect(await rowOf('禄丰市（532302）').count()).toBe(1);
    expect((await rows.allInnerTexts()).every((r) => r.includes('未报送'))).toBe(true);
    await prov.screenshot({ path: 'test-results/yt11-province-unsent.png', fullPage: true });
    await closeProv();
  }, 180_000);

  it('CI-13 诚信科室在异常名录报入外部失信记录文件：身份证号有误整份不予报入并指出第 3 行；改正后收到 2 条，列表以“来源”标明全国科研诚信信息系统', async () => {
    const [org] = await t.app.db.query<any>(`SELECT name, credit_code FROM subjects WHERE kind = 'organization' AND region_code LIKE '5323%' AND credit_code IS NOT NULL ORDER BY credit_code LIMIT 1`);
    const orgRow = `全国,科技部科技监督与诚信建设司,国科监〔2025〕12号,中华人民共和国科学技术部,2025-12-30,单位,${org.name},${org.credit_code},,抄袭剽窃他人科研成果,通报批评；取消申报资格,2026-01-01,2028-12-31`;
    const personRow = (id: string) => `全国,科技部科技监督与诚信建设司,国科监〔2025〕13号,中华人民共和国科学技术部,2025-04-28,个人,李外来,,${id},伪造数据,取消申报资格,2025-05-01,永久`;
    const csv = (rows: string[]) => Buffer.from(`${HEADER}\n${rows.join('\n')}\n`, 'utf8');
    const [page, close] = await newPage();
    await signIn(page, base, 'cx_integrity');
    await page.goto(`${base}/misconduct-records?pageSize=100`);
    const upload = async (name: string, bytes: Buffer) => {
      const answered = page.waitForResponse((r) => r.url().includes('/api/misconduct-records/external'));
      await page.getByTestId('external-upload').locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer: bytes });
      return answered;
    };
    expect((await upload('外部-有误.csv', csv([orgRow, personRow(WRONG_ID)]))).status()).toBe(400);
    const refused = page.getByTestId('external-refused');
    await expect.poll(() => refused.innerText()).toContain('第 3 行');
    expect(await refused.innerText()).toContain('身份证号');
    expect(await refused.innerText()).toContain('整份不予报入');
    expect((await t.app.db.query<any>('SELECT count(*)::int AS n FROM external_misconduct_records'))[0].n).toBe(0);

    expect((await upload('外部.csv', csv([orgRow, personRow(OUTSIDER_ID)]))).status()).toBe(200);
    await expect.poll(() => page.getByTestId('external-result').innerText()).toContain('收到 2 条，新报入 2 条，此前已报入 0 条');
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    const orgLine = rows.filter({ hasText: '抄袭剽窃他人科研成果' }).filter({ hasText: org.name });
    await expect.poll(() => orgLine.count()).toBe(1);
    expect(await orgLine.innerText()).toContain('全国科研诚信信息系统');
    expect(await orgLine.innerText()).toContain('国科监〔2025〕12号');
    const personLine = rows.filter({ hasText: '李外来' });
    expect(await personLine.innerText()).toContain('全国科研诚信信息系统');
    expect(await personLine.innerText()).toContain('永久');
    expect(await personLine.innerText()).not.toContain(OUTSIDER_ID);
    await page.screenshot({ path: 'test-results/yt11-external-records.png', fullPage: true });
    await close();

    // 业务科室 holds no misconduct.importExternal: no upload on the page.
    const [biz, closeBiz] = await newPage();
    await signIn(biz, base, 'cx_business');
    await biz.goto(`${base}/misconduct-records`);
    await biz.locator('.ant-card-head').first().waitFor();
    expect(await biz.getByTestId('external-upload').count()).toBe(0);
    await closeBiz();
  }, 180_000);
});
