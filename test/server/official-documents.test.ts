/**
 * Official documents in the form of GB/T 9704-2012 (issue 20): the issuing organ's mark, a document number
 * per bureau, kind and year issued in sequence inside the transaction that stores the document (楚科容决〔2026〕1号),
 * the date in Chinese, the seal's place, 抄送 and the 版记, read back from the DOCX and the PDF; decisions that
 * can be contested state how and when (行政复议 60 days, 行政诉讼 6 months, from the dated parameters); and the
 * numbering holds with two connection pools on one PostgreSQL issuing at once: no duplicates, no gaps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../../src/server/db/database';
import { createApp } from '../../src/server/app';
import { buildServer } from '../../src/server/http/server';
import type { FastifyInstance } from 'fastify';
import { decideMisconduct, listWithoutObjection, prepareToleranceDecision, startBody, takeSteps } from '../support/cases';
import { DB_KINDS } from '../support/databases';
import { docxText, pdfText } from '../support/documents';
import { loginAs, startTestApp, testAuditSeal, testCipher, type Client, type TestApp } from '../support/test-app';

const DECISION = { outcome: 'exempt', circumstances: ['YT-5.6'], reasons: '已勤勉尽责，技术路线选择失误',
  deliberation: { date: '2026-11-20', members: ['局长', '副局长', '业务科长'], method: 'consensus', minutes: '一致同意免除责任' } };

/** Projects of the prefecture being carried out with no case yet, for ex officio tolerance cases (YT-6.2). */
const freeProjects = (db: Database, n: number) => db.query<{ id: string }>(
  `SELECT p.id FROM projects p WHERE p.jurisdiction_code = '532300' AND p.exempted_on IS NULL AND p.status = 'in_progress'
      AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.project_id = p.id) ORDER BY p.code LIMIT $1`, [n]);

/** YT-6.2 to YT-6.4: opened ex officio, investigated, decided by the collective deliberation. */
async function decidedCase(officer: Client, projectId: string): Promise<string> {
  const c = (await officer.send('POST', '/api/cases', startBody('tolerance', { exOfficio: true, projectId, failure: '中试工艺路线失败', conditions: { 'YT-4.5': '国内首创工艺' }, circumstances: ['YT-5.6'] }))).json;
  if (!c.id) throw new Error(JSON.stringify(c));
  await prepareToleranceDecision(officer, c.id, '2026-11-20');
  await takeSteps(officer, c.id, [['decide', DECISION]]);
  return c.id;
}

const text = (format: 'docx' | 'pdf', raw: Buffer) => (format === 'docx' ? docxText(raw) : pdfText(raw)).replace(/\s+/g, '');

