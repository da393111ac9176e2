/**
 * Each role against records of its own region, a region below, a sibling region and a region above,
 * and of its own and another unit: reading and writing are allowed exactly where they should be.
 * A record out of scope answers 404, as if it did not exist; in scope but read-only answers 403.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../support/databases';
import { loginAs, startTestApp, type Client, type TestApp } from '../support/test-app';

type Target = 'p_cxs' | 'p_lf' | 'p_cx' | 'p_km' | 'p_unit' | 'p_other_unit' | 'p_own' | 's_cxs' | 's_lf' | 's_km' | 's_province' | 's_own' | 's_unit_person';

describe.each(DB_KINDS)('权限矩阵（%s）', (kind) => {
  let t: TestApp;
  const ids = {} as Record<Target, string>;
  const clients = new Map<string, Client>();

  beforeAll(async () => {
    t = await startTestApp(kind);
    const q = <T>(sql: string, p: unknown[] = []) => t.app.db.query<T>(sql, p).then((r) => r[0]);
    const projectIn = (region: string) => q<{ id: string }>(`SELECT id FROM projects WHERE region_code = $1 ORDER BY code LIMIT 1`, [region]).then((r) => r.id);
    const users = Object.fromEntries((await t.app.db.query<{ username: string; unit_id: string; person_id: string }>('SELECT username, unit_id, person_id FROM users')).map((u) => [u.username, u]));
    ids.p_cxs = await projectIn('532301');
    ids.p_lf = await projectIn('532302');
    ids.p_cx = await projectIn('532300');
    ids.p_unit = (await q<{ id: string }>('SELECT id FROM projects WHERE undertaking_unit_id = $1 LIMIT 1', [users.unit_admin.unit_id])).id;
    ids.p_other_unit = (await q<{ id: string }>('SELECT id FROM projects WHERE undertaking_unit_id <> $1 AND leader_id <> $2 ORDER BY code LIMIT 1', [users.unit_admin.unit_id, users.researcher.person_id])).id;
    ids.p_own = (await q<{ id: string }>('SELECT id FROM projects WHERE leader_id = $1 LIMIT 1', [users.researcher.person_id])).id;
    ids.s_cxs = (await q<{ id: string }>(`SELECT id FROM subjects WHERE kind = 'person' AND region_code = '532301' ORDER BY name LIMIT 1`)).id;
    ids.s_lf = (await q<{ id: string }>(`SELECT id FROM subjects WHERE kind = 'person' AND region_code = '532302' ORDER BY name LIMIT 1`)).id;
    ids.s_km = (await q<{ id: string }>(`SELECT id FROM subjects WHERE kind = 'person' AND region_code = '530100' ORDER BY name LIMIT 1`)).id;
    ids.s_own = users.researcher.person_id;
    ids.s_unit_person = (await q<{ id: string }>(`SELECT id FROM subjects WHERE employer_id = $1 AND id <> $2 LIMIT 1`, [users.unit_admin.unit_id, users.researcher.person_id])).id;
    // A project in 昆明市 and a subject registered at province level, made by the province bureau.
    const yn = await loginAs(t, 'yn_business');
    const kmUnit = (await q<{ id: string }>(`SELECT id FROM subjects WHERE org_type = 'undertaking_unit' AND region_code = '530100' LIMIT 1`)).id;
    const created = await yn.send('POST', '/api/projects', {
      code: 'YNKJ2025-900', name: '昆明测试项目', planLevel: 'province', jurisdictionCode: '530000', fundingSource: 'provincial_fiscal',
      undertakingUnitId: kmUnit, leaderId: ids.s_km, startDate: '2025-01-01', dueDate: '2026-12-31', status: 'in_progress', fundsGranted: '100000',
    });
    expect(created.status).toBe(201);
    ids.p_km = created.json.id;
    const prov = await yn.send('POST', '/api/subjects', { kind: 'organization', orgType: 'recommending_department', name: '省级推荐部门', creditCode: '91350100M000100Y43', regionCode: '530000' });
    expect(prov.status).toBe(201);
    ids.s_province = prov.json.id;
    for (const u of ['cxs_officer', 'cx_business', 'cx_integrity', 'cx_leader', 'auditor', 'yn_business', 'unit_admin', 'researcher', 'expert', 'sysadmin', 'auditadmin', 'secadmin']) {
      clients.set(u, await loginAs(t, u));
    }
  });
  afterAll(async () => { await t?.close(); });

  // [user, target, relation, read status, write status]
  const cases: Array<[string, Target, string, number, number]> = [
    ['cxs_officer', 'p_cxs', '本区划', 200, 200],
    ['cxs_officer', 'p_lf', '同级区划（禄丰市）', 404, 404],
    ['cxs_officer', 'p_cx', '上级区划（楚雄州本级）', 404, 404],
    ['cxs_officer', 'p_km', '无隶属区划（昆明市）', 404, 404],
    ['cxs_officer', 's_cxs', '本区划的人员', 200, 200],
    ['cxs_officer', 's_lf', '同级区划的人员', 404, 404],
    ['cx_business', 'p_cx', '本区划', 200, 200],
    ['cx_business', 'p_cxs', '下级区划', 200, 200],
    ['cx_business', 'p_km', '同级区划（昆明市）', 404, 404],
    ['cx_business', 's_km', '同级区划的人员', 404, 404],
    ['cx_business', 's_province', '上级区划的主体', 404, 404],
    ['cx_integrity', 's_cxs', '下级区划的人员', 200, 200],
    ['cx_leader', 'p_cxs', '下级区划（只读）', 200, 403],
    ['auditor', 'p_cxs', '下级区划（只读）', 200, 403],
    ['auditor', 'p_km', '同级区划', 404, 404],
    ['yn_business', 'p_cxs', '下级的下级区划', 200, 200],
    ['yn_business', 's_province', '本区划的主体', 200, 200],
    ['unit_admin', 'p_unit', '本单位的项目（只读）', 200, 403],
    ['unit_admin', 'p_other_unit', '其他单位的项目', 404, 404],
    ['unit_admin', 's_unit_person', '本单位的人员', 200, 200],
    ['unit_admin', 's_cxs', '其他单位的人员', 404, 404],
    ['researcher', 'p_own', '本人负责的项目（只读）', 200, 403],
    ['researcher', 'p_other_unit', '他人的项目', 404, 404],
    ['researcher', 's_own', '本人记录（只读）', 200, 403],
    ['researcher', 's_cxs', '他人的记录', 404, 404],
    ['expert', 'p_cxs', '项目', 403, 403],
    ['sysadmin', 'p_cxs', '业务数据', 403, 403],
    ['auditadmin', 's_cxs', '业务数据', 403, 403],
    ['secadmin', 'p_cxs', '业务数据', 403, 403],
  ];

  it.each(cases)('%s 读写 %s（%s）：读 %i，写 %i', async (user, target, _rel, readStatus, writeStatus) => {
    const c = clients.get(user)!;
    const isProject = target.startsWith('p_');
    const url = `/api/${isProject ? 'projects' : 'subjects'}/${ids[target]}`;
    const read = await c.get(url);
    expect(read.status).toBe(readStatus);
    if (readStatus === 200) {
      // The server tells the client what this user may do with the record; the UI shows actions from that alone.
      expect(read.json.abilities.update).toBe(writeStatus === 200);
    }
    const current = (await t.app.db.query<any>(`SELECT version FROM ${isProject ? 'projects' : 'subjects'} WHERE id = $1`, [ids[target]]))[0];
    const write = isProject
      ? await c.send('PUT', url, await projectBody(t, ids[target], current.version))
      : await c.send('PATCH', url, { version: current.version, title: '研究员' });
    expect(write.status).toBe(writeStatus);
  });

  it('列表只返回范围内的记录：楚雄市工作人员的项目列表里没有其他县的项目', async () => {
    const c = clients.get('cxs_officer')!;
    const res = await c.get('/api/projects?pageSize=100');
    expect(res.status).toBe(200);
    expect(res.json.total).toBeGreaterThan(0);
    for (const p of res.json.items) expect([p.regionCode, p.jurisdictionCode]).toContain('532301');
    const [{ n }] = await t.app.db.query<{ n: number }>(`SELECT count(*) AS n FROM projects WHERE region_code = '532301' OR jurisdiction_code = '532301'`);
    expect(res.json.total).toBe(n);
  });

  it('列表与单条记录的权限判断一致：列表中每条记录都能打开，列表外的同区划记录打不开', async () => {
    const c = clients.get('unit_admin')!;
    const list = await c.get('/api/subjects?pageSize=100');
    for (const s of list.json.items) expect((await c.get(`/api/subjects/${s.id}`)).status).toBe(200);
    const listed = new Set(list.json.items.map((s: { id: string }) => s.id));
    const others = await t.app.db.query<{ id: string }>('SELECT id FROM subjects ORDER BY id LIMIT 30');
    for (const o of others.filter((o) => !listed.has(o.id))) expect((await c.get(`/api/subjects/${o.id}`)).status).toBe(404);
  });

  it('只有审计管理员能读审计日志，只有系统管理员能管理账号', async () => {
    expect((await clients.get('auditadmin')!.get('/api/audit-events')).status).toBe(200);
    expect((await clients.get('sysadmin')!.get('/api/audit-events')).status).toBe(403);
    expect((await clients.get('secadmin')!.get('/api/audit-events')).status).toBe(403);
    expect((await clients.get('cx_leader')!.get('/api/audit-events')).status).toBe(403);
    expect((await clients.get('sysadmin')!.get('/api/users')).status).toBe(200);
    expect((await clients.get('auditadmin')!.get('/api/users')).status).toBe(403);
  });

  it('县级工作人员不能在其他县新增主体', async () => {
    const res = await clients.get('cxs_officer')!.send('POST', '/api/subjects', { kind: 'organization', orgType: 'undertaking_unit', name: '越权单位', creditCode: '91350100M000100Y43', regionCode: '532302' });
    expect(res.status).toBe(403);
  });
});

async function projectBody(t: TestApp, id: string, version: number) {
  const [p] = await t.app.db.query<any>('SELECT * FROM projects WHERE id = $1', [id]);
  const ms = await t.app.db.query<any>('SELECT name, due_date, completed_date FROM milestones WHERE project_id = $1 ORDER BY seq', [id]);
  return {
    version, code: p.code, name: `${p.name}`, planLevel: p.plan_level, jurisdictionCode: p.jurisdiction_code, fundingSource: p.funding_source,
    undertakingUnitId: p.undertaking_unit_id, leaderId: p.leader_id, recommendingDepartmentId: p.recommending_department_id,
    serviceAgencyId: p.service_agency_id, startDate: p.start_date, dueDate: p.due_date, extendedDueDate: p.extended_due_date,
    status: p.status, acceptanceAppliedDate: p.acceptance_applied_date, acceptedDate: p.accepted_date, terminatedDate: p.terminated_date,
    fundsGranted: p.funds_granted, milestones: ms.map((m: any) => ({ name: m.name, dueDate: m.due_date, completedDate: m.completed_date })),
  };
}
