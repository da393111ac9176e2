/**
 * Relations entered on the subject page (issue 19), on both databases: a unit's legal representative
 * and its other CI-26 roles, and a person's work at a unit, each with its dates; ended by a last day,
 * audited; and the CI-26 sanction reading the same rows on the decision's day — an organisation with
 * no legal representative recorded on that day cannot have one sanctioned with it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../src/core/identity/credit-code';
import { idNumberCheckChar } from '../../src/core/identity/id-number';
import { DB_KINDS } from '../support/databases';
import { decideMisconduct } from '../support/cases';
import { loginAs, startTestApp, type Client, type TestApp } from '../support/test-app';

const cc = (n: number) => { const body = `91532301MA7R${String(n).padStart(5, '0')}`; return body + creditCodeCheckChar(body); };
const idn = (seq: number) => { const first17 = `53230119800315${String(seq).padStart(3, '0')}`; return first17 + idNumberCheckChar(first17); };

describe.each(DB_KINDS)('主体关系的登记、终止与 CI-26 责任人（%s）', (kind) => {
  let t: TestApp;
  let staff: Client;
  let unitId: string;
  let personId: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    staff = await loginAs(t, 'cx_business');
    const unit = await staff.send('POST', '/api/subjects', { kind: 'organization', orgType: 'undertaking_unit', name: '楚雄关系测试研究所', creditCode: cc(1), regionCode: '532300' });
    expect(unit.status).toBe(201);
    unitId = unit.json.id;
    const person = await staff.send('POST', '/api/subjects', { kind: 'person', name: '关系测试人', idNumber: idn(11), regionCode: '532300' });
    expect(person.status).toBe(201);
    personId = person.json.id;
  });
  afterAll(async () => { await t?.close(); });

  const relations = async () => (await staff.get(`/api/subjects/${unitId}`)).json.relations;
  const responsibleRep = [{ role: 'legal_representative', personId: '' }];
  const decideWithRep = async (decidedOn: string) => {
    const officer = await loginAs(t, 'cx_integrity');
    return decideMisconduct(officer, unitId, { decidedOn, severity: 'serious', banYears: 3, publicDisclosure: false, responsible: [{ ...responsibleRep[0], personId }] }).then((c) => c, (e: Error) => e);
  };

  it('CI-26 未登记法定代表人的单位，不能将其“法定代表人”一并处理（处理决定被拒绝并指明 CI-26）', async () => {
    const r = await decideWithRep('2026-11-20');
    expect(r).toBeInstanceOf(Error);
    expect((r as Error).message).toContain('CI-26');
    expect((r as Error).message).toContain('未登记为该单位的相应负责人');
  });

  it('CI-26 新增法定代表人（起始日期）与任职单位，列出起止日期，均留痕；开始晚于结束、重复登记被拒绝', async () => {
    const bad = await staff.send('POST', `/api/subjects/${unitId}/relations`, { personId, kind: 'legal_representative', since: '2026-01-01', until: '2025-12-31' });
    expect(bad.json.error).toMatchObject({ code: 'INVALID_DATE', field: 'until' });
    const rep = await staff.send('POST', `/api/subjects/${unitId}/relations`, { personId, kind: 'legal_representative', since: '2024-03-01' });
    expect(rep.status).toBe(201);
    expect(rep.json).toMatchObject({ kind: 'legal_representative', personId, organizationId: unitId, since: '2024-03-01', until: null, version: 1 });
    const dup = await staff.send('POST', `/api/subjects/${unitId}/relations`, { personId, kind: 'legal_representative', since: '2024-03-01' });
    expect(dup.json.error).toMatchObject({ code: 'DUPLICATE', field: 'personId' });
    const work = await staff.send('POST', `/api/subjects/${unitId}/relations`, { personId, kind: 'works_at', since: '2020-09-01' });
    expect(work.status).toBe(201);
    // A work relation open today makes the unit the person's employer.
    expect((await staff.get(`/api/subjects/${personId}`)).json).toMatchObject({ employerId: unitId, employerName: '楚雄关系测试研究所' });
    expect((await relations()).map((r: any) => [r.kind, r.personName, r.since, r.until])).toEqual([
      ['legal_representative', '关系测试人', '2024-03-01', null], ['works_at', '关系测试人', '2020-09-01', null],
    ]);
    const audit = await t.app.db.query<any>(`SELECT action, after FROM audit_events WHERE action = 'relation.create' AND object_id = $1 ORDER BY seq`, [unitId]);
    expect(audit.map((a) => [a.after.kind, a.after.since])).toEqual([['legal_representative', '2024-03-01'], ['works_at', '2020-09-01']]);
    // A unit administrator keeps the unit's people, not another unit's legal identity.
    const other = await (await loginAs(t, 'unit_admin')).send('POST', `/api/subjects/${unitId}/relations`, { personId, kind: 'principal' });
    expect([403, 404]).toContain(other.status);
  });

  it('CI-26 登记在案的法定代表人于决定之日在任：一并处理；处理记录中的责任人即该人', async () => {
    const c = await decideWithRep('2026-11-20');
    expect(c).not.toBeInstanceOf(Error);
    expect((c as any).state).toBe('decided');
    const rows = await t.app.db.query<any>(`SELECT subject_id, responsible_role, ban_end FROM sanctions WHERE case_id = $1 ORDER BY responsible_role NULLS FIRST`, [(c as any).id]);
    // 民法典 201–202: three years from 2026-11-20 end on 2029-11-20.
    expect(rows).toEqual([
      { subject_id: unitId, responsible_role: null, ban_end: '2029-11-20' },
      { subject_id: personId, responsible_role: 'legal_representative', ban_end: '2029-11-20' },
    ]);
  });

  it('CI-26 登记关系结束（最后一日）：其后决定不得再将其作为法定代表人处理；结束日早于开始日、重复终止、旧版本被拒绝；任职结束后不再是其工作单位', async () => {
    const rep = (await relations()).find((r: any) => r.kind === 'legal_representative');
    const early = await staff.send('POST', `/api/subjects/${unitId}/relations/${rep.id}/end`, { until: '2024-02-29', version: rep.version });
    expect(early.json.error).toMatchObject({ code: 'INVALID_DATE', field: 'until' });
    const stale = await staff.send('POST', `/api/subjects/${unitId}/relations/${rep.id}/end`, { until: '2026-11-30', version: rep.version + 1 });
    expect(stale.json.error.code).toBe('VERSION_CONFLICT');
    const ended = await staff.send('POST', `/api/subjects/${unitId}/relations/${rep.id}/end`, { until: '2026-11-30', version: rep.version });
    expect(ended.json).toMatchObject({ until: '2026-11-30', version: 2 });
    const again = await staff.send('POST', `/api/subjects/${unitId}/relations/${rep.id}/end`, { until: '2026-12-01', version: 2 });
    expect(again.json.error).toMatchObject({ code: 'INCONSISTENT', field: 'until' });
    const [audit] = await t.app.db.query<any>(`SELECT before, after FROM audit_events WHERE action = 'relation.end' AND object_id = $1`, [unitId]);
    expect([audit.before.until, audit.after.until]).toEqual([null, '2026-11-30']);
    // Held on its last day (2026-11-30), not the day after.
    t.clock.set('2026-12-01T02:00:00.000Z');
    const after = await decideWithRep('2026-12-01');
    expect(after).toBeInstanceOf(Error);
    expect((after as Error).message).toContain('CI-26');
    staff = await loginAs(t, 'cx_business');
    const work = (await relations()).find((r: any) => r.kind === 'works_at');
    expect((await staff.send('POST', `/api/subjects/${unitId}/relations/${work.id}/end`, { until: '2026-11-30', version: work.version })).status).toBe(200);
    expect((await staff.get(`/api/subjects/${personId}`)).json.employerId).toBeNull();
  });
});