describe.each(DB_KINDS)('公文格式与发文字号（%s）', (kind) => {
  let t: TestApp;
  let officer: Client;
  beforeAll(async () => { t = await startTestApp(kind); officer = await loginAs(t, 'cx_business'); });
  afterAll(async () => { await t?.close(); });

  const issue = async (caseId: string, docKind: string, format: 'docx' | 'pdf') => {
    const r = await officer.send('POST', `/api/cases/${caseId}/documents`, { kind: docKind, format });
    if (r.status !== 201) throw new Error(JSON.stringify(r.json));
    return { ...r.json, text: text(format, (await officer.get(`/api/files/${r.json.id}`)).raw) };
  };

  it('GB/T 9704-2012 YT-6.4 容错认定决定书：发文机关标志、本局本文种本年顺序文号、汉字成文日期、印章位置、抄送组织人事部门、版记；DOCX 与 PDF 同一文号，再次生成不另取号', async () => {
    const [p1, p2] = await freeProjects(t.app.db, 2);
    const first = await decidedCase(officer, p1.id);
    const second = await decidedCase(officer, p2.id);

    const docx = await issue(first, 'decision', 'docx');
    expect(docx.docNo).toBe('楚科容决〔2026〕1号');
    for (const part of ['楚雄彝族自治州科学技术局', '楚科容决〔2026〕1号', '容错免责认定决定书', '楚雄州科学技术局（印章）二〇二六年十一月二十日',
      '抄送：中共楚雄州委组织部，楚雄州人力资源和社会保障局。', '楚雄彝族自治州科学技术局办公室二〇二六年十一月二十日印发']) expect(docx.text).toContain(part);
    // The mark heads the document, the 版记 closes it.
    expect(docx.text.startsWith('楚雄彝族自治州科学技术局楚科容决〔2026〕1号容错免责认定决定书')).toBe(true);
    expect(docx.text.endsWith('二〇二六年十一月二十日印发')).toBe(true);

    const pdf = await issue(first, 'decision', 'pdf');
    expect(pdf.docNo).toBe('楚科容决〔2026〕1号');
    for (const part of ['楚雄彝族自治州科学技术局', '楚科容决〔2026〕1号', '（印章）', '二〇二六年十一月二十日', '抄送：中共楚雄州委组织部，楚雄州人力资源和社会保障局。',
      '楚雄彝族自治州科学技术局办公室二〇二六年十一月二十日印发']) expect(pdf.text).toContain(part);

    expect((await issue(second, 'decision', 'docx')).docNo).toBe('楚科容决〔2026〕2号');
    // Another kind has a sequence of its own (YT-9.2: the correction notice of the case it started), numbered from 1.
    const [{ id: correction }] = await t.app.db.query<{ id: string }>(`SELECT id FROM cases WHERE parent_case_id = $1 AND procedure = 'correction'`, [first]);
    await takeSteps(officer, correction, [['send_notice', { reasons: '技术路线需调整', requirements: '提交调整方案' }]]);
    expect((await issue(correction, 'correction_notice', 'pdf')).docNo).toBe('楚科纠通〔2026〕1号');

    // One number per document, audited once with the bureau, kind, year and sequence; each rendering audits its number.
    const numbers = await t.app.db.query<any>(`SELECT after FROM audit_events WHERE action = 'document.number' ORDER BY seq`);
    expect(numbers.map((n) => n.after)).toEqual([
      { kind: 'decision', edition: 1, bureau: '532300', year: 2026, seq: 1, docNo: '楚科容决〔2026〕1号' },
      { kind: 'decision', edition: 1, bureau: '532300', year: 2026, seq: 2, docNo: '楚科容决〔2026〕2号' },
      { kind: 'correction_notice', edition: 1, bureau: '532300', year: 2026, seq: 1, docNo: '楚科纠通〔2026〕1号' },
    ]);
    const generated = await t.app.db.query<any>(`SELECT after FROM audit_events WHERE action = 'document.generate' AND object_id = $1 ORDER BY seq`, [first]);
    expect(generated.map((g) => [g.after.mediaType, g.after.docNo])).toEqual([
      ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', '楚科容决〔2026〕1号'], ['application/pdf', '楚科容决〔2026〕1号']]);
  });

  it('CI-25 CI-27 可以申请行政复议或提起行政诉讼的决定写明途径和期限（60 日、6 个月）：处理决定书与列入失信惩戒名单决定书；列入决定抄送信用信息共享平台的主管部门', async () => {
    const [person] = await t.app.db.query<any>(`SELECT s.id FROM subjects s WHERE s.kind = 'person' AND s.region_code LIKE '5323%'
      AND NOT EXISTS (SELECT 1 FROM users u WHERE u.person_id = s.id) AND NOT EXISTS (SELECT 1 FROM sanctions x WHERE x.subject_id = s.id) ORDER BY s.name LIMIT 1`);
    const integrity = await loginAs(t, 'cx_integrity');
    const m = await decideMisconduct(integrity, person.id);
    const decision = await (async () => {
      const r = await integrity.send('POST', `/api/cases/${m.id}/documents`, { kind: 'sanction_decision', format: 'docx' });
      return text('docx', (await integrity.get(`/api/files/${r.json.id}`)).raw);
    })();
    expect(decision).toContain('自收到本决定书之日起60日内依法申请行政复议');
    expect(decision).toContain('6个月内依法向人民法院提起行政诉讼');
    expect(decision).toContain('楚雄彝族自治州科学技术局办公室');

    const l = await listWithoutObjection(t, () => loginAs(t, 'cx_business'), person.id, m.id, '2026-11-20', '2026-12-07');
    expect(l.state).toBe('listed');
    officer = await loginAs(t, 'cx_business');
    const listing = await issue(l.id, 'listing_decision', 'pdf');
    expect(listing.docNo).toBe('楚科信列〔2026〕1号');
    for (const part of ['列入失信惩戒名单决定书', '异议期内未提出异议', '2026年12月7日局办公会研究', '自收到本决定书之日起60日内依法申请行政复议',
      '6个月内依法向人民法院提起行政诉讼', '二〇二六年十二月七日', '抄送：楚雄州发展和改革委员会。', '二〇二六年十二月七日印发']) expect(listing.text).toContain(part);
  });

  it('机关代字等版式取自本局的数据：本局改定机关代字和印发机关后，下一份文书即用新版式，顺序号接续不重排', async () => {
    await t.app.db.query(`UPDATE bureaus SET doc_prefix = '楚州科', printer = '楚雄州科学技术局综合科' WHERE region_code = '532300'`);
    t.clock.set('2026-11-20T02:00:00.000Z');
    officer = await loginAs(t, 'cx_business');
    const [p] = await freeProjects(t.app.db, 1);
    const c = await decidedCase(officer, p.id);
    const d = await issue(c, 'decision', 'docx');
    expect(d.docNo).toBe('楚州科容决〔2026〕3号');
    expect(d.text).toContain('楚雄州科学技术局综合科二〇二六年十一月二十日印发');
  });
});

describe.skipIf(!DB_KINDS.includes('postgres'))('两个连接池（两个服务实例）共用一个 PostgreSQL 同时出具文书', () => {
  let t: TestApp;
  let second: { db: Database; server: FastifyInstance } | null = null;
  beforeAll(async () => {
    t = await startTestApp('postgres');
    const db = await openPostgres(t.testDb.url!, { max: 5 });
    const app = await createApp(t.app.config, { db, clock: t.clock, cipher: testCipher(), auditSeal: testAuditSeal(), demo: true });
    const server = await buildServer(app);
    await server.ready();
    second = { db, server };
  }, 120_000);
  afterAll(async () => {
    await second?.server.close();
    await second?.db.close();
    await t?.close();
  });

  it('GB/T 9704-2012 发文字号在办理文书的事务内取得：两个实例并发出具 12 份决定书（其中一件从两个实例同时出具），文号 1–12 各一次，无重号、无空号', async () => {
    const a = await loginAs(t, 'cx_business');
    const b = await loginAs({ ...t, server: second!.server }, 'cx_business');
    const projects = await freeProjects(t.app.db, 12);
    expect(projects).toHaveLength(12);
    const cases: string[] = [];
    for (const p of projects) cases.push(await decidedCase(a, p.id));

    const requests = cases.map((id, i) => (i % 2 ? b : a).send('POST', `/api/cases/${id}/documents`, { kind: 'decision', format: i % 3 ? 'docx' : 'pdf' }));
    requests.push(b.send('POST', `/api/cases/${cases[0]}/documents`, { kind: 'decision', format: 'docx' }));
    const answers = await Promise.all(requests);
    expect(answers.map((r) => r.status)).toEqual(Array(13).fill(201));
    const docNos = answers.map((r) => r.json.docNo as string);
    // The same document issued from both instances carries one number.
    expect(docNos[12]).toBe(docNos[0]);
    const seqs = docNos.slice(0, 12).map((n) => Number(/^楚科容决〔2026〕(\d+)号$/.exec(n)![1])).sort((x, y) => x - y);
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);

    const rows = await t.app.db.query<{ case_id: string; seq: number; doc_no: string }>(
      `SELECT case_id, seq, doc_no FROM document_numbers WHERE bureau_code = '532300' AND kind = 'decision' AND year = 2026 ORDER BY seq`);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(new Set(rows.map((r) => r.case_id)).size).toBe(12);
    const [{ last_no }] = await t.app.db.query<{ last_no: number }>(`SELECT last_no FROM document_counters WHERE bureau_code = '532300' AND kind = 'decision' AND year = 2026`);
    expect(last_no).toBe(12);
    // Each stored document prints the number it was answered with.
    for (const [i, r] of answers.entries()) {
      const raw = (await a.get(`/api/files/${r.json.id}`)).raw;
      expect(text(r.json.mediaType === 'application/pdf' ? 'pdf' : 'docx', raw)).toContain(docNos[i]);
      expect(rows.find((x) => x.case_id === cases[i % 12])!.doc_no).toBe(docNos[i]);
    }
  }, 120_000);
});
