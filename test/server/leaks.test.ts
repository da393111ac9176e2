/**
 * Leak sweep (GB/T 22239-2019 8.1.4.10 personal information; issue 8): a planted ID number and a
 * planted complainant identity are looked for in every answer of every GET endpoint of the route
 * table, as every identity (with path ids pointing at the planted records), in the Excel exports
 * (cells read back), in generated documents (DOCX and PDF read back), in the audit log and in the
 * server's log output. They may appear only where the
 * role is entitled and the read is audited: the full ID number through the reveal endpoint for the
 * integrity section, the identity through the intake role's stated-reason read. Every other
 * appearance is a leak; leaks must be 0.
 */
import { sheetRows } from '../fixtures/xlsx-read';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../src/core/identity/id-number';
import { DEMO_ACCOUNTS } from '../../src/server/demo/load-demo';
import { DB_KINDS } from '../support/databases';
import { docxText, pdfText } from '../support/documents';
import { loginAs, startTestApp, type Client, type TestApp } from '../support/test-app';
import { noticeWaivedSteps, startBody } from '../support/cases';
import { fileComplaint } from '../support/complaints';

const FIRST17 = '53230119880312567';
const ID_NUMBER = FIRST17 + idNumberCheckChar(FIRST17);
const COMPLAINANT = { name: '举报人欧阳明远', phone: '13987654321', email: 'planted.whistle@example.cn' };
const PLANTED = [ID_NUMBER, COMPLAINANT.name, COMPLAINANT.phone, COMPLAINANT.email];
/** Where a planted value may be read, by whom: the audited, purpose-bound reads. */
const ENTITLED = new Set(['GET /api/subjects/:id/id-number']);

