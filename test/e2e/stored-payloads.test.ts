/**
 * Stored payloads in a real browser (OWASP ASVS V1.2/V3): names and texts carrying script in ASCII,
 * Chinese and full-width forms are stored through the API, then shown on the subject list, the
 * subject page and a case page. None may run (a planted `window.__xss` stays unset, no dialog
 * opens) and each is shown as the literal text it is.
 */
import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../src/core/identity/credit-code';
import { fillLogin, type Served, useBrowserApp } from '../support/browser';
import { loginAs, type TestApp } from '../support/test-app';
import { startBody } from '../support/cases';
const PAYLOADS = [
  '<img src=x onerror="window.__xss=1">测试单位', '<script>window.__xss=1</script>研究所', '＜script＞window.__xss=1＜/script＞中心',
  '"><svg onload=window.__xss=1>公司', 'javascript:window.__xss=1', '{{constructor.constructor("window.__xss=1")()}}',
];

describe('浏览器：存储的恶意内容只作为文字显示，不执行', () => {
  let t: TestApp;
  let served: Served;
  const ids: string[] = [];
  let caseId: string;

  useBrowserApp(async (s) => {
    ({ t, served } = s);
    const officer = await loginAs(t, 'cx_integrity');
    for (const [i, name] of PAYLOADS.entries()) {
      const first17 = `91532300MA${String(8_100_000 + i).padStart(7, '0')}`;
      const r = await officer.send('POST', '/api/subjects', { kind: 'organization', orgType: 'service_agency', name, creditCode: first17 + creditCodeCheckChar(first17), regionCode: '532300' });
      if (r.status !== 201) throw new Error(JSON.stringify(r.json));
      ids.push(r.json.id);
    }
    caseId = (await officer.send('POST', '/api/cases', startBody('misconduct', { subjectId: ids[0], source: 'audit', grounds: PAYLOADS.join(' | ') }))).json.id;
  });

  it('主体详情、案件页：六种载荷都原样显示为文字，没有一个执行', async () => {
    const { browser, base } = served;
    const page = await browser.newPage();
    let dialogs = 0;
    page.on('dialog', async (d) => { dialogs++; await d.dismiss(); });
    await fillLogin(page, base, 'cx_integrity');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    let shown = 0;
    for (const [i, id] of ids.entries()) {
      await page.goto(`${base}/subjects/${id}`);
      await expect.poll(() => page.getByText(PAYLOADS[i], { exact: false }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      shown++;
    }
    await page.goto(`${base}/cases/${caseId}`);
    await expect.poll(() => page.getByText(PAYLOADS[1], { exact: false }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect({ shown, executed: dialogs }).toEqual({ shown: PAYLOADS.length, executed: 0 });
  });
});
