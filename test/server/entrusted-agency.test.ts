/**
 * CI-32 受托管理机构 on both databases: the agency's account reads only the projects entrusted to it
 * (projects.service_agency_id) and their supervision cases, takes only the step entrusted (verifying a
 * rectification item), and everything else answers 404 (out of scope) or 403 (no permission).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../support/databases';
import { loginAs, startTestApp, type Client, type TestApp } from '../support/test-app';
import { startBody } from '../support/cases';

const beijing = (d: string) => `${d}T02:00:00.000Z`;

describe.each(DB_KINDS)('CI-32 受托管理机构的数据范围与权限（%s）', (kind) => {
  let t: TestApp;
  let agencyId: string;
  let entrusted: { id: string; leader_id: string };
  let other: { id: string };
  beforeAll(async () => {
    t = await startTestApp(kind);
    t.clock.set(beijing('2026-11-20'));
    [{ unit_id: agencyId }] = await t.app.db.query<any>(`SELECT unit_id FROM users WHERE username = 'agency'`);
    // Fixture: the bureau entrusts the agency with one project of the demo unit (whose administrator has an account).
    [entrusted] = await t.app.db.query<any>(
      `UPDATE projects SET service_agency_id = $1 WHERE id = (SELECT id FROM projects WHERE undertaking_unit_id = (SELECT unit_id FROM users WHERE username = 'unit_admin')
         AND status = 'in_progress' AND jurisdiction_code = '532300' ORDER BY code LIMIT 1) RETURNING id, leader_id`, [agencyId]);
    [other] = await t.app.db.query<any>(`SELECT id FROM projects WHERE service_agency_id IS DISTINCT FROM $1 AND status = 'in_progress' ORDER BY code LIMIT 1`, [agencyId]);
  });
  afterAll(async () => { await t?.close(); });

  const ok = async (client: Client, id: string, name: string, body: object = {}) => {
    const version = (await client.get(`/api/cases/${id}`)).json.version;
    const r = await client.send('POST', `/api/cases/${id}/steps/${name}`, { version, ...body });
    if (r.status !== 200) throw new Error(`${name}: ${JSON.stringify(r.json)}`);
    return r.json;
  };

  it('CI-32 只见受托项目：列表即受托项目全部；其他项目、主体、评价、名单一律 404 或 403', async () => {
    const agency = await loginAs(t, 'agency');
    const [{ n }] = await t.app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM projects WHERE service_agency_id = $1`, [agencyId]);
    expect(n).toBeGreaterThan(0);
    const list = (await agency.get('/api/projects?pageSize=100')).json;
    expect(list.total).toBe(n);
    expect(list.items.every((p: any) => p.serviceAgencyId === agencyId)).toBe(true);
    expect(list.abilities).toEqual({ create: false, export: false });
    expect((await agency.get(`/api/projects/${entrusted.id}`)).json).toMatchObject({ id: entrusted.id, abilities: { read: true, update: false } });
    expect((await agency.get(`/api/projects/${other.id}`)).status).toBe(404);
    expect((await agency.get(`/api/subjects/${agencyId}`)).status).toBe(403);
    expect((await agency.get('/api/subjects')).status).toBe(403);
    expect((await agency.get(`/api/subjects/${entrusted.leader_id}/ratings`)).status).toBe(403);
    expect((await agency.send('POST', `/api/projects/${entrusted.id}/status`, { version: 1, to: 'deferred', reason: '越权暂缓' })).status).toBe(403);
    expect((await agency.send('POST', '/api/cases', startBody('supervision', { procedure: 'midterm_check', projectId: entrusted.id }))).status).toBe(403);
  });

  it('CI-32 受托项目的中期检查可查看、只能办理“验证整改事项”；非受托项目的检查、受托项目的失信调查 404，待办列表只含受托案件', async () => {
    const officer = await loginAs(t, 'cx_business');
    const open = async (projectId: string) => (await officer.send('POST', '/api/cases', startBody('supervision', { procedure: 'midterm_check', projectId }))).json.id as string;
    const mine = await open(entrusted.id);
    const theirs = await open(other.id);
    // The unit submits the self-assessment; staff order rectification and set the plan.
    await ok(await loginAs(t, 'unit_admin'), mine, 'submit_self_assessment', { progress: '按计划推进', funds: '支出 8 万元' });
    await ok(officer, mine, 'conclude_rectify', { opinion: '经费台账不全，限期整改' });
    await ok(officer, mine, 'set_plan', { items: [{ item: '补齐经费台账', dueDate: '2026-12-20', verification: '现场核查台账' }] });

    const agency = await loginAs(t, 'agency');
    const c = (await agency.get(`/api/cases/${mine}`)).json;
    expect(c).toMatchObject({ id: mine, procedure: 'midterm_check', state: 'rectifying' });
    expect(c.steps.map((s: any) => s.id)).toEqual(['verify_item']);
    expect((await agency.send('POST', `/api/cases/${mine}/steps/escalate`, { version: c.version, ground: 'not_rectified', reason: '越权升级处理', handling: 'accountability' })).status).toBe(403);
    const verified = await ok(agency, mine, 'verify_item', { index: 0, verifiedOn: '2026-11-20', note: '台账已补齐，现场核查无误' });
    expect(verified.data.plan[0]).toMatchObject({ verifiedOn: '2026-11-20', verificationNote: '台账已补齐，现场核查无误' });
    const [step] = await t.app.db.query<any>(`SELECT actor_role FROM case_events WHERE case_id = $1 AND step = 'verify_item'`, [mine]);
    expect(step.actor_role).toBe('entrusted_agency');
    expect((await agency.get(`/api/cases/${theirs}`)).status).toBe(404);

    // An investigation about the entrusted project is not the agency's to read.
    const esc = await ok(officer, mine, 'escalate', { ground: 'worse', reason: '虚报整改完成情况', handling: 'misconduct' });
    const child = esc.related.find((r: any) => r.relation === 'child').id;
    expect((await agency.get(`/api/cases/${child}`)).status).toBe(404);
    expect((await agency.get(`/api/cases/${mine}`)).json.related).toEqual([]);

    const queue = (await agency.get('/api/cases?pageSize=100')).json;
    const [{ n }] = await t.app.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cases c JOIN projects p ON p.id = c.project_id WHERE p.service_agency_id = $1 AND c.procedure IN ('midterm_check', 'inspection', 'major_change')`, [agencyId]);
    expect(queue.total).toBe(n);
    expect(queue.items.map((x: any) => x.id)).toContain(mine);
    expect(queue.items.map((x: any) => x.id)).not.toContain(theirs);
    expect(queue.items.map((x: any) => x.id)).not.toContain(child);
  });
});
