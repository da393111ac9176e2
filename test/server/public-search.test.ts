/**
 * The public list's search (CI-25.4, CI-27; migration 0016) on both databases: a name fragment of two
 * characters or more is found wherever it sits in the name, ASCII case aside; characters that are
 * all in the name but not in one run are not a match; and the search is served by the bigram index,
 * never by reading the whole list (EXPLAIN).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from '../../src/server/db/database';
import { publicList } from '../../src/server/modules/integrity/public-list';
import { DB_KINDS } from '../support/databases';
import { startTestApp, type TestApp } from '../support/test-app';

const TODAY = '2026-11-20';

describe.each(DB_KINDS)('公开名单检索（%s）', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
    const [{ id: user }] = await t.app.db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'cx_integrity'`);
    const now = `'${TODAY}T00:00:00Z'::timestamptz`;
    await t.app.db.query(`INSERT INTO cases (id, procedure, state, jurisdiction_code, data, created_by, created_at, updated_at)
      VALUES (md5('search-case')::uuid, 'misconduct', 'decided', '532300', '{}'::jsonb, $1, ${now}, ${now})`, [user]);
    // Two units and a sanction on each, published on TODAY (a serious tier: published 36 months from 2026-06-01, CR).
    for (const [key, name, code] of [['a', '楚雄Kexin检索测试科技有限公司', '91532301MA0SEARCH1'], ['b', '双柏测绘检验所', '91532322MA0SEARCH2']]) {
      await t.app.db.query(`INSERT INTO subjects (id, kind, org_type, name, credit_code, region_code, created_at, updated_at)
        VALUES (md5($1)::uuid, 'organization', 'undertaking_unit', $2, $3, '532301', ${now}, ${now})`, [`search-${key}`, name, code]);
      await t.app.db.query(`INSERT INTO sanctions (id, case_id, subject_id, misconduct_kind, severity, measures, conduct_date, filed_date, decided_date, ban_years, ban_start, ban_end,
          public_disclosure, public_list, policy_version_id, clause, created_at, publication_tier, public_until)
        VALUES (md5($1)::uuid, md5('search-case')::uuid, md5($2)::uuid, 'fabrication', 'grave', ARRAY['ban'], '2026-01-05', '2026-03-02', '2026-06-01', 5, '2026-06-01', '2031-05-31',
          true, true, 'CI-2023', 'CI-25.4', ${now}, 'serious', '2029-06-01')`, [`search-sanction-${key}`, `search-${key}`]);
    }
  });
  afterAll(async () => { await t?.close(); });

  const names = async (q: string) => (await publicList(t.app.db, TODAY, q, 1, 20)).items.map((e) => e.name);

  it('CI-25.4 名称任意位置的两个字以上片段都能检出，英文不分大小写；字都在但不相连的不算', async () => {
    expect(await names('检索测试')).toEqual(['楚雄Kexin检索测试科技有限公司']);
    expect(await names('雄K')).toEqual(['楚雄Kexin检索测试科技有限公司']);
    expect(await names('kexin')).toEqual(['楚雄Kexin检索测试科技有限公司']);
    expect(await names('有限公司')).toContain('楚雄Kexin检索测试科技有限公司');
    // 检验 and 测绘 are both pairs of 双柏测绘检验所, 测检 is not a run of it.
    expect(await names('测检')).toEqual([]);
    expect(await names('91532322ma0search2')).toEqual(['双柏测绘检验所']);
  });

  it('CI-25.4 检索由双字索引完成，不读整张名单（EXPLAIN，禁用顺序扫描时仍须走索引）', async () => {
    // Capture the statements the search runs, then ask the planner how it would run them with
    // sequential scans priced out: a predicate the index cannot serve would still scan the table.
    const seen: { text: string; params: readonly unknown[] }[] = [];
    const spy: Sql = { query: async (text, params = []) => { seen.push({ text, params }); return t.app.db.query(text, params); } };
    await publicList(spy, TODAY, '检索测试', 1, 20);
    const plans = await t.app.db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      return Promise.all(seen.map(async (s) => (await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${s.text}`, s.params)).map((r) => r['QUERY PLAN']).join('\n')));
    });
    expect(plans.join('\n')).toContain('subjects_name_bigrams_idx');
    expect(plans.join('\n')).not.toMatch(/Seq Scan on (subjects|sanctions)\b/);
  });
});
