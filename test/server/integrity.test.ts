/**
 * Misconduct to public list and veto on both databases: a lead filed and investigated, the six
 * factors recorded (CI-24), the sanction checked against its range (CI-25) under the right version,
 * the organisation's legal representative sanctioned with it (CI-26); the public page showing the
 * entries until the ban's last day and not the day after (CI-28); the veto on both sides of the ban.
 */
import { sheetRows } from '../fixtures/xlsx-read';
import { xlsx } from '../fixtures/hostile-files';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../support/databases';
import { creditCodeCheckChar } from '../../src/core/identity/credit-code';
import { loginAs, startTestApp, type Client, type TestApp } from '../support/test-app';
import { readZipEntry } from '../support/zip';
import { commitmentText, drawSpotCheck } from '../../src/core/spot-check/draw';
import { sm3Hex } from '../../src/server/crypto/sm';
import { sweepExpiries } from '../../src/server/modules/integrity/sweep-expiries';
import { noticeWaivedSteps, startBody } from '../support/cases';

const beijing = (d: string) => `${d}T02:00:00.000Z`;
const FACTORS = { deviation: '严重偏离', intent_obstruction: '伪造审计报告', social_impact: '影响较大', repeat: '首次', attitude: '拒不承认', other: '无' };

describe.each(DB_KINDS)('科研失信处理、公开名单与一票否决（%s）', (kind) => {
  let t: TestApp;
  let unit: { id: string; name: string; credit_code: string };
  let rep: { person_id: string; name: string; id_number: string };
  let misconductCase: string;
  let listingCase: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    [unit] = await t.app.db.query<any>(`SELECT s.id, s.name, s.credit_code FROM subjects s JOIN users u ON u.unit_id = s.id WHERE u.username = 'unit_admin'`);
    const [r] = await t.app.db.query<any>(
      `SELECT r.person_id, p.name, p.id_number_cipher FROM subject_relations r JOIN subjects p ON p.id = r.person_id WHERE r.organization_id = $1 AND r.kind = 'legal_representative'`, [unit.id]);
    rep = { person_id: r.person_id, name: r.name, id_number: t.app.cipher.decrypt(r.id_number_cipher) };
  });
  afterAll(async () => { await t?.close(); });

  const at = async (day: string, who: string): Promise<Client> => { t.clock.set(beijing(day)); return loginAs(t, who); };
  const step = async (client: Client, id: string, name: string, body: object = {}) => {
    const version = (await client.get(`/api/cases/${id}`)).json.version;
    return client.send('POST', `/api/cases/${id}/steps/${name}`, { version, ...body });
  };
  const publicEntries = async (q: string) => (await t.server.inject({ method: 'GET', url: `/api/public/sanctions?q=${encodeURIComponent(q)}` })).json();

  it('CI-22 CI-24 CI-25.3 CI-25.4 CI-26 立案调查、记录六项情节因素；超出幅度、未列单位责任人的处理被拒绝；特别严重的单位与法定代表人一并处理', async () => {
    const officer = await at('2026-11-20', 'cx_integrity');
    const c = (await officer.send('POST', '/api/cases', startBody('misconduct', { subjectId: unit.id, source: 'audit', grounds: '专项审计发现伪造经费审计报告' }))).json;
    expect(c.state).toBe('referred');
    expect((await (await loginAs(t, 'unit_admin')).get(`/api/cases/${c.id}`)).status).toBe(404);
    await step(officer, c.id, 'file', { opinion: '立案调查' });
    const decision = { kind: 'fabrication', conductDate: '2025-06-01', decidedOn: '2026-11-20', severity: 'grave', measures: ['ban', 'termination_clawback'], banYears: 5, publicDisclosure: true,
      simpleProcedure: false, minorAndCorrected: false, responsible: [{ role: 'legal_representative', personId: rep.person_id }], judiciaryReferral: false, reasons: '伪造经费审计报告，情节特别严重' };
    expect((await step(officer, c.id, 'decide_sanction', decision)).json.error).toMatchObject({ code: 'PRECONDITION_UNMET', requirement: 'factors_recorded', clause: 'CI-24' });
    expect((await step(officer, c.id, 'record_factors', { factors: { ...FACTORS, attitude: '' } })).json.error).toMatchObject({ field: 'factors/attitude' });
    await step(officer, c.id, 'record_factors', { factors: FACTORS });
    // 行政处罚法第四十四条: a ban is decided only after the intended decision is notified; here the unit waives statement and hearing in writing.
    for (const [name, body] of noticeWaivedSteps(decision, '2026-11-20')) expect((await step(officer, c.id, name, body)).status).toBe(200);
    // CI-25.4: 5 years to life; 4 is refused. CI-25.3: serious is 3–5 years; 6 is refused.
    expect((await step(officer, c.id, 'decide_sanction', { ...decision, banYears: 4 })).json.error.message).toContain('CI-25.4');
    expect((await step(officer, c.id, 'decide_sanction', { ...decision, severity: 'serious', banYears: 6, publicDisclosure: false })).json.error.message).toContain('CI-25.3');
    expect((await step(officer, c.id, 'decide_sanction', { ...decision, publicDisclosure: false })).json.error.field).toBe('publicDisclosure');
    expect((await step(officer, c.id, 'decide_sanction', { ...decision, responsible: [] })).json.error.message).toContain('CI-26');
    expect((await step(officer, c.id, 'decide_sanction', { ...decision, responsible: [{ role: 'principal', personId: rep.person_id }] })).json.error.message).toContain('未登记为该单位的相应负责人');
    const ok = await step(officer, c.id, 'decide_sanction', decision);
    expect(ok.json.state).toBe('decided');
    misconductCase = c.id;
    // CI-23: the clawback is tracked as an obligation of the unit until settled.
    expect((await officer.get(`/api/obligations?caseId=${c.id}`)).json.items.map((o: any) => [o.kind, o.clause, o.status])).toEqual([['clawback_funds', 'CI-23', 'open']]);
    // 处理决定书, generated from the case under CI, addressed to the unit.
    const doc = await officer.send('POST', `/api/cases/${c.id}/documents`, { kind: 'sanction_decision', format: 'docx' });
    expect(doc.json).toMatchObject({ kind: 'sanction_decision', clause: 'CI-22 CI-23 CI-24 CI-25.4 CI-26' });
    const xml = readZipEntry((await officer.get(`/api/files/${doc.json.id}`)).raw, 'word/document.xml')!.toString('utf8');
    expect(xml).toContain('科研失信行为处理决定书');
    expect(xml).toContain(`${unit.name}：`);
    expect(xml).toContain('楚科规〔2022〕5号）第二十二条');
    expect(ok.json.data.decision).toMatchObject({ policyVersionId: 'CI-2023' });
    // 民法典 201–202: five years from 2026-11-20 end on 2031-11-20.
    const rows = await t.app.db.query<any>(`SELECT subject_id, responsible_role, ban_start, ban_end, public_list, clause FROM sanctions WHERE case_id = $1 ORDER BY responsible_role NULLS FIRST`, [c.id]);
    expect(rows).toEqual([
      { subject_id: unit.id, responsible_role: null, ban_start: '2026-11-20', ban_end: '2031-11-20', public_list: true, clause: 'CI-25.4' },
      { subject_id: rep.person_id, responsible_role: 'legal_representative', ban_start: '2026-11-20', ban_end: '2031-11-20', public_list: true, clause: 'CI-25.4' },
    ]);
  });

  it('CI-12 CI-22 异常名录：本辖区全部失信处理记录，含不公开的轻微已纠正情形；是否在期按日期推算；人员只显示脱敏证件号；他辖区和非工作人员看不到', async () => {
    // A minor violation corrected at once (CI-22: kept off the public list): an integrity talk, no ban.
    let officer = await at('2026-11-20', 'cx_integrity');
    const c = (await officer.send('POST', '/api/cases', startBody('misconduct', { subjectId: unit.id, source: 'spot_check', grounds: '抽查发现科技报告逾期未交，已当即补交' }))).json;
    await step(officer, c.id, 'file', { opinion: '立案调查' });
    await step(officer, c.id, 'record_factors', { factors: { ...FACTORS, deviation: '轻微', intent_obstruction: '无', social_impact: '无', attitude: '当即改正' } });
    const minorDecision = {
      kind: 'no_technology_report', conductDate: '2026-09-30', decidedOn: '2026-11-20', severity: 'minor', measures: ['integrity_talk'], banYears: null, publicDisclosure: false,
      simpleProcedure: false, minorAndCorrected: true, responsible: [], judiciaryReferral: false, reasons: '情节轻微并已当即纠正',
    };
    // CI-26 speaks of the serious dishonesty list only: a minor case names and sanctions no legal representative.
    const withRep = await step(officer, c.id, 'decide_sanction', { ...minorDecision, responsible: [{ role: 'legal_representative', personId: rep.person_id }] });
    expect(withRep.json.error).toMatchObject({ code: 'INCONSISTENT', field: 'responsible', clause: 'CI-26' });
    const minor = await step(officer, c.id, 'decide_sanction', minorDecision);
    expect(minor.json.state).toBe('decided');
    const list = async (who: Client, q = '') => (await who.get(`/api/misconduct-records?pageSize=100${q}`)).json;
    const mine = (items: any[]) => items.filter((x) => x.subjectId === unit.id || x.subjectId === rep.person_id)
      .map((x) => [x.subjectId === unit.id ? 'unit' : 'rep', x.severity, x.banStart, x.banEnd, x.banActive, x.published]).sort();
    const all = await list(officer);
    expect(mine(all.items)).toEqual([
      ['rep', '情节特别严重', '2026-11-20', '2031-11-20', true, true],
      ['unit', '情节特别严重', '2026-11-20', '2031-11-20', true, true], ['unit', '情节较轻', null, null, false, false],
    ]);
    const repRow = all.items.find((x: any) => x.subjectId === rep.person_id);
    expect(repRow).toMatchObject({ kind: 'person', creditCode: null, answersFor: unit.name });
    expect(repRow.idNumberMasked).toMatch(/\*/);
    expect(JSON.stringify(all)).not.toContain(rep.id_number);
    // The public page keeps to CI-22: the talk is not on it.
    const pub = (await t.server.inject({ method: 'GET', url: `/api/public/sanctions?q=${unit.credit_code}` })).json();
    expect(pub.items.map((e: any) => e.severity)).toContain('情节特别严重');
    expect(pub.items.some((e: any) => e.severity === '情节较轻')).toBe(false);
    // In force only: the bans, not the talk. The day before the bans began, neither.
    expect(mine((await list(officer, '&inForce=true')).items).map((x) => x.slice(0, 2))).toEqual([['rep', '情节特别严重'], ['unit', '情节特别严重']]);
    officer = await at('2026-11-19', 'cx_integrity');
    expect(mine((await list(officer, '&inForce=true')).items)).toEqual([]);
    // A county bureau outside the subjects' county (禄丰) sees none of these; a researcher may not read the list at all.
    expect(mine((await list(await at('2026-11-20', 'lf_officer'))).items)).toEqual([]);
    expect((await (await loginAs(t, 'researcher')).get('/api/misconduct-records')).status).toBe(403);
  });

  it('CI-25.4 CI-28 公开名单无需登录：按名称或信用代码检索，不显示身份证号；公开期满当日仍在，次日自动不再显示（严重失信信息最长公示 3 年）', async () => {
    t.clock.set(beijing('2026-11-20'));
    const found = await publicEntries(unit.name.slice(1, 5));
    const mine = found.items.filter((e: any) => e.name === unit.name || e.answersFor?.startsWith(unit.name));
    // The ban runs to 2031-11-20 (5 years); publication stops after 36 months from the decision (CR): 2026-11-20 → 2029-11-20.
    expect(mine.map((e: any) => [e.kind, e.creditCode, e.clause, e.banUntil, e.publicUntil, e.removedOn])).toEqual(expect.arrayContaining([
      ['organization', unit.credit_code, 'CI-25.4', '2031-11-20', '2029-11-20', '2029-11-21'],
      ['person', null, 'CI-25.4', '2031-11-20', '2029-11-20', '2029-11-21'],
    ]));
    expect(mine.find((e: any) => e.kind === 'person').answersFor).toBe(`${unit.name}法定代表人`);
    expect(JSON.stringify(found)).not.toContain(rep.id_number);
    expect(JSON.stringify(found)).not.toContain(rep.id_number.slice(-6));
    expect((await publicEntries(unit.credit_code)).items.some((e: any) => e.name === unit.name)).toBe(true);
    expect((await publicEntries('%%')).items.some((e: any) => e.name === unit.name)).toBe(false);
    // One character alone is refused with the field named, not answered with half the list.
    const [a] = [...unit.name];
    const one = await t.server.inject({ method: 'GET', url: `/api/public/sanctions?q=${encodeURIComponent(a + ' ')}` });
    expect([one.statusCode, one.json().error.code, one.json().error.field]).toEqual([400, 'VALIDATION_FAILED', 'q']);
    // The demo's own entries (decided before the test's day) end earlier: swept first, so what follows is this unit's alone.
    t.clock.set(beijing('2029-11-19'));
    await sweepExpiries(t.app);
    t.clock.set(beijing('2029-11-20'));
    expect((await publicEntries(unit.credit_code)).items.some((e: any) => e.name === unit.name)).toBe(true);
    expect((await sweepExpiries(t.app)).length).toBe(0);
    t.clock.set(beijing('2029-11-21'));
    expect((await publicEntries(unit.credit_code)).items.some((e: any) => e.name === unit.name)).toBe(false);
    // The removal is recorded once, whoever sweeps, and the subject is told.
    const both = await Promise.all([sweepExpiries(t.app), sweepExpiries(t.app)]);
    expect(both.flat().map((x) => x.removedOn)).toEqual(['2029-11-21', '2029-11-21']);
    expect(await sweepExpiries(t.app)).toEqual([]);
    const [n] = await t.app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications x JOIN users u ON u.id = x.user_id WHERE u.username = 'unit_admin' AND x.kind = 'list_removal'`);
    expect(n.n).toBe(1);
    // The ban itself is not shortened: the veto reads the sanction's own dates (CI-10), to 2031-11-20.
    const veto = (await (await at('2029-11-21', 'cx_business')).send('POST', '/api/veto-check', { on: '2029-11-21', applicants: [{ ref: 'u', creditCode: unit.credit_code }] })).json;
    expect(veto.results[0].vetoed).toBe(true);
  });

  it('CI-10 一票否决：取消资格开始前一日与期满次日不否决，开始当日与期满当日否决；按身份证号查询不回显号码', async () => {
    const officer = await at('2026-11-20', 'cx_business');
    const check = async (on: string) => (await officer.send('POST', '/api/veto-check', { on, callRef: '2028-一票否决', applicants: [
      { ref: '单位', creditCode: unit.credit_code }, { ref: '负责人', name: rep.name, idNumber: rep.id_number }, { ref: '查无此人', creditCode: `91532300MA6K00000${creditCodeCheckChar('91532300MA6K00000')}` },
    ] })).json;
    const day = async (on: string) => (await check(on)).results.map((r: any) => [r.ref, r.vetoed]);
    expect(await day('2026-11-19')).toEqual([['单位', false], ['负责人', false], ['查无此人', false]]);
    expect(await day('2026-11-20')).toEqual([['单位', true], ['负责人', true], ['查无此人', false]]);
    expect(await day('2031-11-20')).toEqual([['单位', true], ['负责人', true], ['查无此人', false]]);
    expect(await day('2031-11-21')).toEqual([['单位', false], ['负责人', false], ['查无此人', false]]);
    const r = await check('2028-01-01');
    expect(r.results[0].reasons[0]).toContain('CI-25.4');
    // CI-9: with a call named, the integrity commitment is checked too.
    expect((await officer.send('POST', '/api/commitments', { callRef: '2028-重点研发', subjectId: unit.id, role: 'unit', signedOn: '2027-12-20' })).status).toBe(201);
    expect((await officer.send('POST', '/api/commitments', { callRef: '2028-重点研发', subjectId: unit.id, role: 'unit', signedOn: '2027-12-21' })).json.error.code).toBe('DUPLICATE');
    expect((await officer.send('POST', '/api/commitments', { callRef: '2028-重点研发', subjectId: rep.person_id, role: 'unit', signedOn: '2027-12-21' })).json.error.field).toBe('role');
    const withCall = (await officer.send('POST', '/api/veto-check', { on: '2028-01-01', callRef: '2028-重点研发', applicants: [{ ref: '单位', creditCode: unit.credit_code }, { ref: '负责人', name: rep.name, idNumber: rep.id_number }] })).json;
    expect(withCall.results.map((x: any) => [x.ref, x.commitmentSignedOn])).toEqual([['单位', '2027-12-20'], ['负责人', null]]);
    expect(withCall.withoutCommitment).toBe(1);
    expect(r.results[2]).toMatchObject({ found: false });
    expect(JSON.stringify(r)).not.toContain(rep.id_number);
    expect((await (await loginAs(t, 'researcher')).send('POST', '/api/veto-check', { on: '2028-01-01', applicants: [{ ref: 'x', creditCode: unit.credit_code }] })).status).toBe(403);
    const bad = await officer.send('POST', '/api/veto-check', { on: '2028-01-01', applicants: [{ ref: 'x' }] });
    expect(bad.json.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'applicants/0' });
  });

  it('CI-10 CI-15 只有生效（意见期满后发布）的 C 级评价才否决：发布当日（北京时间）起否决，前一日及重新评价待发布时不否决', async () => {
    // The demo's 2025 rating of 楚雄 unit U9 is C (CI-16.4.3, misappropriated funds); the unit has no ban.
    const [c] = await t.app.db.query<{ id: string; subject_id: string; credit_code: string }>(
      `SELECT r.id, r.subject_id, s.credit_code FROM ratings r JOIN subjects s ON s.id = r.subject_id
        WHERE r.year = 2025 AND r.subject_type = 'unit' AND r.computed_level = 'C' AND 'CI-16.4.3' = ANY(r.clauses)
          AND NOT EXISTS (SELECT 1 FROM sanctions x WHERE x.subject_id = s.id) LIMIT 1`);
    expect(c).toBeDefined();
    const officer = await at('2026-11-20', 'cx_business');
    const veto = async (on: string) => (await officer.send('POST', '/api/veto-check', { on, applicants: [{ ref: 'U', creditCode: c.credit_code }] })).json.results[0];
    // Published at 00:30 Beijing time on 2026-02-02 (16:30 UTC the day before).
    await t.app.db.query('UPDATE ratings SET published_at = $2 WHERE id = $1', [c.id, '2026-02-01T16:30:00Z']);
    expect(await veto('2026-02-01')).toMatchObject({ vetoed: false, rating: null });
    const inEffect = await veto('2026-02-02');
    expect(inEffect).toMatchObject({ vetoed: true, rating: { year: 2025, level: 'C' } });
    expect(inEffect.reasons).toEqual(['CI-10：2025 年度信用评价为 C 级（严重失信）']);
    // A recomputed rating is back in its comment window: it is not in effect until published again.
    await t.app.db.query('UPDATE ratings SET published_at = NULL WHERE id = $1', [c.id]);
    expect(await veto('2026-11-20')).toMatchObject({ vetoed: false, rating: null });
    await t.app.db.query('UPDATE ratings SET published_at = $2 WHERE id = $1', [c.id, '2026-02-02T02:00:00Z']);
  });

  it('CI-10 批量一票否决：上传 Excel，逐行审查并返回结果 Excel；表中有无效号码时一次指出每一行的行号和原因、什么也不审查；单个审查拒绝出生日期或校验码错误的号码，写在该字段上', async () => {
    const officer = await at('2028-01-01', 'cx_business');
    const sheet = async (rows: string[][]) => xlsx([['名称', '统一社会信用代码或身份证号'], ...rows]);
    const post = (bytes: Buffer) => officer.upload(`/api/veto-check/xlsx?on=2028-01-01&callRef=${encodeURIComponent('2028-批量')}`, bytes);
    const bad = await post(await sheet([['甲单位', unit.credit_code], ['乙', '12345']]));
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ field: 'rows/3' });
    // Every bad row is named at once, each with its reason, not only the first.
    const many = await post(await sheet([['甲单位', unit.credit_code], ['乙', '12345'], ['丙单位', unit.credit_code], ['丁', '532301199002301236'], ['戊单位', `${unit.credit_code.slice(0, 17)}${unit.credit_code[17] === '0' ? '1' : '0'}`]]));
    expect(many.status).toBe(400);
    expect(many.json.error.message).toContain('表中 3 行有误');
    expect(many.json.error.message).toContain('第 3 行第 2 列不是有效的统一社会信用代码或身份证号（应为 18 位（现为 5 位））');
    expect(many.json.error.message).toContain('第 5 行第 2 列不是有效的统一社会信用代码或身份证号（作为身份证号：第 7–14 位的出生日期 1990-02-30 不存在；');
    expect(many.json.error.message).toMatch(/第 6 行第 2 列不是有效的统一社会信用代码或身份证号（.*作为统一社会信用代码：末位校验码与前 17 位不符（GB 32100），请核对是否输错）/);
    // The single check refuses a mistyped number on its field instead of answering "not in the database".
    const single = await officer.send('POST', '/api/veto-check', { on: '2028-01-01', applicants: [{ ref: '丁', name: '丁', idNumber: '532301199002301236' }] });
    expect(single.status).toBe(400);
    expect(single.json.error).toMatchObject({ code: 'INVALID_ID_NUMBER', field: 'applicants/0/idNumber', message: '居民身份证号码无效：第 7–14 位的出生日期 1990-02-30 不存在' });
    const code = await officer.send('POST', '/api/veto-check', { on: '2028-01-01', applicants: [{ ref: 'x', creditCode: `${unit.credit_code.slice(0, 17)}${unit.credit_code[17] === '0' ? '1' : '0'}` }] });
    expect(code.json.error).toMatchObject({ code: 'INVALID_CREDIT_CODE', field: 'applicants/0/creditCode' });
    expect(code.json.error.message).toContain('末位校验码与前 17 位不符');
    const unknown = `91532300MA6K00000${creditCodeCheckChar('91532300MA6K00000')}`;
    const r = await post(await sheet([['甲单位', unit.credit_code], [rep.name, rep.id_number], ['丙单位', unknown]]));
    expect(r.status).toBe(200);
    expect(r.headers['x-vetoed']).toBe('2');
    const rows = (await sheetRows(r.raw)).slice(1).map((x) => [x[0], x[3]]);
    expect(rows).toEqual([['甲单位', '否决'], [rep.name, '否决'], ['丙单位', '通过']]);
    expect(r.raw.includes(Buffer.from(rep.id_number))).toBe(false);
    expect((await post(Buffer.from('%PDF-1.4'))).json.error.code).toBe('FILE_REFUSED');
  });

  it('CI-27 列入失信惩戒名单：告知后异议期内不能提请局办公会，期满无异议经局办公会同意列入、公开并报送共享平台；异议成立的更正、不列入', async () => {
    let officer = await at('2026-11-20', 'cx_business');
    const propose = async () => (await officer.send('POST', '/api/cases', startBody('listing', { subjectId: unit.id, misconductCaseId: misconductCase, grounds: '伪造经费审计报告，情节特别严重' }))).json;
    const a = await propose();
    expect(a.state).toBe('proposed');
    await step(officer, a.id, 'send_notice');
    // The objection window: 10 working days from 11/20 → 11/23–27, 11/30–12/4.
    const [w] = await t.app.db.query<{ due_date: string }>(`SELECT due_date FROM deadline_clocks WHERE owner_id = $1 AND limit_id = 'CI-27.objection'`, [a.id]);
    expect(w.due_date).toBe('2026-12-04');
    officer = await at('2026-12-04', 'cx_business');
    expect((await step(officer, a.id, 'no_objection')).json.error.message).toBe('异议期至 2026-12-04 届满，届满后方可提请局办公会（CI-27）');
    officer = await at('2026-12-07', 'cx_business');
    expect((await step(officer, a.id, 'no_objection')).json.state).toBe('awaiting_meeting');
    expect((await step(officer, a.id, 'approve', { date: '2026-12-07', minutes: '局办公会研究同意列入' })).json.state).toBe('listed');
    // CI-28: listed until the ban ends (2031-11-20); published 36 months from the decision (CR): to 2029-11-20.
    const [l] = await t.app.db.query<any>('SELECT listed_on, until, public_until FROM listings WHERE case_id = $1', [a.id]);
    expect(l).toEqual({ listed_on: '2026-12-07', until: '2031-11-20', public_until: '2029-11-20' });
    listingCase = a.id;
    const pub = (await t.server.inject({ method: 'GET', url: `/api/public/sanctions?q=${unit.credit_code}` })).json();
    // The unit's sanction, its listing, and its legal representative's sanction (CI-26), found by the unit's credit code.
    expect(pub.items.map((e: any) => [e.clause, e.answersFor ? 'rep' : 'unit']).sort()).toEqual([['CI-25.4', 'rep'], ['CI-25.4', 'unit'], ['CI-27', 'unit']]);
    const sent = await officer.get('/api/exports/credit-list?format=json');
    expect(sent.json.items.map((e: any) => e.name)).toContain(unit.name);
    expect((await officer.get('/api/exports')).json.items[0]).toMatchObject({ kind: 'credit_list', format: 'json', sha256: sent.headers['x-export-sha256'] });

    // A second proposal that the unit objects to: reviewed by the integrity section within 15 working days, upheld, corrected, not listed.
    officer = await at('2026-11-20', 'cx_business');
    const b = await propose();
    await step(officer, b.id, 'send_notice');
    const unitAdmin = await loginAs(t, 'unit_admin');
    expect((await step(unitAdmin, b.id, 'object', { statement: '审计报告系中介机构出具，本单位不知情，已提交证据' })).json.state).toBe('objection_review');
    const [r] = await t.app.db.query<{ due_date: string }>(`SELECT due_date FROM deadline_clocks WHERE owner_id = $1 AND limit_id = 'CI-27' AND status = 'running'`, [b.id]);
    expect(r.due_date).toBe('2026-12-11');
    const integrity = await loginAs(t, 'cx_integrity');
    const up = await step(integrity, b.id, 'uphold_objection', { opinion: '经核查异议部分成立', correction: '更正处理依据中的事实表述' });
    expect(up.json.state).toBe('corrected');
    const [{ n }] = await t.app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM listings WHERE case_id = $1', [b.id]);
    expect(n).toBe(0);
  });

  it('CI-30 CI-31 信用修复：名单主体申请，业务科室 15 个工作日内调查建议，局办公会同意后移出名单和公开页；法律不允许修复的写明依据不予修复', async () => {
    const unitAdmin = await at('2027-03-01', 'unit_admin');
    const [listing] = (await unitAdmin.get('/api/my-listings')).json.items.filter((x: any) => x.inForce);
    // Only the listed subject applies: to anyone else the listing is not there (404, as any record out of scope).
    expect((await (await loginAs(t, 'researcher')).send('POST', '/api/cases', startBody('repair', { listingId: listing.id, evidence: '已退回全部违规资金并完成整改' }))).status).toBe(404);
    // A first application refused because a law bars repair: the basis must be cited.
    const barred = (await unitAdmin.send('POST', '/api/cases', startBody('repair', { listingId: listing.id, evidence: '已完成整改，申请修复信用记录' }))).json;
    const officerFirst = await loginAs(t, 'cx_business');
    expect((await step(officerFirst, barred.id, 'refuse_barred', { legalBasis: '' })).json.error.field).toBe('legalBasis');
    expect((await step(officerFirst, barred.id, 'refuse_barred', { legalBasis: '依某行政法规第十条，该类失信行为不予信用修复' })).json.state).toBe('refused');
    const a = (await unitAdmin.send('POST', '/api/cases', startBody('repair', { listingId: listing.id, evidence: '已退回全部违规资金 35 万元并完成整改，提交了缴款凭证' }))).json;
    expect(a.state).toBe('applied');
    // CI-31: 15 working days from 2027-03-01 (a Monday): 3/2–3/5, 3/8–12, 3/15–19, 3/22 → 3/22.
    const [k] = await t.app.db.query<{ due_date: string }>(`SELECT due_date FROM deadline_clocks WHERE owner_id = $1 AND limit_id = 'CI-31'`, [a.id]);
    expect(k.due_date).toBe('2027-03-22');
    const officer = await loginAs(t, 'cx_business');
    await step(officer, a.id, 'propose_repair', { findings: '核实已退回资金并整改到位，建议同意修复' });
    expect((await step(officer, a.id, 'approve_repair', { date: '2027-03-10', minutes: '局办公会研究同意修复' })).json.state).toBe('repaired');
    const pub = (await t.server.inject({ method: 'GET', url: `/api/public/sanctions?q=${unit.credit_code}` })).json();
    expect(pub.items.filter((e: any) => e.name === unit.name)).toEqual([]);
    expect((await unitAdmin.get('/api/my-listings')).json.items.find((x: any) => x.id === listing.id)).toMatchObject({ repairedOn: '2027-03-01', inForce: false });
    // The ban itself is a measure of the decision and is not lifted by repair (CI-10 still applies until it ends).
    const veto = (await officer.send('POST', '/api/veto-check', { on: '2027-03-01', applicants: [{ ref: 'u', creditCode: unit.credit_code }] })).json;
    expect(veto.results[0].vetoed).toBe(true);
    expect((await unitAdmin.send('POST', '/api/cases', startBody('repair', { listingId: listing.id, evidence: '再次申请修复，已全部整改完毕' }))).json.error).toMatchObject({ code: 'PRECONDITION_UNMET', requirement: 'listing_in_force', clause: 'CI-30' });
    // The published results are counts: the repair (2027) and the objection upheld earlier (2026), neither subject named.
    const results = (await t.server.inject({ method: 'GET', url: '/api/public/results' })).json();
    expect(results.repairs.byYear).toContainEqual({ year: 2027, count: 1 });
    expect(results.objectionsUpheld.byYear).toContainEqual({ year: 2026, count: 1 });
    expect(JSON.stringify(results)).not.toContain(unit.name);
    expect(JSON.stringify(results)).not.toContain(unit.credit_code);
  });

  it('CI-21 YT-8 随机抽查：按信用等级分层抽取、回避同单位的检查人员；本辖区工作人员据全部输入复现得到同样的结果，并核对公开的承诺值', async () => {
    const officer = await at('2026-11-20', 'cx_business');
    const r = await officer.send('POST', '/api/spot-checks', { title: '2026 年第一批项目抽查', baseRatio: 0.2, inspectorsPerProject: 2, seed: 'cx-2026-01' });
    expect(r.status).toBe(201);
    const pub = (await t.server.inject({ method: 'GET', url: `/api/public/spot-checks/${r.json.id}` })).json();
    const full = (await (await loginAs(t, 'auditor')).get(`/api/spot-checks/${r.json.id}`)).json;
    expect(pub.seed).toBe('cx-2026-01');
    expect(full.input.projects.length).toBeGreaterThan(0);
    expect(drawSpotCheck(full.input)).toEqual(full.result);
    // The public draw is the staff's result, and the commitment binds it to the whole input.
    expect(pub.draws.map((d: any) => [d.projectId, d.inspectorIds])).toEqual(full.result.draws.map((d: any) => [d.projectId, d.inspectorIds]));
    expect(pub.groups).toEqual(full.result.groups);
    expect(pub.commitment).toEqual({ algorithm: 'SM3', digest: sm3Hex(commitmentText(full.commitment.salt, full.input)) });
    // CI-14 CI-15: each unit is stratified by its rating in effect (2025's, published 2026-02-02), never by 2026's still in its comment window.
    const published = new Map((await t.app.db.query<{ code: string; level: string | null }>(
      `SELECT s.credit_code AS code, COALESCE(r.determined_level, r.computed_level) AS level FROM ratings r JOIN subjects s ON s.id = r.subject_id
        WHERE r.subject_type = 'unit' AND r.year = 2025 AND r.published_at IS NOT NULL`)).map((x) => [x.code, x.level]));
    expect((await t.app.db.query(`SELECT 1 FROM ratings WHERE subject_type = 'unit' AND year = 2026 AND published_at IS NULL`)).length).toBeGreaterThan(0);
    for (const p of full.input.projects) expect([p.id, p.level]).toEqual([p.id, published.get(p.unitId) ?? null]);
    expect(full.input.projects.some((p: any) => p.level === 'A')).toBe(true);
    const other = pub.groups.find((g: any) => g.group === 'other');
    expect(other.drawn).toBe(Math.ceil(other.candidates * 0.2));
    const unitOf = new Map(full.input.projects.map((p: any) => [p.id, p.unitId]));
    const inspectorUnit = new Map(full.input.inspectors.map((e: any) => [e.id, e.unitId]));
    for (const d of full.result.draws) for (const e of d.inspectorIds) expect(inspectorUnit.get(e)).not.toBe(unitOf.get(d.projectId));
    // Inspectors are published by code only: no names, no ID numbers.
    const experts = await t.app.db.query<{ name: string; id_number_masked: string }>(`SELECT name, id_number_masked FROM subjects WHERE is_expert`);
    for (const e of experts) expect(JSON.stringify(pub)).not.toContain(e.name);
    expect((await (await loginAs(t, 'researcher')).send('POST', '/api/spot-checks', { title: '越权', baseRatio: 0.2, inspectorsPerProject: 2 })).status).toBe(403);
    expect((await (await loginAs(t, 'unit_admin')).get(`/api/spot-checks/${r.json.id}`)).status).toBe(404);
  });

  it('M6 公开的抽查记录不含任何候选单位的统一社会信用代码和 A/B/C 信用等级', async () => {
    const officer = await at('2026-11-20', 'cx_business');
    const r = await officer.send('POST', '/api/spot-checks', { title: '2026 年第二批项目抽查', baseRatio: 0.3, inspectorsPerProject: 1, seed: 'cx-2026-02' });
    const units = await t.app.db.query<{ credit_code: string; name: string }>(
      `SELECT DISTINCT u.credit_code, u.name FROM projects p JOIN subjects u ON u.id = p.undertaking_unit_id WHERE p.jurisdiction_code IN ('532300', '532301', '532302') AND p.status IN ('approved', 'in_progress')`);
    expect(units.length).toBeGreaterThan(3);
    const body = (await t.server.inject({ method: 'GET', url: `/api/public/spot-checks/${r.json.id}` })).body;
    expect(units.filter((u) => body.includes(u.credit_code) || body.includes(u.name)).map((u) => u.name)).toEqual([]);
    expect(body).not.toMatch(/"level"|"unitId"|"AA"|"A"|"B"|"C"/);
  });
});
