/**
 * 外部失信记录 (CI-12, CI-13; issue 20), on both databases: records decided elsewhere arrive from the
 * national database as a file (the integrity section) and from the province's database through the
 * machine API over the wire (scope misconduct.import); checked whole (the row at fault named, nothing
 * recorded), taken once, kept as received (no update), listed on the CI-12 page with their source
 * (来源), and a ban in force from one vetoes an application (CI-10, CI-13) with the external basis in
 * the verdict — also for a person not in this register.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../src/core/identity/id-number';
import { DB_KINDS } from '../support/databases';
import { loginAs, startTestApp, type TestApp } from '../support/test-app';

const HEADER = '来源,报送单位,决定文书号,决定机关,决定日期,主体类别,名称或姓名,统一社会信用代码,身份证号,失信行为,处理措施,取消申报资格起始日,取消申报资格截止日';
const withCheck = (first17: string) => first17 + idNumberCheckChar(first17);
/** A person not in the register (a 1980 birth date in 楚雄市), with a valid GB 11643 check character. */
const OUTSIDER_ID = withCheck('53230119800101987');

describe.each(DB_KINDS)('外部失信记录：报入、来源、不可修改与一票否决（%s）', (kind) => {
  let t: TestApp;
  let base: string;
  let org: { id: string; name: string; credit_code: string };
  const csv = (rows: string[]) => Buffer.from(`${HEADER}\n${rows.join('\n')}\n`, 'utf8');
  const orgRow = () => `全国,科技部科技监督与诚信建设司,国科监〔2025〕12号,中华人民共和国科学技术部,2025-12-30,单位,${org.name},${org.credit_code},,抄袭剽窃他人科研成果,通报批评；取消申报资格,2026-01-01,2028-12-31`;
  const personRow = (id = OUTSIDER_ID) => `全国,科技部科技监督与诚信建设司,国科监〔2025〕13号,中华人民共和国科学技术部,2025-04-28,个人,李外来,,${id},伪造数据,取消申报资格,2025-05-01,永久`;

  beforeAll(async () => {
    t = await startTestApp(kind);
    await t.server.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.server.server.address() as AddressInfo).port}`;
    [org] = await t.app.db.query<any>(`SELECT s.id, s.name, s.credit_code FROM subjects s WHERE s.kind = 'organization' AND s.region_code LIKE '5323%' AND s.credit_code IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.subject_id = s.id AND COALESCE(r.determined_level, r.computed_level) = 'C')
        AND NOT EXISTS (SELECT 1 FROM sanctions x WHERE x.subject_id = s.id) ORDER BY s.credit_code LIMIT 1`);
  });
  afterAll(async () => { await t?.close(); });
  const count = async () => (await t.app.db.query<any>('SELECT count(*)::int AS n FROM external_misconduct_records'))[0].n;

  it('CI-13 诚信科室以文件报入：任一行有误整份不予报入并指出第几行；无误则全部报入，同一记录再报只记一次；业务科室无权报入', async () => {
    const officer = await loginAs(t, 'cx_integrity');
    const bad = await officer.upload('/api/misconduct-records/external?fileName=ext.csv', csv([orgRow(), personRow(`${OUTSIDER_ID.slice(0, 17)}${OUTSIDER_ID[17] === '0' ? '1' : '0'}`)]));
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'records[1].idNumber' });
    expect(bad.json.error.message).toContain('第 3 行');
    expect(await count()).toBe(0);

    const ok = await officer.upload('/api/misconduct-records/external?fileName=ext.csv', csv([orgRow(), personRow()]));
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ received: 2, created: 2, already: 0 });
    const again = await officer.upload('/api/misconduct-records/external', csv([orgRow(), personRow()]));
    expect(again.json).toMatchObject({ received: 2, created: 0, already: 2 });
    expect(await count()).toBe(2);
    // Kept as its blind index and masked form, never the number; linked to the register's unit.
    const rows = await t.app.db.query<any>('SELECT * FROM external_misconduct_records ORDER BY document_no');
    expect(JSON.stringify(rows)).not.toContain(OUTSIDER_ID);
    expect(rows.map((r) => [r.document_no, r.subject_id, r.source, r.imported_via])).toEqual([['国科监〔2025〕12号', org.id, 'national', 'file'], ['国科监〔2025〕13号', null, 'national', 'file']]);
    expect(rows[1].id_number_masked).toMatch(/\*/);
    const [audit] = await t.app.db.query<any>(`SELECT actor_role, after FROM audit_events WHERE action = 'misconduct.external_import' ORDER BY seq LIMIT 1`);
    expect(audit).toMatchObject({ actor_role: 'integrity_officer', after: { via: 'file', received: 2, created: 2, already: 0, clause: 'CI-13' } });

    expect((await (await loginAs(t, 'cx_business')).upload('/api/misconduct-records/external', csv([orgRow()]))).status).toBe(403);
  });

  it('外部记录按收到的原样保存，本系统不能修改', async () => {
    await expect(t.app.db.query(`UPDATE external_misconduct_records SET ban_end = '2026-01-02' WHERE document_no = '国科监〔2025〕12号'`)).rejects.toThrow(/cannot be edited/);
  });

  it('省级数据库经接口报入（misconduct.import）：缺少权限范围的令牌被拒绝；格式有误整份拒绝并指出第几条；正确的报入，记下报送的客户端', async () => {
    const secadmin = await loginAs(t, 'secadmin');
    const reg = async (scopes: string[]) => (await secadmin.send('POST', '/api/api-clients', { name: '云南省科研诚信信息系统', scopes, regionCode: '532300', ratePerMinute: 50 })).json;
    const token = async (c: any) => (await (await fetch(`${base}/api/oauth/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${c.clientId}:${c.secret}`).toString('base64')}` }, body: 'grant_type=client_credentials',
    })).json()).access_token as string;
    const post = async (bearer: string, records: unknown) => { const r = await fetch(`${base}/api/machine/misconduct-records`, { method: 'POST', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body: JSON.stringify({ records }) }); return { status: r.status, json: await r.json() }; };
    const record = { source: 'province', sender: '云南省科学技术厅', documentNo: '云科监〔2026〕3号', decidedBy: '云南省科学技术厅', decidedOn: '2026-03-02', subjectKind: 'organization',
      name: org.name, creditCode: org.credit_code, conduct: '违规使用科研经费', measures: ['取消申报资格'], banStart: '2026-03-02', banEnd: '2027-03-02' };

    const wrong = await post(await token(await reg(['veto.check'])), [record]);
    expect(wrong.status).toBe(403);
    expect(wrong.json.error.code).toBe('SCOPE_MISSING');
    const client = await reg(['misconduct.import']);
    const bearer = await token(client);
    const malformed = await post(bearer, [record, { ...record, documentNo: '云科监〔2026〕4号', banEnd: '2025-01-01' }]);
    expect(malformed.status).toBe(400);
    expect(malformed.json.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'records[1].banEnd' });
    expect(malformed.json.error.message).toContain('第 2 条');
    expect(await count()).toBe(2);
    const ok = await post(bearer, [record]);
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ received: 1, created: 1, already: 0 });
    const [row] = await t.app.db.query<any>(`SELECT imported_via, imported_by, imported_by_client, region_code FROM external_misconduct_records WHERE document_no = '云科监〔2026〕3号'`);
    expect(row).toEqual({ imported_via: 'machine', imported_by: null, imported_by_client: client.id, region_code: '532300' });
  });

  it('CI-12 异常名录列出外部记录及其来源（报送单位、文书号），标明不可在本系统修改', async () => {
    const list = (await (await loginAs(t, 'cx_integrity')).get('/api/misconduct-records?pageSize=100')).json;
    const ext = list.items.filter((i: any) => i.source.kind === 'external');
    expect(ext.map((i: any) => [i.source.documentNo, i.source.label, i.source.sender, i.decidedBy, i.editable]).sort()).toEqual([
      ['云科监〔2026〕3号', '省级科研诚信信息系统', '云南省科学技术厅', '云南省科学技术厅', false],
      ['国科监〔2025〕12号', '全国科研诚信信息系统', '科技部科技监督与诚信建设司', '中华人民共和国科学技术部', false],
      ['国科监〔2025〕13号', '全国科研诚信信息系统', '科技部科技监督与诚信建设司', '中华人民共和国科学技术部', false],
    ]);
    const nat = ext.find((i: any) => i.source.documentNo === '国科监〔2025〕12号');
    expect(nat).toMatchObject({ name: org.name, creditCode: org.credit_code, misconduct: '抄袭剽窃他人科研成果', measures: ['通报批评', '取消申报资格'], banStart: '2026-01-01', banEnd: '2028-12-31', banActive: true, clause: 'CI-13' });
    expect(ext.find((i: any) => i.source.documentNo === '国科监〔2025〕13号')).toMatchObject({ banLife: true, banEnd: null, banActive: true, kind: 'person' });
    expect(list.items.filter((i: any) => i.source.kind === 'own').every((i: any) => i.editable && i.source.label === '本系统处理决定')).toBe(true);
    // Only bans in force: the three are (2026-11-20 lies within each).
    const inForce = (await (await loginAs(t, 'cx_integrity')).get('/api/misconduct-records?inForce=true&pageSize=100')).json.items.filter((i: any) => i.source.kind === 'external');
    expect(inForce).toHaveLength(3);
  });

  it('CI-10 CI-13 一票否决：外部记录中在期的取消申报资格否决申报，结论写明外部依据；期满后不再否决；库外的个人按姓名和身份证号同样否决', async () => {
    const officer = await loginAs(t, 'cx_business');
    const check = async (on: string) => (await officer.send('POST', '/api/veto-check', { on, callRef: 'CX-2027-01', applicants: [
      { ref: 'org', creditCode: org.credit_code }, { ref: 'p', name: '李外来', idNumber: OUTSIDER_ID }, { ref: 'p-wrong-name', name: '李外', idNumber: OUTSIDER_ID },
    ] })).json;
    const on = await check('2026-11-20');
    const by = Object.fromEntries(on.results.map((r: any) => [r.ref, r]));
    expect(by.org).toMatchObject({ vetoed: true, detail: 'shown', subjectId: org.id });
    expect(by.org.reasons).toEqual([
      'CI-13：外部失信记录（全国科研诚信信息系统，科技部科技监督与诚信建设司报送），中华人民共和国科学技术部2025-12-30《国科监〔2025〕12号》取消申报资格至2028-12-31（2026-11-20 在期限内）',
      'CI-13：外部失信记录（省级科研诚信信息系统，云南省科学技术厅报送），云南省科学技术厅2026-03-02《云科监〔2026〕3号》取消申报资格至2027-03-02（2026-11-20 在期限内）',
    ]);
    expect(by.org.externalBans.map((b: any) => [b.documentNo, b.start, b.end, b.clause])).toEqual([['国科监〔2025〕12号', '2026-01-01', '2028-12-31', 'CI-13'], ['云科监〔2026〕3号', '2026-03-02', '2027-03-02', 'CI-13']]);
    expect(by.p).toMatchObject({ vetoed: true, detail: 'withheld', found: false });
    expect(by['p-wrong-name']).toMatchObject({ vetoed: false });
    // 2027-03-03: the province's ban has ended, the national one runs to 2028-12-31.
    const later = Object.fromEntries((await check('2027-03-03')).results.map((r: any) => [r.ref, r]));
    expect(later.org.externalBans.map((b: any) => b.documentNo)).toEqual(['国科监〔2025〕12号']);
    // 2029-01-01: the national ban has ended too; the life ban of the person goes on.
    const after = Object.fromEntries((await check('2029-01-01')).results.map((r: any) => [r.ref, r]));
    expect(after.org).toMatchObject({ vetoed: false, externalBans: [] });
    expect(after.p.vetoed).toBe(true);
    // Before the national ban started (2025-12-31) nothing vetoed the unit.
    const before = Object.fromEntries((await check('2025-12-31')).results.map((r: any) => [r.ref, r]));
    expect(before.org.vetoed).toBe(false);
  });
});
