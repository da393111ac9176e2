/**
 * The officer's work queue at scale (issue 7) on both databases: every case carries the due date of its
 * nearest open clock, kept by the database whenever clocks are written (one at a time or in bulk), the
 * queue is sorted by it, and a page is read through an index, never by scanning the case table (EXPLAIN).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from '../../src/server/db/database';
import { openDeadlineIn } from '../../src/server/modules/deadlines/open-deadline';
import { listWorkQueue } from '../../src/server/modules/cases/work-queue';
import { DB_KINDS } from '../support/databases';
import { loginAs, startTestApp, type TestApp } from '../support/test-app';

const TODAY = '2026-11-20';

describe.each(DB_KINDS)('工作台待办案件（%s）', (kind) => {
  let t: TestApp;
  let caseId: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    const [{ id: user }] = await t.app.db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'cx_business'`);
    [{ id: caseId }] = await t.app.db.query<{ id: string }>(`INSERT INTO cases (id, procedure, state, jurisdiction_code, data, created_by, created_at, updated_at)
      VALUES (md5('queue-case')::uuid, 'tolerance', 'investigating', '532300', '{}'::jsonb, $1, now(), now()) RETURNING id`, [user]);
  });
  afterAll(async () => { await t?.close(); });

  const nextDue = async () => (await t.app.db.query<{ next_due: string | null }>('SELECT next_due FROM cases WHERE id = $1', [caseId]))[0].next_due;

  it('YT-6.2 YT-6.3 案件的最近到期日随计时开启、停止、批量重算而更新', async () => {
    expect(await nextDue()).toBeNull();
    await t.app.db.transaction(async (tx) => {
      // From Friday 2026-11-20: YT-6.2 (7 working days) is due Tuesday 12-01; YT-6.3 (14) Thursday 12-10.
      for (const limitId of ['YT-6.3', 'YT-6.2']) {
        await openDeadlineIn(t.app, tx, null, { limitId, ownerType: 'case', ownerId: caseId, title: '容错免责', jurisdictionCode: '532300', startDate: TODAY });
      }
    });
    expect(await nextDue()).toBe('2026-12-01');
    await t.app.db.query(`UPDATE deadline_clocks SET status = 'stopped', stopped_date = $2 WHERE owner_id = $1 AND limit_id = 'YT-6.2'`, [caseId, TODAY]);
    expect(await nextDue()).toBe('2026-12-10');
    // One statement moving several clocks (as a holiday notice does) moves every case it touches.
    await t.app.db.query(`UPDATE deadline_clocks SET due_date = due_date + 3 WHERE owner_type = 'case' AND owner_id = $1`, [caseId]);
    expect(await nextDue()).toBe('2026-12-13');
    await t.app.db.query(`UPDATE deadline_clocks SET status = 'stopped', stopped_date = $2 WHERE owner_id = $1`, [caseId, TODAY]);
    expect(await nextDue()).toBeNull();
  });

  it('YT-6.3 待办按最近到期日排序，逾期的在前', async () => {
    const officer = await loginAs(t, 'cx_business');
    const r = await officer.get('/api/cases?pageSize=100');
    expect(r.status).toBe(200);
    const dues = r.json.items.map((i: { nextDue: string | null }) => i.nextDue);
    const dated = dues.filter((d: string | null) => d !== null);
    expect(dated.length).toBeGreaterThan(0);
    expect(dated).toEqual([...dated].sort());
    expect(dues.slice(dated.length).every((d: string | null) => d === null)).toBe(true);
    for (const i of r.json.items) expect(i.overdue).toBe(i.nextDue !== null && i.nextDue < TODAY);
  });

  it('待办行的摘要与案件页相同，而行只取摘要所读的数据字段（issue 17：不带整份案件数据）', async () => {
    const officer = await loginAs(t, 'cx_integrity');
    const business = await loginAs(t, 'cx_business');
    const items = [...(await officer.get('/api/cases?pageSize=100')).json.items, ...(await business.get('/api/cases?pageSize=100')).json.items];
    const summarised = items.filter((i: { summary: string | null }) => i.summary);
    expect(summarised.length).toBeGreaterThan(3);
    for (const i of summarised) {
      const page = await (i.family === 'integrity' ? officer : business).get(`/api/cases/${i.id}`);
      expect(page.json.summary, i.procedure).toBe(i.summary);
      expect(i).not.toHaveProperty('data');
    }
    const { rows } = await listWorkQueue(t.app.db, { kind: 'regions', codes: t.app.regions.subtree('532300') }, { procedure: 'tolerance' }, TODAY, 1, 20);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(Object.keys(r.data).sort()).toEqual(['failure']);
  });

  it('工作台一页由索引读出，不扫描整张案件表（EXPLAIN，禁用顺序扫描时仍须走索引）', async () => {
    const seen: { text: string; params: readonly unknown[] }[] = [];
    const spy: Sql = { query: async (text, params = []) => { seen.push({ text, params: [...params] }); return t.app.db.query(text, params); } };
    await listWorkQueue(spy, { kind: 'regions', codes: t.app.regions.subtree('532300') }, { state: 'investigating' }, TODAY, 1, 20);
    await listWorkQueue(spy, { kind: 'regions', codes: ['532301'] }, { state: 'accepted', overdue: true }, TODAY, 1, 20);
    const plans = await t.app.db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      return Promise.all(seen.map(async (s) => (await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${s.text}`, s.params)).map((r) => r['QUERY PLAN']).join('\n')));
    });
    expect(plans).toHaveLength(2);
    for (const plan of plans) {
      expect(plan).toMatch(/cases_(state_next_due|jurisdiction_state_due)_idx/);
      expect(plan).not.toMatch(/Seq Scan on cases\b/);
    }
  });
});