describe.each(DB_KINDS)('个人信息泄露扫描（%s）', (kind) => {
  let t: TestApp;
  let personId: string;
  let complaintId: string;
  let caseId: string;
  const clients = new Map<string, Client>();
  const logLines: string[] = [];

  beforeAll(async () => {
    // Everything the server logs, at every level, is kept to be searched too.
    t = await startTestApp(kind, { logLines });
    t.server.log.level = 'trace';
    const officer = await loginAs(t, 'cx_integrity');
    const [unit] = await t.app.db.query<{ id: string }>(`SELECT id FROM subjects WHERE kind = 'organization' AND region_code = '532301' LIMIT 1`);
    const person = await officer.send('POST', '/api/subjects', { kind: 'person', name: '泄露测试人', idNumber: ID_NUMBER, employerId: unit.id, regionCode: '532301' });
    if (person.status !== 201) throw new Error(JSON.stringify(person.json));
    personId = person.json.id;
    const c = await fileComplaint(t, { accusedName: '泄露测试人', accusedKind: 'person', content: '该研究人员伪造实验数据并冒用他人成果', complainant: COMPLAINANT });
    if (c.statusCode !== 201) throw new Error(c.body);
    const [intake] = (await officer.get('/api/complaints')).json.items;
    complaintId = intake.id;
    const reg = await officer.send('POST', `/api/complaints/${intake.id}/register`, { version: intake.version, accusedId: personId, isUnitHead: false });
    caseId = reg.json.caseId ?? reg.json.id;
    for (const a of DEMO_ACCOUNTS) clients.set(a.username, await loginAs(t, a.username));
  });
  afterAll(async () => { await t?.close(); });

  const found = (text: string) => PLANTED.filter((v) => text.includes(v));

  it('每个 GET 接口 × 每个身份（含匿名）：计划植入的身份证号和举报人信息只出现在有权且留痕的查看接口', async () => {
    const gets = t.server.routeTable.filter((r) => r.method === 'GET' && r.url !== '/api/auth/sessions');
    const fill = (url: string) => url.replace(':id', url.startsWith('/api/subjects') ? personId : url.startsWith('/api/cases') ? caseId : url.startsWith('/api/complaints') ? complaintId : personId)
      .replace(':code', '532301').replace(':year', '2026');
    let cells = 0;
    let entitledReads = 0;
    const leaks: string[] = [];
    const failures: string[] = [];
    for (const r of gets) {
      const url = fill(r.url) + (r.url === '/api/public/sanctions' ? `?q=${encodeURIComponent('泄露测试人')}` : '');
      for (const [name, who] of [['匿名', null] as const, ...clients.entries()]) {
        const res = who ? await who.get(url) : await t.server.inject({ method: 'GET', url }).then((x) => ({ body: x.body, raw: x.rawPayload, status: x.statusCode }));
        cells++;
        if (res.status >= 500) failures.push(`${name} GET ${url} → ${res.status}`);
        let text = res.body;
        if (url.includes('.xlsx') || url.includes('format=xlsx')) {
          try { text = JSON.stringify(await sheetRows(res.raw)); } catch { /* not a workbook: an error answer */ }
        }
        const hits = found(text);
        if (hits.length === 0) continue;
        if (ENTITLED.has(`GET ${r.url}`)) { entitledReads++; continue; }
        leaks.push(`${name} GET ${r.url} → ${hits.join(', ')}`);
      }
    }
    // The intake role's read of the complainant: stated reason, audited, and only for that role.
    const idRead = await clients.get('cx_integrity')!.send('POST', `/api/complaints/${complaintId}/complainant`, { reason: '核实举报人联系方式以便补充材料' });
    expect(JSON.stringify(idRead.json)).toContain(COMPLAINANT.name);
    expect((await clients.get('cx_business')!.send('POST', `/api/complaints/${complaintId}/complainant`, { reason: '想看看是谁举报的' })).status).toBe(403);
    // The audit log and the server's own log output hold none of it.
    const audit = JSON.stringify(await t.app.db.query('SELECT before, after, object_id FROM audit_events'));
    for (const v of PLANTED) expect(audit.includes(v) ? `audit log contains ${v}` : null).toBeNull();
    expect(logLines.length).toBeGreaterThan(cells); // every request was logged, so the search below means something
    for (const v of PLANTED) expect(logLines.some((l) => l.includes(v)) ? `server log contains ${v}` : null).toBeNull();
    expect(leaks).toEqual([]);
    // Every identity reading every endpoint gets an answer, never a server error.
    expect(failures).toEqual([]);
    expect(entitledReads).toBeGreaterThan(0);
    console.log(`leak sweep (${kind}): ${gets.length} GET endpoints × ${clients.size + 1} identities = ${cells} answers searched for ${PLANTED.length} planted values; ${entitledReads} entitled audited reads, ${leaks.length} leaks`);
  });

  it('M4 按身份证号检索只经请求体：网址中带号码的检索与导出被拒绝且不回显；找到的人员只显示脱敏号码；审计日志和服务器日志（含请求网址）都没有这个号码', async () => {
    const officer = clients.get('cx_integrity')!;
    const before = logLines.length;
    for (const url of [`/api/subjects?q=${ID_NUMBER}`, `/api/subjects/export.xlsx?q=${ID_NUMBER}`, `/api/subjects?q=${ID_NUMBER.toLowerCase()}&pageSize=5`]) {
      const r = await officer.get(url);
      expect([url, r.status, r.json?.error?.field]).toEqual([url, 400, 'q']);
      expect(r.body).not.toContain(ID_NUMBER);
    }
    const found = await officer.send('POST', '/api/subjects/search', { q: ID_NUMBER });
    expect(found.status).toBe(200);
    expect(found.json.items.map((x: any) => [x.id, x.idNumberMasked])).toEqual([[personId, `${ID_NUMBER.slice(0, 6)}********${ID_NUMBER.slice(14)}`]]);
    expect(JSON.stringify(found.json)).not.toContain(ID_NUMBER);
    // The veto check by name and number: its audit event keeps the blind index.
    expect((await officer.send('POST', '/api/veto-check', { on: '2026-11-20', applicants: [{ ref: 'p', name: '泄露测试人', idNumber: ID_NUMBER }] })).status).toBe(200);
    const audit = JSON.stringify(await t.app.db.query('SELECT object_id, before, after FROM audit_events'));
    expect(audit.includes(ID_NUMBER) ? 'audit log contains the ID number' : null).toBeNull();
    expect(audit).toContain(t.app.cipher.blindIndex(ID_NUMBER));
    const lines = logLines.slice(before);
    expect(lines.some((l) => l.includes('/api/subjects'))).toBe(true); // the requests were logged, with their URLs
    expect(lines.filter((l) => l.includes(ID_NUMBER) || l.includes(ID_NUMBER.toLowerCase()))).toEqual([]);
  });

  it('数据库报错写进日志时不带语句参数（如 argon2id 哈希），只留错误码、表和语句', async () => {
    const secret = '$argon2id$v=19$m=19456,t=2,p=1$planted-salt$planted-hash';
    const err = await t.app.db.query('INSERT INTO users (id, username, display_name, role, password_hash, password_changed_at, created_at, unit_id) VALUES ($1, $2, $3, $4, $5, now(), now(), $6)',
      ['00000000-0000-4000-8000-00000000abcd', 'log_probe', '日志探针', 'unit_admin', secret, '00000000-0000-4000-8000-00000000dead']).then(() => null, (e) => e);
    expect(err).not.toBeNull();
    const before = logLines.length;
    t.server.log.error({ err }, 'unhandled error');
    const line = logLines.slice(before).join('');
    // The error's code and table stay (PGlite adds the statement's text; pg does not send it); the parameters go.
    expect(line).toContain('23503');
    if (kind === 'pglite') expect(line).toContain('INSERT INTO users');
    expect(line).not.toContain(secret);
    expect(line).not.toContain('planted-hash');
  });

  it('文书：对植入人员作出处理决定后生成的处理决定书（DOCX、PDF）写明其姓名，但不含身份证号和举报人信息', async () => {
    const officer = clients.get('cx_integrity')!;
    const c = (await officer.send('POST', '/api/cases', startBody('misconduct', { subjectId: personId, source: 'complaint', grounds: '举报经核实：伪造实验数据并冒用他人成果' }))).json;
    let version = c.version;
    const factors = { deviation: '严重偏离', intent_obstruction: '伪造数据', social_impact: '影响较大', repeat: '首次', attitude: '拒不承认', other: '无' };
    const decision = {
      kind: 'fabrication', conductDate: '2025-06-01', decidedOn: '2026-11-20', severity: 'serious', measures: ['ban'], banYears: 3, publicDisclosure: true,
      simpleProcedure: false, minorAndCorrected: false, responsible: [], judiciaryReferral: false, reasons: '伪造实验数据，情节严重' };
    for (const [step, body] of [['file', {}], ['record_factors', { factors }], ...noticeWaivedSteps(decision, '2026-11-20'), ['decide_sanction', decision]] as const) {
      const r = await officer.send('POST', `/api/cases/${c.id}/steps/${step}`, { version, ...body });
      if (r.status !== 200) throw new Error(JSON.stringify(r.json));
      version = r.json.version;
    }
    const texts: string[] = [];
    for (const format of ['docx', 'pdf'] as const) {
      const doc = await officer.send('POST', `/api/cases/${c.id}/documents`, { kind: 'sanction_decision', format });
      expect(doc.status).toBe(201);
      const file = await officer.get(`/api/files/${doc.json.id}`);
      texts.push(format === 'docx' ? docxText(file.raw) : pdfText(file.raw).replace(/\s+/g, ''));
    }
    for (const text of texts) {
      expect(text).toContain('泄露测试人');
      expect(found(text)).toEqual([]);
    }
  });
});
