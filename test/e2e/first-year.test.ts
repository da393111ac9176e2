/**
 * A bureau's first year in a real browser (issue 19 "Done when"): from an empty database (no demo
 * loader) the three administrators are provisioned as `kexin admin create` does; the system
 * administrator opens a business officer and an integrity officer, the security administrator
 * authorises them; the business officer imports units, persons and projects from template files,
 * records an expert's review assignment and an agency's service (CI-18.2, CI-20.2) and the call's
 * applicants with a signed commitment (CI-9); the integrity officer runs the year's rating, and the
 * expert and the agency are rated A as CI-18.2/CI-20.2 give for one clean year of participation. The
 * milestone warning (YT-8) reaches the business officer's mailbox on a real SMTP server, masked.
 * Two steps are not clicks because no person does them: the milestone sweep and the mail delivery are
 * the periodic work the scheduler runs (src/server/jobs/), called here as it would call them.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAdministrator } from '../../src/cli/admin';
import { creditCodeCheckChar } from '../../src/core/identity/credit-code';
import { idNumberCheckChar } from '../../src/core/identity/id-number';
import { csvLine } from '../../src/core/imports/csv';
import { IMPORT_KIND_LABEL, TEMPLATES, type ImportKind } from '../../src/core/imports/templates';
import { deliverMail } from '../../src/server/modules/mail/deliver-mail';
import { sweepMilestones } from '../../src/server/modules/supervision/sweep-milestones';
import { fillLogin, useBrowserApp } from '../support/browser';
import { startSmtp, type TestSmtp } from '../support/smtp';
import { type TestApp } from '../support/test-app';

const cc = (n: number) => { const b = `91532301MA7F${String(n).padStart(5, '0')}`; return b + creditCodeCheckChar(b); };
const idn = (birth: string, seq: string) => { const b = `532301${birth}${seq}`; return b + idNumberCheckChar(b); };
/** A file in the template's own layout: the header row from the template table, then rows by field. */
const csv = (kind: ImportKind, rows: Array<Record<string, string>>) =>
  Buffer.from([TEMPLATES[kind].map((c) => c.header), ...rows.map((r) => TEMPLATES[kind].map((c) => r[c.field] ?? ''))].map(csvLine).join('\r\n'), 'utf8');

const UNIT = { name: '楚雄首年科技有限公司', creditCode: cc(11), orgType: '项目承担单位', regionCode: '532301' };
const AGENCY = { name: '楚雄首年科技咨询服务中心', creditCode: cc(12), orgType: '科技服务机构', regionCode: '532301' };
const LEADER = { name: '李首年', idNumber: idn('19800312', '031'), employerCreditCode: UNIT.creditCode, isExpert: '否', title: '高级工程师' };
const EXPERT = { name: '赵评审', idNumber: idn('19750708', '052'), regionCode: '532301', isExpert: '是', expertField: '农业', title: '研究员' };
const PROJECT = {
  code: '2025CXSN01', name: '首年高原作物示范', planLevel: '州级', jurisdictionCode: '532300', fundingSource: '州级财政科技资金',
  unitCreditCode: UNIT.creditCode, leaderIdNumber: LEADER.idNumber, agencyCreditCode: AGENCY.creditCode, startDate: '2025-03-01', dueDate: '2027-12-31',
  status: '执行中', fundsGranted: '300000', milestone1Name: '完成中试', milestone1DueDate: '2026-11-10',
};
const CALL = '楚科计〔2025〕3号';
const SHOTS = 'test-results';

