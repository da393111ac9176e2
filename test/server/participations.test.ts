/**
 * Participation entered by staff (issue 19), on both databases: an expert's review assignments and
 * an agency's services on projects feed CI-18 and CI-20 as the demo's activity rows do. Worked out
 * from the text: with no participation in 2025 and no finding the year is not rated (不予评级);
 * a review in 2025 with no adverse record is A (CI-18.2); three consecutive years (CI-18.1.years = 3:
 * 2023, 2024, 2025) meet CI-18.1.1, and with a CI-18.1.2 finding in 2025 the expert is AA; an
 * agency's service on a project open in 2025 is A (CI-20.2) and makes it the project's service agency.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../src/core/identity/credit-code';
import { idNumberCheckChar } from '../../src/core/identity/id-number';
import { DB_KINDS } from '../support/databases';
import { loginAs, startTestApp, type Client, type TestApp } from '../support/test-app';

const cc = (n: number) => { const body = `91532301MA7P${String(n).padStart(5, '0')}`; return body + creditCodeCheckChar(body); };
const idn = (seq: number) => { const first17 = `53230119760412${String(seq).padStart(3, '0')}`; return first17 + idNumberCheckChar(first17); };

describe.each(DB_KINDS)('参与记录：专家评审任务与服务机构服务项目（%s）', (kind) => {
  let t: TestApp;
  let staff: Client;
  let officer: Client;
  let expertId: string;
  let agencyId: string;
  let project: { id: string; code: string };
  beforeAll(async () => {
    t = await startTestApp(kind);
    staff = await loginAs(t, 'cx_business');
    officer = await loginAs(t, 'cx_integrity');
    expertId = (await staff.send('POST', '/api/subjects', { kind: 'person', name: '参与测试专家', idNumber: idn(21), regionCode: '532300', isExpert: true, expertField: '农业' })).json.id;
    agencyId = (await staff.send('POST', '/api/subjects', { kind: 'organization', orgType: 'service_agency', name: '楚雄参与测试服务中心', creditCode: cc(3), regionCode: '532300' })).json.id;
    [project] = await t.app.db.query<any>(
      `SELECT id, code FROM projects WHERE service_agency_id IS NULL AND status = 'in_progress' AND start_date <= '2025-01-01' AND exempted_on IS NULL AND region_code LIKE '5323%' ORDER BY code LIMIT 1`);
    expect(project).toBeDefined();
  });
  afterAll(async () => { await t?.close(); });

  const preview = async (id: string, subjectType: string) => (await officer.send('POST', `/api/subjects/${id}/ratings/preview`, { subjectType, year: 2025 })).json;
  const review = (onDate: string, more: object = {}) => staff.send('POST', '/api/participations', { subjectId: expertId, kind: 'review', onDate, callRef: `楚雄州${onDate.slice(0, 4)}年度科技计划项目评审`, recusalDeclared: false, ...more });

  it('CI-18.2 无参与记录、无认定事实的专家不予评级；登记 2025 年评审任务后评为 A 级，参与年度写入评价所读的参与表', async () => {
    const before = await preview(expertId, 'expert');
    expect(before.level).toBeNull();
    expect(before.warnings.join('')).toContain('不予评级');
    const r = await review('2025-06-18', { recusalDeclared: true });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ kind: 'review', onDate: '2025-06-18', recusalDeclared: true, year: 2025 });
    const after = await preview(expertId, 'expert');
    expect([after.level, after.clauses]).toEqual(['A', ['CI-18.2']]);
    expect(await t.app.db.query(`SELECT year, kind FROM subject_activity WHERE subject_id = $1`, [expertId])).toEqual([{ year: 2025, kind: 'review' }]);
    const [audit] = await t.app.db.query<any>(`SELECT after FROM audit_events WHERE action = 'participation.record' AND object_id = $1`, [expertId]);
    expect(audit.after).toMatchObject({ kind: 'review', onDate: '2025-06-18', recusalDeclared: true });
  });

  it('CI-18.1.1 CI-18.1.2 连续三年（2023—2025）参与且无不良记录，加上 2025 年建设性意见的认定事实，评为 AA 级；缺认定事实时仍为 A 级', async () => {
    expect((await review('2023-05-10', { callRef: undefined, projectId: project.id })).status).toBe(201);
    expect((await review('2024-07-02')).status).toBe(201);
    const threeYears = await preview(expertId, 'expert');
    expect(threeYears.level).toBe('A');
    expect(threeYears.conditions.map((c: any) => [c.clause, c.met])).toEqual([['CI-18.1.1', true], ['CI-18.1.2', false]]);
    const f = await staff.send('POST', '/api/findings', { subjectId: expertId, subjectType: 'expert', clause: 'CI-18.1.2', factDate: '2025-08-01', description: '评审意见具体可行，被采纳', sourceKind: 'evaluation', sourceDocument: '2025 年度评审工作总结' });
    expect(f.status).toBe(201);
    const aa = await preview(expertId, 'expert');
    expect([aa.level, aa.clauses]).toEqual(['AA', ['CI-18.1.1', 'CI-18.1.2']]);
    const list = (await staff.get(`/api/subjects/${expertId}/participations`)).json;
    expect(list.items.map((x: any) => [x.onDate, x.callRef, x.projectCode, x.recusalDeclared])).toEqual([
      ['2025-06-18', '楚雄州2025年度科技计划项目评审', null, true], ['2024-07-02', '楚雄州2024年度科技计划项目评审', null, false], ['2023-05-10', null, project.code, false],
    ]);
    expect(list.activeYears.map((y: any) => y.year)).toEqual([2023, 2024, 2025]);
    expect(list).toMatchObject({ recordable: 'review', abilities: { record: true } });
  });

  it('CI-20.2 服务机构登记为在研项目提供服务后由不予评级变为 A 级，并成为该项目的科技服务机构；已有其他服务机构的项目被拒绝', async () => {
    expect((await preview(agencyId, 'agency')).level).toBeNull();
    const s = await staff.send('POST', '/api/participations', { subjectId: agencyId, kind: 'service', onDate: '2025-04-01', projectId: project.id });
    expect(s.status).toBe(201);
    expect((await staff.get(`/api/projects/${project.id}`)).json.serviceAgencyId).toBe(agencyId);
    const after = await preview(agencyId, 'agency');
    expect([after.level, after.clauses]).toEqual(['A', ['CI-20.2']]);
    const [other] = await t.app.db.query<any>(`SELECT id FROM projects WHERE service_agency_id IS NOT NULL AND service_agency_id <> $1 AND region_code LIKE '5323%' LIMIT 1`, [agencyId]);
    const refused = await staff.send('POST', '/api/participations', { subjectId: agencyId, kind: 'service', onDate: '2025-04-01', projectId: other.id });
    expect(refused.json.error).toMatchObject({ code: 'INCONSISTENT', field: 'projectId' });
  });

  it('参与记录的输入检查：非专家不登记评审任务，评审任务须注明是否申明回避、批次或项目，日期不晚于今天；无权限的角色被拒绝', async () => {
    const [plain] = await t.app.db.query<any>(`SELECT id FROM subjects WHERE kind = 'person' AND NOT is_expert AND region_code LIKE '5323%' LIMIT 1`);
    expect((await staff.send('POST', '/api/participations', { subjectId: plain.id, kind: 'review', onDate: '2025-06-01', callRef: 'x', recusalDeclared: false })).json.error).toMatchObject({ code: 'INCONSISTENT', field: 'subjectId' });
    expect((await review('2025-06-01', { recusalDeclared: undefined })).json.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'recusalDeclared' });
    expect((await review('2025-06-01', { callRef: undefined })).json.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'callRef' });
    expect((await review('2026-11-21')).json.error).toMatchObject({ code: 'INVALID_DATE', field: 'onDate' });
    expect((await staff.send('POST', '/api/participations', { subjectId: expertId, kind: 'service', onDate: '2025-04-01', projectId: project.id })).json.error).toMatchObject({ code: 'INCONSISTENT', field: 'subjectId' });
    for (const who of ['expert', 'unit_admin', 'cx_leader']) {
      expect((await (await loginAs(t, who)).send('POST', '/api/participations', { subjectId: expertId, kind: 'review', onDate: '2025-06-01', callRef: 'x', recusalDeclared: false })).status).toBe(403);
    }
    expect((await (await loginAs(t, 'cx_leader')).get(`/api/subjects/${expertId}/participations`)).json.abilities.record).toBe(false);
  });
});
