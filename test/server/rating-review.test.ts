/**
 * Correcting facts and the rating review (CI-5, CI-10, CI-15, CI-21) on both databases, dates worked
 * by hand on the 2026 calendar (no holidays in December; 2027-01-01 is New Year's Day):
 * - a rating computed on Friday 2026-11-20 has its comment window to 2026-12-04 (10 working days) and
 *   is published on Monday 2026-12-07;
 * - a finding withdrawn or corrected by the integrity section is kept, the ratings it counted in are
 *   recomputed and re-enter their comment window (from 2026-12-08: to 2026-12-22), their old level kept;
 * - a review may be asked until 15 working days after publication (2026-12-07 → 2026-12-28) and is
 *   decided within 20 working days (asked 2026-12-08 → 2027-01-06);
 * - the level a review decides is the one the veto and the spot checks read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../support/databases';
import { loginAs, startTestApp, type Client, type TestApp } from '../support/test-app';
import { takeSteps } from '../support/cases';

const beijing = (d: string) => `${d}T02:00:00.000Z`;

describe.each(DB_KINDS)('认定事实的更正与信用评价复核（%s）', (kind) => {
  let t: TestApp;
  let unit: { id: string; credit_code: string };
  let person: { id: string; name: string; id_number: string };
  let unitRating: string;
  let personRating: string;
  let cFinding: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    [unit] = await t.app.db.query<any>(`SELECT s.id, s.credit_code FROM subjects s JOIN users u ON u.unit_id = s.id WHERE u.username = 'unit_admin'`);
    const [p] = await t.app.db.query<any>(`SELECT s.id, s.name, s.id_number_cipher FROM subjects s JOIN users u ON u.person_id = s.id WHERE u.username = 'researcher'`);
    person = { id: p.id, name: p.name, id_number: t.app.cipher.decrypt(p.id_number_cipher) };
  });
  afterAll(async () => { await t?.close(); });
  const at = async (day: string, who: string): Promise<Client> => { t.clock.set(beijing(day)); return loginAs(t, who); };
  const veto = async (on: string, applicant: object) => (await (await loginAs(t, 'cx_business')).send('POST', '/api/veto-check', { on, applicants: [{ ref: 'x', ...applicant }] })).json.results[0];
  const start = (client: Client, ratingId: string, grounds = '评价所依据的认定事实有误，已提交相关证明材料') =>
    client.send('POST', '/api/cases', { procedure: 'rating_review', start: 'apply', input: { ratingId, grounds } });

  it('CI-15 CI-10 2025 年度评价：录入 C 级认定事实后计算为 C，意见期至 2026-12-04，2026-12-07 生效后否决', async () => {
    const officer = await at('2026-11-20', 'cx_integrity');
    const f = await officer.send('POST', '/api/findings', { subjectId: unit.id, subjectType: 'unit', clause: 'CI-16.4.3', factDate: '2025-06-01', description: '挪用项目经费 12 万元', sourceKind: 'audit_report', sourceDocument: '楚审〔2025〕18号' });
    expect(f.status).toBe(201);
    cFinding = f.json.id;
    const pf = await officer.send('POST', '/api/findings', { subjectId: person.id, subjectType: 'leader', clause: 'CI-17.4.4', factDate: '2025-05-10', description: '套取项目经费', sourceKind: 'audit_report', sourceDocument: '楚审〔2025〕19号' });
    expect(pf.status).toBe(201);
    expect((await officer.send('POST', `/api/subjects/${unit.id}/ratings`, { subjectType: 'unit', year: 2025 })).json.level).toBe('C');
    expect((await officer.send('POST', `/api/subjects/${person.id}/ratings`, { subjectType: 'leader', year: 2025 })).json.level).toBe('C');
    [{ id: unitRating }] = await t.app.db.query<any>(`SELECT id FROM ratings WHERE subject_id = $1 AND subject_type = 'unit' AND year = 2025`, [unit.id]);
    [{ id: personRating }] = await t.app.db.query<any>(`SELECT id FROM ratings WHERE subject_id = $1 AND subject_type = 'leader' AND year = 2025`, [person.id]);
    expect((await officer.get(`/api/ratings/${unitRating}/comments`)).json.windowUntil).toBe('2026-12-04');
    // Before publication the subject may only comment: a review is refused, naming the requirement.
    const early = await start(await loginAs(t, 'unit_admin'), unitRating);
    expect(early.status).toBe(422);
    expect(early.json.error).toMatchObject({ code: 'PRECONDITION_UNMET', requirement: 'rating_in_effect', clause: 'CI-15', field: 'ratingId' });
    const pub = await (await at('2026-12-07', 'cx_integrity')).send('POST', '/api/ratings/publish', { year: 2025 });
    expect(pub.json.published).toBeGreaterThanOrEqual(2);
    expect(await veto('2026-12-07', { creditCode: unit.credit_code })).toMatchObject({ vetoed: true, rating: { year: 2025, level: 'C' } });
  });

  it('CI-5 CI-15 更正认定事实：非诚信科、未写理由、未改任何内容、条款不适用的被拒绝且不写入；更正后原记录保留并指向新记录，评价重算为 B、重新进入意见期（2026-12-08 → 2026-12-22），原等级留存', async () => {
    const officer = await at('2026-12-08', 'cx_integrity');
    const state = async () => (await t.app.db.query<any>(`SELECT (SELECT count(*)::int FROM findings WHERE subject_id = $1) AS findings, (SELECT count(*)::int FROM findings WHERE id = $2 AND withdrawn_at IS NULL) AS live,
      (SELECT published_at IS NOT NULL FROM ratings WHERE id = $3) AS published, (SELECT count(*)::int FROM audit_events) AS audit`, [unit.id, cFinding, unitRating]))[0];
    const business = await loginAs(t, 'cx_business');
    const before = await state();
    expect((await business.send('POST', `/api/findings/${cFinding}/correct`, { reason: '审计结论已被撤销', clause: 'CI-16.3.2' })).status).toBe(403);
    const noReason = await officer.send('POST', `/api/findings/${cFinding}/correct`, { reason: '改', clause: 'CI-16.3.2' });
    expect([noReason.status, noReason.json.error.code, noReason.json.error.field]).toEqual([400, 'VALIDATION_FAILED', 'reason']);
    const nothing = await officer.send('POST', `/api/findings/${cFinding}/correct`, { reason: '审计结论已被撤销' });
    expect([nothing.status, nothing.json.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const wrong = await officer.send('POST', `/api/findings/${cFinding}/correct`, { reason: '审计结论已被撤销', clause: 'CI-17.3.6' });
    expect([wrong.status, wrong.json.error.code, wrong.json.error.field]).toEqual([422, 'INCONSISTENT', 'clause']);
    expect(await state()).toEqual(before);
    const ok = await officer.send('POST', `/api/findings/${cFinding}/correct`, { reason: '复审认定为督促追回经费不力，不属挪用', clause: 'CI-16.3.2', description: '督促追回经费不力' });
    expect(ok.status).toBe(201);
    // The 2025 rating, and any stored later one whose look-back reads 2025 findings (the demo's 2026 ratings), are recomputed.
    expect(ok.json.ratings).toContainEqual(expect.objectContaining({ ratingId: unitRating, year: 2025, before: 'C', after: 'B', wasPublished: true, commentUntil: '2026-12-22' }));
    expect(ok.json.ratings.map((r: any) => r.year).every((y: number) => y >= 2025 && y <= 2027)).toBe(true);
    const findings = (await officer.get(`/api/subjects/${unit.id}/findings`)).json.items;
    const old = findings.find((x: any) => x.id === cFinding);
    expect(old).toMatchObject({ clause: 'CI-16.4.3', withdrawn: true, supersededBy: ok.json.finding, withdrawnReason: '更正：复审认定为督促追回经费不力，不属挪用' });
    expect(findings.find((x: any) => x.id === ok.json.finding)).toMatchObject({ clause: 'CI-16.3.2', withdrawn: false, corrects: cFinding, sourceDocument: '楚审〔2025〕18号' });
    cFinding = ok.json.finding;
    const comments = (await (await loginAs(t, 'unit_admin')).get(`/api/ratings/${unitRating}/comments`)).json;
    expect(comments).toMatchObject({ windowUntil: '2026-12-22', windowOpen: true, publishedAt: null, mayComment: true });
    const rev = (await officer.get(`/api/ratings/${unitRating}/revisions`)).json.items;
    expect(rev).toEqual([expect.objectContaining({ cause: 'finding_corrected', findingId: cFinding, oldLevel: 'C', newLevel: 'B', newPublishedAt: null })]);
    expect(rev[0].oldPublishedAt).toMatch(/^2026-12-07/);
    // Back in its comment window, the rating is not in effect: the veto no longer reads the C.
    expect(await veto('2026-12-08', { creditCode: unit.credit_code })).toMatchObject({ vetoed: false });
    const [a] = await t.app.db.query<any>(`SELECT before, after FROM audit_events WHERE action = 'finding.correct' ORDER BY seq DESC LIMIT 1`);
    expect(a.before).toMatchObject({ clause: 'CI-16.4.3', description: '挪用项目经费 12 万元' });
    // Withdrawn and superseded, the old finding cannot be corrected again.
    const again = await officer.send('POST', `/api/findings/${old.id}/withdraw`, { reason: '重复操作的撤销' });
    expect([again.status, again.json.error.code]).toEqual([409, 'CASE_STATE']);
  });

  it('CI-15 复核申请：只有被评价主体本人可申请、须在生效后 15 个工作日内（至 2026-12-28）、同一评价不能重复申请；受理后诚信科 20 个工作日内决定（2026-12-08 → 2027-01-06）', async () => {
    // The unit administrator may see the unit's researcher's rating, but only the researcher asks for its review.
    const byUnit = await start(await at('2026-12-29', 'unit_admin'), personRating);
    expect(byUnit.json.error).toMatchObject({ code: 'PRECONDITION_UNMET', requirement: 'rated_subject', field: 'ratingId' });
    const late = await start(await at('2026-12-29', 'researcher'), personRating);
    expect(late.status).toBe(422);
    expect(late.json.error).toMatchObject({ code: 'PRECONDITION_UNMET', requirement: 'within_review_period', clause: 'CI-15' });
    expect((await (await at('2026-12-08', 'researcher')).get(`/api/ratings/${personRating}/comments`)).json).toMatchObject({ reviewUntil: '2026-12-28', mayRequestReview: true });
    const c = await start(await at('2026-12-08', 'researcher'), personRating);
    expect(c.status).toBe(201);
    expect(c.json).toMatchObject({ procedure: 'rating_review', state: 'applied' });
    expect(c.json.data).toMatchObject({ ratingId: personRating, levelAtStart: 'C', year: 2025 });
    const [k] = await t.app.db.query<any>(`SELECT due_date FROM deadline_clocks WHERE owner_id = $1 AND limit_id = 'CI-15.review'`, [c.json.id]);
    expect(k.due_date).toBe('2027-01-06');
    const twice = await start(await loginAs(t, 'researcher'), personRating);
    expect(twice.json.error).toMatchObject({ code: 'PRECONDITION_UNMET', requirement: 'no_open_review' });
    // Other staff see it in the integrity section's queue: the officer of the prefecture decides.
    const business = await loginAs(t, 'cx_business');
    const bad = await business.send('POST', `/api/cases/${c.json.id}/steps/maintain`, { version: c.json.version, reasons: '经复核，原评价事实清楚' });
    expect([bad.status, bad.json.error.code]).toEqual([403, 'FORBIDDEN']);
    const same = await (await loginAs(t, 'cx_integrity')).send('POST', `/api/cases/${c.json.id}/steps/change`, { version: c.json.version, level: 'C', reasons: '经复核认为评价等级应为 C 级' });
    expect([same.status, same.json.error.code, same.json.error.field]).toEqual([422, 'INCONSISTENT', 'level']);
  });

  it('CI-15 CI-10 复核以认定变更等级：C 改为 B，自原评价生效之日起以 B 计；原等级留存；否决不再以 C 否决', async () => {
    const officer = await at('2026-12-10', 'cx_integrity');
    const [{ id }] = await t.app.db.query<any>(`SELECT id FROM cases WHERE procedure = 'rating_review' AND state = 'applied'`);
    const done = await takeSteps(officer, id, [['change', { level: 'B', reasons: '经复核，套取经费的审计结论已被撤销，改为违规使用经费，评为一般失信' }]]);
    expect(done.state).toBe('changed');
    const [r] = await t.app.db.query<any>(`SELECT computed_level, determined_level, determined_reason, published_at FROM ratings WHERE id = $1`, [personRating]);
    expect([r.computed_level, r.determined_level]).toEqual(['C', 'B']);
    expect(r.determined_reason).toContain(id);
    expect(new Date(r.published_at).toISOString()).toMatch(/^2026-12-07/);
    const rev = (await officer.get(`/api/ratings/${personRating}/revisions`)).json.items;
    expect(rev).toEqual([expect.objectContaining({ cause: 'review', caseId: id, oldLevel: 'C', newLevel: 'B' })]);
    // Issue 16 H1: a person is checked by name and ID number together.
    expect(await veto('2026-12-07', { idNumber: person.id_number, name: person.name })).toMatchObject({ vetoed: false, rating: { year: 2025, level: 'B' } });
    const [a] = await t.app.db.query<any>(`SELECT after FROM audit_events WHERE action = 'rating.review_decide' ORDER BY seq DESC LIMIT 1`);
    expect(a.after).toMatchObject({ outcome: 'change', level: 'B', case: id, clause: 'CI-15' });
    expect((await officer.get(`/api/cases/${id}`)).json.facts.map((f: any) => f.label)).toEqual(['复核的评价', '申请复核的事实和理由', '复核决定']);
  });

  it('CI-15 CI-21 复核中撤销认定事实：评价按更正后的事实重算，复核决定按重算的等级生效（自原生效日起），随机抽查的分层读到它', async () => {
    // The unit's rating (B after the correction above) is published again once its new window has closed.
    const pub = await (await at('2026-12-23', 'cx_integrity')).send('POST', '/api/ratings/publish', { year: 2025 });
    expect(pub.json.published).toBe(1);
    const c = await start(await at('2026-12-24', 'unit_admin'), unitRating, '督促追回经费不力的认定与事实不符，经费已全部追回');
    expect(c.status).toBe(201);
    const officer = await loginAs(t, 'cx_integrity');
    const w = await officer.send('POST', `/api/findings/${cFinding}/withdraw`, { reason: '经复核，经费已按期全部追回，认定不成立' });
    expect(w.status).toBe(200);
    expect(w.json.ratings).toContainEqual(expect.objectContaining({ ratingId: unitRating, before: 'B', wasPublished: true }));
    const recomputed = w.json.ratings.find((r: any) => r.ratingId === unitRating).after;
    expect(recomputed).not.toBe('B');
    // Maintaining the reviewed level is refused now the facts changed it.
    const maintain = await officer.send('POST', `/api/cases/${c.json.id}/steps/maintain`, { version: c.json.version, reasons: '经复核维持原评价等级' });
    expect([maintain.status, maintain.json.error.code]).toEqual([422, 'INCONSISTENT']);
    expect((await t.app.db.query<any>('SELECT state FROM cases WHERE id = $1', [c.json.id]))[0].state).toBe('applied');
    const done = await takeSteps(officer, c.json.id, [['change', { level: recomputed, reasons: '经复核撤销督促追回经费不力的认定，按更正后的事实评价' }]]);
    expect(done.state).toBe('changed');
    const [r] = await t.app.db.query<any>(`SELECT computed_level, determined_level, published_at FROM ratings WHERE id = $1`, [unitRating]);
    expect([r.computed_level, r.determined_level]).toEqual([recomputed, null]);
    expect(new Date(r.published_at).toISOString()).toMatch(/^2026-12-2[23]/);
    const draw = await (await loginAs(t, 'cx_business')).send('POST', '/api/spot-checks', { title: '复核后抽查', baseRatio: 0.2, inspectorsPerProject: 1, seed: 'review-2026' });
    const mine = draw.json.input.projects.filter((p: any) => p.unitId === unit.credit_code);
    expect(mine.length).toBeGreaterThan(0);
    for (const p of mine) expect(p.level).toBe(recomputed);
    expect(await veto('2026-12-24', { creditCode: unit.credit_code })).toMatchObject({ vetoed: false, rating: { year: 2025, level: recomputed } });
  });
});
