/**
 * The tolerance case through the generic runner on both databases: application, unit review (YT-13),
 * acceptance (YT-6.2), investigation clock (YT-6.3), collective decision (YT-6.4), feedback (YT-6.5)
 * and archive, with every clock checked against dates worked by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../support/databases';
import { loginAs, startTestApp, type Client, type TestApp } from '../support/test-app';
import { COPY_TO_DEPARTMENTS, prepareToleranceDecision, startBody, takeSteps, uploadMaterials } from '../support/cases';

const DECISION = { outcome: 'exempt', circumstances: ['YT-5.6'], reasons: '已勤勉尽责，技术路线选择失误',
  deliberation: { date: '2026-11-20', members: ['局长', '副局长', '业务科长'], method: 'consensus', minutes: '一致同意免除责任' } };

describe.each(DB_KINDS)('容错免责案件（%s）', (kind) => {
  let t: TestApp;
  let project: { id: string; jurisdiction_code: string };
  let officerName: string;
  beforeAll(async () => {
    t = await startTestApp(kind); // today is 2026-11-20, a Friday
    const [u] = await t.app.db.query<{ person_id: string }>(`SELECT person_id FROM users WHERE username = 'researcher'`);
    // A project being carried out (YT-6.1: an application may then be made at any time).
    [project] = await t.app.db.query<any>(`SELECT id, jurisdiction_code FROM projects WHERE leader_id = $1 AND jurisdiction_code <> '530000' AND status = 'in_progress' ORDER BY code LIMIT 1`, [u.person_id]);
    officerName = 'cx_business';
  });
  afterAll(async () => { await t?.close(); });

  const clocks = async (caseId: string) => (await t.app.db.query<any>(`SELECT limit_id, due_date, status FROM deadline_clocks WHERE owner_type = 'case' AND owner_id = $1 ORDER BY created_at, start_date, limit_id`, [caseId]));

  it('YT-6.1 YT-13 YT-6.2 YT-6.3 YT-6.4 YT-6.5 从申请到归档：每一步的计时按工作日手算', async () => {
    const researcher = await loginAs(t, 'researcher');
    const started = await researcher.send('POST', '/api/cases', startBody('tolerance', {
      projectId: project.id, failure: '中试阶段工艺路线失败', conditions: { 'YT-4.5': '国内无先例的新工艺', 'YT-4.3': '无谋取私利' },
      circumstances: ['YT-5.6'], accountabilityStartedOn: '2026-10-09',
    }));
    expect(started.status).toBe(201);
    const c = started.json;
    expect(c.state).toBe('draft');
    // YT-6.1: 10/10（调休）=1, 10/12–10/16=2–6, 10/19–10/23=7–11, 10/26–10/30=12–16, 11/2–11/5=17–20
    expect(await clocks(c.id)).toEqual([{ limit_id: 'YT-6.1', due_date: '2026-11-05', status: 'running' }]);
    // The step is offered but blocked until the five materials are in, and says so with its clause.
    expect(c.steps.find((s: any) => s.id === 'submit_to_unit').blockedBy, JSON.stringify(c.steps)).toEqual([expect.objectContaining({ id: 'materials_complete', clause: 'YT-6.1' })]);
    let r = await researcher.send('POST', `/api/cases/${c.id}/steps/submit_to_unit`, { version: c.version });
    expect(r.status).toBe(422);
    expect(r.json.error).toMatchObject({ code: 'PRECONDITION_UNMET', requirement: 'materials_complete', clause: 'YT-6.1' });
    const withMaterials = await uploadMaterials(researcher, c.id);
    expect(withMaterials.materials).toHaveLength(5);
    r = await researcher.send('POST', `/api/cases/${c.id}/steps/submit_to_unit`, { version: withMaterials.version });
    expect(r.json.state).toBe('unit_review');
    const unit = await loginAs(t, 'unit_admin');
    r = await unit.send('POST', `/api/cases/${c.id}/steps/unit_vouch`, { version: r.json.version, opinion: '情况属实，同意报送' });
    expect(r.json.state).toBe('submitted');
    // YT-6.1: the project is being carried out, so the window past its day does not bar the application; it stops on submission.
    // YT-6.2: 7 working days from 11/20: 11/23–11/27=1–5, 11/30=6, 12/1=7
    expect(await clocks(c.id)).toEqual([{ limit_id: 'YT-6.1', due_date: '2026-11-05', status: 'stopped' }, { limit_id: 'YT-6.2', due_date: '2026-12-01', status: 'running' }]);

    expect((await researcher.send('POST', `/api/cases/${c.id}/steps/accept`, { version: r.json.version })).status).toBe(403);
    expect((await (await loginAs(t, 'lf_officer')).send('POST', `/api/cases/${c.id}/steps/accept`, { version: r.json.version })).status).toBe(404);
    const officer = await loginAs(t, officerName);
    r = await officer.send('POST', `/api/cases/${c.id}/steps/accept`, { version: r.json.version });
    expect(r.json.state).toBe('investigating');
    // YT-6.3: 14 working days from 11/20: 11/23–11/27=1–5, 11/30–12/4=6–10, 12/7–12/10=11–14
    expect(await clocks(c.id)).toEqual([
      { limit_id: 'YT-6.1', due_date: '2026-11-05', status: 'stopped' },
      { limit_id: 'YT-6.2', due_date: '2026-12-01', status: 'stopped' },
      { limit_id: 'YT-6.3', due_date: '2026-12-10', status: 'running' },
    ]);

    // YT-6.3: no decision before the defence is heard; the refusal names the requirement and its clause.
    const early = await officer.send('POST', `/api/cases/${c.id}/steps/decide`, { version: r.json.version, ...DECISION });
    expect(early.status).toBe(422);
    expect(early.json.error).toMatchObject({ code: 'PRECONDITION_UNMET', requirement: 'defence_heard', clause: 'YT-6.3', message: '尚未听取申辩意见（或记录当事人书面放弃申辩）（YT-6.3）' });
    r = { status: 200, json: await prepareToleranceDecision(officer, c.id, '2026-11-20') };
    const short = await officer.send('POST', `/api/cases/${c.id}/steps/decide`, { version: r.json.version, ...DECISION, deliberation: { ...DECISION.deliberation, members: ['局长', '副局长'] } });
    expect(short.status).toBe(422);
    expect(short.json.error).toMatchObject({ code: 'INCONSISTENT', field: 'deliberation/members' });

    // Two officers decide at once: exactly one wins, the other gets a conflict and writes nothing.
    const other = await loginAs(t, officerName);
    const [a, b] = await Promise.all([
      officer.send('POST', `/api/cases/${c.id}/steps/decide`, { version: r.json.version, ...DECISION }),
      other.send('POST', `/api/cases/${c.id}/steps/decide`, { version: r.json.version, ...DECISION, outcome: 'not_tolerated', circumstances: [] }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? a.json : b.json;
    expect(winner.state).toBe('decided');
    const [{ n }] = await t.app.db.query<{ n: number }>(`SELECT count(*) AS n FROM case_events WHERE case_id = $1 AND step = 'decide'`, [c.id]);
    expect(n).toBe(1);
    // YT-6.5: 10 working days from 11/20 → 12/4
    expect((await clocks(c.id)).map((k) => [k.limit_id, k.due_date, k.status])).toEqual([
      ['YT-6.1', '2026-11-05', 'stopped'], ['YT-6.2', '2026-12-01', 'stopped'], ['YT-6.3', '2026-12-10', 'stopped'], ['YT-6.5', '2026-12-04', 'running'],
    ]);

    // YT-6.4: no feedback until the decision is copied to the organisation and personnel departments.
    const uncopied = await officer.send('POST', `/api/cases/${c.id}/steps/feed_back`, { version: winner.version });
    expect(uncopied.json.error).toMatchObject({ code: 'PRECONDITION_UNMET', requirement: 'copied_to_departments', clause: 'YT-6.4' });
    const copied = await takeSteps(officer, c.id, [['record_copy', { ...COPY_TO_DEPARTMENTS, on: '2026-11-20' }]]);
    r = await officer.send('POST', `/api/cases/${c.id}/steps/feed_back`, { version: copied.version });
    // YT-6.5 / YT-10: an exempting decision marks the project 免责 on feedback (X-1 then keeps it out of ratings).
    const [marked] = await t.app.db.query<{ exempted_on: string | null }>('SELECT exempted_on FROM projects WHERE id = $1', [project.id]);
    expect(marked.exempted_on).toBe(winner.data.decision.outcome === 'exempt' ? '2026-11-20' : null);
    r = await officer.send('POST', `/api/cases/${c.id}/steps/archive`, { version: r.json.version });
    expect(r.json.state).toBe('archived');
    expect(r.json.steps).toEqual([]);
    const again = await officer.send('POST', `/api/cases/${c.id}/steps/feed_back`, { version: r.json.version });
    expect(again.status).toBe(409);
    expect(again.json.error.message).toContain('已归档');
    const detail = await officer.get(`/api/cases/${c.id}`);
    expect(detail.json.timeline.map((e: any) => e.step)).toEqual(['start', 'submit_to_unit', 'unit_vouch', 'accept', 'record_defence', 'record_findings', 'record_consultation', 'record_consultation', 'decide', 'record_copy', 'feed_back', 'archive']);
    expect(detail.json.timeline.map((e: any) => e.clause)).toEqual(['YT-6.1', 'YT-13', 'YT-13', 'YT-6.2', 'YT-6.3', 'YT-6.3', 'YT-6.4', 'YT-6.4', 'YT-6.4', 'YT-6.4', 'YT-6.5', 'YT-6.5']);
    const [{ audits }] = await t.app.db.query<{ audits: number }>(`SELECT count(*) AS audits FROM audit_events WHERE object_id = $1 AND action IN ('case.start', 'case.transition')`, [c.id]);
    expect(audits).toBe(12);
  });

  it('YT-6.2 依职权启动：业务科直接进入调查核实并开始 14 个工作日计时；科研人员不能依职权启动', async () => {
    const officer = await loginAs(t, officerName);
    const r = await officer.send('POST', '/api/cases', startBody('tolerance', { projectId: project.id, failure: '问责调查中发现可能符合容错', conditions: { 'YT-4.1': '符合决策部署' }, circumstances: [], exOfficio: true }));
    expect(r.status).toBe(201);
    expect(r.json.state).toBe('investigating');
    expect(await clocks(r.json.id)).toEqual([{ limit_id: 'YT-6.3', due_date: '2026-12-10', status: 'running' }]);
    const researcher = await loginAs(t, 'researcher');
    expect((await researcher.send('POST', '/api/cases', startBody('tolerance', { projectId: project.id, failure: 'x', conditions: {}, circumstances: [], exOfficio: true }))).status).toBe(403);
  });

  it('YT-10 X-1 免除责任的认定反馈后，项目标注免责，重新评价时该项目不计入承担单位的信用评价', async () => {
    const [p] = await t.app.db.query<{ id: string; code: string; undertaking_unit_id: string }>(
      `SELECT id, code, undertaking_unit_id FROM projects WHERE jurisdiction_code = '532300' AND exempted_on IS NULL AND status = 'in_progress' ORDER BY code LIMIT 1`);
    const officer = await loginAs(t, officerName);
    const started = await officer.send('POST', '/api/cases', startBody('tolerance', { projectId: p.id, failure: '市场变化致产业化无意义', conditions: { 'YT-4.5': '市场前景变化' }, circumstances: ['YT-5.8'], exOfficio: true }));
    await prepareToleranceDecision(officer, started.json.id, '2026-11-20');
    const decided = await takeSteps(officer, started.json.id, [['decide', { ...DECISION, circumstances: ['YT-5.8'] }], ['record_copy', { ...COPY_TO_DEPARTMENTS, on: '2026-11-20' }], ['feed_back', {}]]);
    expect(decided.state).toBe('fed_back');
    const [marked] = await t.app.db.query<{ exempted_on: string | null }>('SELECT exempted_on FROM projects WHERE id = $1', [p.id]);
    expect(marked.exempted_on).toBe('2026-11-20');
    const rated = await (await loginAs(t, 'cx_integrity')).send('POST', `/api/subjects/${p.undertaking_unit_id}/ratings`, { subjectType: 'unit', year: 2026 });
    expect(rated.json.ignoredAsExempted.join()).toContain(p.code);
    expect(JSON.stringify(rated.json.fired)).not.toContain(p.code);
  });

  it('演示数据中的案件由真实命令办理生成：待受理、调查核实中、已反馈，以及后者启动的纠错案件', async () => {
    const officer = await loginAs(t, 'cx_business');
    const items = (await officer.get('/api/cases?procedure=tolerance&pageSize=100')).json.items;
    // The list carries each case's summary line (its declaration says which), not the whole case data.
    expect(items[0].data).toBeUndefined();
    const byFailure = (text: string) => items.find((c: any) => c.summary?.startsWith(text));
    expect(byFailure('高海拔种植试验')?.stateLabel).toBe('待受理');
    expect(byFailure('成果转化合同签订后')?.stateLabel).toBe('调查核实中');
    const decided = byFailure('关键技术路线被国外同行抢先公开');
    expect(decided?.stateLabel).toBe('已反馈');
    expect((await officer.get(`/api/cases/${decided.id}`)).json.related).toEqual([expect.objectContaining({ procedure: 'correction', relation: 'child' })]);
  });
});
