/**
 * Obligations followed through (issue 19) on both databases: the due date from the dated YT-10 / CI-23
 * parameter and the official calendar, the amount, reminders before the due date and once overdue
 * raised once however many sweeps run, partial then full settlement with evidence, the data scope,
 * and the list across cases by region and state with its Excel export.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../support/databases';
import { loginAs, startTestApp, type TestApp } from '../support/test-app';
import { sheetRows } from '../fixtures/xlsx-read';
import { openObligationIn } from '../../src/server/modules/obligations/open-obligation';
import { sweepObligations } from '../../src/server/modules/obligations/sweep-obligations';
import { backfillObligationDueDates } from '../../src/server/modules/obligations/backfill-due-dates';
import { randomUUID } from 'node:crypto';

const beijing = (d: string) => `${d}T02:00:00.000Z`;

describe.each(DB_KINDS)('应履行事项（%s）', (kind) => {
  let t: TestApp;
  let caseX: { id: string; project_id: string; unit_id: string | null };
  let fileOfX: string | null = null;
  let fileOfOther: string | null = null;
  let funds: string;
  const ids = { surplus: '', clawback: '', lufeng: '' };

  beforeAll(async () => {
    t = await startTestApp(kind);
    t.clock.set(beijing('2026-11-20'));
    // A case with a project, preferably one holding a file (the evidence of a settlement is a file of the obligation's case).
    const cases = await t.app.db.query<{ id: string; project_id: string; unit_id: string | null; file_id: string | null }>(
      `SELECT c.id, c.project_id, c.unit_id, (SELECT f.id FROM files f WHERE f.case_id = c.id LIMIT 1) AS file_id
         FROM cases c WHERE c.project_id IS NOT NULL AND c.unit_id IS NOT NULL ORDER BY (SELECT count(*) FROM files f WHERE f.case_id = c.id) DESC, c.id LIMIT 2`);
    caseX = cases[0];
    fileOfX = cases[0].file_id;
    fileOfOther = cases[1]?.file_id ?? null;
    [{ funds }] = await t.app.db.query<{ funds: string }>('SELECT funds_granted::text AS funds FROM projects WHERE id = $1', [caseX.project_id]);
    await t.app.db.transaction(async (tx) => {
      const base = { caseId: caseX.id, projectId: caseX.project_id, subjectId: caseX.unit_id };
      ids.surplus = (await openObligationIn(t.app, tx, null, { ...base, kind: 'return_surplus_funds', jurisdictionCode: '532301', description: '免责项目的结余资金按规定退回财政', decidedOn: '2026-09-28' })).id;
      ids.clawback = (await openObligationIn(t.app, tx, null, { ...base, kind: 'clawback_funds', jurisdictionCode: '532301', description: '终止项目，收回已拨付的财政科技资金', decidedOn: '2026-10-13' })).id;
      ids.lufeng = (await openObligationIn(t.app, tx, null, { ...base, kind: 'revoke_awards', jurisdictionCode: '532302', description: '撤销奖励、荣誉，收回奖金', decidedOn: '2026-10-13', amountYuan: '5000' })).id;
    });
  });
  afterAll(async () => { await t?.close(); });

  it('YT-10 CI-23 履行期限按登记的参数和官方日历计算：结余资金 20 个工作日（国庆节不计、10 月 10 日调休计入），收回资金 30 个工作日，金额为项目已拨付资金', async () => {
    const officer = await loginAs(t, 'cx_business');
    const a = (await officer.get(`/api/obligations/${ids.surplus}`)).json;
    // 2026-09-28 (Mon) + 20 working days: 9/29, 9/30; 10/1–10/7 国庆节 off; 10/8, 10/9, 10/10 (Sat, 调休上班); 10/12–16; 10/19–23; 10/26–30 → 2026-10-30.
    expect(a).toMatchObject({ dueDate: '2026-10-30', clause: 'YT-10', amountYuan: null, state: 'overdue', stateLabel: '已逾期' });
    expect(a.dueBasis).toContain('云科规〔2023〕1号 第十条');
    const c = (await officer.get(`/api/obligations/${ids.clawback}`)).json;
    // 2026-10-13 (Tue) + 30 working days: 10/14–16 (3), 10/19–23 (8), 10/26–30 (13), 11/2–6 (18), 11/9–13 (23), 11/16–20 (28), 11/23, 11/24 → 2026-11-24.
    expect(c).toMatchObject({ dueDate: '2026-11-24', clause: 'CI-23', state: 'open' });
    expect(Number(c.amountYuan)).toBe(Number(funds));
    expect(c.amountYuan).toMatch(/^\d+\.\d{2}$/);
  });

  it('X-4 YT-10 CI-23 到期前提醒一次、逾期提醒一次：两个扫描并行也只各发一次', async () => {
    const mine = (r: Array<{ obligationId: string; kind: string }>) => r.filter((w) => Object.values(ids).includes(w.obligationId));
    const [r1, r2] = await Promise.all([sweepObligations(t.app), sweepObligations(t.app)]);
    const first = [...mine(r1), ...mine(r2)].map((w) => [w.obligationId, w.kind]).sort();
    // On 2026-11-20: the surplus funds are overdue (due 10-30); the clawback has 2 working days left (11/23, 11/24) ≤ 3.
    expect(first).toEqual([[ids.surplus, 'overdue'], [ids.clawback, 'before_due'], [ids.lufeng, 'before_due']].sort());
    expect(mine(await sweepObligations(t.app))).toEqual([]);
    t.clock.set(beijing('2026-11-25'));
    const [s1, s2] = await Promise.all([sweepObligations(t.app), sweepObligations(t.app)]);
    expect([...mine(s1), ...mine(s2)].map((w) => [w.obligationId, w.kind]).sort()).toEqual([[ids.clawback, 'overdue'], [ids.lufeng, 'overdue']].sort());
    expect(mine(await sweepObligations(t.app))).toEqual([]);
    const rows = await t.app.db.query<{ kind: string; n: number }>(
      `SELECT kind, count(*)::int AS n FROM obligation_reminders WHERE obligation_id = $1 GROUP BY kind ORDER BY kind`, [ids.clawback]);
    expect(rows).toEqual([{ kind: 'before_due', n: 1 }, { kind: 'overdue', n: 1 }]);
    const told = await t.app.db.query<{ kind: string; n: number }>(
      `SELECT n.kind, count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = 'cxs_officer' AND n.kind LIKE 'obligation_%' AND n.body LIKE '%终止项目%' GROUP BY n.kind ORDER BY n.kind`);
    expect(told).toEqual([{ kind: 'obligation_before_due', n: 1 }, { kind: 'obligation_overdue', n: 1 }]);
    const audited = await t.app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'reminder.raise' AND object_type = 'obligation' AND object_id = $1`, [ids.clawback]);
    expect(audited[0].n).toBe(2);
    t.clock.set(beijing('2026-11-20'));
  });

  it('CI-23 辖区外的应履行事项不存在（404）：禄丰市的事项楚雄市看不到、不能登记', async () => {
    const city = await loginAs(t, 'cxs_officer');
    expect((await city.get(`/api/obligations/${ids.lufeng}`)).status).toBe(404);
    expect((await city.send('POST', `/api/obligations/${ids.lufeng}/settlements`, { version: 1, paidOn: '2026-11-20', amountYuan: '1', evidenceRef: '缴款书 001' })).status).toBe(404);
    expect((await city.get('/api/obligations')).json.items.map((o: any) => o.id)).not.toContain(ids.lufeng);
    expect((await (await loginAs(t, 'lf_officer')).get(`/api/obligations/${ids.lufeng}`)).status).toBe(200);
  });

  it('应履行事项清单按区划和状态筛选，导出的 Excel 与清单逐行一致（导出留痕）', async () => {
    const officer = await loginAs(t, 'cx_business');
    const list = (await officer.get('/api/obligations?regionCode=532301&state=overdue')).json;
    expect(list.abilities.export).toBe(true);
    const listed = list.items.map((o: any) => o.id);
    expect(listed).toContain(ids.surplus);
    expect(listed).not.toContain(ids.clawback); // open, due 11-24
    expect(listed).not.toContain(ids.lufeng); // another county
    expect(list.items.every((o: any) => o.state === 'overdue' && o.jurisdictionCode === '532301')).toBe(true);
    const open = (await officer.get('/api/obligations?regionCode=532301&state=open')).json.items.map((o: any) => o.id);
    expect(open).toContain(ids.clawback);
    expect(open).not.toContain(ids.surplus);
    expect((await officer.get('/api/obligations?regionCode=532302')).json.items.map((o: any) => o.id)).toEqual(expect.arrayContaining([ids.lufeng]));
    const x = await officer.get('/api/obligations/export.xlsx?regionCode=532301&state=overdue');
    expect(x.status).toBe(200);
    const rows = await sheetRows(x.raw);
    expect(rows[0].slice(0, 3)).toEqual(['案件编号', '事项', '依据']);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[9], r[10]])).toEqual(list.items.map((o: any) => [o.caseNo, o.description, o.clause, o.dueDate, '已逾期']));
    const [audit] = await t.app.db.query<{ after: any }>(`SELECT after FROM audit_events WHERE action = 'list.export' AND object_type = 'obligation' ORDER BY seq DESC LIMIT 1`);
    expect(audit.after).toMatchObject({ rows: list.items.length, filter: { regionCode: '532301', state: 'overdue' } });
    // A role without list.export may read the list but not export it.
    expect((await (await loginAs(t, 'researcher')).get('/api/obligations/export.xlsx')).status).toBe(403);
  });

  it('YT-10 先核定金额，部分履行后仍待履行并显示尚欠金额，超额被拒绝，付清后为已履行；每笔有日期、金额和凭证', async () => {
    const officer = await loginAs(t, 'cxs_officer');
    let o = (await officer.get(`/api/obligations/${ids.surplus}`)).json;
    const noAmount = await officer.send('POST', `/api/obligations/${ids.surplus}/settlements`, { version: o.version, paidOn: '2026-11-18', amountYuan: '100', evidenceRef: '缴款书 A-1' });
    expect(noAmount.json.error).toMatchObject({ code: 'PRECONDITION_UNMET', field: 'amountYuan' });
    o = (await officer.send('POST', `/api/obligations/${ids.surplus}/amount`, { version: o.version, amountYuan: '12345.60', basis: '财政部门核定的结余资金数' })).json;
    expect(o).toMatchObject({ amountYuan: '12345.60', remainderYuan: '12345.60' });
    const noEvidence = await officer.send('POST', `/api/obligations/${ids.surplus}/settlements`, { version: o.version, paidOn: '2026-11-18', amountYuan: '5000' });
    expect(noEvidence.json.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'fileId' });
    if (fileOfOther) {
      const foreign = await officer.send('POST', `/api/obligations/${ids.surplus}/settlements`, { version: o.version, paidOn: '2026-11-18', amountYuan: '5000', fileId: fileOfOther });
      expect(foreign.json.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'fileId' });
    }
    const part = await officer.send('POST', `/api/obligations/${ids.surplus}/settlements`, { version: o.version, paidOn: '2026-11-18', amountYuan: '5000.1', evidenceRef: '非税收入缴款书 No.5323010001' });
    expect(part.status).toBe(200);
    expect(part.json).toMatchObject({ status: 'open', state: 'overdue', settledYuan: '5000.10', remainderYuan: '7345.50', settledOn: null });
    const over = await officer.send('POST', `/api/obligations/${ids.surplus}/settlements`, { version: part.json.version, paidOn: '2026-11-19', amountYuan: '7345.51', evidenceRef: '缴款书 A-2' });
    expect(over.json.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'amountYuan' });
    expect(over.json.error.message).toContain('7345.50');
    const stale = await officer.send('POST', `/api/obligations/${ids.surplus}/settlements`, { version: o.version, paidOn: '2026-11-19', amountYuan: '1', evidenceRef: '缴款书 A-2' });
    expect(stale.json.error.code).toBe('VERSION_CONFLICT');
    const evidence = fileOfX ? { fileId: fileOfX } : { evidenceRef: '缴款书 A-2' };
    const full = await officer.send('POST', `/api/obligations/${ids.surplus}/settlements`, { version: part.json.version, paidOn: '2026-11-19', amountYuan: '7345.50', ...evidence });
    expect(full.json).toMatchObject({ status: 'fulfilled', state: 'fulfilled', settledYuan: '12345.60', remainderYuan: '0.00', settledOn: '2026-11-19' });
    const detail = (await officer.get(`/api/obligations/${ids.surplus}`)).json;
    expect(detail.settlements.map((s: any) => [s.paidOn, s.amountYuan, s.remainderYuan, s.evidenceRef ?? s.fileId])).toEqual([
      ['2026-11-18', '5000.10', '7345.50', '非税收入缴款书 No.5323010001'], ['2026-11-19', '7345.50', '0.00', fileOfX ?? '缴款书 A-2'],
    ]);
    expect(detail.abilities.settle).toBe(false);
    expect((await officer.send('POST', `/api/obligations/${ids.surplus}/settlements`, { version: full.json.version, paidOn: '2026-11-20', amountYuan: '1', evidenceRef: '再次' })).json.error.code).toBe('CASE_STATE');
    const audit = await t.app.db.query<{ after: any }>(`SELECT after FROM audit_events WHERE action = 'obligation.settlement_record' AND object_id = $1 ORDER BY seq`, [ids.surplus]);
    expect(audit.map((a) => [a.after.amountYuan, a.after.remainderYuan, a.after.status])).toEqual([['5000.1', '7345.50', 'open'], ['7345.50', '0.00', 'fulfilled']]);
    // The fulfilled one leaves the overdue list and shows under fulfilled.
    expect((await officer.get('/api/obligations?state=overdue')).json.items.map((x: any) => x.id)).not.toContain(ids.surplus);
    expect((await officer.get('/api/obligations?state=fulfilled')).json.items.map((x: any) => x.id)).toContain(ids.surplus);
  });

  it('YT-10 迁移 0045 前登记、没有履行期限的事项，启动时按参数自登记之日起补算，已有的期限不变', async () => {
    const id = randomUUID();
    const [free] = await t.app.db.query<{ id: string }>(`SELECT c.id FROM cases c WHERE NOT EXISTS (SELECT 1 FROM obligations o WHERE o.case_id = c.id) ORDER BY c.id LIMIT 1`);
    // Opened at 2026-09-28 10:00 Beijing time: the same 20 working days over National Day as above → 2026-10-30.
    await t.app.db.query(`INSERT INTO obligations (id, kind, clause, case_id, project_id, subject_id, jurisdiction_code, description, created_at, updated_at)
                          VALUES ($1, 'return_surplus_funds', 'YT-10', $2, NULL, NULL, '532301', '免责项目的结余资金按规定退回财政', $3, $3)`, [id, free.id, beijing('2026-09-28')]);
    expect(await backfillObligationDueDates(t.app)).toBe(1);
    const [o] = await t.app.db.query<{ due_date: string; due_basis: string }>('SELECT due_date, due_basis FROM obligations WHERE id = $1', [id]);
    expect(o.due_date).toBe('2026-10-30');
    expect(o.due_basis).toContain('迁移 0045 补算');
    expect(await backfillObligationDueDates(t.app)).toBe(0);
    const [c] = await t.app.db.query<{ due_date: string }>('SELECT due_date FROM obligations WHERE id = $1', [ids.clawback]);
    expect(c.due_date).toBe('2026-11-24');
  });
});
