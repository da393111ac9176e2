/**
 * Supervision on both databases: major-change reports whose approved extension moves the project's
 * due date (YT-8, feeding CI-16.3.1), mid-term checks with rectification tracked like YT-9.4 (YT-8),
 * policy-implementation inspections (YT-7), and milestone early warnings raised once each (YT-8).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { DB_KINDS } from '../support/databases';
import { loginAs, startTestApp, type Client, type TestApp } from '../support/test-app';
import { addCalendarDays } from '../../src/core/time/iso-date';
import { sweepMilestones } from '../../src/server/modules/supervision/sweep-milestones';
import { openDeadlineIn } from '../../src/server/modules/deadlines/open-deadline';
import { startBody } from '../support/cases';

const beijing = (d: string) => `${d}T02:00:00.000Z`;

describe.each(DB_KINDS)('监督检查（%s）', (kind) => {
  let t: TestApp;
  let project: { id: string; code: string; due_date: string; extended_due_date: string | null; undertaking_unit_id: string };
  beforeAll(async () => {
    t = await startTestApp(kind);
    const [u] = await t.app.db.query<{ person_id: string }>(`SELECT person_id FROM users WHERE username = 'researcher'`);
    [project] = await t.app.db.query<any>(
      `SELECT id, code, due_date, extended_due_date, undertaking_unit_id FROM projects WHERE leader_id = $1 AND jurisdiction_code = '532300' AND status = 'in_progress' ORDER BY code LIMIT 1`, [u.person_id]);
  });
  afterAll(async () => { await t?.close(); });

  const step = async (client: Client, id: string, name: string, body: object = {}) => {
    const version = (await client.get(`/api/cases/${id}`)).json.version;
    return client.send('POST', `/api/cases/${id}/steps/${name}`, { version, ...body });
  };

  it('YT-8 CI-16.3.1 延长执行期的重大事项报告：新日期须晚于现截止日；同意后项目按批准日期计算应验收日', async () => {
    const researcher = await loginAs(t, 'researcher');
    const due = project.extended_due_date ?? project.due_date;
    const later = addCalendarDays(due, 180);
    const bad = await researcher.send('POST', '/api/cases', startBody('supervision', { procedure: 'major_change', projectId: project.id, kind: 'extension', description: '田间试验受干旱影响需补种一季', requestedDueDate: due }));
    expect(bad.json.error).toMatchObject({ code: 'INCONSISTENT', field: 'requestedDueDate' });
    const noDate = await researcher.send('POST', '/api/cases', startBody('supervision', { procedure: 'major_change', projectId: project.id, kind: 'extension', description: '田间试验受干旱影响需补种一季' }));
    expect(noDate.json.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'requestedDueDate' });
    const r = await researcher.send('POST', '/api/cases', startBody('supervision', { procedure: 'major_change', projectId: project.id, kind: 'extension', description: '田间试验受干旱影响需补种一季', requestedDueDate: later }));
    expect(r.json.error).toBeUndefined();
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ procedure: 'major_change', stateLabel: '待审核', data: { reportedOn: '2026-11-20' } });
    expect((await step(researcher, r.json.id, 'approve_change', { opinion: '同意' })).status).toBe(403);
    const officer = await loginAs(t, 'cx_business');
    const ok = await step(officer, r.json.id, 'approve_change', { opinion: '同意延期一年' });
    expect(ok.json.state).toBe('approved');
    const [p] = await t.app.db.query<{ extended_due_date: string; extension_requested_on: string }>('SELECT extended_due_date, extension_requested_on FROM projects WHERE id = $1', [project.id]);
    expect(p).toEqual({ extended_due_date: later, extension_requested_on: '2026-11-20' });
    expect((await officer.get(`/api/projects/${project.id}`)).json.acceptanceDueDate).toBe(later);
  });

  it('CI-17.3.4 YT-8 批准延期后，按原执行期计算的“三个月内申请验收”期限停止；新执行期已届满的，自新日期重新起算三个月', async () => {
    // A project of the demo unit, registered by the bureau, whose execution period ended on 2026-03-31 and which has
    // not applied for acceptance; its CI-17.3.4 clock is opened from that end, as the demo does for such projects.
    const officer = await loginAs(t, 'cx_business');
    const [ids] = await t.app.db.query<{ unit_id: string; person_id: string }>(
      `SELECT (SELECT unit_id FROM users WHERE username = 'unit_admin') AS unit_id, (SELECT person_id FROM users WHERE username = 'researcher') AS person_id`);
    const created = await officer.send('POST', '/api/projects', {
      code: 'CXKJ2024-901', name: '高原特色作物品种选育', planLevel: 'prefecture', jurisdictionCode: '532300', fundingSource: 'prefecture_fiscal',
      undertakingUnitId: ids.unit_id, leaderId: ids.person_id, startDate: '2024-03-01', dueDate: '2026-03-31', status: 'in_progress', fundsGranted: '300000',
    });
    expect(created.status).toBe(201);
    const q = { id: created.json.id as string, due: '2026-03-31', jurisdiction_code: '532300' };
    const opened = await t.app.db.transaction((tx) => openDeadlineIn(t.app, tx, null, {
      limitId: 'CI-17.3.4', ownerType: 'project', ownerId: q.id, title: '执行期满三个月内申请验收', jurisdictionCode: q.jurisdiction_code, startDate: q.due,
    }));
    const [running] = await t.app.db.query<{ id: string }>(
      `SELECT id FROM deadline_clocks WHERE owner_type = 'project' AND owner_id = $1 AND limit_id = 'CI-17.3.4' AND status <> 'stopped'`, [q.id]);
    expect(running.id).toBe(opened.id);
    // Three months from 2026-03-31: 2026-06-30, a Tuesday and a working day.
    expect(opened.due_date).toBe('2026-06-30');
    const clock = { id: opened.id, due: opened.due_date };
    // New end of the execution period: 2026-08-31 (after the old end, before the approval day).
    const unit = await loginAs(t, 'unit_admin');
    const r = await unit.send('POST', '/api/cases', startBody('supervision', { procedure: 'major_change', projectId: q.id, kind: 'extension', description: '设备到货延误，执行期顺延', requestedDueDate: '2026-08-31' }));
    expect(r.status).toBe(201);
    expect((await step(officer, r.json.id, 'approve_change', { opinion: '同意顺延' })).json.state).toBe('approved');
    const clocks = await t.app.db.query<{ id: string; status: string; start_date: string; due_date: string; stopped_date: string | null }>(
      `SELECT id, status, start_date, due_date, stopped_date FROM deadline_clocks WHERE owner_type = 'project' AND owner_id = $1 AND limit_id = 'CI-17.3.4' ORDER BY created_at, start_date`, [q.id]);
    expect(clocks.find((c) => c.id === clock.id)).toMatchObject({ status: 'stopped', stopped_date: '2026-11-20', due_date: clock.due });
    // Three months from 2026-08-31: 2026-11-30 (November has no 31st, so its last day), a Monday and a working day.
    const next = clocks.filter((c) => c.status !== 'stopped');
    expect(next).toEqual([expect.objectContaining({ start_date: '2026-08-31', due_date: '2026-11-30' })]);
    const [audit] = await t.app.db.query<{ after: { cause: string } }>(`SELECT after FROM audit_events WHERE action = 'deadline.stop' AND object_id = $1`, [clock.id]);
    expect(audit.after.cause).toContain('批准延期至 2026-08-31');
  });

  it('YT-8 中期检查：单位自查、检查发现问题责令整改、逐项验证后办结；未验证完不能办结', async () => {
    const officer = await loginAs(t, 'cx_business');
    const c = (await officer.send('POST', '/api/cases', startBody('supervision', { procedure: 'midterm_check', projectId: project.id }))).json;
    expect(c.stateLabel).toBe('待单位自查');
    const researcher = await loginAs(t, 'researcher');
    expect((await step(researcher, c.id, 'submit_self_assessment', { progress: '完成了第一阶段试验', funds: '已支出 40%' })).json.state).toBe('reviewing');
    expect((await step(officer, c.id, 'conclude_rectify', { opinion: '经费支出进度偏慢，台账不全' })).json.state).toBe('rectifying');
    expect((await step(officer, c.id, 'set_plan', { items: [{ item: '补齐经费台账', dueDate: '2026-12-31', verification: '查阅台账' }] })).json.data.plan).toHaveLength(1);
    const early = await step(officer, c.id, 'close');
    expect(early.json.error.message).toContain('还有 1 项整改事项未验证（YT-8）');
    await step(officer, c.id, 'verify_item', { index: 0, verifiedOn: '2026-11-20', note: '台账已补齐' });
    expect((await step(officer, c.id, 'close')).json.state).toBe('closed');
  });

  it('YT-7 政策落实情况督查：针对单位开展，被督查单位可见；未发现问题的写明结论办结，发现问题的整改不力可升级', async () => {
    const officer = await loginAs(t, 'cx_business');
    const clean = (await officer.send('POST', '/api/cases', startBody('supervision', { procedure: 'inspection', target: '楚雄州容错纠错政策落实情况', scope: '2026 年度容错免责案件办理' }))).json;
    expect((await step(officer, clean.id, 'close_clean', { conclusion: '案件均按期办理，未发现问题' })).json.state).toBe('closed');
    const c = (await officer.send('POST', '/api/cases', startBody('supervision', { procedure: 'inspection', target: '承担单位科研诚信制度建设', scope: '制度建设和容错申请审核把关', unitId: project.undertaking_unit_id }))).json;
    const unit = await loginAs(t, 'unit_admin');
    expect((await unit.get(`/api/cases/${c.id}`)).status).toBe(200);
    expect((await (await loginAs(t, 'lf_officer')).get(`/api/cases/${c.id}`)).status).toBe(404);
    await step(officer, c.id, 'issue_rectification', { found: '未建立容错申请审核制度', requirements: '一个月内建立并报备' });
    const esc = await step(officer, c.id, 'escalate', { ground: 'not_rectified', reason: '期限届满仍未建立制度', handling: 'accountability' });
    expect(esc.json).toMatchObject({ state: 'escalated', data: { escalation: { ground: 'not_rectified' } } });
  });

  it('YT-8 里程碑预警：到期前 10 日起预警一次、逾期再警一次，两个进程同时扫描也只发一次；已完成的不预警', async () => {
    const id = randomUUID();
    const done = randomUUID();
    await t.app.db.query(`INSERT INTO milestones (id, project_id, seq, name, due_date) VALUES ($1, $2, 901, '完成中试', '2026-12-15'), ($3, $2, 902, '完成小试', '2026-12-10')`, [id, project.id, done]);
    await t.app.db.query(`UPDATE milestones SET completed_date = '2026-12-01' WHERE id = $1`, [done]);
    const mine = async () => (await sweepMilestones(t.app)).filter((w) => w.milestoneId === id || w.milestoneId === done).map((w) => w.kind);
    t.clock.set(beijing('2026-12-04'));
    expect(await mine()).toEqual([]);
    t.clock.set(beijing('2026-12-05'));
    const both = await Promise.all([sweepMilestones(t.app), sweepMilestones(t.app)]);
    expect(both.flat().filter((w) => w.milestoneId === id).map((w) => w.kind)).toEqual(['approaching']);
    expect(await mine()).toEqual([]);
    t.clock.set(beijing('2026-12-16'));
    expect(await mine()).toEqual(['overdue']);
    expect(await mine()).toEqual([]);
    const [n] = await t.app.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notifications x JOIN users u ON u.id = x.user_id WHERE u.username = 'unit_admin' AND x.title LIKE $1`, [`%${project.code} 完成中试%`]);
    expect(n.n).toBe(2);
  });
});
