/**
 * A rating takes effect after its comment window (a setting: 10 working days) and once every comment
 * is answered, on both databases: the subject comments, another cannot, the window closes on the
 * day after its last day, unanswered comments hold the rating back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../support/databases';
import { loginAs, startTestApp, type TestApp } from '../support/test-app';

const beijing = (d: string) => `${d}T02:00:00.000Z`;

describe.each(DB_KINDS)('信用评价的意见期与生效（%s）', (kind) => {
  let t: TestApp;
  let unit: { id: string };
  beforeAll(async () => {
    t = await startTestApp(kind);
    [unit] = await t.app.db.query<any>(`SELECT s.id FROM subjects s JOIN users u ON u.unit_id = s.id WHERE u.username = 'unit_admin'`);
  });
  afterAll(async () => { await t?.close(); });

  it('CI-15 被评价单位在意见期（10 个工作日：11/20 → 12/4）内提出意见，期满且意见均已答复后评价生效；他人不能提意见', async () => {
    t.clock.set(beijing('2026-11-20'));
    const integrity = await loginAs(t, 'cx_integrity');
    await integrity.send('POST', `/api/subjects/${unit.id}/ratings`, { subjectType: 'unit', year: 2026 });
    const [r] = await t.app.db.query<{ id: string }>(`SELECT id FROM ratings WHERE subject_id = $1 AND year = 2026 AND subject_type = 'unit'`, [unit.id]);
    let unitAdmin = await loginAs(t, 'unit_admin');
    const c = (await unitAdmin.get(`/api/ratings/${r.id}/comments`)).json;
    expect(c).toMatchObject({ windowUntil: '2026-12-04', windowOpen: true, mayComment: true, publishedAt: null });
    expect((await (await loginAs(t, 'researcher')).send('POST', `/api/ratings/${r.id}/comments`, { comment: '我认为评价有误，请复核' })).status).toBe(403);
    expect((await unitAdmin.send('POST', `/api/ratings/${r.id}/comments`, { comment: '2026 年逾期项目已获批准延期，请复核' })).status).toBe(201);
    t.clock.set(beijing('2026-12-04'));
    let officer = await loginAs(t, 'cx_integrity');
    expect((await officer.send('POST', '/api/ratings/publish', { year: 2026 })).json).toMatchObject({ published: 0 });
    unitAdmin = await loginAs(t, 'unit_admin');
    expect((await unitAdmin.send('POST', `/api/ratings/${r.id}/comments`, { comment: '补充：延期批复文号见附件' })).status).toBe(201);
    t.clock.set(beijing('2026-12-07'));
    unitAdmin = await loginAs(t, 'unit_admin');
    expect((await unitAdmin.send('POST', `/api/ratings/${r.id}/comments`, { comment: '再补充一条意见内容' })).json.error.message).toBe('意见期已于 2026-12-04 届满');
    officer = await loginAs(t, 'cx_integrity');
    const held = (await officer.send('POST', '/api/ratings/publish', { year: 2026 })).json;
    expect(held.waitingAnswers).toBeGreaterThanOrEqual(1);
    expect((await officer.get(`/api/ratings/${r.id}/comments`)).json.publishedAt).toBeNull();
    for (const item of (await officer.get(`/api/ratings/${r.id}/comments`)).json.items) {
      expect((await officer.send('POST', `/api/rating-comments/${item.id}/answer`, { answer: '经核，延期批复已计入，评价不变' })).status).toBe(200);
    }
    await officer.send('POST', '/api/ratings/publish', { year: 2026 });
    expect((await officer.get(`/api/ratings/${r.id}/comments`)).json.publishedAt).not.toBeNull();
  });
});
