/**
 * Every entry on the list has an end, on both databases (CI-27, CI-28 with the national credit-repair
 * rules, 国家发展改革委令2025年第36号): a life ban is listed and published for the serious tier's 36
 * months, the public page, the credit-platform export and the expiry sweep keep to that end, the ban
 * itself stays in force for the veto; rows listed before migration 0023 get their end on start,
 * audited, once; a database seeded by an earlier release gains the new policy document and parameters;
 * CI-22 keeps simple-procedure and minor corrected penalties off the public list and off the listing,
 * on every path.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../support/databases';
import { loginAs, startTestApp, type TestApp } from '../support/test-app';
import { decideMisconduct, listWithoutObjection, startBody, takeSteps } from '../support/cases';
import { backfillPublicationEnds } from '../../src/server/modules/integrity/publication-ends';
import { sweepExpiries } from '../../src/server/modules/integrity/sweep-expiries';
import { seedPolicies } from '../../src/server/modules/rules/policy-repo';

const beijing = (d: string) => `${d}T02:00:00.000Z`;

describe.each(DB_KINDS)('名单期限与公开期限（%s）', (kind) => {
  let t: TestApp;
  let person: { id: string; name: string; id_number_masked: string };
  let lifeCase: string;
  let listingId: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    // A researcher of 楚雄 (not the demo's researcher account), with no sanction yet.
    [person] = await t.app.db.query<any>(`SELECT s.id, s.name, s.id_number_masked FROM subjects s WHERE s.kind = 'person' AND s.region_code LIKE '5323%'
      AND NOT EXISTS (SELECT 1 FROM users u WHERE u.person_id = s.id) AND NOT EXISTS (SELECT 1 FROM sanctions x WHERE x.subject_id = s.id) ORDER BY s.name LIMIT 1`);
  });
  afterAll(async () => { await t?.close(); });
  const officer = (who = 'cx_integrity') => loginAs(t, who);
  const pub = async (q: string) => (await t.server.inject({ method: 'GET', url: `/api/public/sanctions?q=${encodeURIComponent(q)}` })).json();

  it('CI-25.4 CI-28 永久取消资格：列入名单和公开均以严重失信信息最长公示期 36 个月为限（2026-11-20 → 2029-11-20），次日起不再公开、移出名单；取消资格本身仍永久有效（CI-10）', async () => {
    t.clock.set(beijing('2026-11-20'));
    const c = await decideMisconduct(await officer(), person.id, { banYears: 'life' });
    lifeCase = c.id;
    const [x] = await t.app.db.query<any>('SELECT ban_end, ban_life, publication_tier, public_until FROM sanctions WHERE case_id = $1', [c.id]);
    expect(x).toEqual({ ban_end: null, ban_life: true, publication_tier: 'serious', public_until: '2029-11-20' });
    // Notified 2026-11-20, the 10-working-day window ends 2026-12-04, the meeting on Monday 2026-12-07.
    const l = await listWithoutObjection(t, () => officer('cx_business'), person.id, c.id, '2026-11-20', '2026-12-07');
    expect(l.state).toBe('listed');
    const [row] = await t.app.db.query<any>('SELECT id, until, public_until, end_basis FROM listings WHERE case_id = $1', [l.id]);
    listingId = row.id;
    expect([row.until, row.public_until]).toEqual(['2029-11-20', '2029-11-20']);
    expect(row.end_basis).toContain('永久取消资格');
    expect(row.end_basis).toContain('国家发展改革委令2025年第36号');
    // The public page: each entry names the deciding bureau, the decision's number and its basis; no ID number.
    const entries = (await pub(person.name)).items.filter((e: any) => e.name === person.name);
    expect(entries.map((e: any) => [e.clause, e.banUntil, e.banLife, e.publicUntil, e.removedOn]).sort()).toEqual([
      ['CI-25.4', null, true, '2029-11-20', '2029-11-21'], ['CI-27', '2029-11-20', false, '2029-11-20', '2029-11-21'],
    ]);
    for (const e of entries) {
      expect(e.decidedBy).toBe('楚雄州科学技术局');
      expect(e.decisionNo).toMatch(/^信处〔2026〕[0-9A-F]{8}号$/);
      expect(e.basis).toContain('《楚雄州科研诚信管理办法（试行）》（楚科规〔2022〕5号）');
    }
    expect(entries.find((e: any) => e.clause === 'CI-25.4').basis).toContain('第二十五条第（四）项');
    expect(entries.find((e: any) => e.clause === 'CI-27').basis).toContain('第二十七条');
    // The credit-platform export carries both ends.
    const sent = (await (await officer('cx_business')).get('/api/exports/credit-list?format=json')).json;
    expect(sent.items.find((e: any) => e.listingId === listingId)).toMatchObject({ until: '2029-11-20', publicUntil: '2029-11-20' });
    // The demo's own entries (decided before the test's day) end earlier: swept first, so what follows is this person's alone.
    t.clock.set(beijing('2029-11-19'));
    await sweepExpiries(t.app);
    // The last day: still published, still listed, nothing to sweep.
    t.clock.set(beijing('2029-11-20'));
    expect((await pub(person.name)).items.filter((e: any) => e.name === person.name)).toHaveLength(2);
    expect((await sweepExpiries(t.app)).filter((r) => r.listingId === listingId || r.sanctionId)).toEqual([]);
    // The day after: off the page, off the export, and the sweep records both removals once.
    t.clock.set(beijing('2029-11-21'));
    expect((await pub(person.name)).items.filter((e: any) => e.name === person.name)).toEqual([]);
    expect((await (await officer('cx_business')).get('/api/exports/credit-list?format=json')).json.items.map((e: any) => e.listingId)).not.toContain(listingId);
    const swept = await sweepExpiries(t.app);
    expect(swept.find((r) => r.listingId === listingId)).toEqual({ listingId, removedOn: '2029-11-21' });
    expect(swept.filter((r) => r.sanctionId).map((r) => r.removedOn)).toContain('2029-11-21');
    expect((await sweepExpiries(t.app)).find((r) => r.listingId === listingId)).toBeUndefined();
    const [{ removed_on }] = await t.app.db.query<any>('SELECT removed_on FROM listings WHERE id = $1', [listingId]);
    expect(removed_on).toBe('2029-11-21');
    // The ban is for life: the veto still applies (CI-10, CI-13).
    const [{ id_number_cipher }] = await t.app.db.query<any>('SELECT id_number_cipher FROM subjects WHERE id = $1', [person.id]);
    const veto = (await (await officer('cx_business')).send('POST', '/api/veto-check', { on: '2029-11-21', applicants: [{ ref: 'p', idNumber: t.app.cipher.decrypt(id_number_cipher), name: person.name }] })).json;
    expect(veto.results[0]).toMatchObject({ vetoed: true });
    expect(veto.results[0].reasons[0]).toContain('永久');
  });

  it('CI-28 迁移：迁移 0023 前列入的永久记录（until 为空）在启动时按国家规定补定期限，留痕，只做一次', async () => {
    // As an earlier release left it: no end on the listing, no publication end on the sanction.
    await t.app.db.query('UPDATE listings SET until = NULL, public_until = NULL, end_basis = NULL WHERE id = $1', [listingId]);
    await t.app.db.query('UPDATE sanctions SET publication_tier = NULL, public_until = NULL, publication_basis = NULL WHERE case_id = $1', [lifeCase]);
    const r = await backfillPublicationEnds(t.app);
    expect(r).toEqual({ sanctions: 1, listings: 1 });
    const [l] = await t.app.db.query<any>('SELECT until, public_until FROM listings WHERE id = $1', [listingId]);
    expect(l).toEqual({ until: '2029-11-20', public_until: '2029-11-20' });
    const [x] = await t.app.db.query<any>('SELECT publication_tier, public_until FROM sanctions WHERE case_id = $1', [lifeCase]);
    expect(x).toEqual({ publication_tier: 'serious', public_until: '2029-11-20' });
    const [a] = await t.app.db.query<any>(`SELECT before, after FROM audit_events WHERE action = 'listing.end_backfill' ORDER BY seq DESC LIMIT 1`);
    expect(a.before.openEnded).toEqual([listingId]);
    expect(a.after.listings).toEqual([{ listing: listingId, until: null, to: '2029-11-20', publicUntil: '2029-11-20' }]);
    expect(await backfillPublicationEnds(t.app)).toEqual({ sanctions: 0, listings: 0 });
  });

  it('X-3 早期数据库：启动时补载入新的政策文件（CR-2026）和原始版本缺少的参数，留痕；已有参数不改', async () => {
    await t.app.db.query(`DELETE FROM policy_versions WHERE id = 'CR-2026'`);
    await t.app.db.query(`UPDATE policy_versions SET parameters = (parameters - 'rating.activeA') || jsonb_build_object('CI-17.3.4.months', jsonb_build_object('value', 3, 'basis', '本局已登记的依据')) WHERE id = 'CI-2023'`);
    expect(await seedPolicies(t.app.db, t.app)).toBe(false);
    const rows = await t.app.db.query<any>(`SELECT id, parameters FROM policy_versions WHERE id IN ('CR-2026', 'CI-2023') ORDER BY id`);
    expect(rows.map((r: any) => r.id)).toEqual(['CI-2023', 'CR-2026']);
    expect(rows[0].parameters['rating.activeA'].basis).toContain('读法');
    expect(rows[0].parameters['CI-17.3.4.months'].basis).toBe('本局已登记的依据');
    const [a] = await t.app.db.query<any>(`SELECT after FROM audit_events WHERE action = 'policy.seed_complete' ORDER BY seq DESC LIMIT 1`);
    expect(a.after).toEqual({ versionsAdded: ['CR-2026'], parametersAdded: { 'CI-2023': ['rating.activeA'] } });
    expect(await seedPolicies(t.app.db, t.app)).toBe(false);
    const [{ n }] = await t.app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'policy.seed_complete'`);
    expect(n).toBe(1);
  });

  it('CI-22 简易程序作出的处罚：即使选择向社会公布也不公开；拟列入被拒绝（not_simple_or_minor），局办公会同意一步也拒绝，什么也不写', async () => {
    t.clock.set(beijing('2026-11-20'));
    const [other] = await t.app.db.query<any>(`SELECT s.id, s.name FROM subjects s WHERE s.kind = 'person' AND s.region_code LIKE '5323%' AND s.id <> $1
      AND NOT EXISTS (SELECT 1 FROM users u WHERE u.person_id = s.id) AND NOT EXISTS (SELECT 1 FROM sanctions x WHERE x.subject_id = s.id) ORDER BY s.name LIMIT 1`, [person.id]);
    const c = await decideMisconduct(await officer(), other.id, { severity: 'moderate', banYears: 2, simpleProcedure: true, publicDisclosure: true });
    const [x] = await t.app.db.query<any>('SELECT public_list, public_disclosure FROM sanctions WHERE case_id = $1', [c.id]);
    expect(x).toEqual({ public_list: false, public_disclosure: true });
    expect((await pub(other.name)).items.filter((e: any) => e.name === other.name)).toEqual([]);
    const business = await officer('cx_business');
    const count = async () => (await t.app.db.query<{ n: number }>(`SELECT (SELECT count(*) FROM cases WHERE procedure = 'listing')::int + (SELECT count(*) FROM listings)::int AS n`))[0].n;
    const before = await count();
    const refused = await business.send('POST', '/api/cases', startBody('listing', { subjectId: other.id, misconductCaseId: c.id, grounds: '拟列入失信惩戒名单' }));
    expect(refused.status).toBe(422);
    expect(refused.json.error).toMatchObject({ code: 'PRECONDITION_UNMET', requirement: 'not_simple_or_minor', clause: 'CI-22', field: 'misconductCaseId' });
    expect(refused.json.error.message).toContain('简易程序');
    expect(await count()).toBe(before);
    // A proposal that reached the office meeting by another path (e.g. recorded before the start refused it): the approval refuses too.
    const [{ id: user }] = await t.app.db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'cx_business'`);
    const id = randomUUID();
    await t.app.db.query(`INSERT INTO cases (id, procedure, state, jurisdiction_code, applicant_person_id, data, created_by, created_at, updated_at)
      VALUES ($1, 'listing', 'awaiting_meeting', '532300', $2, $3::jsonb, $4, now(), now())`, [id, other.id, JSON.stringify({ subjectId: other.id, misconductCaseId: c.id, grounds: '旧数据', history: [] }), user]);
    const audits = async () => (await t.app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events'))[0].n;
    const auditBefore = await audits();
    const approve = await business.send('POST', `/api/cases/${id}/steps/approve`, { version: 1, date: '2026-11-20', minutes: '局办公会研究同意列入' });
    expect(approve.status).toBe(422);
    expect(approve.json.error).toMatchObject({ code: 'PRECONDITION_UNMET', requirement: 'not_simple_or_minor', clause: 'CI-22', field: 'misconductCaseId' });
    expect((await t.app.db.query<any>('SELECT state, version FROM cases WHERE id = $1', [id]))[0]).toEqual({ state: 'awaiting_meeting', version: 1 });
    expect((await t.app.db.query('SELECT 1 FROM listings WHERE case_id = $1', [id])).length).toBe(0);
    expect(await audits()).toBe(auditBefore);
  });

  it('CI-22 CI-25.1 违法行为轻微且已主动纠正：不公开；情节较轻（轻微失信信息）即使选择公布也不公开（原则上不予公示）', async () => {
    const [other] = await t.app.db.query<any>(`SELECT s.id, s.name FROM subjects s WHERE s.kind = 'person' AND s.region_code LIKE '5323%'
      AND NOT EXISTS (SELECT 1 FROM users u WHERE u.person_id = s.id) AND NOT EXISTS (SELECT 1 FROM sanctions x WHERE x.subject_id = s.id) ORDER BY s.name LIMIT 1`);
    const c = await decideMisconduct(await officer(), other.id, { severity: 'minor', measures: ['integrity_talk'], banYears: null, publicDisclosure: true, minorAndCorrected: true });
    const [x] = await t.app.db.query<any>('SELECT public_list, publication_tier, public_until FROM sanctions WHERE case_id = $1', [c.id]);
    expect(x).toEqual({ public_list: false, publication_tier: 'minor', public_until: null });
    const [another] = await t.app.db.query<any>(`SELECT s.id, s.name FROM subjects s WHERE s.kind = 'person' AND s.region_code LIKE '5323%'
      AND NOT EXISTS (SELECT 1 FROM users u WHERE u.person_id = s.id) AND NOT EXISTS (SELECT 1 FROM sanctions x WHERE x.subject_id = s.id) ORDER BY s.name LIMIT 1`);
    const m = await decideMisconduct(await officer(), another.id, { severity: 'minor', measures: ['warning'], banYears: null, publicDisclosure: true });
    const [y] = await t.app.db.query<any>('SELECT public_list, publication_tier, public_until FROM sanctions WHERE case_id = $1', [m.id]);
    expect(y).toEqual({ public_list: true, publication_tier: 'minor', public_until: null });
    for (const who of [other.name, another.name]) expect((await pub(who)).items.filter((e: any) => e.name === who)).toEqual([]);
  });
});
