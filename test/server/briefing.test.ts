/**
 * 统计简报 (YT-12), on both databases: the figures of a period and a region, counted from rows made
 * here — tolerance applications received and decided by outcome (YT-6, YT-5), corrections (YT-9.1),
 * sanctions by severity (CI-25), listings (CI-27), external records (CI-13) — only the region and those
 * below it, only the period; the DOCX says the same; a region outside the caller's scope is 404.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../support/databases';
import { docxText } from '../support/documents';
import { loginAs, startTestApp, type TestApp } from '../support/test-app';
import { decideMisconduct } from '../support/cases';

describe.each(DB_KINDS)('统计简报 YT-12（%s）', (kind) => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(kind); });
  afterAll(async () => { await t?.close(); });

  /** A case row as the procedures leave it, received at `at` (an instant; the day counted is Beijing's). */
  const caseRow = async (procedure: string, region: string, at: string, data: Record<string, unknown> = {}) => {
    const [u] = await t.app.db.query<any>(`SELECT id FROM users WHERE username = 'cx_business'`);
    await t.app.db.query(`INSERT INTO cases (id, procedure, state, jurisdiction_code, data, created_by, created_at, updated_at) VALUES ($1, $2, 'decided', $3, $4::jsonb, $5, $6, $6)`,
      [randomUUID(), procedure, region, JSON.stringify(data), u.id, at]);
  };
  const decision = (outcome: string, date: string) => ({ decision: { outcome, circumstances: [], reasons: '经审议', deliberation: { date, members: ['甲', '乙', '丙'], method: 'vote', minutes: '审议' } } });

  it('YT-12 期间和区划内的件数：受理与按结果的认定、纠错、失信处理按情节、列入名单、外部记录；区划外与期间外的不计；简报 DOCX 同此', async () => {
    t.clock.set('2030-03-10T02:00:00.000Z');
    // In 楚雄州 and below, in March 2030: received 4 (one at 2030-02-28T16:30Z, 00:30 on 2030-03-01 in Beijing; one not yet decided), decided 4.
    await caseRow('tolerance', '532300', '2030-03-02T01:00:00Z', decision('exempt', '2030-03-05'));
    await caseRow('tolerance', '532301', '2030-02-28T16:30:00Z', decision('exempt', '2030-03-06'));
    await caseRow('tolerance', '532300', '2030-03-03T01:00:00Z', decision('not_tolerated', '2030-03-07'));
    // Received in February (Beijing 2030-02-28 23:59), decided in March: decided counts, received does not.
    await caseRow('tolerance', '532300', '2030-02-28T15:59:00Z', decision('lighter', '2030-03-08'));
    // Received in March, not decided yet.
    await caseRow('tolerance', '532301', '2030-03-09T01:00:00Z');
    // Not counted: 昆明 (another prefecture), and a decision in April.
    await caseRow('tolerance', '530100', '2030-03-02T01:00:00Z', decision('exempt', '2030-03-05'));
    await caseRow('tolerance', '532300', '2030-04-01T01:00:00Z', decision('exempt', '2030-04-02'));
    await caseRow('correction', '532300', '2030-03-05T01:00:00Z');
    await caseRow('correction', '530100', '2030-03-05T01:00:00Z');
    const [p] = await t.app.db.query<any>(`SELECT s.id FROM subjects s WHERE s.kind = 'person' AND s.region_code LIKE '5323%' AND NOT EXISTS (SELECT 1 FROM sanctions x WHERE x.subject_id = s.id) ORDER BY s.name LIMIT 1`);
    await decideMisconduct(await loginAs(t, 'cx_integrity'), p.id, { decidedOn: '2030-03-10', conductDate: '2029-06-01', banYears: 5 });

    const officer = await loginAs(t, 'cx_integrity');
    const r = await officer.get('/api/briefings/yt12?regionCode=532300&from=2030-03-01&to=2030-03-31');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ regionCode: '532300', regionName: '楚雄彝族自治州', from: '2030-03-01', to: '2030-03-31',
      toleranceReceived: 4, toleranceDecided: { exempt: 2, not_tolerated: 1, lighter: 1 }, correctionsStarted: 1, sanctions: { grave: 1 }, listings: 0, externalRecords: 0 });
    expect(Object.keys(r.json.toleranceDecided).sort()).toEqual(['exempt', 'lighter', 'not_tolerated']);
    // The county alone (楚雄市 532301): the two received there, the one decided there.
    const county = (await officer.get('/api/briefings/yt12?regionCode=532301&from=2030-03-01&to=2030-03-31')).json;
    expect(county).toMatchObject({ toleranceReceived: 2, toleranceDecided: { exempt: 1 }, correctionsStarted: 0, sanctions: {} });

    const doc = await officer.get('/api/briefings/yt12?regionCode=532300&from=2030-03-01&to=2030-03-31&format=docx');
    expect(doc.status).toBe(200);
    expect(doc.headers['content-type']).toContain('wordprocessingml');
    const text = docxText(doc.raw);
    expect(text).toContain('统计期间：2030-03-01至2030-03-31');
    expect(text).toContain('本期受理容错免责申请 4 件');
    expect(text).toContain('作出认定 4 件，其中免除责任 2 件，从轻处理 1 件，减轻处理 0 件，不予容错 1 件');
    expect(text).toContain('本期启动纠错程序 1 件');
    expect(text).toContain('本期作出处理决定 1 件，其中情节较轻 0 件，情节较重 0 件，情节严重 0 件，情节特别严重 1 件');
    expect(text).toContain('省科技领导小组、省纪委省监委');
    const [audit] = await t.app.db.query<any>(`SELECT actor_role, object_id, after FROM audit_events WHERE action = 'briefing.generate' ORDER BY seq DESC LIMIT 1`);
    expect(audit).toMatchObject({ actor_role: 'integrity_officer', object_id: '532300', after: { toleranceReceived: 4, clause: 'YT-12' } });
  });

  it('YT-12 数据范围：本人范围外的区划答复 404；无权限的角色 403；截止日早于起始日拒绝并指出字段', async () => {
    const officer = await loginAs(t, 'cx_integrity');
    const out = await officer.get('/api/briefings/yt12?regionCode=530100&from=2030-03-01&to=2030-03-31');
    expect(out.status).toBe(404);
    expect(out.json.error.field).toBe('regionCode');
    expect((await officer.get('/api/briefings/yt12?regionCode=530000&from=2030-03-01&to=2030-03-31')).status).toBe(404);
    expect((await (await loginAs(t, 'researcher')).get('/api/briefings/yt12?regionCode=532300&from=2030-03-01&to=2030-03-31')).status).toBe(403);
    const bad = await officer.get('/api/briefings/yt12?regionCode=532300&from=2030-03-31&to=2030-03-01');
    expect(bad.json.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'to' });
  });
});
