/**
 * The home page's reminders (issue 21) on both databases: 63 reminders for one officer merge into 7
 * rows (same case, kind and due date → one row with its count; caseless ones of different titles stay
 * apart), in the order of their due dates and kinds, paged on the server, counted at the top (unread,
 * due this week — Friday 2026-11-20 to Sunday 2026-11-22 — and overdue); marked read in bulk in one
 * request and one audited transaction, and another user's ids change nothing of theirs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseNumber } from '../../src/core/documents/templates';
import { notify } from '../../src/server/modules/notifications/notify';
import { DB_KINDS } from '../support/databases';
import { loginAs, startTestApp, TEST_NOW, type Client, type TestApp } from '../support/test-app';

describe.each(DB_KINDS)('工作台提醒：合并、分组、分页、批量已读（%s）', (kind) => {
  let t: TestApp;
  let officer: Client;
  let other: Client;
  let officerId: string;
  let otherId: string;
  let caseA: string;
  let caseB: string;
  const at = (minutes: number) => t.clock.set(new Date(Date.parse(TEST_NOW) + minutes * 60_000).toISOString());
  const tell = async (userId: string, times: number, m: { kind: string; title: string; caseId?: string | null; dueOn: string }) => {
    for (let i = 0; i < times; i++) await t.app.db.transaction((tx) => notify(tx, t.app, { userIds: [userId] }, { ...m, body: `${m.title}（第 ${i + 1} 次）` }));
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    officer = await loginAs(t, 'cx_business');
    other = await loginAs(t, 'cx_integrity');
    [{ id: officerId }] = await t.app.db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'cx_business'`);
    [{ id: otherId }] = await t.app.db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'cx_integrity'`);
    // Two cases of the demo bureau the officer sees.
    [{ id: caseA }, { id: caseB }] = await t.app.db.query<{ id: string }>(`SELECT id FROM cases WHERE procedure = 'tolerance' AND jurisdiction_code = '532300' ORDER BY created_at, id LIMIT 2`);
    // Only the reminders this test makes: the officer's list starts empty.
    await t.app.db.query('DELETE FROM mail_outbox WHERE notification_id IN (SELECT id FROM notifications WHERE user_id = ANY($1::uuid[]))', [[officerId, otherId]]);
    await t.app.db.query('DELETE FROM notifications WHERE user_id = ANY($1::uuid[])', [[officerId, otherId]]);
    try {
      at(1); await tell(officerId, 25, { kind: 'before_1', title: '办理时限明日到期：作出决定', caseId: caseA, dueOn: '2026-11-21' });
      at(2); await tell(officerId, 20, { kind: 'overdue', title: '办理时限已逾期：受理审查', caseId: caseA, dueOn: '2026-11-18' });
      at(3); await tell(officerId, 10, { kind: 'before_3', title: '办理时限将到期：补正材料', caseId: caseB, dueOn: '2026-11-25' });
      at(4); await tell(officerId, 5, { kind: 'before_1', title: '办理时限明日到期：调查', caseId: caseB, dueOn: '2026-11-21' });
      for (const [i, code] of ['XM-1', 'XM-2', 'XM-3'].entries()) { at(5 + i); await tell(officerId, 1, { kind: 'milestone_approaching', title: `项目节点将到期：${code}`, dueOn: '2026-11-22' }); }
      at(10); await tell(otherId, 2, { kind: 'before_1', title: '办理时限明日到期：诚信科', caseId: caseA, dueOn: '2026-11-21' });
    } finally { t.clock.set(TEST_NOW); }
  }, 180_000);
  afterAll(async () => { await t?.close(); });

  const page = async (c: Client, q: string) => (await c.get(`/api/reminders${q}`)).json;

  it('63 条提醒合并为 7 条：同一案件、同类、同一到期日的合为一条并计数；按到期日、类别排列，服务器分页（每页 3 条）；顶部计数：未读 7、本周到期 5、已逾期 1', async () => {
    const p1 = await page(officer, '?pageSize=3');
    expect(p1.total).toBe(7);
    expect(p1.counts).toEqual({ unread: 7, dueThisWeek: 5, overdue: 1 });
    const row = (x: any) => [x.dueOn, x.kind, x.kindLabel, x.title, x.count, x.unread, x.case?.caseNo ?? null, x.overdue];
    expect(p1.items.map(row)).toEqual([
      ['2026-11-18', 'overdue', '办理时限已逾期', '办理时限已逾期：受理审查', 20, 20, caseNumber(caseA), true],
      ['2026-11-21', 'before_1', '办理时限明日到期', '办理时限明日到期：调查', 5, 5, caseNumber(caseB), false],
      ['2026-11-21', 'before_1', '办理时限明日到期', '办理时限明日到期：作出决定', 25, 25, caseNumber(caseA), false],
    ]);
    expect(p1.items[0].case).toEqual({ id: caseA, title: expect.stringMatching(/[\u4e00-\u9fff]/), caseNo: caseNumber(caseA) });
    expect(p1.items[0].ids).toHaveLength(20);
    const p2 = await page(officer, '?pageSize=3&page=2');
    expect(p2.items.map(row)).toEqual(['XM-3', 'XM-2', 'XM-1'].map((c) => ['2026-11-22', 'milestone_approaching', '项目节点将到期', `项目节点将到期：${c}`, 1, 1, null, false]));
    const p3 = await page(officer, '?pageSize=3&page=3');
    expect(p3.items.map(row)).toEqual([['2026-11-25', 'before_3', '办理时限将到期', '办理时限将到期：补正材料', 10, 10, caseNumber(caseB), false]]);
    expect((await page(officer, '?pageSize=3&page=4')).total).toBe(7);
  });

  it('他人的提醒编号：批量标记已读时一条也不改（本人的照改），答复只数本人的', async () => {
    const mine = (await page(officer, '?pageSize=20')).items;
    const victim = mine.find((x: any) => x.kind === 'before_3');
    const own = (await page(other, '')).items[0];
    const r = await other.send('POST', '/api/notifications/read', { ids: [...victim.ids, ...own.ids] });
    expect([r.status, r.json.updated]).toEqual([200, 2]);
    const [{ n }] = await t.app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM notifications WHERE id = ANY($1::uuid[]) AND read_at IS NULL', [victim.ids]);
    expect(n).toBe(10);
    expect((await page(officer, '?pageSize=20')).counts).toEqual({ unread: 7, dueThisWeek: 5, overdue: 1 });
    const bad = await other.send('POST', '/api/notifications/read', { ids: ['不是编号'] });
    expect([bad.status, bad.json.error.code, bad.json.error.field]).toEqual([400, 'VALIDATION_FAILED', 'ids/0']);
  });

  it('选中两条（45 条提醒）一次标记已读：一个请求、一条审计记录；计数变为未读 5、本周到期 4、已逾期 0；“全部”里仍有，未读为 0', async () => {
    const items = (await page(officer, '?pageSize=20')).items;
    const chosen = items.filter((x: any) => x.case?.id === caseA);
    expect(chosen.map((x: any) => x.count)).toEqual([20, 25]);
    const [{ seq: before }] = await t.app.db.query<{ seq: number }>('SELECT coalesce(max(seq), 0)::int AS seq FROM audit_events');
    const r = await officer.send('POST', '/api/notifications/read', { ids: chosen.flatMap((x: any) => x.ids) });
    expect([r.status, r.json.updated]).toEqual([200, 45]);
    const events = await t.app.db.query<{ action: string; actor_user_id: string; after: any }>('SELECT action, actor_user_id, after FROM audit_events WHERE seq > $1 ORDER BY seq', [before]);
    expect(events.map((e) => [e.action, e.actor_user_id, e.after.asked, e.after.marked])).toEqual([['notification.read_many', officerId, 45, 45]]);
    const now = await page(officer, '?pageSize=20');
    expect([now.total, now.counts]).toEqual([5, { unread: 5, dueThisWeek: 4, overdue: 0 }]);
    const all = await page(officer, '?status=all&pageSize=20');
    expect(all.total).toBe(7);
    expect(all.items.filter((x: any) => x.case?.id === caseA).map((x: any) => [x.count, x.unread])).toEqual([[20, 0], [25, 0]]);
    // Sent again: nothing left to mark.
    expect((await officer.send('POST', '/api/notifications/read', { ids: chosen.flatMap((x: any) => x.ids) })).json.updated).toBe(0);
  });
});
