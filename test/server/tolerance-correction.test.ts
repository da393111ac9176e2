/**
 * The tolerance procedure carried through to its consequences on both databases, with the clock moved
 * day by day: materials (YT-6.1), documents (DOCX and PDF, hashed and audited), the exemption mark and
 * its export (YT-6.5), the surplus-funds obligation (YT-10), the correction case (YT-9) with its
 * calendar-day clocks checked on the due date and the day after, and the referral of a malicious
 * application (YT-14, X-2). Dates worked by hand from the 2026 calendar (no holidays in Nov–Dec 2026).
 */
import { sheetRows } from '../fixtures/xlsx-read';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COPY_TO_DEPARTMENTS, prepareToleranceDecision, startBody, takeSteps, uploadMaterials } from '../support/cases';
import { DB_KINDS } from '../support/databases';
import { loginAs, startTestApp, TEST_NOW, type Client, type TestApp } from '../support/test-app';
import { FIXTURES, readZipEntry } from '../support/zip';
import { pdfText } from '../support/documents';
import { addCalendarDays } from '../../src/core/time/iso-date';

const DECISION = { outcome: 'exempt', circumstances: ['YT-5.6'], reasons: '已勤勉尽责，技术路线选择失误',
  deliberation: { date: '2026-11-20', members: ['局长', '副局长', '业务科长'], method: 'consensus', minutes: '一致同意免除责任' } };
const beijing = (d: string) => `${d}T02:00:00.000Z`;


