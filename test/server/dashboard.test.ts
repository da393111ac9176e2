/**
 * 领导驾驶舱与信用报告 (issue 20) on both databases: every figure of every role's dashboard equals the
 * length of its drill-down list (one filter behind both), the figures are scoped to the caller's region
 * (another region answers 404), the week and the sections are counted as worked out by hand, each
 * figure's table exports to Excel (audited); a subject's credit report states its ratings in effect
 * (CI-15), sanctions in force (CI-25), listings (CI-27) and repairs (CI-30) with their basis, and its
 * verification code finds on the public page exactly what the report says — a tampered file or an
 * unknown code is told so.
 */
import crypto, { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../support/databases';
import { pdfText } from '../support/documents';
import { loginAs, startTestApp, type Client, type TestApp } from '../support/test-app';
import { sheetRows } from '../fixtures/xlsx-read';
import { FIGURE_DIMENSIONS, type FigureId } from '../../src/core/dashboard/figures';
import { RATE_LIMITS } from '../../src/server/http/rate-limits';

const AT = '2026-11-20T02:00:00.000Z';

describe.each(DB_KINDS)('领导驾驶舱与信用报告（%s）', (kind) => {
  let t: TestApp;
  let demoCases = 0;
  const ids = { subject: '', subjectName: '', misconduct: '', listingCase: '', repairCase: '', listing2Case: '', sanctionNow: '', sanctionOld: '', sanctionRepaired: '', clockWeek: '', clockNextWeek: '', clockOverdue: '', tolerance: '' };

  beforeAll(async () => {
    t = await startTestApp(kind);
    const db = t.app.db;
    const [{ id: officer }] = await db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'cx_integrity'`);
    // The demo's own cases of Chuxiong, counted before this file writes its five.
    demoCases = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE jurisdiction_code LIKE '5323%'`))[0].n;
    // A unit of 楚雄市 (532301) rated A and published for 2025 (CI-15).
    const [s] = await db.query<{ id: string; name: string }>(
      `SELECT s.id, s.name FROM ratings r JOIN subjects s ON s.id = r.subject_id WHERE r.region_code = '532301' AND s.region_code = '532301' AND r.published_at IS NOT NULL
          AND COALESCE(r.determined_level, r.computed_level) = 'A' AND r.year = 2025 AND s.kind = 'organization' ORDER BY s.id LIMIT 1`);
    ids.subject = s.id;
    ids.subjectName = s.name;
    const newCase = async (procedure: string, state: string, data: unknown = {}) => {
      const id = randomUUID();
      await db.query(`INSERT INTO cases (id, procedure, state, jurisdiction_code, data, created_by, created_at, updated_at) VALUES ($1, $2, $3, '532301', $4::jsonb, $5, $6, $6)`, [id, procedure, state, JSON.stringify(data), officer, AT]);
      return id;
    };
    ids.misconduct = await newCase('misconduct', 'decided');
    ids.listingCase = await newCase('listing', 'listed');
    ids.listing2Case = await newCase('listing', 'listed');
    ids.repairCase = await newCase('repair', 'repaired');
    ids.tolerance = await newCase('tolerance', 'fed_back', { decision: { outcome: 'lighter' } });
    const sanction = async (o: { severity: string; measures: string[]; decided: string; banStart: string | null; banEnd: string | null; banYears: number | null; publicUntil: string | null; clause: string }) => {
      const id = randomUUID();
      await db.query(`INSERT INTO sanctions (id, case_id, subject_id, misconduct_kind, severity, measures, conduct_date, filed_date, decided_date, ban_years, ban_life, ban_start, ban_end, public_disclosure, public_list, policy_version_id, clause, created_at, public_until)
        VALUES ($1, $2, $3, 'fabrication', $4, $5, $6, $6, $6, $7, false, $8, $9, true, true, 'CI-2023', $10, $11, $12)`,
      [id, ids.misconduct, ids.subject, o.severity, o.measures, o.decided, o.banYears, o.banStart, o.banEnd, o.clause, AT, o.publicUntil]);
      return id;
    };
    // In force on 2026-11-20: a 3-year ban 2025-06-01 … 2028-05-31 (CI-25.3).
    ids.sanctionNow = await sanction({ severity: 'serious', measures: ['ban'], decided: '2025-05-20', banStart: '2025-06-01', banEnd: '2028-05-31', banYears: 3, publicUntil: '2028-05-31', clause: 'CI-25.3' });
    // Ended: a 1-year ban 2023-01-01 … 2023-12-31, published until then.
    ids.sanctionOld = await sanction({ severity: 'moderate', measures: ['ban'], decided: '2022-12-20', banStart: '2023-01-01', banEnd: '2023-12-31', banYears: 1, publicUntil: '2023-12-31', clause: 'CI-25.2' });
    // The sanction of a listing repaired on 2026-03-02 (its ban ended too).
    ids.sanctionRepaired = await sanction({ severity: 'moderate', measures: ['ban'], decided: '2024-01-10', banStart: '2024-02-01', banEnd: '2025-01-31', banYears: 1, publicUntil: '2025-01-31', clause: 'CI-25.2' });
    await db.query(`INSERT INTO listings (id, case_id, subject_id, sanction_id, jurisdiction_code, grounds, listed_on, until, created_at) VALUES ($1, $2, $3, $4, '532301', '编造研究数据', '2025-07-01', '2028-05-31', $5)`,
      [randomUUID(), ids.listingCase, ids.subject, ids.sanctionNow, AT]);
    await db.query(`INSERT INTO listings (id, case_id, subject_id, sanction_id, jurisdiction_code, grounds, listed_on, until, created_at, repaired_on, repair_case_id) VALUES ($1, $2, $3, $4, '532301', '编造研究数据', '2024-03-01', '2025-01-31', $5, '2024-09-02', $6)`,
      [randomUUID(), ids.listing2Case, ids.subject, ids.sanctionRepaired, AT, ids.repairCase]);
    const clock = async (title: string, due: string) => {
      const id = randomUUID();
      await db.query(`INSERT INTO deadline_clocks (id, limit_id, owner_type, owner_id, title, jurisdiction_code, start_date, due_date, provisional, derivation, status, created_at, updated_at)
        VALUES ($1, 'CI-27.objection', 'case', $2, $3, '532301', '2026-11-01', $4, false, '测试', 'running', $5, $5)`, [id, ids.listingCase, title, due, AT]);
      return id;
    };
    // 2026-11-20 is a Friday: "this week" runs to Sunday 2026-11-22.
    ids.clockWeek = await clock('测试时限：本周日到期', '2026-11-22');
    ids.clockNextWeek = await clock('测试时限：下周一到期', '2026-11-23');
    ids.clockOverdue = await clock('测试时限：已逾期', '2026-11-10');
  });
  afterAll(async () => { await t?.close(); });

  const items = async (c: Client, figure: string, q: Record<string, string>) => (await c.get(`/api/dashboard/${figure}/items?${new URLSearchParams(q)}`));

  it('驾驶舱每一项统计都等于其下钻清单的条数（各角色、各区划；同一筛选）', async () => {
    let checked = 0;
    for (const [who, region] of [['cx_leader', undefined], ['cx_leader', '532301'], ['cx_business', undefined], ['cx_integrity', undefined], ['cxs_officer', undefined], ['lf_officer', undefined], ['auditor', '532302'], ['yn_business', undefined]] as const) {
      const c = await loginAs(t, who);
      const d = await c.get(`/api/dashboard${region ? `?regionCode=${region}` : ''}`);
      expect(d.status).toBe(200);
      for (const f of d.json.figures) {
        const whole = await items(c, f.id, region ? { regionCode: region } : {});
        expect(whole.json.total, `${who} ${f.id} 合计`).toBe(f.total);
        for (const r of f.rows) {
          const l = await items(c, f.id, { ...(region ? { regionCode: region } : {}), ...r.key });
          expect(l.status).toBe(200);
          expect({ who, figure: f.id, key: r.key, n: l.json.total, listed: l.json.items.length }).toEqual({ who, figure: f.id, key: r.key, n: r.count, listed: r.count });
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('各角色的驾驶舱：业务科室无信用评价和失信处理，诚信科无容错认定结果，领导和审计人员全部；无权限的角色 403', async () => {
    const figs = async (u: string) => (await (await loginAs(t, u)).get('/api/dashboard')).json.figures.map((f: { id: string }) => f.id);
    expect(await figs('cx_business')).toEqual(['cases', 'deadlines_at_risk', 'overdue_by_section', 'tolerance_outcomes']);
    expect(await figs('cx_integrity')).toEqual(['cases', 'deadlines_at_risk', 'overdue_by_section', 'ratings', 'sanctions']);
    expect(await figs('cx_leader')).toEqual(['cases', 'deadlines_at_risk', 'overdue_by_section', 'ratings', 'sanctions', 'tolerance_outcomes']);
    expect((await (await loginAs(t, 'cx_business')).get('/api/dashboard/ratings/items')).status).toBe(403);
    for (const u of ['researcher', 'unit_admin', 'sysadmin']) expect((await (await loginAs(t, u)).get('/api/dashboard')).status).toBe(403);
  });

  it('数据范围：辖区外的区划（同级、上级）答 404；县级只看到本县的数', async () => {
    const cxs = await loginAs(t, 'cxs_officer');
    for (const r of ['532302', '532300', '530000']) {
      expect((await cxs.get(`/api/dashboard?regionCode=${r}`)).status).toBe(404);
      expect((await items(cxs, 'cases', { regionCode: r })).status).toBe(404);
      expect((await cxs.get(`/api/dashboard/cases/export.xlsx?regionCode=${r}`)).status).toBe(404);
    }
    const d = (await cxs.get('/api/dashboard')).json;
    for (const f of d.figures) for (const r of f.rows) expect(r.key.region).toBe('532301');
    // The Lufeng officer sees none of 532301's clocks and sanctions.
    const lf = (await (await loginAs(t, 'lf_officer')).get('/api/dashboard')).json;
    expect(lf.figures.flatMap((f: any) => f.rows).filter((r: any) => r.key.region === '532301')).toEqual([]);
    // The prefecture's leader counts every case of Chuxiong: the demo's plus the five written here.
    const leader = (await (await loginAs(t, 'cx_leader')).get('/api/dashboard')).json;
    const [{ n }] = await t.app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE jurisdiction_code LIKE '5323%'`);
    expect(n).toBe(demoCases + 5);
    expect(leader.figures.find((f: any) => f.id === 'cases').total).toBe(demoCases + 5);
  });

  it('X-4 本周内到期：2026-11-20（周五）起至 11-22（周日），下周一的不计；逾期的按办理科室（诚信案件为科研诚信管理科室）', async () => {
    const c = await loginAs(t, 'cxs_officer');
    const d = (await c.get('/api/dashboard')).json;
    expect(d).toMatchObject({ today: '2026-11-20', weekEnd: '2026-11-22' });
    const risk = d.figures.find((f: any) => f.id === 'deadlines_at_risk');
    for (const r of risk.rows) expect(r.key.dueDate >= '2026-11-20' && r.key.dueDate <= '2026-11-22').toBe(true);
    const sunday = await items(c, 'deadlines_at_risk', { dueDate: '2026-11-22', region: '532301' });
    expect(sunday.json.items.map((i: any) => i.id)).toContain(ids.clockWeek);
    const all = await items(c, 'deadlines_at_risk', {});
    expect(all.json.items.map((i: any) => i.id)).not.toContain(ids.clockNextWeek);
    const overdue = d.figures.find((f: any) => f.id === 'overdue_by_section');
    const integrity = overdue.rows.find((r: any) => r.key.section === '532301:integrity');
    expect(integrity.labels.section).toBe('楚雄市科研诚信管理科室');
    const list = await items(c, 'overdue_by_section', integrity.key);
    expect(list.json.items.map((i: any) => i.id)).toContain(ids.clockOverdue);
    expect(list.json.items.find((i: any) => i.id === ids.clockOverdue)).toMatchObject({ caseId: ids.listingCase, date: '2026-11-10', what: '测试时限：已逾期' });
  });

  it('CI-24 CI-25 失信处理按情节、YT-6.4 容错认定结果：按手工写入的记录计数', async () => {
    const c = await loginAs(t, 'cx_leader');
    const d = (await c.get('/api/dashboard?regionCode=532301')).json;
    const sanctions = d.figures.find((f: any) => f.id === 'sanctions');
    expect(sanctions.rows).toEqual([
      { key: { severity: 'moderate', region: '532301' }, labels: { severity: '情节较重', region: '楚雄市' }, count: 2 },
      { key: { severity: 'serious', region: '532301' }, labels: { severity: '情节严重', region: '楚雄市' }, count: 1 },
    ]);
    const tol = d.figures.find((f: any) => f.id === 'tolerance_outcomes');
    expect(tol.rows).toEqual([{ key: { outcome: 'lighter', region: '532301' }, labels: { outcome: '从轻处理', region: '楚雄市' }, count: 1 }]);
    const list = await items(c, 'tolerance_outcomes', { regionCode: '532301', outcome: 'lighter' });
    expect(list.json.items.map((i: any) => i.caseId)).toEqual([ids.tolerance]);
  });

  it('统计导出：每张统计表导出 Excel，行与图表相同，并留痕', async () => {
    const c = await loginAs(t, 'cx_leader');
    const d = (await c.get('/api/dashboard')).json;
    for (const f of d.figures) {
      const x = await c.get(`/api/dashboard/${f.id}/export.xlsx`);
      expect(x.status).toBe(200);
      const width = f.dimensions.length + 1;
      const rows = (await sheetRows(x.raw)).map((row) => row.slice(0, width));
      const dims = FIGURE_DIMENSIONS[f.id as FigureId];
      expect(rows[0]).toEqual([...f.dimensions.map((dd: any) => dd.label), '件数']);
      expect(rows.slice(1)).toEqual(f.rows.map((r: any) => [...dims.map((dd) => r.labels[dd]), String(r.count)]));
    }
    const audited = await t.app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'list.export' AND object_type = 'dashboard'`);
    expect(audited[0].n).toBe(d.figures.length);
  });

  const issue = async (username: string, subjectId: string) => {
    const c = await loginAs(t, username);
    const r = await t.server.inject({ method: 'POST', url: `/api/subjects/${subjectId}/credit-reports`, headers: { cookie: c.cookie }, payload: {} });
    return r;
  };

  it('CI-15 CI-25 CI-27 CI-30 信用报告：在效的评价、在效的处理、名单和修复，各附依据；验证码和二维码指向核验页；出具留痕', async () => {
    const r = await issue('cx_integrity', ids.subject);
    expect(r.statusCode).toBe(201);
    expect(r.headers['content-type']).toBe('application/pdf');
    const code = String(r.headers['x-report-code']);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    const text = pdfText(r.rawPayload).replace(/\s+/g, '');
    const no = (caseId: string, year: string) => `信处〔${year}〕${caseId.replace(/-/g, '').slice(0, 8).toUpperCase()}号`;
    expect(text).toContain('科研诚信信用报告');
    expect(text).toContain(`验证码：${code}`);
    expect(text).toContain('出具机关：楚雄州科学技术局');
    expect(text).toContain('出具日期：2026-11-20');
    expect(text).toContain(ids.subjectName.replace(/\s+/g, ''));
    // CI-15: the 2025 rating, A, published.
    expect(text).toContain('2025年度（项目承担单位）：信用良好（A）');
    // CI-25.3: the ban running to 2028-05-31, with its decision number; the ended 2023 ban is not in force.
    expect(text).toContain(`${no(ids.misconduct, '2025')}（2025-05-20）`);
    expect(text).toContain('取消资格至2028-05-31；依据CI-25.3');
    expect(text).not.toContain(`${no(ids.misconduct, '2022')}`);
    expect(text).not.toContain('取消资格至2023-12-31');
    // CI-27: listed on 2025-07-01 until 2028-05-31; CI-30: the other listing repaired on 2024-09-02 through its repair case.
    expect(text).toContain(`2025-07-01列入（所依据的处理${no(ids.misconduct, '2025')}），期限至2028-05-31；依据CI-27（所依据的处理：CI-25.3）`);
    expect(text).toContain(`2024-09-02经信用修复（修复案件${ids.repairCase.replace(/-/g, '').slice(0, 8).toUpperCase()}）移出名单`);
    expect(text).toContain(`/public/credit-report?code=${code}`.replace(/\s+/g, ''));
    const [row] = await t.app.db.query<{ sha256: string; subject_id: string }>(`SELECT sha256, subject_id FROM credit_reports WHERE code = $1`, [code]);
    expect(row).toEqual({ sha256: crypto.createHash('sha256').update(r.rawPayload).digest('hex'), subject_id: ids.subject });
    const audit = await t.app.db.query<{ after: any; actor_role: string }>(`SELECT after, actor_role FROM audit_events WHERE action = 'credit_report.issue' AND after->>'code' = $1`, [code]);
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toMatchObject({ subjectId: ids.subject, sha256: row.sha256, ratings: 1, sanctions: 1, listings: 1, repairs: 1 });

    // The public page: what the report says, nothing else; the file at hand checked by its digest.
    const v = await t.server.inject({ method: 'GET', url: `/api/public/credit-reports/verify?code=${code.toLowerCase()}&sha256=${row.sha256}` });
    expect(v.statusCode).toBe(200);
    const body = v.json();
    expect(body.sentence).toBe(`验证码 ${code} 对应的信用报告由楚雄州科学技术局于 2026-11-20 出具，报告对象为${ids.subjectName}（单位，${body.subject.identifier}），载明以下内容：`);
    expect(body.fileMatches).toBe(true);
    expect(body.statements.map((s: any) => s.heading)).toEqual(['一、信用评价结果', '二、在效的失信处理', '三、失信惩戒名单', '四、信用修复']);
    expect(body.statements[1].lines).toHaveLength(1);
    expect(Object.keys(body).sort()).toEqual(['code', 'digest', 'fileMatches', 'issuedOn', 'issuer', 'sentence', 'statements', 'subject']);
    const tampered = Buffer.from(r.rawPayload);
    tampered[Math.floor(tampered.length / 2)] ^= 0xff;
    const tv = await t.server.inject({ method: 'GET', url: `/api/public/credit-reports/verify?code=${code}&sha256=${crypto.createHash('sha256').update(tampered).digest('hex')}` });
    expect(tv.json().fileMatches).toBe(false);
    // An unknown code (one symbol changed) and a malformed one: 404 in Chinese.
    const other = code.slice(0, -1) + (code.endsWith('0') ? '1' : '0');
    for (const bad of [other, 'ZZZZ-ZZZZ-ZZZZ-ZZZU']) {
      const u = await t.server.inject({ method: 'GET', url: `/api/public/credit-reports/verify?code=${bad}` });
      expect(u.statusCode).toBe(404);
      expect(u.json().error).toMatchObject({ code: 'NOT_FOUND', field: 'code' });
      expect(u.json().error.message).toContain('未找到该验证码对应的信用报告');
    }
  });

  it('信用报告的权限：业务科室无出具权限 403；辖区外的主体 404', async () => {
    expect((await issue('cx_business', ids.subject)).statusCode).toBe(403);
    expect((await issue('lf_officer', ids.subject)).statusCode).toBe(404);
    expect((await issue('cx_integrity', randomUUID())).statusCode).toBe(404);
    expect((await issue('cxs_officer', ids.subject)).statusCode).toBe(201);
  });
});

describe('信用报告核验页的访问频率限制（pglite）', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp('pglite', { demo: false, rateLimits: true }); });
  afterAll(async () => { await t?.close(); });

  it('同一地址每分钟超过限额后 429，验证码不能逐个试出', async () => {
    const hit = () => t.server.inject({ method: 'GET', url: '/api/public/credit-reports/verify?code=ABCD-EFGH-JKMN-PQRS', remoteAddress: '203.0.113.20' });
    for (let i = 0; i < RATE_LIMITS.creditReportVerify.max; i++) expect((await hit()).statusCode).toBe(404);
    expect((await hit()).statusCode).toBe(429);
  });
});
