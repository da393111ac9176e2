/**
 * Complaints on both databases (CI-29): anyone submits without an account and follows with a receipt
 * code; the integrity section registers and routes (a researcher to his or her own unit, a unit to
 * the superior authority); the investigating body reports, the bureau verifies and a misconduct case
 * follows. The complainant's planted identity is looked for everywhere and found only where the
 * intake role reads it with a reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../support/databases';
import { loginAs, startTestApp, type TestApp } from '../support/test-app';

const PLANTED = { name: '举报人司马青松', phone: '13912345678', email: 'whistle@example.cn' };

describe.each(DB_KINDS)('投诉举报（%s）', (kind) => {
  let t: TestApp;
  let researcher: { id: string; name: string };
  let unit: { id: string; name: string; credit_code: string };
  beforeAll(async () => {
    t = await startTestApp(kind);
    [researcher] = await t.app.db.query<any>(`SELECT s.id, s.name FROM subjects s JOIN users u ON u.person_id = s.id WHERE u.username = 'researcher'`);
    [unit] = await t.app.db.query<any>(`SELECT s.id, s.name, s.credit_code FROM subjects s JOIN users u ON u.unit_id = s.id WHERE u.username = 'unit_admin'`);
  });
  afterAll(async () => { await t?.close(); });

  const submit = async (body: object) => t.server.inject({ method: 'POST', url: '/api/public/complaints', payload: body });
  const status = async (receipt: string) => t.server.inject({ method: 'GET', url: `/api/public/complaints/status?receipt=${receipt}` });

  it('CI-29 公众无需登录即可举报并凭受理码查询；举报人身份加密另存，审计、案件、提醒中都没有', async () => {
    const r = await submit({ accusedName: researcher.name, accusedKind: 'person', content: '该研究人员在项目结题报告中伪造实验数据', complainant: PLANTED });
    expect(r.statusCode).toBe(201);
    const { receipt } = r.json();
    expect(receipt).toMatch(/^[A-HJ-NP-Z2-9]{16}$/);
    expect((await status(receipt)).json()).toMatchObject({ status: '已收到，待受理', progress: null });
    expect((await status('AAAAAAAAAAAAAAAA')).statusCode).toBe(404);
    expect((await submit({ accusedName: '某', accusedKind: 'person', content: '太短', complainant: PLANTED })).statusCode).toBe(400);
    const dump = JSON.stringify(await t.app.db.query(`SELECT (SELECT json_agg(a) FROM audit_events a) AS audit, (SELECT json_agg(c) FROM cases c) AS cases,
      (SELECT json_agg(n) FROM notifications n) AS notes, (SELECT json_agg(i) FROM complaint_intake i) AS intake, (SELECT json_agg(x) FROM complainant_identities x) AS ids`));
    for (const v of Object.values(PLANTED)) expect(dump).not.toContain(v);
  });

  it('CI-29 受理后按规则转办：非单位负责人的个人由其所在单位调查（被举报人看不到），单位调查报告经局核实属实即立失信案件', async () => {
    const integrity = await loginAs(t, 'cx_integrity');
    expect((await (await loginAs(t, 'cx_business')).get('/api/complaints')).status).toBe(403);
    const list = (await integrity.get('/api/complaints?status=new')).json;
    const item = list.items.find((x: any) => x.accusedName === researcher.name);
    expect(JSON.stringify(list)).not.toContain(PLANTED.name);
    const reg = await integrity.send('POST', `/api/complaints/${item.id}/register`, { version: item.version, accusedId: researcher.id, isUnitHead: false });
    expect(reg.json.state).toBe('unit_investigating');
    const caseId = reg.json.caseId;
    expect((await (await loginAs(t, 'researcher')).get(`/api/cases/${caseId}`)).status).toBe(404);
    const unitAdmin = await loginAs(t, 'unit_admin');
    const seen = await unitAdmin.get(`/api/cases/${caseId}`);
    expect(seen.status).toBe(200);
    expect(JSON.stringify(seen.json)).not.toContain(PLANTED.name);
    let r = await unitAdmin.send('POST', `/api/cases/${caseId}/steps/file_report`, { version: seen.json.version, findings: '经核查原始实验记录，结题报告第三章数据与记录不符', conclusion: 'holds' });
    expect(r.json.state).toBe('reported');
    r = await integrity.send('POST', `/api/cases/${caseId}/steps/verify_holds`, { version: r.json.version, opinion: '调查报告事实清楚，举报属实' });
    expect(r.json.state).toBe('substantiated');
    const m = r.json.related.find((x: any) => x.procedure === 'misconduct');
    expect((await integrity.get(`/api/cases/${m.id}`)).json.data).toMatchObject({ source: 'complaint', subjectId: researcher.id, subjectKind: 'person' });
    expect((await (await loginAs(t, 'researcher')).get(`/api/cases/${m.id}`)).status).toBe(404);
    // The complainant sees progress, never the accused's details or the investigation.
    const [{ receipt_digest }] = await t.app.db.query<any>('SELECT receipt_digest FROM complaint_intake WHERE id = $1', [item.id]);
    expect(receipt_digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('CI-29 对单位的举报由上级主管部门调查，单位看不到；查看举报人身份只限受理岗位，须说明理由并留痕', async () => {
    const r = await submit({ accusedName: unit.name, accusedCreditCode: unit.credit_code, accusedKind: 'organization', content: '该单位挪用项目经费用于办公楼装修', complainant: PLANTED });
    const { receipt } = r.json();
    const integrity = await loginAs(t, 'cx_integrity');
    const item = (await integrity.get('/api/complaints?status=new')).json.items.find((x: any) => x.accusedName === unit.name);
    const reg = await integrity.send('POST', `/api/complaints/${item.id}/register`, { version: item.version, accusedId: unit.id, isUnitHead: false });
    expect(reg.json.state).toBe('bureau_investigating');
    expect((await (await loginAs(t, 'unit_admin')).get(`/api/cases/${reg.json.caseId}`)).status).toBe(404);
    expect((await status(receipt)).json()).toMatchObject({ status: '已受理', progress: '由上级主管部门调查' });
    expect((await (await loginAs(t, 'cx_business')).send('POST', `/api/complaints/${item.id}/complainant`, { reason: '需要联系举报人补充材料' })).status).toBe(403);
    expect((await integrity.send('POST', `/api/complaints/${item.id}/complainant`, { reason: '短' })).status).toBe(400);
    const who = await integrity.send('POST', `/api/complaints/${item.id}/complainant`, { reason: '需要联系举报人补充材料' });
    expect(who.json).toEqual(PLANTED);
    const [audit] = await t.app.db.query<any>(`SELECT after FROM audit_events WHERE action = 'complaint.identity_read' AND object_id = $1`, [item.id]);
    expect(audit.after).toEqual({ reason: '需要联系举报人补充材料' });
    const dump = JSON.stringify(await t.app.db.query(`SELECT json_agg(a) AS audit FROM audit_events a`));
    for (const v of Object.values(PLANTED)) expect(dump).not.toContain(v);
  });
});