describe.each(DB_KINDS)('容错免责到纠错的完整办理（%s）', (kind) => {
  let t: TestApp;
  let project: { id: string; code: string };
  beforeAll(async () => {
    t = await startTestApp(kind);
    const [u] = await t.app.db.query<{ person_id: string }>(`SELECT person_id FROM users WHERE username = 'researcher'`);
    [project] = await t.app.db.query<any>(
      // A project being carried out: YT-6.1 lets its leader apply at any time.
      `SELECT id, code FROM projects WHERE leader_id = $1 AND jurisdiction_code = '532300' AND exempted_on IS NULL AND status = 'in_progress' ORDER BY code LIMIT 1`, [u.person_id]);
  });
  afterAll(async () => { await t?.close(); });

  const at = async (day: string, who: string): Promise<Client> => { t.clock.set(beijing(day)); return loginAs(t, who); };
  const clocks = async (caseId: string) => (await t.app.db.query<any>(
    `SELECT limit_id, due_date, status, stopped_date FROM deadline_clocks WHERE owner_type = 'case' AND owner_id = $1 ORDER BY created_at, start_date, limit_id`, [caseId]))
    .map((k) => [k.limit_id, k.due_date, k.status, k.stopped_date]);
  /** YT-6.3 and YT-6.4 done as required, then the collective decision. */
  const decide = async (client: Client, id: string, decision: object, on = '2026-11-20') => { await prepareToleranceDecision(client, id, on); return takeSteps(client, id, [['decide', decision as Record<string, unknown>]]); };
  /** YT-6.4: copied to the organisation and personnel departments, then YT-6.5 feedback. */
  const feedBack = async (client: Client, id: string, on: string) => takeSteps(client, id, [['record_copy', { ...COPY_TO_DEPARTMENTS, on }], ['feed_back', {}]]);
  const step = async (client: Client, id: string, name: string, body: object = {}) => {
    const version = (await client.get(`/api/cases/${id}`)).json.version;
    const r = await client.send('POST', `/api/cases/${id}/steps/${name}`, { version, ...body });
    if (r.status !== 200) throw new Error(`${name}: ${JSON.stringify(r.json)}`);
    return r.json;
  };

  it('YT-6.1 上传材料：按内容识别类型，拒收可执行文件、压缩包、宏文件和名实不符的文件，被拒的什么也不留下', async () => {
    t.clock.set(TEST_NOW);
    const researcher = await loginAs(t, 'researcher');
    const c = (await researcher.send('POST', '/api/cases', startBody('tolerance', { projectId: project.id, failure: '样品制备失败', conditions: { 'YT-4.5': '新工艺' }, circumstances: ['YT-5.6'] }))).json;
    const up = (kindName: string, name: string, bytes: Buffer) => researcher.upload(`/api/cases/${c.id}/materials?kind=${kindName}&fileName=${encodeURIComponent(name)}`, bytes);
    expect((await up('application', '申请书.exe', FIXTURES.exe)).json.error).toMatchObject({ code: 'FILE_REFUSED', field: 'file' });
    expect((await up('application', '申请书.pdf', FIXTURES.elf)).status).toBe(415);
    expect((await up('application', '材料.zip', FIXTURES.zip)).json.error.message).toContain('压缩包');
    expect((await up('application', '申请书.docx', FIXTURES.docm)).json.error.message).toContain('宏');
    expect((await up('application', '申请书.docx', FIXTURES.pdf)).json.error).toMatchObject({ code: 'FILE_TYPE_MISMATCH', field: 'fileName' });
    expect((await up('virus', '申请书.pdf', FIXTURES.pdf)).status).toBe(400);
    expect((await up('expert_opinion', '专家意见.pdf', FIXTURES.pdf)).json.error.code).toBe('CASE_STATE');
    const big = await up('application', '申请书.pdf', Buffer.concat([FIXTURES.pdf, Buffer.alloc(t.app.config.uploadMaxBytes)]));
    expect(big.status).toBe(413);
    expect(big.json.error.code).toBe('PAYLOAD_TOO_LARGE');
    const [{ n }] = await t.app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM files WHERE case_id = $1', [c.id]);
    expect(n).toBe(0);
    expect((await researcher.get(`/api/cases/${c.id}`)).json.version).toBe(c.version);

    const ok = await up('application', '../../申请书.PDF', FIXTURES.pdf);
    expect(ok.status).toBe(201);
    expect(ok.json).toMatchObject({ fileName: '申请书.PDF', mediaType: 'application/pdf', kind: 'application', clause: 'YT-6.1', sizeBytes: FIXTURES.pdf.length });
    expect(ok.json.sha256).toMatch(/^[0-9a-f]{64}$/);
    // Downloads: with attachment headers, for those who may see the case only, and audited.
    const dl = await researcher.get(`/api/files/${ok.json.id}`);
    expect(dl.status).toBe(200);
    expect(dl.headers['content-disposition']).toMatch(/^attachment; filename=".*"; filename\*=UTF-8''%E7%94%B3/);
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(dl.raw, FIXTURES.pdf)).toBe(0);
    expect((await (await loginAs(t, 'lf_officer')).get(`/api/files/${ok.json.id}`)).status).toBe(404);
    expect((await (await loginAs(t, 'expert')).get(`/api/files/${ok.json.id}`)).status).toBe(404);
    const [{ downloads }] = await t.app.db.query<{ downloads: number }>(`SELECT count(*)::int AS downloads FROM audit_events WHERE action = 'file.download' AND object_id = $1`, [c.id]);
    expect(downloads).toBe(1);
  });

  it('YT-13 科研人员未提交的草稿只有本人看得到：单位管理员在列表和详情中都看不到，提交单位审核后才看到；草稿可由本人撤回', async () => {
    const researcher = await at('2026-11-20', 'researcher');
    const unit = await loginAs(t, 'unit_admin');
    const draft = (await researcher.send('POST', '/api/cases', startBody('tolerance', { projectId: project.id, failure: '草稿：中试放大失败', conditions: { 'YT-4.5': '国内首创工艺' }, circumstances: ['YT-5.6'] }))).json;
    expect(draft.state).toBe('draft');
    expect((await unit.get(`/api/cases/${draft.id}`)).status).toBe(404);
    const listed = async (c: typeof unit) => (await c.get('/api/cases?procedure=tolerance&pageSize=100')).json.items.map((x: any) => x.id);
    expect(await listed(unit)).not.toContain(draft.id);
    expect(await listed(researcher)).toContain(draft.id);
    expect((await researcher.get(`/api/cases/${draft.id}`)).json.steps.map((x: any) => x.id)).toContain('withdraw');
    const withdrawn = await researcher.send('POST', `/api/cases/${draft.id}/steps/withdraw`, { version: draft.version, reason: '材料准备不足，暂不申请' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.json.state).toBe('withdrawn');
    // Submitted to the unit, the application is the unit's to review.
    const sent = (await researcher.send('POST', '/api/cases', startBody('tolerance', { projectId: project.id, failure: '草稿：小试工艺不稳定', conditions: { 'YT-4.5': '国内首创工艺' }, circumstances: ['YT-5.6'] }))).json;
    await uploadMaterials(researcher, sent.id);
    await step(researcher, sent.id, 'submit_to_unit');
    expect((await unit.get(`/api/cases/${sent.id}`)).status).toBe(200);
    expect(await listed(unit)).toContain(sent.id);
    // The unit's reminder names the case it concerns, so the page can open it.
    const told = (await unit.get('/api/notifications')).json.items.filter((n: any) => n.case?.id === sent.id);
    expect(told.length).toBeGreaterThan(0);
    expect(told[0].case).toMatchObject({ title: '容错免责认定', caseNo: expect.stringMatching(/^[0-9A-F]{8}$/) });
    expect((await unit.get('/api/notifications')).json.items.some((n: any) => n.case?.id === draft.id)).toBe(false);
    // A draft the unit administrator starts himself stays the unit's.
    const own = (await unit.send('POST', '/api/cases', startBody('tolerance', { projectId: project.id, failure: '单位草稿：试验设备故障', conditions: { 'YT-4.5': '国内首创工艺' }, circumstances: ['YT-5.6'] }))).json;
    expect((await unit.get(`/api/cases/${own.id}`)).status).toBe(200);
  });

  it('YT-6 YT-9 YT-10 从申请、受理、认定、反馈、归档到纠错办结：文书、免责标注、结余资金、每个时限在到期日与逾期一日', async () => {
    let researcher = await at('2026-11-20', 'researcher');
    const c = (await researcher.send('POST', '/api/cases', startBody('tolerance', { projectId: project.id, failure: '中试工艺路线失败', conditions: { 'YT-4.5': '国内首创工艺' }, circumstances: ['YT-5.6'] }))).json;
    await uploadMaterials(researcher, c.id);
    await step(researcher, c.id, 'submit_to_unit');
    await step(await loginAs(t, 'unit_admin'), c.id, 'unit_vouch', { opinion: '情况属实' });
    let officer = await loginAs(t, 'cx_business');
    await step(officer, c.id, 'accept');
    await takeSteps(officer, c.id, [['record_defence', { kind: 'heard', on: '2026-11-20', statement: '技术路线经专家论证，失败属探索风险' }]]);
    expect((await officer.upload(`/api/cases/${c.id}/materials?kind=expert_opinion&fileName=${encodeURIComponent('专家组意见.pdf')}`, FIXTURES.pdf)).status).toBe(201);

    // Documents: only those whose step has been taken, rendered from the case, hashed and audited.
    let detail = (await officer.get(`/api/cases/${c.id}`)).json;
    expect(detail.documentsAvailable.map((d: any) => d.kind)).toEqual(['acceptance_notice']);
    expect((await officer.send('POST', `/api/cases/${c.id}/documents`, { kind: 'decision', format: 'pdf' })).json.error.code).toBe('DOCUMENT_UNAVAILABLE');
    expect((await researcher.send('POST', `/api/cases/${c.id}/documents`, { kind: 'acceptance_notice', format: 'pdf' })).status).toBe(403);
    const accDoc = await officer.send('POST', `/api/cases/${c.id}/documents`, { kind: 'acceptance_notice', format: 'docx' });
    expect(accDoc.status).toBe(201);
    const docx = (await officer.get(`/api/files/${accDoc.json.id}`)).raw;
    const xml = readZipEntry(docx, 'word/document.xml')!.toString('utf8');
    expect(xml).toContain('受理通知书');
    expect(xml).toContain(project.code);
    expect(xml).toContain('云科规〔2023〕1号）第六条第（二）项、第六条第（三）项');
    // YT lapsed on 2025-02-09; the officer is told, the document cites the version applied.
    expect(accDoc.json.warnings.join()).toContain('2025-02-09');

    await decide(officer, c.id, DECISION);
    const decPdf = await officer.send('POST', `/api/cases/${c.id}/documents`, { kind: 'decision', format: 'pdf' });
    expect(decPdf.json).toMatchObject({ mediaType: 'application/pdf', kind: 'decision', clause: 'YT-6.4 YT-6.5 YT-5.6 YT-9.1 YT-10' });
    const pdf = (await officer.get(`/api/files/${decPdf.json.id}`)).raw;
    const text = pdfText(pdf).replace(/\s+/g, '');
    expect(text).toContain('容错免责认定决定书');
    expect(text).toContain('认定结果：免除责任。');
    expect(text).toContain('楚雄州科学技术局');
    expect(pdf.toString('latin1')).toMatch(/\/FontFile3|\/FontFile2/); // the CJK font travels inside the PDF
    const [gen] = await t.app.db.query<{ after: any }>(`SELECT after FROM audit_events WHERE action = 'document.generate' AND object_id = $1 ORDER BY seq DESC LIMIT 1`, [c.id]);
    expect(gen.after).toMatchObject({ file: decPdf.json.id, sm3: decPdf.json.sm3, kind: 'decision' });

    // YT-9.1: the decision started a correction case, linked both ways; YT-9.2: notice within 7 days → 11/27.
    detail = (await officer.get(`/api/cases/${c.id}`)).json;
    const link = detail.related.find((r: any) => r.procedure === 'correction');
    expect(link).toMatchObject({ relation: 'child', stateLabel: '待发纠错通知' });
    const k = link.id;
    expect((await officer.get(`/api/cases/${k}`)).json.related).toEqual([expect.objectContaining({ id: c.id, relation: 'parent' })]);
    expect(await clocks(k)).toEqual([['YT-9.2', '2026-11-27', 'running', null]]);

    // On the due date the notice is not overdue; the day after it is (calendar days, YT-9.2).
    officer = await at('2026-11-27', 'cx_business');
    expect((await officer.get('/api/cases?overdue=true&procedure=correction')).json.items.map((x: any) => x.id)).not.toContain(k);
    officer = await at('2026-11-28', 'cx_business');
    const late = (await officer.get('/api/cases?overdue=true&procedure=correction')).json;
    expect(late.items.find((x: any) => x.id === k)).toMatchObject({ overdue: true, nextDue: '2026-11-27' });

    officer = await at('2026-11-27', 'cx_business');
    // YT-6.5: feedback within 10 working days of 11/20 → 12/4; given on 11/27, on time.
    await feedBack(officer, c.id, '2026-11-27');
    const [marked] = await t.app.db.query<{ exempted_on: string }>('SELECT exempted_on FROM projects WHERE id = $1', [project.id]);
    expect(marked.exempted_on).toBe('2026-11-27');
    // YT-10: the surplus-funds obligation is open until the officer records it settled.
    const [obl] = (await officer.get(`/api/obligations?caseId=${c.id}`)).json.items;
    expect(obl).toMatchObject({ kind: 'return_surplus_funds', clause: 'YT-10', status: 'open' });
    expect((await (await loginAs(t, 'unit_admin')).get('/api/obligations?status=open')).json.items.map((o: any) => o.id)).toContain(obl.id);
    expect((await (await loginAs(t, 'unit_admin')).send('POST', `/api/obligations/${obl.id}/settle`, { version: 1, status: 'fulfilled', note: '已退回' })).status).toBe(403);
    const settled = await officer.send('POST', `/api/obligations/${obl.id}/settle`, { version: obl.version, status: 'fulfilled', amountYuan: '12345.60', note: '已凭缴款书退回财政' });
    expect(settled.json).toMatchObject({ status: 'fulfilled', amountYuan: '12345.60', settledOn: '2026-11-27' });
    expect((await officer.send('POST', `/api/obligations/${obl.id}/settle`, { version: settled.json.version, status: 'waived', note: '再次登记' })).json.error.code).toBe('CASE_STATE');
    await step(officer, c.id, 'archive');

    // YT-9.2 on its due date: on time; YT-9.3 then runs 10 days from 11/27 → 12/7 (a Monday).
    await step(officer, k, 'send_notice', { reasons: '技术路线论证不充分，中试前未做小试验证', requirements: '完善立项论证和中试前评审制度' });
    expect(await clocks(k)).toEqual([['YT-9.2', '2026-11-27', 'stopped', '2026-11-27'], ['YT-9.3', '2026-12-07', 'running', null]]);
    const notice = await officer.send('POST', `/api/cases/${k}/documents`, { kind: 'correction_notice', format: 'pdf' });
    expect(pdfText((await officer.get(`/api/files/${notice.json.id}`)).raw).replace(/\s+/g, '')).toContain('纠错通知书');

    officer = await at('2026-12-07', 'cx_business');
    await step(officer, k, 'record_interview', { date: '2026-12-07', persons: ['项目负责人'], statements: '承认论证不充分，愿意整改' });
    expect((await clocks(k))[1]).toEqual(['YT-9.3', '2026-12-07', 'stopped', '2026-12-07']);
    await step(officer, k, 'set_plan', { items: [{ item: '补做小试验证', dueDate: '2026-12-31', verification: '现场核查实验记录' }] });
    const rect = await officer.send('POST', `/api/cases/${k}/documents`, { kind: 'rectification_notice', format: 'docx' });
    expect(readZipEntry((await officer.get(`/api/files/${rect.json.id}`)).raw, 'word/document.xml')!.toString()).toContain('补做小试验证');
    const early = await officer.send('POST', `/api/cases/${k}/steps/close`, { version: (await officer.get(`/api/cases/${k}`)).json.version });
    expect(early.json.error.message).toContain('还有 1 项整改事项未验证');
    await step(officer, k, 'verify_item', { index: 0, verifiedOn: '2026-12-07', note: '实验记录齐全' });
    await step(officer, k, 'record_improvement', { causes: '立项论证环节缺少中试前评审', measures: '建立中试前专家评审制度' });
    expect((await step(officer, k, 'close')).state).toBe('closed');

    // Dashboard: every clock of both cases met on time.
    const stats = (await officer.get('/api/cases/stats')).json;
    const met = Object.fromEntries(stats.clocks.map((x: any) => [x.limitId, x]));
    expect(met['YT-9.2']).toMatchObject({ late: 0 });
    expect(met['YT-9.3'].met).toBeGreaterThanOrEqual(1);
    expect(stats.byState.find((x: any) => x.procedure === 'correction' && x.state === 'closed').count).toBeGreaterThanOrEqual(1);

    // YT-6.5: the exemption mark exported for the provincial system as JSON and Excel, each export logged.
    const json = await officer.get('/api/exports/exemption-marks?format=json');
    expect(json.headers['content-disposition']).toMatch(/^attachment/);
    const mark = json.json.items.find((m: any) => m.projectCode === project.code);
    expect(mark).toMatchObject({ exemptedOn: '2026-11-27', decidedOn: '2026-11-20', circumstances: ['YT-5.6'], clause: 'YT-6.5' });
    const xlsx = await officer.get('/api/exports/exemption-marks?format=xlsx');
    const codes = (await sheetRows(xlsx.raw)).slice(1).map((r) => r[0]);
    expect(codes).toContain(project.code);
    const log = (await officer.get('/api/exports')).json.items;
    expect(log.slice(0, 2).map((e: any) => [e.kind, e.format, e.count])).toEqual([['exemption_marks', 'xlsx', json.json.items.length], ['exemption_marks', 'json', json.json.items.length]]);
    expect(log[0].sha256).toBe(xlsx.headers['x-export-sha256']);
  });

  it('YT-6.2 不予受理须写明理由，可出具不予受理通知书；YT-14 X-2 恶意申请移送失信处理，生成失信案件并与原案关联', async () => {
    const officer = await at('2026-11-20', 'cx_business');
    const [p2] = await t.app.db.query<{ id: string }>(`SELECT id FROM projects WHERE jurisdiction_code = '532300' AND exempted_on IS NULL ORDER BY code OFFSET 5 LIMIT 1`);
    const a = (await officer.send('POST', '/api/cases', startBody('tolerance', { projectId: p2.id, failure: '未达预期', conditions: { 'YT-4.1': '符合部署' }, circumstances: [], exOfficio: true }))).json;
    const ref = await officer.send('POST', `/api/cases/${a.id}/steps/refer_misconduct`, { version: a.version, reason: '经查经费审计报告系伪造' });
    expect(ref.json.state).toBe('referred');
    expect(await clocks(a.id)).toEqual([['YT-6.3', '2026-12-10', 'stopped', '2026-11-20']]);
    const child = ref.json.related.find((r: any) => r.procedure === 'misconduct');
    expect(child).toMatchObject({ relation: 'child', stateLabel: '待立案' });
    const integrity = await loginAs(t, 'cx_integrity');
    const m = (await integrity.get(`/api/cases/${child.id}`)).json;
    expect(m.data).toMatchObject({ source: 'tolerance_referral', sourceCaseId: a.id, grounds: '经查经费审计报告系伪造' });
    expect(m.steps.map((s: any) => s.id)).toEqual(['file', 'dismiss']);
    const [notified] = await t.app.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = 'cx_integrity' AND n.title LIKE '%移送失信处理%'`);
    expect(notified.n).toBeGreaterThanOrEqual(1);
  });

  it('YT-6.5 办理中途出错（写入第二个后果时数据库报错）：案件、项目标注、计时、办理记录和审计都保持原样，排除故障后可重办', async () => {
    const officer = await at('2026-11-20', 'cx_business');
    const [p3] = await t.app.db.query<{ id: string }>(`SELECT id FROM projects WHERE jurisdiction_code = '532300' AND exempted_on IS NULL ORDER BY code OFFSET 7 LIMIT 1`);
    let c = (await officer.send('POST', '/api/cases', startBody('tolerance', { projectId: p3.id, failure: '未达预期', conditions: { 'YT-4.5': '新方法' }, circumstances: ['YT-5.9'], exOfficio: true }))).json;
    c = await decide(officer, c.id, { ...DECISION, circumstances: ['YT-5.9'] });
    c = await takeSteps(officer, c.id, [['record_copy', { ...COPY_TO_DEPARTMENTS, on: '2026-11-20' }]]);
    const snapshot = async () => ({
      c: (await t.app.db.query<any>('SELECT state, version FROM cases WHERE id = $1', [c.id]))[0],
      p: (await t.app.db.query<any>('SELECT exempted_on, version FROM projects WHERE id = $1', [p3.id]))[0],
      clocks: await clocks(c.id),
      events: (await t.app.db.query<any>('SELECT count(*)::int AS n FROM case_events WHERE case_id = $1', [c.id]))[0].n,
      audit: (await t.app.db.query<any>('SELECT count(*)::int AS n FROM audit_events'))[0].n,
    });
    const before = await snapshot();
    // A real fault inside the database, after the project has been marked in the same transaction.
    await t.app.db.query(`CREATE FUNCTION kexin_test_fault() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated fault'; END $$`);
    await t.app.db.query('CREATE TRIGGER kexin_test_fault BEFORE INSERT ON obligations FOR EACH ROW EXECUTE FUNCTION kexin_test_fault()');
    try {
      const r = await officer.send('POST', `/api/cases/${c.id}/steps/feed_back`, { version: c.version });
      expect(r.status).toBe(500);
      expect(r.json.error.code).toBe('INTERNAL');
      expect(JSON.stringify(r.json)).not.toContain('simulated fault');
      expect(await snapshot()).toEqual(before);
    } finally {
      await t.app.db.query('DROP TRIGGER kexin_test_fault ON obligations');
      await t.app.db.query('DROP FUNCTION kexin_test_fault()');
    }
    const again = await officer.send('POST', `/api/cases/${c.id}/steps/feed_back`, { version: c.version });
    expect(again.json.state).toBe('fed_back');
  });

  it('YT-11 免责后承担单位提交失败分析报告；州局在 12 月底前汇总报送（省厅不能代为报送），省厅评估科学价值（州局不能评估）', async () => {
    let officer = await at('2026-11-20', 'cx_business');
    const [p4] = await t.app.db.query<{ id: string; undertaking_unit_id: string }>(
      `SELECT p.id, p.undertaking_unit_id FROM projects p JOIN users u ON u.unit_id = p.undertaking_unit_id AND u.username = 'unit_admin'
        WHERE p.jurisdiction_code = '532300' AND p.exempted_on IS NULL ORDER BY p.code OFFSET 1 LIMIT 1`);
    let c = (await officer.send('POST', '/api/cases', startBody('tolerance', { projectId: p4.id, failure: '新方法未能实施', conditions: { 'YT-4.5': '新方法' }, circumstances: ['YT-5.9'], exOfficio: true }))).json;
    await decide(officer, c.id, { ...DECISION, circumstances: ['YT-5.9'] });
    c = await feedBack(officer, c.id, '2026-11-20');
    const rep = c.related.find((r: any) => r.procedure === 'failure_report');
    expect(rep).toMatchObject({ relation: 'child', stateLabel: '待提交' });
    // YT-11: forwarded to the province by the end of December of the year of the exemption.
    expect(await clocks(rep.id)).toEqual([['YT-11', '2026-12-31', 'running', null]]);
    const unit = await loginAs(t, 'unit_admin');
    const version = async (who: Client) => (await who.get(`/api/cases/${rep.id}`)).json.version;
    expect((await unit.send('POST', `/api/cases/${rep.id}/steps/submit_report`, { version: await version(unit), causes: '太短', lessons: '太短' })).json.error.field).toBe('causes');
    let r = await unit.send('POST', `/api/cases/${rep.id}/steps/submit_report`, { version: await version(unit), causes: '新方法的关键参数在中试规模下失稳', lessons: '放大试验前应先做参数敏感性分析', findings: '获得了失稳区间数据' });
    expect(r.json.state).toBe('submitted');
    const province = await at('2026-12-30', 'yn_business');
    // The province is offered the assessment, blocked until the prefecture has forwarded the report.
    expect((await province.get(`/api/cases/${rep.id}`)).json.steps).toMatchObject([{ id: 'assess', blockedBy: [{ id: 'forwarded_first', clause: 'YT-11' }] }]);
    const early = await province.send('POST', `/api/cases/${rep.id}/steps/assess`, { version: r.json.version, value: 'high', opinion: '数据有借鉴价值' });
    expect(early.status).toBe(422);
    expect(early.json.error.message).toContain('须先由办理案件的州（市）、县科技部门汇总报送');
    expect((await province.send('POST', `/api/cases/${rep.id}/steps/forward`, { version: r.json.version })).json.error.message).toBe('只有州（市）级、县（市、区）级科技部门可以汇总报送省科技厅（YT-11）');
    officer = await at('2026-12-30', 'cx_business');
    r = await officer.send('POST', `/api/cases/${rep.id}/steps/forward`, { version: r.json.version, note: '2026 年度汇总' });
    expect(r.json.state).toBe('forwarded');
    expect(await clocks(rep.id)).toEqual([['YT-11', '2026-12-31', 'stopped', '2026-12-30']]);
    expect((await officer.send('POST', `/api/cases/${rep.id}/steps/assess`, { version: r.json.version, value: 'high', opinion: '数据有借鉴价值' })).status).toBe(403);
    const prov = await loginAs(t, 'yn_business');
    r = await prov.send('POST', `/api/cases/${rep.id}/steps/assess`, { version: r.json.version, value: 'high', opinion: '失稳区间数据对同类中试有借鉴价值' });
    expect(r.json).toMatchObject({ state: 'assessed', data: { assessment: { value: 'high' } } });
    // The province's roll-up by region.
    const rollup = (await prov.get('/api/cases/stats')).json.byState.filter((x: any) => x.procedure === 'failure_report');
    expect(rollup).toContainEqual(expect.objectContaining({ jurisdictionCode: '532300', state: 'assessed', count: 1 }));
  });

  it('YT-6.3 情况复杂的，经办人员报请、部门负责人批准延长一次 14 个工作日：12/10 → 12/30；只能延长一次，经办人员不能自批', async () => {
    const officer = await at('2026-11-20', 'cx_business');
    const [p5] = await t.app.db.query<{ id: string }>(`SELECT id FROM projects WHERE jurisdiction_code = '532300' AND exempted_on IS NULL ORDER BY code OFFSET 9 LIMIT 1`);
    const c = (await officer.send('POST', '/api/cases', startBody('tolerance', { projectId: p5.id, failure: '情况复杂', conditions: { 'YT-4.5': '新方法' }, circumstances: ['YT-5.9'], exOfficio: true }))).json;
    expect((await step(officer, c.id, 'request_extension', { reason: '涉及多家合作单位，需调取外省资料' })).data.extensionRequest.status).toBe('pending');
    expect((await officer.send('POST', `/api/cases/${c.id}/steps/approve_extension`, { version: c.version + 1 })).status).toBe(403);
    const leader = await loginAs(t, 'cx_leader');
    const awaiting = (await leader.get('/api/cases?awaiting=extension')).json.items.map((x: any) => x.id);
    expect(awaiting).toContain(c.id);
    expect((await leader.get(`/api/cases/${c.id}`)).json.steps.map((s: any) => s.id)).toEqual(['approve_extension', 'refuse_extension']);
    await step(leader, c.id, 'approve_extension', { opinion: '同意延长' });
    // 14 working days from 11/20 end on 12/10; 14 more: 12/11, 12/14–18, 12/21–25, 12/28–30.
    expect(await clocks(c.id)).toEqual([['YT-6.3', '2026-12-30', 'running', null]]);
    const [ledger] = await t.app.db.query<{ approved_by: string }>(`SELECT l.approved_by FROM deadline_ledger l JOIN deadline_clocks k ON k.id = l.clock_id WHERE k.owner_id = $1 AND l.kind = 'extension'`, [c.id]);
    expect(ledger.approved_by).toContain('cx_leader');
    expect((await leader.get('/api/cases?awaiting=extension')).json.items.map((x: any) => x.id)).not.toContain(c.id);
    const again = (await officer.send('POST', `/api/cases/${c.id}/steps/request_extension`, { version: (await officer.get(`/api/cases/${c.id}`)).json.version, reason: '还需再延长一次' })).json;
    expect(again.error.message).toBe('YT-6.3 只能延长一次（YT-6.3）');
  });

  it('YT-6.3 专家评估期间暂停计时：作为案件步骤办理，11/23–11/27 不计入，12/10 → 12/17；案件的时限不能绕过程序直接暂停、延长或办结', async () => {
    const officer = await at('2026-11-20', 'cx_business');
    const [p6] = await t.app.db.query<{ id: string }>(`SELECT id FROM projects WHERE jurisdiction_code = '532300' AND exempted_on IS NULL AND funding_source <> 'self_raised' ORDER BY code OFFSET 10 LIMIT 1`);
    const c = (await officer.send('POST', '/api/cases', startBody('tolerance', { projectId: p6.id, failure: '需专家评估', conditions: { 'YT-4.5': '新方法' }, circumstances: ['YT-5.9'], exOfficio: true }))).json;
    const [clock] = await t.app.db.query<{ id: string }>(`SELECT id FROM deadline_clocks WHERE owner_id = $1 AND limit_id = 'YT-6.3'`, [c.id]);
    // The raw clock routes refuse a clock a case owns, and write nothing.
    const leader = await loginAs(t, 'cx_leader');
    const ledger = async () => (await t.app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM deadline_ledger WHERE clock_id = $1', [clock.id]))[0].n;
    for (const [who, url, body] of [[leader, 'extensions', { approvedOn: '2026-11-20' }], [officer, 'stop', { on: '2026-11-20' }], [officer, 'pauses', { from: '2026-11-20', reason: '专家评估' }]] as const) {
      const r = await who.send('POST', `/api/deadlines/${clock.id}/${url}`, body);
      expect([url, r.status, r.json.error.code, r.json.error.clause]).toEqual([url, 409, 'CASE_STATE', 'YT-6.3']);
    }
    expect(await ledger()).toBe(0);
    expect((await officer.get(`/api/deadlines/${clock.id}`)).json).toMatchObject({ caseId: c.id, abilities: { manage: false, extend: false } });
    // Through the case: the pause from Monday 11/23, the resumption after Friday 11/27 — five working days not counted.
    await at('2026-11-23', 'cx_business').then((o) => takeSteps(o, c.id, [['pause_for_evaluation', { reason: '专家评估', from: '2026-11-23', evidence: '专家评估通知' }]]));
    const o2 = await at('2026-11-30', 'cx_business');
    expect((await o2.get(`/api/cases/${c.id}`)).json.steps.map((s: any) => s.id)).toContain('resume_after_evaluation');
    expect((await o2.send('POST', `/api/cases/${c.id}/steps/pause_for_evaluation`, { version: (await o2.get(`/api/cases/${c.id}`)).json.version, reason: '听证', from: '2026-11-30' })).json.error.code).toBe('CASE_STATE');
    await takeSteps(o2, c.id, [['resume_after_evaluation', { to: '2026-11-27' }]]);
    // 14 working days from 11/20 without 11/23–27: 11/30–12/4 = 1–5, 12/7–11 = 6–10, 12/14–17 = 11–14.
    expect(await clocks(c.id)).toEqual([['YT-6.3', '2026-12-17', 'running', null]]);
    expect(await ledger()).toBe(1);
  });

  it('YT-6.2 YT-6.3 YT-6.5 YT-9.2 YT-9.3 YT-11 每个时限：到期当日未逾期，次日逾期（日期按 2026 年日历手算）', async () => {
    const officer = await at('2026-11-20', 'cx_business');
    const free = await t.app.db.query<{ id: string }>(`SELECT id FROM projects WHERE jurisdiction_code = '532300' AND exempted_on IS NULL ORDER BY code OFFSET 12 LIMIT 2`);
    // A case waiting for acceptance (YT-6.2), opened through the unit.
    const unit = await loginAs(t, 'unit_admin');
    const [own] = await t.app.db.query<{ id: string }>(
      `SELECT p.id FROM projects p JOIN users u ON u.unit_id = p.undertaking_unit_id AND u.username = 'unit_admin' WHERE p.jurisdiction_code = '532300' ORDER BY p.code OFFSET 2 LIMIT 1`);
    const a = (await unit.send('POST', '/api/cases', startBody('tolerance', { projectId: own.id, failure: '未达预期', conditions: { 'YT-4.5': '新方法' }, circumstances: ['YT-5.9'] }))).json;
    await uploadMaterials(unit, a.id);
    await step(unit, a.id, 'submit_by_unit');
    // One under investigation (YT-6.3); one decided (YT-6.5, and its correction's YT-9.2), then fed back (YT-11).
    const b = (await officer.send('POST', '/api/cases', startBody('tolerance', { projectId: free[0].id, failure: '未达预期', conditions: { 'YT-4.5': '新方法' }, circumstances: ['YT-5.9'], exOfficio: true }))).json;
    const d = (await officer.send('POST', '/api/cases', startBody('tolerance', { projectId: free[1].id, failure: '未达预期', conditions: { 'YT-4.5': '新方法' }, circumstances: ['YT-5.9'], exOfficio: true }))).json;
    const decided = await decide(officer, d.id, { ...DECISION, circumstances: ['YT-5.9'] });
    const correction = decided.related.find((r: any) => r.procedure === 'correction').id;
    const ids = async (caseId: string) => (await t.app.db.query<{ id: string; limit_id: string }>(`SELECT id, limit_id FROM deadline_clocks WHERE owner_type = 'case' AND owner_id = $1`, [caseId]));
    const clockOf = async (caseId: string, limit: string) => (await ids(caseId)).find((k) => k.limit_id === limit)!.id;
    const expected: Array<[string, string, string]> = [
      // 7 working days after 11/20: 11/23–27 = 1–5, 11/30 = 6, 12/1 = 7.
      [await clockOf(a.id, 'YT-6.2'), 'YT-6.2', '2026-12-01'],
      // 14 working days: … 12/7–10 = 11–14.
      [await clockOf(b.id, 'YT-6.3'), 'YT-6.3', '2026-12-10'],
      // 10 working days: 11/23–27, 11/30–12/4.
      [await clockOf(d.id, 'YT-6.5'), 'YT-6.5', '2026-12-04'],
      // 7 calendar days: 11/27, a Friday.
      [await clockOf(correction, 'YT-9.2'), 'YT-9.2', '2026-11-27'],
    ];
    for (const [clockId, limit, due] of expected) {
      const k = (await (await at('2026-11-20', 'cx_business')).get(`/api/deadlines/${clockId}`)).json;
      expect([limit, k.dueDate]).toEqual([limit, due]);
      let o = await at(due, 'cx_business');
      expect([limit, (await o.get(`/api/deadlines/${clockId}`)).json.overdue]).toEqual([limit, false]);
      o = await at(addCalendarDays(due, 1), 'cx_business');
      expect([limit, (await o.get(`/api/deadlines/${clockId}`)).json.overdue]).toEqual([limit, true]);
    }
    // YT-9.3: notice sent on 11/20 → 10 calendar days → 11/30 (a Monday); YT-11: fed back in 2026 → 12/31.
    let o = await at('2026-11-20', 'cx_business');
    await step(o, correction, 'send_notice', { reasons: '论证不充分的问题需要纠正', requirements: '完善论证制度并报备' });
    await feedBack(o, d.id, '2026-11-20');
    const report = (await o.get(`/api/cases/${d.id}`)).json.related.find((r: any) => r.procedure === 'failure_report').id;
    for (const [clockId, limit, due] of [[await clockOf(correction, 'YT-9.3'), 'YT-9.3', '2026-11-30'], [await clockOf(report, 'YT-11'), 'YT-11', '2026-12-31']]) {
      expect([limit, (await o.get(`/api/deadlines/${clockId}`)).json.dueDate]).toEqual([limit, due]);
      o = await at(due, 'cx_business');
      expect([limit, (await o.get(`/api/deadlines/${clockId}`)).json.overdue]).toEqual([limit, false]);
      o = await at(addCalendarDays(due, 1), 'cx_business');
      expect([limit, (await o.get(`/api/deadlines/${clockId}`)).json.overdue]).toEqual([limit, true]);
      o = await at('2026-11-20', 'cx_business');
    }
    // YT-9.4: not corrected in time → 给予严肃处理: the escalation opens an accountability referral, linked both ways.
    const esc = await step(o, correction, 'escalate', { ground: 'not_rectified', reason: '期限届满仍未完善论证制度', handling: 'accountability' });
    expect(esc.state).toBe('escalated');
    const referral = esc.related.find((r: any) => r.relation === 'child');
    expect(referral).toMatchObject({ procedure: 'accountability_referral', stateLabel: '待移送' });
    const shown = (await o.get(`/api/cases/${referral.id}`)).json;
    expect(shown.related).toEqual([expect.objectContaining({ id: correction, relation: 'parent', procedure: 'correction' })]);
    expect(shown.data).toMatchObject({ sourceCaseId: correction, sourceClause: 'YT-9.4', ground: 'not_rectified', projectId: free[1].id });
  });
});
