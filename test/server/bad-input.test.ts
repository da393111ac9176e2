/**
 * Bad input gets a clear error (4xx, a stable code, the field at fault, a Chinese message) and
 * changes nothing: row counts and the audit log are the same after every refused request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../support/databases';
import { loginAs, startTestApp, type Client, type TestApp } from '../support/test-app';

describe.each(DB_KINDS)('错误输入（%s）', (kind) => {
  let t: TestApp;
  let c: Client;
  let unitId: string;
  let personId: string;
  let otherCountyPerson: string;
  let unitAdmin: Client;
  let unitPerson: { id: string; version: number; employer_id: string };
  let snapshot: Record<string, number>;

  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of ['subjects', 'projects', 'milestones', 'subject_relations', 'audit_events']) {
      out[table] = (await t.app.db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0].n;
    }
    return out;
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    c = await loginAs(t, 'cxs_officer');
    unitId = (await t.app.db.query<{ id: string }>(`SELECT id FROM subjects WHERE org_type = 'undertaking_unit' AND region_code = '532301' LIMIT 1`))[0].id;
    personId = (await t.app.db.query<{ id: string }>(`SELECT id FROM subjects WHERE kind = 'person' AND employer_id = $1 LIMIT 1`, [unitId]))[0].id;
    otherCountyPerson = (await t.app.db.query<{ id: string }>(`SELECT id FROM subjects WHERE kind = 'person' AND region_code = '532302' LIMIT 1`))[0].id;
    unitAdmin = await loginAs(t, 'unit_admin');
    [unitPerson] = await t.app.db.query<any>(`SELECT s.id, s.version, s.employer_id FROM subjects s JOIN users u ON u.unit_id = s.employer_id WHERE u.username = 'unit_admin' AND s.kind = 'person' LIMIT 1`);
    snapshot = await counts();
  });
  afterAll(async () => { await t?.close(); });

  const project = (over: Record<string, unknown> = {}) => ({
    code: 'XJKJ2026-901', name: '测试项目', planLevel: 'county', jurisdictionCode: '532301', fundingSource: 'county_fiscal',
    undertakingUnitId: unitId, leaderId: personId, startDate: '2026-01-05', dueDate: '2027-12-31', status: 'in_progress', fundsGranted: '50000', ...over,
  });
  const org = (over: Record<string, unknown> = {}) => ({ kind: 'organization', orgType: 'undertaking_unit', name: '测试单位', creditCode: '91350100M000100Y43', regionCode: '532301', ...over });

  const cases: Array<[string, () => Promise<{ status: number; json: any }>, number, string, string | null]> = [
    ['请求体不是合法 JSON', () => c.send('POST', '/api/subjects', '{"kind": "organization",'), 400, 'MALFORMED_JSON', null],
    ['字段类型错误（名称为数字）', () => c.send('POST', '/api/subjects', org({ name: 123 })), 400, 'VALIDATION_FAILED', 'name'],
    ['字段类型错误（个人名称为数字）', () => c.send('POST', '/api/subjects', { kind: 'person', name: 123, idNumber: '532301199001011238' }), 400, 'VALIDATION_FAILED', 'name'],
    ['字符串过长（名称 101 字）', () => c.send('POST', '/api/subjects', org({ name: '长'.repeat(101) })), 400, 'VALIDATION_FAILED', 'name'],
    ['缺少必填字段', () => c.send('POST', '/api/subjects', { kind: 'organization', orgType: 'undertaking_unit', name: 'x', regionCode: '532301' }), 400, 'VALIDATION_FAILED', 'creditCode'],
    ['未知字段', () => c.send('POST', '/api/subjects', org({ hacked: true })), 400, 'VALIDATION_FAILED', 'hacked'],
    ['统一社会信用代码校验码错误', () => c.send('POST', '/api/subjects', org({ creditCode: '91350100M000100Y44' })), 400, 'INVALID_CREDIT_CODE', 'creditCode'],
    ['身份证号校验码错误', () => c.send('POST', '/api/subjects', { kind: 'person', name: '张三', idNumber: '532301199001011234', employerId: unitId }), 400, 'INVALID_ID_NUMBER', 'idNumber'],
    ['身份证号出生日期不存在', () => c.send('POST', '/api/subjects', { kind: 'person', name: '张三', idNumber: '53230119900230123X', employerId: unitId }), 400, 'INVALID_ID_NUMBER', 'idNumber'],
    ['日期 2026-02-30 不存在', () => c.send('POST', '/api/projects', project({ startDate: '2026-02-30' })), 400, 'INVALID_DATE', 'startDate'],
    ['截止日期早于开始日期', () => c.send('POST', '/api/projects', project({ dueDate: '2025-12-31' })), 422, 'INCONSISTENT', 'dueDate'],
    ['已验收却无验收日期', () => c.send('POST', '/api/projects', project({ status: 'accepted' })), 422, 'INCONSISTENT', 'acceptedDate'],
    ['金额格式错误', () => c.send('POST', '/api/projects', project({ fundsGranted: '1e9' })), 400, 'VALIDATION_FAILED', 'fundsGranted'],
    ['项目负责人是其他县的人员（越权引用）', () => c.send('POST', '/api/projects', project({ leaderId: otherCountyPerson })), 404, 'NOT_FOUND', 'leaderId'],
    ['修改其他县的记录', () => c.send('PATCH', `/api/subjects/${otherCountyPerson}`, { version: 1, name: '改名' }), 404, 'NOT_FOUND', null],
    ['读取其他县的记录', () => c.get(`/api/subjects/${otherCountyPerson}`), 404, 'NOT_FOUND', null],
    ['记录编号不是 UUID', () => c.get('/api/subjects/abc'), 400, 'VALIDATION_FAILED', 'params.id'],
    ['查询参数超出范围', () => c.get('/api/projects?pageSize=1000'), 400, 'VALIDATION_FAILED', 'querystring.pageSize'],
    ['版本号过期', () => c.send('PATCH', `/api/subjects/${personId}`, { version: 99, name: '改名' }), 409, 'VERSION_CONFLICT', 'version'],
    // Issue 16: text that hides what it says, and a unit administrator moving the unit's people out of its area.
    ['名称中含双向文字覆盖字符（U+202E）', () => c.send('POST', '/api/subjects', org({ name: '测试\u202e位单' })), 400, 'VALIDATION_FAILED', 'name'],
    ['名称中含双向文字隔离字符（U+2067）', () => c.send('POST', '/api/subjects', org({ name: '测试\u2067单位\u2069' })), 400, 'VALIDATION_FAILED', 'name'],
    ['单位管理员把本单位人员改到昆明市', () => unitAdmin.send('PATCH', `/api/subjects/${unitPerson.id}`, { version: unitPerson.version, regionCode: '530100' }), 403, 'FORBIDDEN', 'regionCode'],
    ['单位管理员在昆明市登记本单位人员', () => unitAdmin.send('POST', '/api/subjects', { kind: 'person', name: '外迁人员', idNumber: '530102199005171232', employerId: unitPerson.employer_id, regionCode: '530100' }), 403, 'FORBIDDEN', 'regionCode'],
  ];

  it.each(cases)('%s → %i %s', async (_label, call, status, code, field) => {
    const res = await call();
    expect(res.status).toBe(status);
    expect(res.json.error.code).toBe(code);
    expect(res.json.error.field).toBe(field);
    expect(res.json.error.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('以上请求全部被拒后，数据和审计日志没有任何变化', async () => {
    expect(await counts()).toEqual(snapshot);
  });
});
