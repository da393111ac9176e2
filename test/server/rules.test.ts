import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandResult, rate } from '../../src/core/rating/rate';
import { loadFacts } from '../../src/server/modules/rules/rating-facts';
import { ratingJurisdiction, regionPathOf } from '../../src/server/modules/rules/store-rating';
import { SUBJECT_TYPES } from '../../src/core/rating/criteria';
import { DB_KINDS } from '../support/databases';
import { loginAs, startTestApp, TEST_NOW, type TestApp } from '../support/test-app';

describe.each(DB_KINDS)('信用评价（%s）', (kind) => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(kind); });
  afterAll(async () => { await t?.close(); });
  const one = async <T>(sql: string, p: unknown[] = []) => (await t.app.db.query<T>(sql, p))[0];

  it.each(SUBJECT_TYPES)('CI-15 年度批量评价（按主体顺序流式读取事实）的 %s 结果与逐个读取事实后规则引擎的计算一致，并保存解释和适用的政策版本', async (type) => {
    const rows = await t.app.db.query<any>(`SELECT r.*, s.region_code AS s_region FROM ratings r JOIN subjects s ON s.id = r.subject_id WHERE r.year = 2025 AND r.subject_type = $1`, [type]);
    const [{ n }] = await t.app.db.query<{ n: number }>('SELECT count(*) AS n FROM subjects');
    expect(rows.length).toBeGreaterThan(type === 'unit' || type === 'leader' ? 40 : 2);
    // The batch read every subject's facts through sorted cursors; here each is read on its own.
    const facts = await loadFacts(t.app.db, type, rows.map((r) => r.subject_id), 2025);
    let withFacts = 0;
    for (const r of rows) {
      const f = facts.get(r.subject_id)!;
      if (f.projects.length + f.findings.length > 0) withFacts++;
      const again = rate({ subjectType: type, year: 2025, regionPath: regionPathOf(t.app, ratingJurisdiction(t.app, r.s_region)), ...f });
      expect([r.subject_id, r.computed_level, r.clauses]).toEqual([r.subject_id, again.level, again.clauses]);
      // Stored compactly; the explanation is rebuilt from the stored facts and is the same as a fresh one.
      expect(expandResult(r.result, t.app.policies.registry).explanation).toBe(again.explanation);
      expect(r.policy_version_id).toBe('CI-2023');
    }
    expect(withFacts).toBeGreaterThan(0);
    expect(n).toBeGreaterThan(rows.length);
  });

  it('X-1 容错免责的项目列在评价结果的“不计入”说明中，不计入逾期', async () => {
    const [p] = await t.app.db.query<any>('SELECT code, undertaking_unit_id FROM projects WHERE exempted_on IS NOT NULL');
    const r = await one<any>(`SELECT result FROM ratings WHERE subject_id = $1 AND subject_type = 'unit' AND year = 2025`, [p.undertaking_unit_id]);
    expect(r.result.ignoredAsExempted.join()).toContain(p.code);
    expect(JSON.stringify(r.result.fired)).not.toContain(p.code);
  });

  it('CI-16.3.2 CI-5 录入认定事实（注明来源文件）后重新评价为B级；条款不适用于该类主体、或为计算得出的条款时拒绝', async () => {
    const unit = await one<any>(`SELECT r.subject_id FROM ratings r WHERE r.year = 2025 AND r.subject_type = 'unit' AND r.computed_level = 'A' LIMIT 1`);
    const c = await loginAs(t, 'cx_integrity');
    const base = { subjectId: unit.subject_id, subjectType: 'unit', factDate: '2025-07-01', description: '缓拨经费三个月', sourceKind: 'investigation', sourceDocument: '调查报告（测试）' };
    const wrong = await c.send('POST', '/api/findings', { ...base, clause: 'CI-17.4.2' });
    expect(wrong.status).toBe(422);
    expect(wrong.json.error).toMatchObject({ code: 'INCONSISTENT', field: 'clause' });
    expect(wrong.json.error.message).toContain('不适用于项目承担单位');
    const derived = await c.send('POST', '/api/findings', { ...base, clause: 'CI-16.3.1' });
    expect(derived.json.error.message).toContain('由项目数据计算得出');
    const noSource = await c.send('POST', '/api/findings', { ...base, clause: 'CI-16.3.2', sourceDocument: '' });
    expect(noSource.status).toBe(400);
    expect((await c.send('POST', '/api/findings', { ...base, clause: 'CI-16.3.2' })).status).toBe(201);
    const rated = await c.send('POST', `/api/subjects/${unit.subject_id}/ratings`, { subjectType: 'unit', year: 2025 });
    expect(rated.json).toMatchObject({ level: 'B' });
    expect(rated.json.clauses).toContain('CI-16.3.2');
    const history = await c.get(`/api/subjects/${unit.subject_id}/ratings`);
    expect(history.json.items.find((r: any) => r.year === 2025 && r.subjectType === 'unit').computedLevel).toBe('B');
  });

  it('CI-7 县级部门只能对本辖区主体录入事实', async () => {
    const other = await one<any>(`SELECT id FROM subjects WHERE org_type = 'undertaking_unit' AND region_code = '532302' LIMIT 1`);
    const c = await loginAs(t, 'cxs_officer');
    const res = await c.send('POST', '/api/findings', { subjectId: other.id, subjectType: 'unit', clause: 'CI-16.3.2', factDate: '2025-07-01', description: 'x', sourceKind: 'investigation', sourceDocument: 'y' });
    expect(res.status).toBe(404);
  });

  it('CI-16.2 规则未定等级（待认定）的，由诚信科人员认定等级并记录理由；规则已定的不得人工改定', async () => {
    const pending = await one<any>(`SELECT id, version FROM ratings WHERE year = 2025 AND determination_required LIMIT 1`);
    const c = await loginAs(t, 'cx_integrity');
    expect((await (await loginAs(t, 'cx_business')).send('POST', `/api/ratings/${pending.id}/determination`, { level: 'A', reason: '逾期系客观原因，已整改', version: pending.version })).status).toBe(403);
    const ok = await c.send('POST', `/api/ratings/${pending.id}/determination`, { level: 'A', reason: '逾期系客观原因，已整改完毕', version: pending.version });
    expect(ok.status).toBe(200);
    const after = await one<any>('SELECT determined_level, determined_reason FROM ratings WHERE id = $1', [pending.id]);
    expect(after).toEqual({ determined_level: 'A', determined_reason: '逾期系客观原因，已整改完毕' });
    const decided = await one<any>(`SELECT id, version FROM ratings WHERE year = 2025 AND computed_level = 'B' LIMIT 1`);
    const refused = await c.send('POST', `/api/ratings/${decided.id}/determination`, { level: 'A', reason: '想改为A级可以吗', version: decided.version });
    expect(refused.status).toBe(422);
    // Once a later fact decides the level under the rules, the earlier determination no longer stands.
    const [r] = await t.app.db.query<any>('SELECT subject_id, subject_type FROM ratings WHERE id = $1', [pending.id]);
    const clause = r.subject_type === 'unit' ? 'CI-16.3.2' : 'CI-17.3.1';
    await c.send('POST', '/api/findings', { subjectId: r.subject_id, subjectType: r.subject_type, clause, factDate: '2025-08-01', description: '新认定的事实', sourceKind: 'investigation', sourceDocument: '调查报告（测试）' });
    await c.send('POST', `/api/subjects/${r.subject_id}/ratings`, { subjectType: r.subject_type, year: 2025 });
    expect(await one<any>('SELECT computed_level, determination_required, determined_level FROM ratings WHERE id = $1', [pending.id]))
      .toEqual({ computed_level: 'B', determination_required: false, determined_level: null });
  });

  it('X-3 两部文件均已到期：政策页面如实显示；登记延续执行后，2026 年度评价不再带到期警告', async () => {
    const c = await loginAs(t, 'cx_integrity');
    const policies = await c.get('/api/policies');
    const ci = policies.json.status.find((x: any) => x.document === 'CI');
    const yt = policies.json.status.find((x: any) => x.document === 'YT');
    expect(ci).toMatchObject({ inForce: false });
    expect(ci.warning).toContain('楚科规〔2022〕5号 已于 2026-01-31 到期');
    expect(yt.warning).toContain('云科规〔2023〕1号 已于 2025-02-09 到期');
    const unit = await one<any>(`SELECT subject_id FROM ratings WHERE year = 2026 AND subject_type = 'unit' AND computed_level IS NOT NULL LIMIT 1`);
    const before = await c.send('POST', `/api/subjects/${unit.subject_id}/ratings`, { subjectType: 'unit', year: 2026 });
    expect(before.json.warnings.join()).toContain('已于 2026-01-31 到期');
    const ext = { id: 'CI-2026-EXT', document: 'CI', kind: 'extension', docNo: '楚科规〔2022〕5号', title: '楚雄州科研诚信管理办法（试行）', jurisdiction: '532300',
      inForceFrom: '2026-02-01', inForceTo: '2027-12-31', basis: '州科技局关于延续执行的通知（测试）', extends: 'CI-2023' };
    expect((await (await loginAs(t, 'cx_business')).send('POST', '/api/policies', ext)).status).toBe(403);
    expect((await c.send('POST', '/api/policies', { ...ext, id: 'BAD-EXT', extends: 'YT-2023' })).status).toBe(422);
    expect((await c.send('POST', '/api/policies', ext)).status).toBe(201);
    const after = await c.send('POST', `/api/subjects/${unit.subject_id}/ratings`, { subjectType: 'unit', year: 2026 });
    expect(after.json.warnings.filter((w: string) => w.includes('到期'))).toEqual([]);
    expect(after.json.policy).toMatchObject({ versionId: 'CI-2026-EXT', inForce: true });
    expect(after.json.level).toBe(before.json.level);
    // What-if under the original version: computed, not stored.
    const [{ n: stored }] = await t.app.db.query<{ n: number }>('SELECT count(*) AS n FROM ratings');
    const preview = await c.send('POST', `/api/subjects/${unit.subject_id}/ratings/preview`, { subjectType: 'unit', year: 2026, versionId: 'CI-2023' });
    expect(preview.json.policy.versionId).toBe('CI-2023');
    expect((await t.app.db.query<{ n: number }>('SELECT count(*) AS n FROM ratings'))[0].n).toBe(stored);
  });

  it('年度批量评价通过接口运行，返回各等级数量并留痕', async () => {
    const c = await loginAs(t, 'cx_integrity');
    const res = await c.send('POST', '/api/ratings/run', { year: 2025, regionCode: '532300' });
    expect(res.status).toBe(200);
    expect(res.json.rated).toBeGreaterThan(300);
    const [{ n }] = await t.app.db.query<{ n: number }>(`SELECT count(*) AS n FROM audit_events WHERE action = 'rating.batch'`);
    expect(n).toBeGreaterThanOrEqual(3);
    const list = await c.get('/api/ratings?year=2025&level=pending');
    expect(list.json.items.every((r: any) => r.determinationRequired)).toBe(true);
  });

  it('CI-15 重新运行年度批量评价：结果未变的保持生效、意见期不重开；结果有变化的撤回生效并重新进入意见期；返回未变、变化、新增的数量', async () => {
    const c = await loginAs(t, 'cx_integrity');
    const before = await t.app.db.query<{ id: string; computed_at: Date; published_at: Date | null; version: number }>(
      `SELECT id, computed_at, published_at, version FROM ratings WHERE year = 2025 ORDER BY id`);
    // Every stored 2025 result is already what the facts give (the run just before): published ones stay so.
    await t.app.db.query(`UPDATE ratings SET published_at = '2026-02-02T00:00:00Z' WHERE year = 2025 AND published_at IS NULL`);
    // One stored result as an earlier run under other facts left it: a C where the facts now give another level.
    const [stale] = await t.app.db.query<{ id: string; computed_level: string }>(
      `SELECT id, computed_level FROM ratings WHERE year = 2025 AND computed_level IN ('AA', 'A', 'B') AND NOT determination_required ORDER BY id LIMIT 1`);
    await t.app.db.query(`UPDATE ratings SET computed_level = 'C', clauses = ARRAY['CI-19.1'] WHERE id = $1`, [stale.id]);
    // A subject rated for the first time: its 2025 rating removed, as if it had been added after the last run.
    const [fresh] = await t.app.db.query<{ id: string; subject_id: string; subject_type: string }>(`SELECT id, subject_id, subject_type FROM ratings WHERE year = 2025 AND id <> $1 ORDER BY id DESC LIMIT 1`, [stale.id]);
    await t.app.db.query('DELETE FROM ratings WHERE id = $1', [fresh.id]);
    const res = await c.send('POST', '/api/ratings/run', { year: 2025, regionCode: '532300' });
    expect(res.status).toBe(200);
    expect({ unchanged: res.json.unchanged, changed: res.json.changed, added: res.json.added }).toEqual({ unchanged: before.length - 2, changed: 1, added: 1 });
    expect(res.json.rated).toBe(before.length);
    const after = new Map((await t.app.db.query<{ id: string; computed_at: Date; published_at: Date | null; version: number; computed_level: string }>(
      'SELECT id, computed_at, published_at, version, computed_level FROM ratings WHERE year = 2025')).map((r) => [r.id, r]));
    for (const b of before) {
      if (b.id === stale.id || b.id === fresh.id) continue;
      const a = after.get(b.id)!;
      expect(a.published_at).not.toBeNull();
      expect(new Date(a.computed_at).toISOString()).toBe(new Date(b.computed_at).toISOString());
    }
    const changed = after.get(stale.id)!;
    expect(changed.computed_level).toBe(stale.computed_level);
    expect(changed.published_at).toBeNull();
    expect(new Date(changed.computed_at).toISOString()).toBe(TEST_NOW);
    const [added] = await t.app.db.query<{ published_at: Date | null }>('SELECT published_at FROM ratings WHERE subject_id = $1 AND subject_type = $2 AND year = 2025', [fresh.subject_id, fresh.subject_type]);
    expect(added.published_at).toBeNull();
    const [audit] = await t.app.db.query<{ after: any }>(`SELECT after FROM audit_events WHERE action = 'rating.batch' ORDER BY seq DESC LIMIT 1`);
    expect(audit.after).toMatchObject({ unchanged: before.length - 2, changed: 1, added: 1 });
  });
});
