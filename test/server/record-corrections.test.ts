/**
 * CI-27 经核查属实的，及时更正 on both databases: an upheld objection corrects the sanction record it
 * names — the conduct, the measures, the facts, that it is not to be published — field by field with
 * the old values kept and audited; the correction is shown on the listing case, on the decision's
 * case, in the subject's record, in the misconduct list and on the public page. A correction outside
 * the decision's range, a conduct date after the decision or an empty correction is refused with its
 * field and clause, and nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../support/databases';
import { loginAs, startTestApp, type Client, type TestApp } from '../support/test-app';
import { decideMisconduct, startBody, takeSteps } from '../support/cases';

const beijing = (d: string) => `${d}T02:00:00.000Z`;

describe.each(DB_KINDS)('异议成立更正处理记录（%s）', (kind) => {
  let t: TestApp;
  let person: { id: string; name: string };
  let unit: { id: string; name: string; credit_code: string; rep: string };
  beforeAll(async () => {
    t = await startTestApp(kind);
    [person] = await t.app.db.query<any>(`SELECT s.id, s.name FROM subjects s JOIN users u ON u.person_id = s.id WHERE u.username = 'researcher'`);
    [unit] = await t.app.db.query<any>(`SELECT s.id, s.name, s.credit_code, r.person_id AS rep FROM subjects s JOIN users u ON u.unit_id = s.id
      JOIN subject_relations r ON r.organization_id = s.id AND r.kind = 'legal_representative' WHERE u.username = 'unit_admin'`);
    t.clock.set(beijing('2026-11-20'));
  });
  afterAll(async () => { await t?.close(); });

  const step = async (client: Client, id: string, name: string, body: object = {}) => {
    const version = (await client.get(`/api/cases/${id}`)).json.version;
    return client.send('POST', `/api/cases/${id}/steps/${name}`, { version, ...body });
  };
  const objected = async (subjectId: string, misconductCaseId: string, objector: string) => {
    const business = await loginAs(t, 'cx_business');
    const l = (await business.send('POST', '/api/cases', startBody('listing', { subjectId, misconductCaseId, grounds: '伪造研究数据，情节特别严重' }))).json;
    await takeSteps(business, l.id, [['send_notice']]);
    await takeSteps(await loginAs(t, objector), l.id, [['object', { statement: '所认定的行为类别与事实不符，且未收到项目经费，不应收回' }]]);
    return l.id as string;
  };

  it('CI-27 CI-23 CI-25 更正超出处理幅度、行为日期晚于决定、未写更正内容的被拒绝，指出字段和条款，什么也不写', async () => {
    const integrity = await loginAs(t, 'cx_integrity');
    const m = await decideMisconduct(integrity, person.id, { measures: ['ban', 'termination_clawback'] });
    const l = await objected(person.id, m.id, 'researcher');
    const snapshot = async () => ({
      sanction: (await t.app.db.query<any>('SELECT misconduct_kind, measures, public_list, facts, conduct_date FROM sanctions WHERE case_id = $1', [m.id]))[0],
      corrections: (await t.app.db.query<any>('SELECT count(*)::int AS n FROM sanction_corrections'))[0].n,
      audit: (await t.app.db.query<any>('SELECT count(*)::int AS n FROM audit_events'))[0].n,
      state: (await t.app.db.query<any>('SELECT state, version FROM cases WHERE id = $1', [l]))[0],
    });
    const before = await snapshot();
    const base = { opinion: '经核查，异议部分属实', correction: '更正处理记录' };
    // A five-year ban without the 取消申报资格 measure breaks CI-23.
    const noBan = await step(integrity, l, 'uphold_objection', { ...base, corrections: { measures: ['warning'] } });
    expect(noBan.status).toBe(422);
    expect(noBan.json.error).toMatchObject({ code: 'INCONSISTENT', field: 'corrections/measures', clause: 'CI-23' });
    expect(noBan.json.error.message).toContain('取消申报资格');
    const late = await step(integrity, l, 'uphold_objection', { ...base, corrections: { conductDate: '2026-11-21' } });
    expect(late.status).toBe(422);
    expect(late.json.error).toMatchObject({ code: 'INCONSISTENT', field: 'corrections/conductDate', clause: 'CI-27' });
    const empty = await step(integrity, l, 'uphold_objection', { ...base, corrections: {} });
    expect(empty.status).toBe(400);
    expect(empty.json.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'corrections' });
    expect(await snapshot()).toEqual(before);
  });

  it('CI-27 异议成立更正行为类别、处理措施、事实表述并撤下公开：逐项留存原值并留痕；列入案件、处理决定案件、主体记录和异常名录都显示更正；公开名单不再显示', async () => {
    const integrity = await loginAs(t, 'cx_integrity');
    const [m] = await t.app.db.query<{ case_id: string; id: string }>('SELECT case_id, id FROM sanctions WHERE subject_id = $1', [person.id]);
    const [{ id: l }] = await t.app.db.query<{ id: string }>(`SELECT id FROM cases WHERE procedure = 'listing' AND state = 'objection_review' AND data->>'subjectId' = $1`, [person.id]);
    const pubBefore = (await t.server.inject({ method: 'GET', url: `/api/public/sanctions?q=${encodeURIComponent(person.name)}` })).json();
    expect(pubBefore.items.filter((e: any) => e.name === person.name)).toHaveLength(1);
    const up = await step(integrity, l, 'uphold_objection', {
      opinion: '经核查，认定的行为类别有误，项目经费未拨付', correction: '更正行为类别和处理措施，不予公开',
      corrections: { misconductKind: 'plagiarism', measures: ['ban'], facts: '抄袭他人研究成果用于项目申报', notPublished: true },
    });
    expect(up.status).toBe(200);
    expect(up.json.state).toBe('corrected');
    const [x] = await t.app.db.query<any>('SELECT misconduct_kind, measures, public_list, facts FROM sanctions WHERE id = $1', [m.id]);
    expect(x).toEqual({ misconduct_kind: 'plagiarism', measures: ['ban'], public_list: false, facts: '抄袭他人研究成果用于项目申报' });
    const kept = await t.app.db.query<any>('SELECT field, old_value, new_value, case_id, corrected_on FROM sanction_corrections WHERE sanction_id = $1 ORDER BY field', [m.id]);
    expect(kept).toEqual([
      { field: 'facts', old_value: '经调查认定，情节如处理决定所述', new_value: '抄袭他人研究成果用于项目申报', case_id: l, corrected_on: '2026-11-20' },
      { field: 'measures', old_value: ['ban', 'termination_clawback'], new_value: ['ban'], case_id: l, corrected_on: '2026-11-20' },
      { field: 'misconduct_kind', old_value: 'fabrication', new_value: 'plagiarism', case_id: l, corrected_on: '2026-11-20' },
      { field: 'public_list', old_value: true, new_value: false, case_id: l, corrected_on: '2026-11-20' },
    ]);
    const [a] = await t.app.db.query<any>(`SELECT before, after FROM audit_events WHERE action = 'sanction.correct' AND object_id = $1`, [person.id]);
    expect(a.before).toMatchObject({ misconduct_kind: 'fabrication', measures: ['ban', 'termination_clawback'], public_list: true });
    expect(a.after).toMatchObject({ sanction: m.id, misconduct_kind: 'plagiarism', byCase: l, clause: 'CI-27' });
    // Shown on the listing case and on the decision's case, with the old value beside the new.
    for (const id of [l, m.case_id]) {
      const page = (await integrity.get(`/api/cases/${id}`)).json;
      expect(page.recordCorrections.map((k: any) => [k.label, k.from, k.to])).toEqual([
        ['事实表述', '经调查认定，情节如处理决定所述', '抄袭他人研究成果用于项目申报'], ['处理措施', '取消申报资格、终止或撤销项目并收回经费', '取消申报资格'],
        ['失信行为', '编造研究过程，伪造、篡改数据、图表、结论或报告', '抄袭、剽窃、侵占他人研究成果'], ['是否公开', '公开', '不公开'],
      ]);
    }
    expect((await integrity.get(`/api/cases/${l}`)).json.facts.find((f: any) => f.label === '更正的处理记录').value).toContain('该处理不予公开');
    // The subject sees it in its own record; staff in the misconduct list.
    const mine = (await (await loginAs(t, 'researcher')).get(`/api/subjects/${person.id}/sanctions`)).json.items[0];
    expect(mine).toMatchObject({ misconduct: '抄袭、剽窃、侵占他人研究成果', measures: ['取消申报资格'], published: false, correctedFacts: '抄袭他人研究成果用于项目申报' });
    expect(mine.corrections.map((k: any) => k.field)).toEqual(['facts', 'measures', 'misconduct_kind', 'public_list']);
    const listed = (await integrity.get('/api/misconduct-records?pageSize=100')).json.items.find((r: any) => r.subjectId === person.id);
    expect(listed.corrections).toHaveLength(4);
    expect((await t.server.inject({ method: 'GET', url: `/api/public/sanctions?q=${encodeURIComponent(person.name)}` })).json().items.filter((e: any) => e.name === person.name)).toEqual([]);
    expect((await t.app.db.query('SELECT 1 FROM listings WHERE case_id = $1', [l])).length).toBe(0);
  });

  it('CI-27 CI-26 更正行为类别时，同一决定中的单位和法定代表人一并更正；公开名单显示更正后的行为和更正日期', async () => {
    const integrity = await loginAs(t, 'cx_integrity');
    const m = await decideMisconduct(integrity, unit.id, { responsible: [{ role: 'legal_representative', personId: unit.rep }] });
    const l = await objected(unit.id, m.id, 'unit_admin');
    t.clock.set(beijing('2026-11-23'));
    await takeSteps(await loginAs(t, 'cx_integrity'), l, [['uphold_objection', { opinion: '经核查，行为类别认定有误', correction: '更正失信行为类别', corrections: { misconductKind: 'false_technology_contract' } }]]);
    const rows = await t.app.db.query<any>('SELECT misconduct_kind, public_list FROM sanctions WHERE case_id = $1', [m.id]);
    expect(rows).toEqual([{ misconduct_kind: 'false_technology_contract', public_list: true }, { misconduct_kind: 'false_technology_contract', public_list: true }]);
    const pub = (await t.server.inject({ method: 'GET', url: `/api/public/sanctions?q=${unit.credit_code}` })).json();
    expect(pub.items.map((e: any) => [e.answersFor ? 'rep' : 'unit', e.misconduct, e.corrections]).sort()).toEqual([
      ['rep', '订立假技术合同或骗取技术合同登记', [{ label: '失信行为', on: '2026-11-23' }]],
      ['unit', '订立假技术合同或骗取技术合同登记', [{ label: '失信行为', on: '2026-11-23' }]],
    ]);
    t.clock.set(beijing('2026-11-20'));
  });
});
