/**
 * The scale seed (issue 7) on both databases, at a small size: cases in every state the procedure
 * declarations define, each open case with its clock as the legal-time engine computes it and the
 * work queue's sort key set; valid check digits and encrypted ID numbers; an audit history that
 * verifies; and a data set grown in two steps holding the same rows as one made at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidCreditCode } from '../../src/core/identity/credit-code';
import { isValidIdNumber } from '../../src/core/identity/id-number';
import { verifyAuditChain } from '../../src/server/modules/audit/verify-audit-chain';
import { computeClock } from '../../src/server/modules/deadlines/recompute-clock';
import { caseShapes } from '../../src/server/seed/case-shapes';
import { SEED_PASSWORD, seededId, seedScale, type SeedSize } from '../../src/server/seed/scale-seed';
import { DB_KINDS } from '../support/databases';
import { loginAs, startTestApp, type TestApp } from '../support/test-app';

const SIZE: SeedSize = { units: 40, persons: 150, recommenders: 6, agencies: 4, projects: 600, findings: 300, sanctions: 100, cases: 1_200, auditEvents: 3_000 };

describe.each(DB_KINDS)('大规模合成数据（%s）', (kind) => {
  let once: TestApp;
  let grown: TestApp;
  beforeAll(async () => {
    once = await startTestApp(kind, { demo: false });
    grown = await startTestApp(kind, { demo: false });
    await seedScale(once.app, SIZE, { seed: 7 });
    await seedScale(grown.app, SIZE, { seed: 7, from: 0, to: 0.4 });
    await seedScale(grown.app, SIZE, { seed: 7, from: 0.4, to: 1 });
  }, 300_000);
  afterAll(async () => { await once?.close(); await grown?.close(); });

  it('案件覆盖各程序声明的每一个可达状态；每个未办结案件有一个计时，到期日与时限引擎重算一致，工作台排序键随之', async () => {
    const db = once.app.db;
    const states = await db.query<{ procedure: string; state: string }>('SELECT DISTINCT procedure, state FROM cases');
    const seen = new Set(states.map((s) => `${s.procedure}/${s.state}`));
    for (const s of caseShapes()) expect(seen.has(`${s.procedure}/${s.state}`), `${s.procedure}/${s.state}`).toBe(true);
    const open = await db.query<any>(`SELECT c.id, c.next_due, k.limit_id, k.start_date, k.due_date, k.jurisdiction_code FROM cases c
      JOIN deadline_clocks k ON k.owner_type = 'case' AND k.owner_id = c.id::text AND k.status = 'running'`);
    const openShapes = caseShapes().filter((s) => s.openLimit).map((s) => `${s.procedure}/${s.state}`);
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE procedure || '/' || state = ANY($1::text[])`, [openShapes]);
    expect(open.length).toBe(n);
    for (const k of open.slice(0, 200)) {
      expect(k.due_date).toBe(computeClock(once.app, k, []).dueDate);
      expect(k.next_due).toBe(k.due_date);
    }
  });

  it('每种程序、每个状态的合成案件，案件页都能打开（与真实案件同一结构；基准测试逐一读取它们）', async () => {
    const province = await loginAs(once, 'seed_530000', SEED_PASSWORD);
    const samples = await once.app.db.query<{ id: string; procedure: string; state: string }>(
      'SELECT DISTINCT ON (procedure, state) id, procedure, state FROM cases ORDER BY procedure, state, id');
    const failed: string[] = [];
    for (const c of samples) {
      const r = await province.get(`/api/cases/${c.id}`);
      if (r.status !== 200 || (r.json as { state?: string }).state !== c.state) failed.push(`${c.procedure}/${c.state} ${r.status} ${r.body.slice(0, 200)}`);
    }
    expect(failed).toEqual([]);
    expect(samples.length).toBe(caseShapes().length);
  });

  it('CI-21 合成的年度抽查记录可以公开查看（与真实抽查记录同一结构；基准测试以它为基线）', async () => {
    const res = await once.server.inject({ method: 'GET', url: `/api/public/spot-checks/${seededId(7, 'k', 2020)}` });
    expect([res.statusCode, res.json()]).toEqual([200, expect.objectContaining({ title: '2020 年度科技项目随机抽查（合成数据）', jurisdiction: '530000', draws: [], inspectorPool: 0 })]);
  });

  it('统一社会信用代码和身份证号的校验码有效，身份证号只以密文和脱敏形式存放', async () => {
    const rows = await once.app.db.query<{ credit_code: string | null; id_number_cipher: string | null; id_number_masked: string | null }>(
      'SELECT credit_code, id_number_cipher, id_number_masked FROM subjects');
    expect(rows).toHaveLength(SIZE.units + SIZE.persons + SIZE.recommenders + SIZE.agencies);
    for (const r of rows) {
      if (r.credit_code) expect(isValidCreditCode(r.credit_code), r.credit_code).toBe(true);
      else {
        const id = once.app.cipher.decrypt(r.id_number_cipher!);
        expect(isValidIdNumber(id), id).toBe(true);
        expect(r.id_number_masked).not.toContain(id.slice(6, 14));
      }
    }
  });

  it('合成的审计历史按服务器的方式成链，整条链校验通过', async () => {
    const r = await verifyAuditChain(once.app.db, once.app.auditSeal);
    expect(r.ok).toBe(true);
    expect(r.checked).toBeGreaterThanOrEqual(SIZE.auditEvents);
  });

  it('分两步增长的数据与一次载入的行相同（同一种子：编号、名称、日期、状态）', async () => {
    const digest = async (t: TestApp, sql: string) => (await t.app.db.query<{ d: string }>(`SELECT md5(string_agg(x, '|' ORDER BY x)) AS d FROM (${sql}) q(x)`))[0].d;
    for (const sql of [
      `SELECT id::text || name || coalesce(credit_code, '') || region_code FROM subjects`,
      `SELECT id::text || code || name || status || due_date FROM projects`,
      `SELECT id::text || procedure || state || jurisdiction_code || coalesce(next_due::text, '') FROM cases`,
      `SELECT id::text || severity || decided_date || coalesce(ban_end::text, '') FROM sanctions`,
      `SELECT object_id || action || at::text FROM audit_events WHERE object_id LIKE '7-%'`,
    ]) expect(await digest(grown, sql), sql).toBe(await digest(once, sql));
  });
});