describe('浏览器：空库起步的第一年——导入、参与记录、承诺书、年度评价与邮件（issue 19）', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => { smtp = await startSmtp(); });
  afterAll(async () => { await smtp?.stop(); });
  useBrowserApp((s) => { ({ t, browser, base } = s); }, () => ({ demo: false, mail: { smtpUrl: smtp.url, maxAttempts: 1 } }));

  const open = async (): Promise<Page> => (await browser.newContext({ locale: 'zh-CN', timezoneId: 'UTC', viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' })).newPage();

  /** `kexin admin create` as the installer runs it; the one-time password is read from what it prints. */
  async function provision(role: string, username: string, name: string): Promise<string> {
    const printed: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((m: unknown) => { printed.push(String(m)); });
    try {
      expect(await createAdministrator(['--role', role, '--username', username, '--name', name], t.app)).toBe(0);
    } finally { spy.mockRestore(); }
    return /初始密码[^：]*：(\S+)/.exec(printed.join('\n'))![1];
  }

  /** First login with a one-time password: the only thing open is changing it. */
  async function firstLogin(page: Page, username: string, initial: string, chosen: string) {
    await fillLogin(page, base, username, initial);
    await expect.poll(() => page.getByText('首次登录，请修改初始密码').count()).toBe(1);
    await page.getByLabel('原密码').fill(initial);
    await page.getByLabel('新密码').fill(chosen);
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByTestId('current-user').waitFor();
  }

  it('空库：三员由安装命令开设；系统管理员开设、安全管理员授权业务科室和诚信科室人员；导入、登记参与和承诺书；年度评价专家和服务机构为 A（CI-18.2、CI-20.2）；里程碑提醒邮件送达且不含身份证号', async () => {
    const [{ n: subjectsAtStart }] = await t.app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM subjects`);
    const [{ n: usersAtStart }] = await t.app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users`);
    expect([subjectsAtStart, usersAtStart]).toEqual([0, 0]);
    const sysPw = await provision('system_admin', 'sn_sysadmin', '系统管理员 陈立');
    const secPw = await provision('security_admin', 'sn_secadmin', '安全管理员 刘安');
    await provision('audit_admin', 'sn_auditadmin', '审计管理员 杨审');

    // 三员分立: the system administrator opens the two accounts.
    const sys = await open();
    await firstLogin(sys, 'sn_sysadmin', sysPw, 'Chenli#Sys-Admin-2026');
    await sys.getByRole('menuitem', { name: '账号管理' }).click();
    for (const [u, n] of [['sn_business', '业务科室 张首'], ['sn_integrity', '诚信科室 王首']]) {
      await sys.getByTestId('new-username').fill(u);
      await sys.getByTestId('new-display-name').fill(n);
      await sys.getByRole('button', { name: '开设' }).click();
      await expect.poll(() => sys.getByText(u, { exact: true }).count()).toBeGreaterThan(0);
    }
    await sys.screenshot({ path: `${SHOTS}/first-year-accounts.png`, fullPage: true });

    // The security administrator authorises each with its role and region, and reads the one-time password.
    const sec = await open();
    await firstLogin(sec, 'sn_secadmin', secPw, 'Liuan#Sec-Admin-2026');
    const passwords: Record<string, string> = {};
    for (const [u, role] of [['sn_business', '业务科室工作人员'], ['sn_integrity', '科研诚信管理科室工作人员']]) {
      await sec.getByRole('menuitem', { name: '账号授权' }).click();
      await sec.getByTestId(`authorize-${u}`).click();
      for (let i = 0; i < 3 && (await sec.getByTestId('authorize-region').count()) === 0; i++) {
        await sec.getByTestId('authorize-role').click();
        await sec.getByTitle(role, { exact: true }).click();
        await sec.waitForTimeout(300);
      }
      await sec.getByTestId('authorize-region').click();
      await sec.getByTitle('楚雄彝族自治州', { exact: true }).click();
      await sec.getByRole('dialog').getByRole('button', { name: '授权', exact: true }).click();
      passwords[u] = (await sec.getByTestId('initial-password').textContent())!.trim();
      expect(passwords[u]).toHaveLength(16);
      await sec.keyboard.press('Escape');
      await sec.reload();
    }

    // The business officer: e-mail address, then the three imports, dry run then confirm.
    const biz = await open();
    await firstLogin(biz, 'sn_business', passwords.sn_business, 'Zhangshou#Biz-2026');
    await biz.getByTestId('account-link').click();
    await biz.getByLabel('电子邮箱').fill('zhangshou@kjj.cx.gov.cn');
    await biz.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => biz.getByText('邮件提醒设置已保存').count()).toBe(1);

    await biz.goto(`${base}/imports`);
    const files: Array<[ImportKind, string, Buffer, number]> = [
      ['units', '单位.csv', csv('units', [UNIT, AGENCY]), 2],
      ['persons', '人员.csv', csv('persons', [LEADER, EXPERT]), 2],
      ['projects', '项目.csv', csv('projects', [PROJECT]), 1],
    ];
    for (const [kind, name, bytes, count] of files) {
      await biz.getByTestId('import-kind').getByText(IMPORT_KIND_LABEL[kind], { exact: true }).click();
      // The file is laid out as the CSV template the page offers for download (its 下载 CSV 模板 link, with this session).
      const href = await biz.getByRole('link', { name: /下载 CSV 模板/ }).getAttribute('href');
      const template = (await (await biz.request.get(`${base}${href}`)).text()).replace(/^\uFEFF/, '');
      expect(template.split(/\r?\n/)[0]).toBe(bytes.toString('utf8').split('\r\n')[0]);
      const answered = biz.waitForResponse((r) => r.url().includes(`/api/imports/${kind}/dry-run`));
      await biz.locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer: bytes });
      await answered;
      await expect.poll(() => biz.getByTestId('import-counts').innerText()).toContain(`新增 ${count}，变更 0，未变 0，问题 0`);
      const applied = biz.waitForResponse((r) => r.url().includes(`/api/imports/${kind}/apply`));
      await biz.getByTestId('import-confirm').click();
      expect((await applied).status()).toBe(200);
      await expect.poll(() => biz.locator('.ant-alert-success').innerText()).toContain(`已导入：新增 ${count}`);
    }
    await biz.screenshot({ path: `${SHOTS}/first-year-import.png`, fullPage: true });
    const ids = Object.fromEntries((await t.app.db.query<{ name: string; id: string }>(`SELECT name, id FROM subjects`)).map((s) => [s.name, s.id]));
    expect(Object.keys(ids).sort()).toEqual([UNIT.name, AGENCY.name, LEADER.name, EXPERT.name].sort());

    // Participation (CI-18.2, CI-20.2) on the subject pages.
    const record = async (subject: string, button: string, fill: () => Promise<void>) => {
      await biz.goto(`${base}/subjects/${ids[subject]}`);
      await biz.getByRole('button', { name: button }).click();
      const dialog = biz.getByRole('dialog');
      await fill();
      const saved = biz.waitForResponse((r) => r.url().endsWith('/api/participations') && r.request().method() === 'POST');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      expect((await saved).status()).toBe(201);
      await expect.poll(() => biz.getByTestId('subject-participations').innerText()).toContain('2025 年');
    };
    const pickDate = async (label: string, day: string) => {
      const input = biz.getByRole('dialog').getByLabel(label);
      await input.click(); await input.fill(day); await input.press('Enter');
    };
    const pickProject = async () => {
      const box = biz.getByRole('dialog').getByLabel('项目');
      await box.click(); await box.fill(PROJECT.code);
      await biz.getByTitle(new RegExp(PROJECT.code)).first().click();
    };
    await record(EXPERT.name, '登记评审任务', async () => {
      await pickDate('评审日期', '2025-06-18');
      await biz.getByRole('dialog').getByLabel('申报批次（指南）').fill(CALL);
    });
    await record(AGENCY.name, '登记服务项目', async () => { await pickDate('服务日期', '2025-09-05'); await pickProject(); });
    await biz.screenshot({ path: `${SHOTS}/first-year-participation.png`, fullPage: true });

    // CI-9: the call's applicants, and the unit's signed scan uploaded.
    await biz.goto(`${base}/commitments`);
    await biz.getByTestId('call-ref').fill(CALL);
    await biz.getByRole('button', { name: '查看' }).click();
    await biz.getByRole('button', { name: '登记申报主体' }).click();
    const applicant = biz.getByRole('dialog');
    await applicant.getByLabel('单位').click();
    await applicant.getByLabel('单位').fill('首年科技有限');
    await biz.getByTitle(UNIT.name).first().click();
    const added = biz.waitForResponse((r) => r.url().endsWith('/applicants') && r.request().method() === 'POST');
    await applicant.getByRole('button', { name: /保\s*存/ }).click();
    expect((await added).status()).toBe(201);
    const rows = biz.getByTestId('call-applicants').locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(1);
    await expect.poll(() => biz.getByTestId('call-applicants').locator('.ant-card-head').innerText()).toContain('未签署 1 个');
    await rows.first().getByRole('button', { name: '上传签署件' }).click();
    const scanDialog = biz.getByRole('dialog');
    const day = scanDialog.getByPlaceholder('签署日期');
    await day.click(); await day.fill('2025-04-02'); await day.press('Enter');
    const scanned = biz.waitForResponse((r) => r.url().includes('/commitments/scan'));
    await scanDialog.locator('input[type=file]').setInputFiles({ name: '承诺书.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n') });
    expect((await scanned).status()).toBe(201);
    await expect.poll(() => biz.getByTestId('call-applicants').locator('.ant-card-head').innerText()).toContain('未签署 0 个');
    await biz.screenshot({ path: `${SHOTS}/first-year-commitments.png`, fullPage: true });

    // The integrity officer runs the 2025 rating with its confirmation.
    const integ = await open();
    await firstLogin(integ, 'sn_integrity', passwords.sn_integrity, 'Wangshou#Integrity-2026');
    await integ.goto(`${base}/ratings`);
    await integ.getByRole('button', { name: /运行 2025 年度批量评价/ }).click();
    await integ.getByTestId('rating-run-confirm').waitFor();
    const ran = integ.waitForResponse((r) => r.url().endsWith('/api/ratings/run'));
    await integ.getByRole('button', { name: /确认运行/ }).click();
    const ranRes = await ran;
        expect(ranRes.status()).toBe(200);
    await expect.poll(() => integ.getByTestId('rating-run-result').innerText()).toContain('2025 年度批量评价完成');
    // CI-18.2 / CI-20.2: one year of participation without an adverse finding, and no AA facts → A.
    for (const [name, type, clause] of [[EXPERT.name, '咨询评审专家', 'CI-18.2'], [AGENCY.name, '科技服务机构', 'CI-20.2']]) {
      const row = integ.locator('.ant-table-tbody tr.ant-table-row', { has: integ.getByRole('link', { name, exact: true }) }).filter({ has: integ.getByRole('cell', { name: type, exact: true }) });
      await expect.poll(() => row.count()).toBe(1);
      // Columns: 主体, 类别, 区划, 等级, 依据 — the level cell reads exactly A 级 (not AA, not 不予评级), on the clause worked out above.
      const cells = (await row.locator('td').allInnerTexts()).map((c) => c.trim());
      expect(cells.slice(0, 5)).toEqual([name, type, '楚雄市', 'A 级', clause]);
    }
    await integ.screenshot({ path: `${SHOTS}/first-year-ratings.png`, fullPage: true });

    // YT-8: the milestone due 2026-11-10, not completed, is overdue on 2026-11-20; the sweep the scheduler
    // runs warns the prefecture's business officer, and the mail arrives on the SMTP server.
    await sweepMilestones(t.app);
    expect(await deliverMail(t.app)).toMatchObject({ sent: 1, failed: 0 });
    await smtp.until(1);
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail.to).toEqual(['zhangshou@kjj.cx.gov.cn']);
    expect(mail.subject).toBe(`【科信】里程碑已逾期：${PROJECT.code} ${PROJECT.milestone1Name}`);
    expect(mail.text).toContain('2026-11-10');
    for (const id of [LEADER.idNumber, EXPERT.idNumber]) expect(mail.raw).not.toContain(id);
  }, 300_000);
});
