/**
 * Decisions followed through (issue 19), on both databases: an escalation opens its next case — an
 * accountability referral or a misconduct lead — linked both ways (YT-7, YT-8, YT-9.4); a CI-23
 * suspension puts the project in 暂停 with its last day to rectify (bureau setting, 30 working days);
 * the decided project states (CI-19.1.2) set by their command only, audited, shown on list and detail.
 * Dates by hand from the 2026 State Council notice (国庆 10/1–10/8 off, 10/10 a working Saturday).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../support/databases';
import { loginAs, startTestApp, type Client, type TestApp } from '../support/test-app';
import { startBody } from '../support/cases';
import { drawSpotCheck } from '../../src/core/spot-check/draw';
import { loadFacts } from '../../src/server/modules/rules/rating-facts';

const beijing = (d: string) => `${d}T02:00:00.000Z`;
const FACTORS = { deviation: '偏离较小', intent_obstruction: '虚报整改情况', social_impact: '影响较小', repeat: '首次', attitude: '配合调查', other: '无' };

describe.each(DB_KINDS)('决定的后续办理：升级处理、暂停项目、项目状态（%s）', (kind) => {
  let t: TestApp;
  let ids: { unit_id: string; person_id: string };
  let n = 0;
  beforeAll(async () => {
    t = await startTestApp(kind);
    [ids] = await t.app.db.query<any>(`SELECT (SELECT unit_id FROM users WHERE username = 'unit_admin') AS unit_id, (SELECT person_id FROM users WHERE username = 'researcher') AS person_id`);
  });
  afterAll(async () => { await t?.close(); });

  const step = async (client: Client, id: string, name: string, body: object = {}) => {
    const version = (await client.get(`/api/cases/${id}`)).json.version;
    return client.send('POST', `/api/cases/${id}/steps/${name}`, { version, ...body });
  };
  const ok = async (client: Client, id: string, name: string, body: object = {}) => {
    const r = await step(client, id, name, body);
    if (r.status !== 200) throw new Error(`${name}: ${JSON.stringify(r.json)}`);
    return r.json;
  };
  const newProject = async (officer: Client, extra: Record<string, unknown> = {}) => {
    n += 1;
    const r = await officer.send('POST', '/api/projects', {
      code: `CXKJ2025-95${n}`, name: `高原特色作物后续办理试验 ${n}`, planLevel: 'prefecture', jurisdictionCode: '532300', fundingSource: 'prefecture_fiscal',
      undertakingUnitId: ids.unit_id, leaderId: ids.person_id, startDate: '2025-03-01', dueDate: '2027-12-31', status: 'in_progress', fundsGranted: '200000', ...extra,
    });
    if (r.status !== 201) throw new Error(JSON.stringify(r.json));
    return r.json.id as string;
  };
  /** A mid-term check of the project brought to rectification (YT-8). */
  const midtermInRectification = async (projectId: string) => {
    const officer = await loginAs(t, 'cx_business');
    const c = (await officer.send('POST', '/api/cases', startBody('supervision', { procedure: 'midterm_check', projectId }))).json;
    await ok(await loginAs(t, 'researcher'), c.id, 'submit_self_assessment', { progress: '完成田间试验一季', funds: '支出 12 万元' });
    await ok(officer, c.id, 'conclude_rectify', { opinion: '台账不全，限期一个月整改' });
    return c.id as string;
  };

  it('YT-8 YT-9.4 中期检查整改不力升级严肃处理：选“移送问责”即开启问责移送案件，两案互见；移送、登记结果后办结；单位看不到问责案件', async () => {
    t.clock.set(beijing('2026-11-20'));
    const officer = await loginAs(t, 'cx_business');
    const midterm = await midtermInRectification(await newProject(officer));
    const missing = await step(officer, midterm, 'escalate', { ground: 'not_rectified', reason: '期限届满仍未补齐台账' });
    expect(missing.json.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'handling' });
    const esc = await ok(officer, midterm, 'escalate', { ground: 'not_rectified', reason: '期限届满仍未补齐台账', handling: 'accountability' });
    expect(esc.state).toBe('escalated');
    const child = esc.related.find((r: any) => r.relation === 'child');
    expect(child).toMatchObject({ procedure: 'accountability_referral', title: '问责移送', stateLabel: '待移送' });
    const referral = (await officer.get(`/api/cases/${child.id}`)).json;
    expect(referral.related).toEqual([expect.objectContaining({ id: midterm, relation: 'parent', procedure: 'midterm_check' })]);
    expect(referral.parties).toEqual(expect.arrayContaining([expect.objectContaining({ label: '升级的案件', kind: 'case', id: midterm })]));
    expect(referral.facts.find((f: any) => f.label === '升级理由').value).toBe('逾期未整改：期限届满仍未补齐台账（YT-8）');
    expect(referral.steps.map((s: any) => s.id)).toEqual(['refer']);
    // Staff only: neither the unit nor the leader sees the referral.
    expect((await (await loginAs(t, 'unit_admin')).get(`/api/cases/${child.id}`)).status).toBe(404);
    expect((await (await loginAs(t, 'researcher')).get(`/api/cases/${child.id}`)).status).toBe(404);
    expect((await step(officer, child.id, 'refer', { body: 'discipline', bodyName: '州纪委监委驻州科技局纪检监察组', sentOn: '2026-11-21', materials: '中期检查记录、整改通知和升级理由' })).json.error).toMatchObject({ field: 'sentOn' });
    await ok(officer, child.id, 'refer', { body: 'discipline', bodyName: '州纪委监委驻州科技局纪检监察组', sentOn: '2026-11-20', materials: '中期检查记录、整改通知和升级理由' });
    expect((await step(officer, child.id, 'record_result', { decidedOn: '2026-11-19', outcome: '对项目负责人诫勉谈话' })).json.error).toMatchObject({ field: 'decidedOn' });
    const closed = await ok(officer, child.id, 'record_result', { decidedOn: '2026-11-20', outcome: '对项目负责人诫勉谈话' });
    expect(closed).toMatchObject({ state: 'closed', stateLabel: '已办结' });
    const [audit] = await t.app.db.query<any>(`SELECT after FROM audit_events WHERE action = 'case.start' AND object_id = $1`, [child.id]);
    expect(audit.after).toMatchObject({ procedure: 'accountability_referral', start: 'from_escalation', parent: midterm, clause: 'YT-9.4' });
  });

  it('YT-7 督查整改不力、涉嫌弄虚作假：选“失信线索”即开启以被督查单位为对象的科研失信案件（CI-22），来源案件互见', async () => {
    t.clock.set(beijing('2026-11-20'));
    const officer = await loginAs(t, 'cx_business');
    const c = (await officer.send('POST', '/api/cases', startBody('supervision', { procedure: 'inspection', target: '承担单位整改落实', scope: '整改情况核查', unitId: ids.unit_id }))).json;
    await ok(officer, c.id, 'issue_rectification', { found: '整改报告与实际不符', requirements: '如实整改并报告' });
    const esc = await ok(officer, c.id, 'escalate', { ground: 'repeated', reason: '再次报送不实的整改报告', handling: 'misconduct' });
    const child = esc.related.find((r: any) => r.relation === 'child');
    expect(child).toMatchObject({ procedure: 'misconduct', stateLabel: '待立案' });
    const m = (await (await loginAs(t, 'cx_integrity')).get(`/api/cases/${child.id}`)).json;
    expect(m.data).toMatchObject({ source: 'escalation', sourceCaseId: c.id, subjectId: ids.unit_id, subjectKind: 'organization', grounds: '再次报送不实的整改报告（YT-7 整改不力，涉嫌弄虚作假）' });
    expect(m.facts.find((f: any) => f.label === '线索来源').value).toBe('整改不力升级严肃处理，涉嫌弄虚作假（YT-7、YT-8、YT-9.4）');
    expect(m.related).toEqual([expect.objectContaining({ id: c.id, relation: 'parent' })]);
    expect((await (await loginAs(t, 'unit_admin')).get(`/api/cases/${child.id}`)).status).toBe(404);
  });

  it('CI-23 暂停资助并限期整改：处理决定使项目进入“暂停”，整改期限为决定次日起第 30 个工作日（本局设置），登记为应履行事项并审计', async () => {
    t.clock.set(beijing('2026-10-12'));
    const officer = await loginAs(t, 'cx_business');
    const projectId = await newProject(officer);
    const midterm = await midtermInRectification(projectId);
    const esc = await ok(officer, midterm, 'escalate', { ground: 'worse', reason: '虚报整改完成情况', handling: 'misconduct' });
    const caseId = esc.related.find((r: any) => r.relation === 'child').id;
    let integrity = await loginAs(t, 'cx_integrity');
    await ok(integrity, caseId, 'file', { opinion: '立案调查' });
    await ok(integrity, caseId, 'record_factors', { factors: FACTORS });
    const measures = { kind: 'fabrication', conductDate: '2026-09-01', severity: 'minor', measures: ['suspension_rectification'], banYears: null, publicDisclosure: false, responsible: [] };
    await ok(integrity, caseId, 'send_notice', { ...measures, facts: '虚报中期检查整改完成情况', grounds: '楚科规〔2022〕5号第二十三条、第二十五条第（一）项' });
    t.clock.set(beijing('2026-10-13'));
    integrity = await loginAs(t, 'cx_integrity');
    await ok(integrity, caseId, 'record_statement', { kind: 'statement', on: '2026-10-13', text: '承认台账未补齐，愿意整改' });
    t.clock.set(beijing('2026-10-20'));
    integrity = await loginAs(t, 'cx_integrity');
    const decided = await ok(integrity, caseId, 'decide_sanction', {
      ...measures, decidedOn: '2026-10-20', simpleProcedure: false, minorAndCorrected: false, judiciaryReferral: false, reasons: '情节较轻，暂停资助并限期整改', ratedAs: 'leader',
    });
    expect(decided.state).toBe('decided');
    // 30 working days from the day after 2026-10-20 (Tue): 10/21–10/23 (3), five full weeks to 11/27 (28), 11/30 (29), 12/1 (30).
    const reader = await loginAs(t, 'cx_business');
    const p = (await reader.get(`/api/projects/${projectId}`)).json;
    expect(p).toMatchObject({ status: 'suspended', statusChange: { on: '2026-10-20', clause: 'CI-23', caseId, rectifyBy: '2026-12-01' } });
    const [o] = await t.app.db.query<any>(`SELECT kind, clause, due_date, project_id FROM obligations WHERE case_id = $1`, [caseId]);
    expect(o).toEqual({ kind: 'rectify_after_suspension', clause: 'CI-23', due_date: '2026-12-01', project_id: projectId });
    const [a] = await t.app.db.query<any>(`SELECT before, after FROM audit_events WHERE action = 'project.status_change' AND object_id = $1`, [projectId]);
    expect(a).toMatchObject({ before: { status: 'in_progress' }, after: { status: 'suspended', byCase: caseId, rectifyBy: '2026-12-01', clause: 'CI-23' } });
    const list = (await reader.get(`/api/projects?status=suspended`)).json;
    expect(list.items.map((x: any) => x.id)).toContain(projectId);
  });

  it('CI-19.1.2 暂缓、强制中止、验收不通过由“变更项目状态”设置并审计；项目表单不能填写；暂停只由处理决定作出；无权者 403、辖区外 404', async () => {
    t.clock.set(beijing('2026-11-20'));
    const officer = await loginAs(t, 'cx_business');
    const [dept] = await t.app.db.query<{ id: string }>(`SELECT id FROM subjects WHERE org_type = 'recommending_department' AND region_code LIKE '5323%' ORDER BY id LIMIT 1`);
    const id = await newProject(officer, { recommendingDepartmentId: dept.id });
    const p0 = (await officer.get(`/api/projects/${id}`)).json;
    const { id: _i, version, ...rest } = p0;
    const form = await officer.send('PUT', `/api/projects/${id}`, {
      version, code: rest.code, name: rest.name, planLevel: rest.planLevel, jurisdictionCode: rest.jurisdictionCode, fundingSource: rest.fundingSource,
      undertakingUnitId: rest.undertakingUnitId, leaderId: rest.leaderId, startDate: rest.startDate, dueDate: rest.dueDate, status: 'forcibly_halted', fundsGranted: '200000',
    });
    expect(form.json.error).toMatchObject({ code: 'INCONSISTENT', field: 'status', clause: 'CI-19.1.2' });
    expect((await officer.send('POST', `/api/projects/${id}/status`, { version, to: 'suspended', reason: '试图直接暂停' })).json.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'to' });
    expect((await officer.send('POST', `/api/projects/${id}/status`, { version, to: 'acceptance_failed', reason: '验收未通过' })).json.error).toMatchObject({ code: 'INCONSISTENT', field: 'status', clause: 'CI-3' });
    expect((await (await loginAs(t, 'auditor')).send('POST', `/api/projects/${id}/status`, { version, to: 'deferred', reason: '暂缓执行' })).status).toBe(403);
    expect((await (await loginAs(t, 'lf_officer')).send('POST', `/api/projects/${id}/status`, { version, to: 'deferred', reason: '暂缓执行' })).status).toBe(404);
    const deferred = await officer.send('POST', `/api/projects/${id}/status`, { version, to: 'deferred', reason: '配套资金未到位，暂缓执行' });
    expect(deferred.status).toBe(200);
    expect(deferred.json).toMatchObject({ status: 'deferred', statusLabel: '暂缓', version: version + 1, statusChange: { on: '2026-11-20', clause: 'CI-19.1.2', reason: '配套资金未到位，暂缓执行', caseId: null, rectifyBy: null } });
    expect((await officer.send('POST', `/api/projects/${id}/status`, { version, to: 'in_progress', reason: '资金到位' })).json.error).toMatchObject({ code: 'VERSION_CONFLICT' });
    const resumed = await officer.send('POST', `/api/projects/${id}/status`, { version: version + 1, to: 'in_progress', reason: '配套资金到位，恢复执行' });
    expect(resumed.json).toMatchObject({ status: 'in_progress', statusLabel: '执行中' });
    const halted = await officer.send('POST', `/api/projects/${id}/status`, { version: version + 2, to: 'forcibly_halted', reason: '承担单位无法继续实施' });
    expect(halted.json).toMatchObject({ status: 'forcibly_halted', statusLabel: '强制中止' });
    const history = await t.app.db.query<any>(`SELECT from_status, to_status, on_date FROM project_status_changes WHERE project_id = $1 ORDER BY seq`, [id]);
    expect(history).toEqual([
      { from_status: 'in_progress', to_status: 'deferred', on_date: '2026-11-20' },
      { from_status: 'deferred', to_status: 'in_progress', on_date: '2026-11-20' },
      { from_status: 'in_progress', to_status: 'forcibly_halted', on_date: '2026-11-20' },
    ]);
    const audits = await t.app.db.query<any>(`SELECT after->>'status' AS status FROM audit_events WHERE action = 'project.status_change' AND object_id = $1 ORDER BY seq`, [id]);
    expect(audits.map((x: any) => x.status)).toEqual(['deferred', 'in_progress', 'forcibly_halted']);
    // CI-19.1.2: the recommending department's rating facts carry the year the project was deferred and halted (2026, once).
    const facts = (await loadFacts(t.app.db, 'recommender', [dept.id], 2026)).get(dept.id)!;
    expect(facts.projects.find((x) => x.id === rest.code)?.haltedIn).toEqual([2026]);
  });

  it('YT-8 CI-21 随机抽查：每个抽中项目在同一事务中开启一件检查案件，指派抽中的检查人员；信用良好的单位 12 个月内不再抽查（本局设置），满 12 个月恢复', async () => {
    t.clock.set(beijing('2026-11-20'));
    let officer = await loginAs(t, 'cx_business');
    const first = await officer.send('POST', '/api/spot-checks', { title: '2026 年后续办理抽查', baseRatio: 0.5, inspectorsPerProject: 1, seed: 'ft-2026-a' });
    expect(first.status).toBe(201);
    const full1 = (await officer.get(`/api/spot-checks/${first.json.id}`)).json;
    expect(drawSpotCheck(full1.input)).toEqual(full1.result);
    // One inspection per project drawn, each naming the project, its unit and the inspector drawn for it (by the stored pool).
    const cases = await t.app.db.query<any>(`SELECT c.id, c.state, c.jurisdiction_code, p.code, c.unit_id = p.undertaking_unit_id AS unit_ok, c.data FROM cases c JOIN projects p ON p.id = c.project_id
      WHERE c.procedure = 'inspection' AND c.data->>'spotCheckId' = $1 ORDER BY p.code`, [first.json.id]);
    expect(cases.map((c: any) => c.code)).toEqual(full1.result.draws.map((d: any) => d.projectId));
    expect(first.json.cases.map((c: any) => c.projectId)).toEqual(full1.result.draws.map((d: any) => d.projectId));
    expect(cases.every((c: any) => c.state === 'inspecting' && c.jurisdiction_code === '532300' && c.unit_ok)).toBe(true);
    for (const [i, d] of full1.result.draws.entries()) expect(cases[i].data.inspectors.map((x: any) => x.code)).toEqual(d.inspectorIds);
    const one = (await officer.get(`/api/cases/${cases[0].id}`)).json;
    expect(one.facts.find((f: any) => f.label === '抽查检查人员').value).toBe(cases[0].data.inspectors.map((x: any) => `${x.name}（${x.code}）`).join('、'));
    expect(one.parties).toEqual(expect.arrayContaining([expect.objectContaining({ label: '抽查项目', kind: 'project' })]));
    const starts = await t.app.db.query<any>(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'case.start' AND after->>'start' = 'from_spot_check' AND object_id = ANY($1::text[])`, [cases.map((c: any) => c.id)]);
    expect(starts[0].n).toBe(cases.length);
    // Each drawn inspector with an account is told, once per project drawn for him.
    const drawnInspectors = cases.flatMap((c: any) => c.data.inspectors.map((x: any) => x.id));
    const [{ expectedTold }] = await t.app.db.query<any>(`SELECT count(*)::int AS "expectedTold" FROM users u JOIN unnest($1::uuid[]) AS i(id) ON i.id = u.person_id WHERE NOT u.disabled`, [drawnInspectors]);
    const [{ told }] = await t.app.db.query<any>(`SELECT count(*)::int AS told FROM notifications WHERE kind = 'spot_check' AND title LIKE '随机抽查：请参加%' AND created_at = $1`, [beijing('2026-11-20')]);
    expect(told).toBe(expectedTold);

    // CI-21 频次: eleven days later the units drawn on 11/20 are recent; their AA/A projects are not candidates.
    const good = (p: any) => p.level === 'AA' || p.level === 'A';
    const unitsOf = (full: any) => new Set(full.result.draws.map((d: any) => full.input.projects.find((p: any) => p.id === d.projectId).unitId));
    const drawn1 = unitsOf(full1);
    t.clock.set(beijing('2026-12-01'));
    officer = await loginAs(t, 'cx_business');
    const second = (await officer.send('POST', '/api/spot-checks', { title: '2026 年后续办理抽查（二）', baseRatio: 0.5, inspectorsPerProject: 1, seed: 'ft-2026-b' })).json;
    const full2 = (await officer.get(`/api/spot-checks/${second.id}`)).json;
    expect(full2.input.recentlyDrawnUnits).toEqual([...drawn1].sort());
    const skipped = full2.input.projects.filter((p: any) => good(p) && drawn1.has(p.unitId)).map((p: any) => p.id).sort();
    expect(skipped.length).toBeGreaterThan(0);
    expect(full2.result.skippedForFrequency).toEqual(skipped);
    const goodGroup = full2.result.groups.find((g: any) => g.group === 'good');
    expect(goodGroup.candidates).toBe(full2.input.projects.filter(good).length - skipped.length);
    for (const d of full2.result.draws) expect(skipped).not.toContain(d.projectId);
    expect(drawSpotCheck(full2.input)).toEqual(full2.result);

    // Twelve months after 2026-11-20 that draw no longer counts; the one of 2026-12-01 still does.
    t.clock.set(beijing('2027-11-20'));
    officer = await loginAs(t, 'cx_business');
    const third = (await officer.send('POST', '/api/spot-checks', { title: '2027 年后续办理抽查', baseRatio: 0.5, inspectorsPerProject: 1, seed: 'ft-2027-a' })).json;
    const full3 = (await officer.get(`/api/spot-checks/${third.id}`)).json;
    const drawn2 = unitsOf(full2);
    const others = await t.app.db.query<any>(`SELECT input, result FROM spot_checks WHERE drawn_at > '2026-11-21T00:00:00+08:00' AND id <> $1 AND id <> $2`, [second.id, third.id]);
    const expected = new Set(drawn2);
    for (const o of others) for (const u of unitsOf(o)) expected.add(u);
    expect(full3.input.recentlyDrawnUnits).toEqual([...expected].sort());
    expect(drawn1.size).toBeGreaterThan(0);
  });
});
