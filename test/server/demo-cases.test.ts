/**
 * The demo's cases (issue 21), on both databases: on the demo's day (the test clock, Friday
 * 2026-11-20) every journey has a case waiting for its next step, each made through the real commands
 * on working days before that day, and the subjects of the CI journeys have accounts of their own.
 * Dates worked out by hand from the national calendar (/work/shared/calendar/national.json: no rest
 * days in November 2026 but weekends; 2026-10-01 to 10-07 off, 10-10 a make-up working day).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/server/demo/load-demo';
import { DB_KINDS } from '../support/databases';
import { loginAs, startTestApp, type TestApp } from '../support/test-app';

describe.each(DB_KINDS)('演示案件：每条办理流程都有待办的下一步（%s）', (kind) => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(kind); });
  afterAll(async () => { await t?.close(); });

  const cases = (procedure: string) => t.app.db.query<{ id: string; state: string; data: any }>(`SELECT id, state, data FROM cases WHERE procedure = $1 ORDER BY created_at`, [procedure]);
  const clock = async (caseId: string, limitId: string) =>
    (await t.app.db.query<{ start_date: string; due_date: string; status: string }>(
      `SELECT start_date::text, due_date::text, status FROM deadline_clocks WHERE owner_type = 'case' AND owner_id = $1 AND limit_id = $2 ORDER BY created_at DESC LIMIT 1`, [caseId, limitId]))[0];
  const byFailure = async (text: string) => (await cases('tolerance')).find((c) => c.data.failure.startsWith(text))!;

  it('YT-6.2 待受理的申请：单位 11-18（两个工作日前）报送，受理期 7 个工作日至 11-27', async () => {
    const a = await byFailure('高海拔种植试验');
    expect(a.state).toBe('submitted');
    expect(await clock(a.id, 'YT-6.2')).toMatchObject({ start_date: '2026-11-18', due_date: '2026-11-27', status: 'running' });
  });

  it('YT-6.3 刚受理的申请：11-12 受理，调查期 14 个工作日至 12-02；暂停计时中的案件可今天恢复；一件待批准延长、一件已批准延长（再延 14 个工作日）', async () => {
    const accepted = await byFailure('中试放大阶段');
    expect(accepted.state).toBe('investigating');
    expect(await clock(accepted.id, 'YT-6.3')).toMatchObject({ start_date: '2026-11-12', due_date: '2026-12-02', status: 'running' });
    const paused = await byFailure('成果转化合同');
    expect(paused.data.evaluationPause).toEqual({ reason: '专家评估', from: '2026-11-17' });
    expect((await clock(paused.id, 'YT-6.3')).status).toBe('paused');
    expect((await byFailure('野外监测设备')).data.extensionRequest.status).toBe('pending');
    const extended = await byFailure('合作企业停产');
    expect(extended.data.extensionRequest.status).toBe('approved');
    // Opened ex officio 10-23; 14 working days: 10-26 … 11-12; extended by 14 more: 11-13 … 12-02.
    expect(await clock(extended.id, 'YT-6.3')).toMatchObject({ start_date: '2026-10-23', due_date: '2026-12-02' });
  });

  it('YT-6.4 待集体审议的案件：申辩、逐项核实、财政和审计沟通都已记录，认定没有未满足的要求', async () => {
    const deciding = await byFailure('新品种区域试验');
    const officer = await loginAs(t, 'cx_business');
    const detail = (await officer.get(`/api/cases/${deciding.id}`)).json;
    expect(detail.state).toBe('investigating');
    const decide = detail.steps.find((s: { id: string }) => s.id === 'decide');
    expect(decide.blockedBy).toEqual([]);
    // Opened ex officio 11-06; 14 working days to 11-26.
    expect(await clock(deciding.id, 'YT-6.3')).toMatchObject({ start_date: '2026-11-06', due_date: '2026-11-26' });
  });

  it('YT-6.5 YT-9 已认定免除责任待反馈（11-18 认定，反馈期 10 个工作日至 12-02），其纠错案件待发通知；另一件已反馈，纠错通知已发出待谈话', async () => {
    const feedback = await byFailure('关键设备进口受限');
    expect(feedback.state).toBe('decided');
    expect(feedback.data.decision.outcome).toBe('exempt');
    expect(await clock(feedback.id, 'YT-6.5')).toMatchObject({ start_date: '2026-11-18', due_date: '2026-12-02', status: 'running' });
    const fedBack = await byFailure('关键技术路线');
    expect(fedBack.state).toBe('fed_back');
    const corrections = await cases('correction');
    expect(corrections.find((c) => c.data.toleranceCaseId === feedback.id)!.state).toBe('notice_due');
    expect(corrections.find((c) => c.data.toleranceCaseId === fedBack.id)!.state).toBe('interview_due');
  });

  it('CI-22 被调查人 ci_person 用自己的账号看到已告知的案件，可在陈述申辩期（11-18 告知，5 个工作日至 11-25）内提出陈述、申辩', async () => {
    const party = await loginAs(t, 'ci_person');
    const [m] = (await cases('misconduct')).filter((c) => c.state === 'notified');
    expect(await clock(m.id, 'CI-22.statement')).toMatchObject({ start_date: '2026-11-18', due_date: '2026-11-25', status: 'running' });
    const detail = (await party.get(`/api/cases/${m.id}`)).json;
    expect(detail.steps.map((s: { id: string }) => s.id)).toContain('submit_statement');
  });

  it('CI-27 拟列入名单：一件 11-17 告知、异议期至 12-01 未满（ci_person 可提出异议）；一件 10-23 告知、异议期 11-06 已满，可提请局办公会', async () => {
    const notified = (await cases('listing')).filter((c) => c.state === 'notified');
    expect(notified).toHaveLength(2);
    const windows = await Promise.all(notified.map((c) => clock(c.id, 'CI-27.objection')));
    expect(windows.map((w) => [w.start_date, w.due_date]).sort()).toEqual([['2026-10-23', '2026-11-06'], ['2026-11-17', '2026-12-01']]);
    const open = notified[windows.findIndex((w) => w.due_date === '2026-12-01')];
    const party = await loginAs(t, 'ci_person');
    expect((await party.get(`/api/cases/${open.id}`)).json.steps.map((s: { id: string }) => s.id)).toContain('object');
    const ended = notified[windows.findIndex((w) => w.due_date === '2026-11-06')];
    const officer = await loginAs(t, 'cx_business');
    expect((await officer.get(`/api/cases/${ended.id}`)).json.steps.find((s: { id: string }) => s.id === 'no_objection').blockedBy).toEqual([]);
  });

  it('CI-30 CI-31 已列入名单的单位用 ci_unit 账号申请了信用修复，业务科室已建议同意，待局办公会研究；该单位仍在公开名单上', async () => {
    const [repair] = await cases('repair');
    expect(repair.state).toBe('proposed');
    const unit = await loginAs(t, 'ci_unit');
    const detail = (await unit.get(`/api/cases/${repair.id}`)).json;
    expect(detail.state).toBe('proposed');
    const [{ name }] = await t.app.db.query<{ name: string }>('SELECT name FROM subjects WHERE id = $1', [repair.data.subjectId]);
    const pub = (await t.server.inject({ method: 'GET', url: `/api/public/sanctions?q=${encodeURIComponent(name)}` })).json();
    expect(JSON.stringify(pub)).toContain(name);
  });

  it('CI-29 收到一件公开投诉举报，待登记分办', async () => {
    const rows = await t.app.db.query<{ status: string; accused_name: string }>('SELECT status, accused_name FROM complaint_intake');
    expect(rows).toEqual([{ status: 'new', accused_name: '紫溪生物科技有限公司' }]);
  });

  it('演示账号包括 CI 流程的当事人：ci_person（科研人员）和 ci_unit（单位科研管理员），均可登录', async () => {
    const accounts = DEMO_ACCOUNTS.filter((a) => a.username.startsWith('ci_')).map((a) => [a.username, a.role]);
    expect(accounts).toEqual([['ci_person', 'researcher'], ['ci_unit', 'unit_admin']]);
    for (const [u] of accounts) expect((await (await loginAs(t, u)).get('/api/auth/me')).json.user.username).toBe(u);
  });
});
