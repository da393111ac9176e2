/**
 * Complaints on both databases (CI-29): anyone submits without an account and follows with a receipt
 * code; the integrity section registers and routes (a researcher to his or her own unit, a unit to
 * the superior authority); the investigating body reports, the bureau verifies and a misconduct case
 * follows. The complainant's planted identity is looked for everywhere and found only where the
 * intake role reads it with a reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../support/databases';
import crypto from 'node:crypto';
import { loginAs, startTestApp, TEST_NOW, type TestApp } from '../support/test-app';
import { complaintProof, fileComplaint } from '../support/complaints';
import { hostileMaterials, ordinaryMaterials } from '../fixtures/hostile-files';
import { meetsWork } from '../../src/core/challenge/proof-of-work';

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

  const submit = async (body: object) => fileComplaint(t, body);
  const post = async (body: object) => t.server.inject({ method: 'POST', url: '/api/public/complaints', payload: body });
  const intakeCount = async () => (await t.app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM complaint_intake'))[0].n;
  const errorOf = (r: { statusCode: number; json(): any }) => [r.statusCode, r.json().error?.code, r.json().error?.field];
  const BODY = { accusedName: '某材料研究所', accusedKind: 'organization', content: '该单位在 2026 年项目验收中提交伪造的检测报告', complainant: PLANTED };
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
    // The ledger says what kind of subject is accused, as submitted (the register form searches subjects of that kind).
    expect(item.accusedKind).toBe('person');
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

  it('CI-29 人机校验（工作量证明）：未作答、答案不对、签名被改、过期、重复使用的，一律以 CHALLENGE_FAILED 拒收并指明字段 challenge，什么也不留下', async () => {
    const before = await intakeCount();
    const none = await post(BODY);
    expect(errorOf(none)).toEqual([400, 'CHALLENGE_FAILED', 'challenge']);
    expect(none.json().error.message).toBe('请完成人机校验后再提交');
    // A nonce that falls short of the work, found by checking it (not assumed).
    const proof = await complaintProof(t);
    const bits = (await t.server.inject({ method: 'GET', url: '/api/public/complaints/challenge' })).json().bits;
    let wrong = 0;
    while (meetsWork(proof.challenge, String(wrong), bits)) wrong++;
    const short = await post({ ...BODY, proof: { challenge: proof.challenge, nonce: String(wrong) } });
    expect(errorOf(short)).toEqual([400, 'CHALLENGE_FAILED', 'challenge']);
    expect(short.json().error.message).toBe('人机校验未通过，请重新提交');
    // Asking for less work by rewriting the challenge breaks its signature.
    const [payload, mac] = proof.challenge.split('.');
    const easier = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), bits: 0 })).toString('base64url');
    const forged = await post({ ...BODY, proof: { challenge: `${easier}.${mac}`, nonce: '0' } });
    expect(errorOf(forged)).toEqual([400, 'CHALLENGE_FAILED', 'challenge']);
    expect(forged.json().error.message).toBe('人机校验无效，请重新提交');
    // Thirty minutes after issue the answer has expired.
    const late = await complaintProof(t);
    t.clock.set(new Date(Date.parse(TEST_NOW) + 30 * 60_000).toISOString());
    try {
      const expired = await post({ ...BODY, proof: late });
      expect(errorOf(expired)).toEqual([400, 'CHALLENGE_FAILED', 'challenge']);
      expect(expired.json().error.message).toBe('人机校验已过期，请重新提交');
    } finally { t.clock.set(TEST_NOW); }
    expect(await intakeCount()).toBe(before);
    // One answer, sent twice at once: exactly one complaint is kept; sent again later: refused.
    const once = await complaintProof(t);
    const both = await Promise.all([post({ ...BODY, proof: once }), post({ ...BODY, proof: once })]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 400]);
    expect(errorOf(both.find((r) => r.statusCode === 400)!)).toEqual([400, 'CHALLENGE_FAILED', 'challenge']);
    const replay = await post({ ...BODY, proof: once });
    expect(errorOf(replay)).toEqual([400, 'CHALLENGE_FAILED', 'challenge']);
    expect(replay.json().error.message).toBe('该人机校验已使用过，请重新提交');
    expect(await intakeCount()).toBe(before + 1);
    // Claims are kept until their challenge expires, then dropped by the next submission.
    await t.app.db.query(`INSERT INTO complaint_challenge_claims (id, expires_at, claimed_at) VALUES ('00000000-0000-4000-8000-00000000c1a1', '2026-11-20T01:59:59Z', '2026-11-20T01:30:00Z')`);
    expect((await submit(BODY)).statusCode).toBe(201);
    expect((await t.app.db.query(`SELECT 1 FROM complaint_challenge_claims WHERE id = '00000000-0000-4000-8000-00000000c1a1'`)).length).toBe(0);
    expect((await t.app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM complaint_challenge_claims WHERE expires_at > $1`, [TEST_NOW]))[0].n).toBeGreaterThanOrEqual(2);
  });

  it('CI-29 统一社会信用代码校验位不对的举报在该字段被拒收（GB 32100）', async () => {
    const r = await submit({ ...BODY, accusedCreditCode: '91532300MA6K000001' });
    expect(errorOf(r)).toEqual([400, 'INVALID_CREDIT_CODE', 'accusedCreditCode']);
    expect(r.json().error.message).toMatch(/统一社会信用代码/);
  });

  it('CI-29 举报可附证据材料：按内容检查，随举报保存 SHA-256 与 SM3，只有本辖区受理岗位能看到和下载，下载留痕', async () => {
    const ordinary = ordinaryMaterials();
    const pdf = ordinary.find((f) => f.fileName.endsWith('.pdf'))!;
    const png = ordinary.find((f) => f.fileName.endsWith('.png'))!;
    const docx = ordinary.find((f) => f.fileName === '说明.docx')!;
    const r = await submit({ ...BODY, accusedName: '附件测试研究所', attachments: [pdf, png, docx].map((f) => ({ fileName: f.fileName, contentBase64: f.bytes.toString('base64') })) });
    expect(r.statusCode).toBe(201);
    const integrity = await loginAs(t, 'cx_integrity');
    const item = (await integrity.get('/api/complaints?status=new')).json.items.find((x: any) => x.accusedName === '附件测试研究所');
    expect(item.attachments.map((a: any) => [a.fileName, a.sizeBytes, a.sha256, a.sm3])).toEqual([pdf, png, docx].map((f) => [
      f.fileName, f.bytes.length, crypto.createHash('sha256').update(f.bytes).digest('hex'), crypto.createHash('sm3').update(f.bytes).digest('hex')]));
    const got = await integrity.get(`/api/complaints/files/${item.attachments[0].id}`);
    expect(got.status).toBe(200);
    expect(Buffer.compare(got.raw, pdf.bytes)).toBe(0);
    const [ev] = await t.app.db.query<{ after: any; object_id: string }>(`SELECT after, object_id FROM audit_events WHERE action = 'complaint.file_download' ORDER BY seq DESC LIMIT 1`);
    expect([ev.object_id, ev.after.file, ev.after.sm3]).toEqual([item.id, item.attachments[0].id, item.attachments[0].sm3]);
    // Another section has no intake permission: 403; an intake officer outside the complaint's area: 404.
    expect((await (await loginAs(t, 'cx_business')).get(`/api/complaints/files/${item.attachments[0].id}`)).status).toBe(403);
    await t.app.db.query(`UPDATE complaint_intake SET jurisdiction_code = '530100' WHERE id = $1`, [item.id]);
    try {
      expect((await integrity.get(`/api/complaints/files/${item.attachments[1].id}`)).status).toBe(404);
    } finally { await t.app.db.query(`UPDATE complaint_intake SET jurisdiction_code = '532300' WHERE id = $1`, [item.id]); }
  });

  it('CI-29 恶意附件（改名为 .pdf 的可执行文件、压缩炸弹 Word、含脚本的 PDF、Excel 表格）与第 6 个附件：拒收，中文说明点名该文件，整件举报不保存', async () => {
    const before = await intakeCount();
    const hostile = await hostileMaterials();
    const pick = (name: string) => hostile.find((f) => f.name === name)!;
    const exe = { fileName: '检测报告.pdf', bytes: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300)]) };
    const cases: Array<[{ fileName: string; bytes: Buffer }, string, RegExp]> = [
      [exe, 'FILE_REFUSED', /^附件“检测报告\.pdf”不予接收：不接受可执行文件或脚本$/],
      [{ ...pick('256 MiB 压缩炸弹（中央目录谎报为 1 KB）'), fileName: '证据.docx' }, 'FILE_REFUSED', /^附件“证据\.docx”不予接收：/],
      [{ ...pick('PDF 含 JavaScript'), fileName: '合同.pdf' }, 'FILE_REFUSED', /^附件“合同\.pdf”不予接收：/],
      [{ fileName: '经费.xlsx', bytes: ordinaryMaterials().find((f) => f.fileName === '经费.xlsx')!.bytes }, 'FILE_REFUSED', /^附件“经费\.xlsx”不予接收：只接收 PDF、JPEG、PNG 图片或 Word 文档/],
      [{ fileName: '照片.pdf', bytes: ordinaryMaterials().find((f) => f.fileName === '照片.png')!.bytes }, 'FILE_TYPE_MISMATCH', /^附件“照片\.pdf”不予接收：文件内容是PNG 图片，与扩展名不符$/],
    ];
    const fine = ordinaryMaterials().find((f) => f.fileName.endsWith('.pdf'))!;
    for (const [f, code, message] of cases) {
      const r = await submit({ ...BODY, attachments: [fine, f].map((x) => ({ fileName: x.fileName, contentBase64: x.bytes.toString('base64') })) });
      expect([f.fileName, ...errorOf(r)]).toEqual([f.fileName, code === 'FILE_REFUSED' || code === 'FILE_TYPE_MISMATCH' ? 415 : 400, code, 'attachments']);
      expect(r.json().error.message).toMatch(message);
    }
    const six = await submit({ ...BODY, attachments: Array.from({ length: 6 }, (_, i) => ({ fileName: `${i}.pdf`, contentBase64: fine.bytes.toString('base64') })) });
    expect(errorOf(six)).toEqual([400, 'VALIDATION_FAILED', 'attachments']);
    expect(six.json().error.message).toBe('最多上传 5 个附件');
    expect(await intakeCount()).toBe(before);
    expect((await t.app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM complaint_files f JOIN complaint_intake i ON i.id = f.intake_id WHERE i.accused_name = $1`, [BODY.accusedName]))[0].n).toBe(0);
  }, 120_000);
});
