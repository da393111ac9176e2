/**
 * Due process before a misconduct penalty (行政处罚法第四十四条至第六十五条), the rating finding a decision
 * records (CI-22 → CI-16.4 / CI-17.4), and 复查 (国科发监〔2022〕221号) that changes or revokes a decision
 * and corrects what rests on it — on both databases, through the API an officer and a party use. Dates are
 * worked by hand from the 2026 State Council notice (国庆 10/1–10/7 off, 10/10 a working Saturday).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPolicies } from '../../src/server/modules/rules/policy-repo';
import { DB_KINDS } from '../support/databases';
import { docxText } from '../support/documents';
import { loginAs, startTestApp, type Client, type TestApp } from '../support/test-app';
import { startBody } from '../support/cases';

const beijing = (d: string) => `${d}T02:00:00.000Z`;
const FACTORS = { deviation: '严重偏离', intent_obstruction: '伪造实验记录', social_impact: '影响较大', repeat: '首次', attitude: '拒不承认', other: '无' };

describe.each(DB_KINDS)('科研失信处理的事先告知、陈述申辩、听证与复查（%s）', (kind) => {
  let t: TestApp;
  let unit: { id: string; name: string; credit_code: string };
  let repId: string;
  let personId: string;
  let undecided: string;
  let unitCase: string;
  let personCase: string;
  let unitReview: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    [unit] = await t.app.db.query<any>(`SELECT s.id, s.name, s.credit_code FROM subjects s JOIN users u ON u.unit_id = s.id WHERE u.username = 'unit_admin'`);
    [{ person_id: repId }] = await t.app.db.query<any>(`SELECT person_id FROM subject_relations WHERE organization_id = $1 AND kind = 'legal_representative'`, [unit.id]);
    [{ person_id: personId }] = await t.app.db.query<any>(`SELECT person_id FROM users WHERE username = 'researcher'`);
  });
  afterAll(async () => { await t?.close(); });

  const at = async (day: string, who: string): Promise<Client> => { t.clock.set(beijing(day)); return loginAs(t, who); };
  const step = async (client: Client, id: string, name: string, body: object = {}) => {
    const version = (await client.get(`/api/cases/${id}`)).json.version;
    return client.send('POST', `/api/cases/${id}/steps/${name}`, { version, ...body });
  };
  const ok = async (client: Client, id: string, name: string, body: object = {}) => {
    const r = await step(client, id, name, body);
    if (r.status !== 200) throw new Error(`${name}: ${JSON.stringify(r.json)}`);
    return r.json;
  };
  const clock = async (caseId: string, limitId: string) => (await t.app.db.query<{ due_date: string; status: string }>(
    `SELECT due_date, status FROM deadline_clocks WHERE owner_id = $1 AND limit_id = $2 ORDER BY created_at DESC LIMIT 1`, [caseId, limitId]))[0];
  const sanctions = (caseId: string) => t.app.db.query<any>(
    `SELECT subject_id, responsible_role, severity, ban_start, ban_end, revoked_on, clause FROM sanctions WHERE case_id = $1 ORDER BY responsible_role NULLS FIRST`, [caseId]);
  const vetoed = async (on: string, who: { creditCode?: string; idNumber?: string }) =>
    (await (await loginAs(t, 'cx_business')).send('POST', '/api/veto-check', { on, applicants: [{ ref: 'x', ...who }] })).json.results[0].vetoed;
  const openLead = async (officer: Client, subjectId: string) => {
    const c = (await officer.send('POST', '/api/cases', startBody('misconduct', { subjectId, source: 'audit', grounds: '专项审计发现伪造实验记录' }))).json;
    await ok(officer, c.id, 'file', { opinion: '立案调查' });
    await ok(officer, c.id, 'record_factors', { factors: FACTORS });
    return c.id as string;
  };
  const unitDecision = {
    kind: 'fabrication', conductDate: '2025-06-01', decidedOn: '2026-10-20', severity: 'serious', measures: ['ban'], banYears: 3, publicDisclosure: false,
    simpleProcedure: false, minorAndCorrected: false, responsible: [{ role: 'legal_representative', personId: '' }], judiciaryReferral: false, reasons: '伪造实验记录，情节严重',
  };
  const noticeOf = (d: any) => ({ kind: d.kind, conductDate: d.conductDate, severity: d.severity, measures: d.measures, banYears: d.banYears, publicDisclosure: d.publicDisclosure, responsible: d.responsible,
    facts: '2025 年 6 月伪造项目实验记录并据以申请验收', grounds: '楚科规〔2022〕5号第二十二条第（五）项、第二十五条' });

  it('行政处罚法第六十条 第四十四条 立案即计 90 日；未经事先告知作出取消资格的处理被拒绝，指明条款和字段，什么也不写', async () => {
    const officer = await at('2026-11-20', 'cx_integrity');
    undecided = await openLead(officer, unit.id);
    // 90 days from 2026-11-20: 10 in November, 31 in December, 31 in January, 18 in February → 2027-02-18 (a Thursday; 2027 is provisional).
    expect(await clock(undecided, 'CI-22.investigation')).toEqual({ due_date: '2027-02-18', status: 'running' });
    const before = (await officer.get(`/api/cases/${undecided}`)).json;
    const r = await step(officer, undecided, 'decide_sanction', { ...unitDecision, decidedOn: '2026-11-20', responsible: [{ role: 'legal_representative', personId: repId }] });
    expect(r.status).toBe(422);
    expect(r.json.error).toMatchObject({ code: 'INCONSISTENT', field: 'measures', clause: '行政处罚法第四十四条' });
    expect(r.json.error.message).toContain('须先告知拟作出的处理内容');
    expect(await sanctions(undecided)).toEqual([]);
    expect((await officer.get(`/api/cases/${undecided}`)).json).toMatchObject({ state: 'investigating', version: before.version });
    // The party does not see an investigation before it is told of it.
    expect((await (await loginAs(t, 'unit_admin')).get(`/api/cases/${undecided}`)).status).toBe(404);
  });

  it('行政处罚法第四十四条 第四十五条 第六十三条 第六十四条 告知后当事人可见并陈述申辩、要求听证；听证提前 7 个工作日通知并举行后才能决定；决定不得重于告知；决定记录信用评价认定事实（CI-16.4.5）', async () => {
    let officer = await at('2026-09-28', 'cx_integrity');
    unitCase = await openLead(officer, unit.id);
    const decision = { ...unitDecision, responsible: [{ role: 'legal_representative', personId: repId }] };
    // A notice heavier than CI-25.3 allows is refused like a decision would be.
    expect((await step(officer, unitCase, 'send_notice', { ...noticeOf(decision), banYears: 6 })).json.error).toMatchObject({ code: 'INCONSISTENT', field: 'banYears' });
    const n = await ok(officer, unitCase, 'send_notice', noticeOf(decision));
    expect(n.state).toBe('notified');
    // Both periods: 5 working days from 9/28 → 9/29, 9/30, (国庆 10/1–10/7), 10/8, 10/9, 10/10 (调休上班) → 2026-10-10.
    expect(await clock(unitCase, 'CI-22.statement')).toEqual({ due_date: '2026-10-10', status: 'running' });
    expect(await clock(unitCase, 'CI-22.hearingRequest')).toEqual({ due_date: '2026-10-10', status: 'running' });
    // From the notice the unit sees its case and is told.
    let unitAdmin = await loginAs(t, 'unit_admin');
    expect((await unitAdmin.get(`/api/cases/${unitCase}`)).status).toBe(200);
    const [{ n: told }] = await t.app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications x JOIN users u ON u.id = x.user_id WHERE u.username = 'unit_admin' AND x.case_id = $1`, [unitCase]);
    expect(told).toBe(1);
    const notice = await officer.send('POST', `/api/cases/${unitCase}/documents`, { kind: 'sanction_notice', format: 'docx' });
    expect(notice.status).toBe(201);
    const noticeText = docxText((await officer.get(`/api/files/${notice.json.id}`)).raw);
    expect(noticeText).toContain('科研失信行为处理事先告知书');
    expect(noticeText).toContain('5 个工作日内向本局提出');
    expect(noticeText).toContain('有权要求听证');

    officer = await at('2026-09-30', 'cx_integrity');
    expect((await step(officer, unitCase, 'decide_sanction', decision)).json.error).toMatchObject({ code: 'PRECONDITION_UNMET', requirement: 'statement_heard', clause: '行政处罚法第四十五条、第六十二条' });
    unitAdmin = await loginAs(t, 'unit_admin');
    await ok(unitAdmin, unitCase, 'submit_statement', { statement: '实验记录系学生誊抄错误，并非伪造，附原始记录本' });
    expect((await clock(unitCase, 'CI-22.statement')).status).toBe('stopped');
    const waiting = await step(officer, unitCase, 'decide_sanction', decision);
    expect(waiting.json.error).toMatchObject({ code: 'PRECONDITION_UNMET', requirement: 'hearing_done', clause: '行政处罚法第六十三条、第六十四条' });
    expect(waiting.json.error.message).toContain('听证申请期至 2026-10-10 尚未届满');

    // 10/9 is within the window (it ends 10/10).
    unitAdmin = await at('2026-10-09', 'unit_admin');
    await ok(unitAdmin, unitCase, 'request_hearing', { reason: '对认定的事实有异议，要求听证' });
    officer = await loginAs(t, 'cx_integrity');
    expect((await step(officer, unitCase, 'decide_sanction', decision)).json.error.message).toContain('当事人已要求听证');
    // Seven working days from 10/9: 10/10, 10/12, 10/13, 10/14, 10/15, 10/16, 10/19 → the earliest hearing day is 2026-10-19.
    const hearing = { place: '州科技局三楼会议室', host: '政策法规科张某', hostNotInvestigator: true, publicHearing: true };
    const early = await step(officer, unitCase, 'schedule_hearing', { ...hearing, date: '2026-10-16' });
    expect(early.status).toBe(422);
    expect(early.json.error).toMatchObject({ code: 'INCONSISTENT', field: 'date', clause: '行政处罚法第六十四条' });
    expect(early.json.error.message).toContain('最早 2026-10-19 举行');
    expect((await step(officer, unitCase, 'schedule_hearing', { ...hearing, date: '2026-10-19', hostNotInvestigator: false })).json.error).toMatchObject({ field: 'hostNotInvestigator' });
    await ok(officer, unitCase, 'schedule_hearing', { ...hearing, date: '2026-10-19' });
    officer = await at('2026-10-19', 'cx_integrity');
    expect((await step(officer, unitCase, 'record_hearing', { heldOn: '2026-10-20', attendance: 'attended', record: '调查人员出示证据，单位申辩并质证' })).json.error).toMatchObject({ field: 'heldOn' });
    await ok(officer, unitCase, 'record_hearing', { heldOn: '2026-10-19', attendance: 'attended', record: '调查人员出示证据，单位申辩并质证，未提出新的证据' });

    officer = await at('2026-10-20', 'cx_integrity');
    const heavier = await step(officer, unitCase, 'decide_sanction', { ...decision, banYears: 4 });
    expect(heavier.status).toBe(422);
    expect(heavier.json.error).toMatchObject({ code: 'INCONSISTENT', field: 'banYears', clause: '行政处罚法第四十四条、第四十五条' });
    expect(heavier.json.error.message).toContain('加重须重新告知');
    expect((await step(officer, unitCase, 'decide_sanction', { ...decision, publicDisclosure: true })).json.error).toMatchObject({ field: 'publicDisclosure', clause: '行政处罚法第四十四条、第四十五条' });
    expect(await sanctions(unitCase)).toEqual([]);
    const done = await ok(officer, unitCase, 'decide_sanction', decision);
    expect(done.state).toBe('decided');
    expect(done.data.decision.remedies).toMatchObject({ reconsideration: { days: 60 }, litigation: { months: 6 } });
    expect((await clock(unitCase, 'CI-22.investigation')).status).toBe('stopped');
    // 民法典 201–202: three years from 2026-10-20 end on 2029-10-20; the legal representative with it (CI-26).
    expect(await sanctions(unitCase)).toEqual([
      { subject_id: unit.id, responsible_role: null, severity: 'serious', ban_start: '2026-10-20', ban_end: '2029-10-20', revoked_on: null, clause: 'CI-25.3' },
      { subject_id: repId, responsible_role: 'legal_representative', severity: 'serious', ban_start: '2026-10-20', ban_end: '2029-10-20', revoked_on: null, clause: 'CI-25.3' },
    ]);
    // CI-22 → CI-16.4.5: the unit's finding for its rating, dated on the decision, with the case as its source, never typed by staff.
    const findings = await t.app.db.query<any>(`SELECT subject_type, clause, fact_date, source_kind, source_case_id, withdrawn_at FROM findings WHERE source_case_id = $1`, [unitCase]);
    expect(findings).toEqual([{ subject_type: 'unit', clause: 'CI-16.4.5', fact_date: '2026-10-20', source_kind: 'investigation', source_case_id: unitCase, withdrawn_at: null }]);
    const [audit] = await t.app.db.query<any>(`SELECT after FROM audit_events WHERE action = 'finding.record' AND object_id = $1 ORDER BY seq DESC LIMIT 1`, [unit.id]);
    expect(audit.after).toMatchObject({ clause: 'CI-16.4.5', sourceCaseId: unitCase });
    // The unit's rating for 2026 now rests on it.
    const rating = await officer.send('POST', `/api/subjects/${unit.id}/ratings/preview`, { subjectType: 'unit', year: 2026 });
    expect(rating.status).toBe(200);
    expect(rating.json).toMatchObject({ level: 'C' });
    expect(rating.json.clauses).toContain('CI-16.4.5');
    // 行政处罚法第五十九条第（五）项: the decision says how and within what time to seek 行政复议 and 行政诉讼.
    const doc = await officer.send('POST', `/api/cases/${unitCase}/documents`, { kind: 'sanction_decision', format: 'docx' });
    const text = docxText((await officer.get(`/api/files/${doc.json.id}`)).raw);
    expect(text).toContain('60 日内依法申请行政复议');
    expect(text).toContain('6 个月内依法向人民法院提起行政诉讼');
  });

  it('行政处罚法第六十四条 告知后 5 个工作日内未要求听证的，逾期要求不予受理；期满可以作出决定；个人按项目负责人评价（CI-17.4.2），非专家不能按专家评价', async () => {
    let officer = await at('2026-11-02', 'cx_integrity');
    personCase = await openLead(officer, personId);
    const decision = { kind: 'fabrication', conductDate: '2025-06-01', decidedOn: '2026-11-10', severity: 'moderate', measures: ['ban', 'termination_clawback'], banYears: 2, publicDisclosure: false,
      simpleProcedure: false, minorAndCorrected: false, responsible: [], judiciaryReferral: false, reasons: '伪造实验记录，情节较重' };
    await ok(officer, personCase, 'send_notice', noticeOf(decision));
    // 11/3, 11/4, 11/5, 11/6, 11/9 → 2026-11-09.
    expect((await clock(personCase, 'CI-22.hearingRequest')).due_date).toBe('2026-11-09');
    const researcher = await at('2026-11-10', 'researcher');
    const late = await step(researcher, personCase, 'request_hearing', {});
    expect(late.status).toBe(422);
    expect(late.json.error).toMatchObject({ code: 'PRECONDITION_UNMET', requirement: 'within_hearing_window', clause: '行政处罚法第六十四条' });
    expect(late.json.error.message).toContain('已于 2026-11-09 届满');
    officer = await loginAs(t, 'cx_integrity');
    expect((await step(officer, personCase, 'record_hearing_request', { requestedOn: '2026-11-10' })).json.error).toMatchObject({ code: 'INCONSISTENT', field: 'requestedOn', clause: '行政处罚法第六十四条' });
    // No statement and no hearing asked for: both periods are over, the decision may be taken.
    const notExpert = await step(officer, personCase, 'decide_sanction', { ...decision, ratedAs: 'expert' });
    expect(notExpert.status).toBe(422);
    expect(notExpert.json.error).toMatchObject({ code: 'INCONSISTENT', field: 'ratedAs' });
    expect(await sanctions(personCase)).toEqual([]);
    expect((await officer.get(`/api/cases/${personCase}`)).json.state).toBe('notified');
    await ok(officer, personCase, 'decide_sanction', decision);
    const [f] = await t.app.db.query<any>(`SELECT subject_type, clause FROM findings WHERE source_case_id = $1`, [personCase]);
    expect(f).toEqual({ subject_type: 'leader', clause: 'CI-17.4.2' });
  });

  it('国科发监〔2022〕221号 复查申请：只有被处理人在收到决定后 15 个工作日内可申请，每个决定一次；未作出决定的、逾期的不受理', async () => {
    // 15 working days from 2026-10-20 (receipt of the decision): 10/21–23, 10/26–30, 11/2–6, 11/9, 11/10 → 2026-11-10.
    const body = { misconductCaseId: unitCase, receivedOn: '2026-10-20', grounds: '听证中提交的原始记录本证明系誊抄错误，处理过重' };
    let unitAdmin = await at('2026-11-11', 'unit_admin');
    const late = await unitAdmin.send('POST', '/api/cases', { procedure: 'misconduct_review', start: 'apply', input: body });
    expect(late.status).toBe(422);
    expect(late.json.error).toMatchObject({ code: 'PRECONDITION_UNMET', requirement: 'within_review_window', field: 'receivedOn', clause: '国科发监〔2022〕221号' });
    // Someone other than the party does not see the decision at all.
    expect((await (await loginAs(t, 'researcher')).send('POST', '/api/cases', { procedure: 'misconduct_review', start: 'apply', input: body })).status).toBe(404);
    expect((await (await loginAs(t, 'cx_integrity')).send('POST', '/api/cases', { procedure: 'misconduct_review', start: 'record', input: { ...body, misconductCaseId: undecided, appliedOn: '2026-11-10' } })).json.error)
      .toMatchObject({ code: 'PRECONDITION_UNMET', requirement: 'sanction_decided' });
    unitAdmin = await at('2026-11-10', 'unit_admin');
    expect((await unitAdmin.send('POST', '/api/cases', { procedure: 'misconduct_review', start: 'apply', input: { ...body, receivedOn: '2026-11-11' } })).json.error).toMatchObject({ code: 'INCONSISTENT', field: 'receivedOn' });
    const r = await unitAdmin.send('POST', '/api/cases', { procedure: 'misconduct_review', start: 'apply', input: body });
    expect(r.status).toBe(201);
    unitReview = r.json.id;
    expect(r.json.state).toBe('reviewing');
    // 60 days from 2026-11-10: 20 in November, 31 in December, 9 in January → 2027-01-09, a Saturday → 2027-01-11 (provisional).
    expect(await clock(unitReview, 'CI-22.reviewDecision')).toEqual({ due_date: '2027-01-11', status: 'running' });
    expect((await unitAdmin.send('POST', '/api/cases', { procedure: 'misconduct_review', start: 'apply', input: body })).json.error).toMatchObject({ code: 'PRECONDITION_UNMET', requirement: 'not_reviewed_before' });
  });

  it('国科发监〔2022〕221号 CI-26 CI-28 复查变更：不得加重、不能与原决定相同；较轻的变更更正处理记录和名单期限，原值留存，单位责任人随之解除', async () => {
    // The unit is first listed (CI-27) on its sanction: until 2029-10-20.
    let business = await at('2026-11-10', 'cx_business');
    const listing = (await business.send('POST', '/api/cases', startBody('listing', { subjectId: unit.id, misconductCaseId: unitCase, grounds: '伪造实验记录，情节严重' }))).json;
    await ok(business, listing.id, 'send_notice');
    business = await at('2026-11-25', 'cx_business');
    await ok(business, listing.id, 'no_objection');
    await ok(business, listing.id, 'approve', { date: '2026-11-25', minutes: '局办公会研究同意列入' });
    const [l] = await t.app.db.query<any>('SELECT id, until FROM listings WHERE case_id = $1', [listing.id]);
    expect(l.until).toBe('2029-10-20');

    const officer = await at('2026-12-01', 'cx_integrity');
    const heavier = await step(officer, unitReview, 'change', { severity: 'serious', measures: ['ban'], banYears: 4, publicDisclosure: false, opinion: '复查认为情节更重，应延长期限' });
    expect(heavier.status).toBe(422);
    expect(heavier.json.error).toMatchObject({ code: 'INCONSISTENT', field: 'banYears', clause: '国科发监〔2022〕221号' });
    expect((await step(officer, unitReview, 'change', { severity: 'serious', measures: ['ban'], banYears: 3, publicDisclosure: false, opinion: '复查认为原处理适当，无需变更' })).json.error)
      .toMatchObject({ code: 'INCONSISTENT', clause: '国科发监〔2022〕221号' });
    expect((await step(officer, unitReview, 'change', { severity: 'moderate', measures: ['ban'], banYears: 4, publicDisclosure: false, opinion: '情节较重，取消资格四年整' })).json.error).toMatchObject({ field: 'banYears' });
    expect((await sanctions(unitCase))[0].ban_end).toBe('2029-10-20');
    await ok(officer, unitReview, 'change', { severity: 'moderate', measures: ['ban'], banYears: 2, publicDisclosure: false, opinion: '原始记录本证明部分系誊抄错误，情节较重，变更为取消资格二年' });
    // Two years from the decision's day (2026-10-20) → 2028-10-20; the legal representative answers only on the serious list (CI-26) and is released from the review's day.
    expect(await sanctions(unitCase)).toEqual([
      { subject_id: unit.id, responsible_role: null, severity: 'moderate', ban_start: '2026-10-20', ban_end: '2028-10-20', revoked_on: null, clause: 'CI-25.2' },
      { subject_id: repId, responsible_role: 'legal_representative', severity: 'serious', ban_start: '2026-10-20', ban_end: '2029-10-20', revoked_on: '2026-12-01', clause: 'CI-25.3' },
    ]);
    expect((await t.app.db.query<any>('SELECT until FROM listings WHERE id = $1', [l.id]))[0].until).toBe('2028-10-20');
    // Each changed field kept with its old value, in the one history the record shows (sanction_corrections).
    const kept = await t.app.db.query<any>(`SELECT x.responsible_role, k.field, k.old_value, k.new_value, k.clause, k.corrected_on FROM sanction_corrections k JOIN sanctions x ON x.id = k.sanction_id
      WHERE k.case_id = $1 ORDER BY x.responsible_role NULLS FIRST, k.field`, [unitReview]);
    const unitRows = kept.filter((k: any) => k.responsible_role === null);
    expect(Object.fromEntries(unitRows.map((k: any) => [k.field, [k.old_value, k.new_value]]))).toMatchObject({
      severity: ['serious', 'moderate'],
      ban: [{ years: 3, start: '2026-10-20', end: '2029-10-20' }, { years: 2, start: '2026-10-20', end: '2028-10-20' }],
      listed_until: ['2029-10-20', '2028-10-20'],
    });
    expect(kept.filter((k: any) => k.responsible_role !== null).map((k: any) => [k.field, k.old_value, k.new_value])).toEqual([['revoked_on', null, '2026-12-01']]);
    expect(kept.every((k: any) => k.clause === '国科发监〔2022〕221号' && k.corrected_on === '2026-12-01')).toBe(true);
    expect((await t.app.db.query<any>(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'sanction.correct' AND after->>'byCase' = $1`, [unitReview]))[0].n).toBe(2);
    // The misconduct case's page shows them with the old and new values.
    const page = (await officer.get(`/api/cases/${unitCase}`)).json;
    expect(page.recordCorrections.filter((k: any) => k.label === '取消申报资格').map((k: any) => [k.from, k.to])).toContainEqual(['3 年（2026-10-20 至 2029-10-20）', '2 年（2026-10-20 至 2028-10-20）']);
    // The veto and the public list read the corrected dates.
    const [rep] = await t.app.db.query<any>('SELECT name, id_number_cipher FROM subjects WHERE id = $1', [repId]);
    // (The demo's legal representative is also the demo researcher, with a case of his own: only this case's ban is looked at.)
    const repBans = async (on: string) => ((await (await loginAs(t, 'cx_business')).send('POST', '/api/veto-check', { on, applicants: [{ ref: 'x', name: rep.name, idNumber: t.app.cipher.decrypt(rep.id_number_cipher) }] })).json.results[0].bans as any[])
      .filter((b) => b.caseId === unitCase).length;
    expect(await repBans('2026-11-30')).toBe(1);
    expect(await repBans('2026-12-01')).toBe(0);
    expect(await vetoed('2028-10-20', { creditCode: unit.credit_code })).toBe(true);
    expect(await vetoed('2028-10-21', { creditCode: unit.credit_code })).toBe(false);
    const pub = (await t.server.inject({ method: 'GET', url: `/api/public/sanctions?q=${unit.credit_code}` })).json();
    expect(pub.items.filter((e: any) => e.clause === 'CI-27').map((e: any) => e.banUntil)).toEqual(['2028-10-20']);
    // The kind of misconduct stands, and with it the rating finding.
    expect((await t.app.db.query<any>(`SELECT withdrawn_at FROM findings WHERE source_case_id = $1`, [unitCase]))[0].withdrawn_at).toBeNull();
  });

  it('国科发监〔2022〕221号 复查撤销：自复查决定之日起不再取消资格、不再一票否决；评价认定事实撤回，应收回的经费不再追缴，原值留存', async () => {
    const researcher = await at('2026-11-12', 'researcher');
    const r = await researcher.send('POST', '/api/cases', { procedure: 'misconduct_review', start: 'apply', input: { misconductCaseId: personCase, receivedOn: '2026-11-10', grounds: '实验记录由合作单位提供，本人不知情，申请撤销处理' } });
    expect(r.status).toBe(201);
    const [p] = await t.app.db.query<any>('SELECT name, id_number_cipher FROM subjects WHERE id = $1', [personId]);
    const idNumber = t.app.cipher.decrypt(p.id_number_cipher);
    expect((await t.app.db.query<any>(`SELECT kind, status FROM obligations WHERE case_id = $1`, [personCase]))).toEqual([{ kind: 'clawback_funds', status: 'open' }]);
    const officer = await at('2026-11-20', 'cx_integrity');
    await ok(officer, r.json.id, 'revoke', { opinion: '经复查，实验记录由合作单位伪造，被处理人不知情，撤销原处理决定' });
    expect((await sanctions(personCase)).map((x: any) => [x.ban_end, x.revoked_on])).toEqual([['2028-11-10', '2026-11-20']]);
    // (The demo researcher is also the unit's legal representative, so only this case's ban is looked at.)
    const bansOn = async (on: string) => ((await (await loginAs(t, 'cx_business')).send('POST', '/api/veto-check', { on, applicants: [{ ref: 'x', name: p.name, idNumber }] })).json.results[0].bans as any[])
      .filter((b) => b.caseId === personCase).map((b) => [b.start, b.end]);
    expect(await bansOn('2026-11-19')).toEqual([['2026-11-10', '2028-11-10']]);
    expect(await bansOn('2026-11-20')).toEqual([]);
    const [f] = await t.app.db.query<any>(`SELECT withdrawn_at, withdrawn_reason FROM findings WHERE source_case_id = $1`, [personCase]);
    expect(f.withdrawn_at).not.toBeNull();
    expect(f.withdrawn_reason).toContain('复查撤销');
    expect((await t.app.db.query<any>(`SELECT status, settled_on FROM obligations WHERE case_id = $1`, [personCase]))).toEqual([{ status: 'waived', settled_on: '2026-11-20' }]);
    const fields = await t.app.db.query<any>(`SELECT field, old_value, new_value FROM sanction_corrections WHERE case_id = $1 AND field = 'revoked_on'`, [r.json.id]);
    expect(fields).toEqual([{ field: 'revoked_on', old_value: null, new_value: '2026-11-20' }]);
    expect((await t.app.db.query<any>(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'finding.withdraw' AND after->>'byCase' = $1`, [r.json.id]))[0].n).toBe(1);
    const records = (await officer.get('/api/misconduct-records?pageSize=100')).json.items.filter((x: any) => x.caseId === personCase);
    expect(records.map((x: any) => [x.banActive, x.revokedOn])).toEqual([[false, '2026-11-20']]);
  });

  it('行政处罚法第四十四条 加重须重新告知：重新告知后陈述申辩期和听证申请期重新计算；国科发监〔2022〕221号 工作人员登记书面申请，不予受理的不妨碍再申请，维持原决定不更正记录', async () => {
    let officer = await at('2026-12-07', 'cx_integrity');
    const c = await openLead(officer, unit.id);
    const decision = { kind: 'plagiarism', conductDate: '2026-03-01', decidedOn: '2026-12-08', severity: 'moderate', measures: ['ban'], banYears: 2, publicDisclosure: false,
      simpleProcedure: false, minorAndCorrected: false, responsible: [], judiciaryReferral: false, reasons: '抄袭他人研究成果，情节较重' };
    await ok(officer, c, 'send_notice', noticeOf({ ...decision, banYears: 1 }));
    expect((await step(officer, c, 'record_statement', { kind: 'waived', on: '2026-12-04', text: '书面放弃陈述申辩' })).json.error).toMatchObject({ code: 'INCONSISTENT', field: 'on' });
    await ok(officer, c, 'record_statement', { kind: 'waived', on: '2026-12-07', text: '书面放弃陈述申辩' });
    await ok(officer, c, 'record_hearing_waiver', { on: '2026-12-07', statement: '书面声明不要求听证' });
    officer = await at('2026-12-08', 'cx_integrity');
    expect((await step(officer, c, 'decide_sanction', decision)).json.error).toMatchObject({ code: 'INCONSISTENT', field: 'banYears', clause: '行政处罚法第四十四条、第四十五条' });
    // A new notice of two years: its periods count from 12/8 — 12/9, 12/10, 12/11, 12/14, 12/15 → 2026-12-15; what was waived on the first does not count.
    const renotified = await ok(officer, c, 'send_notice', noticeOf(decision));
    expect(renotified.data.notice.no).toBe(2);
    expect(renotified.data.earlierNotices.map((n: any) => n.banYears)).toEqual([1]);
    expect(await clock(c, 'CI-22.statement')).toEqual({ due_date: '2026-12-15', status: 'running' });
    expect(await clock(c, 'CI-22.hearingRequest')).toEqual({ due_date: '2026-12-15', status: 'running' });
    expect((await step(officer, c, 'decide_sanction', decision)).json.error).toMatchObject({ code: 'PRECONDITION_UNMET', requirement: 'statement_heard' });
    await ok(officer, c, 'record_statement', { kind: 'waived', on: '2026-12-08', text: '对重新告知的处理书面放弃陈述申辩' });
    await ok(officer, c, 'record_hearing_waiver', { on: '2026-12-08', statement: '对重新告知的处理书面声明不要求听证' });
    await ok(officer, c, 'decide_sanction', decision);
    expect((await sanctions(c)).map((x: any) => [x.ban_end, x.clause])).toEqual([['2028-12-08', 'CI-25.2']]);

    // A paper application recorded by staff on the day it came in (12/9): the decision period counts from it —
    // 60 days: 22 in December, 31 in January, 7 in February → 2027-02-07, a Sunday in the Spring Festival days off (2/5–2/8, provisional) → 2027-02-09.
    officer = await at('2026-12-10', 'cx_integrity');
    const recorded = await officer.send('POST', '/api/cases', { procedure: 'misconduct_review', start: 'record', input: { misconductCaseId: c, receivedOn: '2026-12-08', appliedOn: '2026-12-09', grounds: '单位法定代表人来函，申请复查处理决定，认为情节认定过重' } });
    expect(recorded.status).toBe(201);
    expect(recorded.json.data).toMatchObject({ recordedByStaff: true, appliedOn: '2026-12-09' });
    expect(await clock(recorded.json.id, 'CI-22.reviewDecision')).toEqual({ due_date: '2027-02-09', status: 'running' });
    await ok(officer, recorded.json.id, 'dismiss', { opinion: '来函未附单位授权，不能确认系被处理单位申请，不予受理' });
    expect((await clock(recorded.json.id, 'CI-22.reviewDecision')).status).toBe('stopped');
    // A dismissed application does not bar one the unit makes itself.
    const unitAdmin = await loginAs(t, 'unit_admin');
    const again = await unitAdmin.send('POST', '/api/cases', { procedure: 'misconduct_review', start: 'apply', input: { misconductCaseId: c, receivedOn: '2026-12-08', grounds: '认为抄袭部分已注明出处，情节认定过重，申请复查' } });
    expect(again.status).toBe(201);
    officer = await at('2026-12-20', 'cx_integrity');
    expect((await step(await loginAs(t, 'cx_business'), again.json.id, 'uphold', { opinion: '经复查，原处理决定认定事实清楚，处理适当' })).status).toBe(403);
    expect((await ok(officer, again.json.id, 'uphold', { opinion: '经复查，原处理决定认定事实清楚、处理适当，予以维持' })).state).toBe('upheld');
    expect((await sanctions(c)).map((x: any) => [x.ban_end, x.revoked_on])).toEqual([['2028-12-08', null]]);
    expect((await t.app.db.query<any>('SELECT count(*)::int AS n FROM sanction_corrections WHERE case_id = ANY($1::uuid[])', [[recorded.json.id, again.json.id]]))[0].n).toBe(0);
  });

  it('X-3 已载入的数据库启动时为原始政策版本补上新增参数（不改已有值），并记入审计', async () => {
    await t.app.db.query(`UPDATE policy_versions SET parameters = parameters - 'CI-22.hearingRequest.days' WHERE id = 'CI-2023'`);
    await seedPolicies(t.app.db, t.app);
    const [v] = await t.app.db.query<any>(`SELECT parameters FROM policy_versions WHERE id = 'CI-2023'`);
    expect(v.parameters['CI-22.hearingRequest.days'].value).toBe(5);
    const [a] = await t.app.db.query<any>(`SELECT after FROM audit_events WHERE action = 'policy.seed_complete' ORDER BY seq DESC LIMIT 1`);
    expect(a.after.parametersAdded).toEqual({ 'CI-2023': ['CI-22.hearingRequest.days'] });
    const n = async () => (await t.app.db.query<any>(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'policy.seed_complete'`))[0].n;
    const before = await n();
    await seedPolicies(t.app.db, t.app);
    expect(await n()).toBe(before);
  });
});
