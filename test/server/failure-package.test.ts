/**
 * 失败原因分析报告汇编 (YT-11), on both databases: a county bureau (楚雄市) compiles the submitted
 * reports of the cases it handled in the year — not those not yet submitted, not another year's, not
 * another bureau's — into one package (cover list, reports, summary) as DOCX and PDF; recorded and
 * audited; the province sees who has not sent for the year. Reports are case rows made here.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../support/databases';
import { docxText, pdfText } from '../support/documents';
import { loginAs, startTestApp, type TestApp } from '../support/test-app';

describe.each(DB_KINDS)('YT-11 年度失败原因分析报告汇编（%s）', (kind) => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  beforeAll(async () => { t = await startTestApp(kind); t.clock.set('2030-12-20T02:00:00.000Z'); });
  afterAll(async () => { await t?.close(); });

  const report = async (key: string, region: string, year: number, submitted: boolean) => {
    const [u] = await t.app.db.query<any>(`SELECT id FROM users WHERE username = 'cxs_officer'`);
    ids[key] = randomUUID();
    const data = { projectId: null, toleranceCaseId: randomUUID(), year, forwardNeeded: true, history: [],
      ...(submitted ? { report: { causes: `${key}：技术路线判断失误`, lessons: `${key}：前期论证不足`, findings: '' } } : {}) };
    await t.app.db.query(`INSERT INTO cases (id, procedure, state, jurisdiction_code, data, created_by, created_at, updated_at) VALUES ($1, 'failure_report', $2, $3, $4::jsonb, $5, '2030-06-01T02:00:00Z', '2030-06-01T02:00:00Z')`,
      [ids[key], submitted ? 'submitted' : 'due', region, JSON.stringify(data), u.id]);
  };

  it('YT-11 县级科技部门汇编本年度已提交的报告：目录、正文、汇总情况，DOCX 和 PDF；未提交的、其他年度的、其他部门的不在其中；留痕', async () => {
    await report('报告甲', '532301', 2030, true);
    await report('报告乙', '532301', 2030, true);
    await report('未交', '532301', 2030, false);
    await report('去年', '532301', 2029, true);
    await report('禄丰', '532302', 2030, true);
    const county = await loginAs(t, 'cxs_officer');
    const docx = await t.server.inject({ method: 'POST', url: '/api/failure-packages', headers: { cookie: county.cookie, 'content-type': 'application/json' }, payload: { year: 2030, format: 'docx' } });
    expect(docx.statusCode).toBe(200);
    const text = docxText(docx.rawPayload);
    expect(text).toContain('楚雄市2030年度科技创新失败原因分析报告汇编');
    expect(text).toContain('一、报告目录（共 2 份）');
    expect(text).toContain('报告甲：技术路线判断失误');
    expect(text).toContain('报告乙：前期论证不足');
    expect(text).not.toContain('未交');
    expect(text).not.toContain('去年：');
    expect(text).not.toContain('禄丰：');
    expect(text).toContain('共提交失败原因分析报告 2 份');
    expect(text).toContain('报送期限：2030-12-31');
    const pdf = await t.server.inject({ method: 'POST', url: '/api/failure-packages', headers: { cookie: county.cookie, 'content-type': 'application/json' }, payload: { year: 2030, format: 'pdf' } });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['x-report-count']).toBe('2');
    const ptext = pdfText(pdf.rawPayload).replace(/\s+/g, '');
    expect(ptext).toContain('一、报告目录（共2份）');
    expect(ptext).toContain('报告甲：技术路线判断失误');
    const [row] = await t.app.db.query<any>(`SELECT report_case_ids FROM failure_packages WHERE region_code = '532301' AND year = 2030`);
    expect([...row.report_case_ids].sort()).toEqual([ids['报告甲'], ids['报告乙']].sort());
    const [audit] = await t.app.db.query<any>(`SELECT actor_role, after FROM audit_events WHERE action = 'failure_package.compile' ORDER BY seq DESC LIMIT 1`);
    expect(audit).toMatchObject({ actor_role: 'county_officer', after: { year: 2030, reports: 2, clause: 'YT-11' } });
    // The integrity section does not compile; the province does not compile (it assesses directly).
    expect((await (await loginAs(t, 'cx_integrity')).send('POST', '/api/failure-packages', { year: 2030, format: 'docx' })).status).toBe(403);
    const prov = await (await loginAs(t, 'yn_business')).send('POST', '/api/failure-packages', { year: 2030, format: 'docx' });
    expect(prov.json.error).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('YT-11 省厅查看年度报送情况：楚雄市已报送，禄丰市持有报告而未报送；州局只看本州', async () => {
    const prov = (await (await loginAs(t, 'yn_business')).get('/api/failure-packages/status?year=2030')).json;
    expect(prov.due).toBe('2030-12-31');
    const by = Object.fromEntries(prov.items.map((i: any) => [i.regionCode, i]));
    expect(by['532301']).toMatchObject({ regionName: '楚雄市', sent: true, reports: 2 });
    expect(by['532302']).toMatchObject({ sent: false, reports: 1 });
    expect(by['532300']).toMatchObject({ level: 'prefecture', sent: false });
    const unsent = (await (await loginAs(t, 'yn_business')).get('/api/failure-packages/status?year=2030&unsent=true')).json.items.map((i: any) => i.regionCode);
    expect(unsent).toContain('532302');
    expect(unsent).not.toContain('532301');
    const pref = (await (await loginAs(t, 'cx_business')).get('/api/failure-packages/status?year=2030')).json.items.map((i: any) => i.regionCode);
    expect(pref.every((c: string) => c.startsWith('5323'))).toBe(true);
  });
});
