/**
 * CI-5 on both databases: a finding carries its source document as an uploaded file, not only a text
 * reference — checked by content like case files (a PDF with JavaScript, or bytes that are not the
 * type the name claims, are refused and nothing is kept), hashed SHA-256 and SM3, listed with the
 * finding, downloaded only by those who may see the subject, every step audited.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdf, png } from '../fixtures/hostile-files';
import { DB_KINDS } from '../support/databases';
import { loginAs, startTestApp, type Client, type TestApp } from '../support/test-app';

describe.each(DB_KINDS)('认定事实的来源文件（CI-5，%s）', (kind) => {
  let t: TestApp;
  let staff: Client;
  let expert: { id: string };
  let findingId: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    staff = await loginAs(t, 'cx_business');
    [expert] = await t.app.db.query<any>(`SELECT id FROM subjects WHERE is_expert AND region_code = '532300' ORDER BY name LIMIT 1`);
    const f = await staff.send('POST', '/api/findings', { subjectId: expert.id, subjectType: 'expert', clause: 'CI-18.1.2', factDate: '2026-05-06', description: '评审意见被采纳', sourceKind: 'evaluation', sourceDocument: '2026 年度评审工作总结' });
    expect(f.status).toBe(201);
    findingId = f.json.id;
  });
  afterAll(async () => { await t?.close(); });

  const up = (name: string, bytes: Buffer, who = staff) => who.upload(`/api/findings/${findingId}/source-file?fileName=${encodeURIComponent(name)}`, bytes);

  it('CI-5 来源文件按内容检查：含 JavaScript 的 PDF、扩展名与内容不符的文件被拒绝，不留存', async () => {
    expect((await up('总结.pdf', pdf('/OpenAction << /S /JavaScript /JS (app.alert(1)) >>'))).json.error.code).toBe('FILE_REFUSED');
    expect((await up('总结.pdf', png())).json.error).toMatchObject({ code: 'FILE_TYPE_MISMATCH', field: 'fileName' });
    expect((await up('总结.pdf', Buffer.alloc(0))).json.error.field).toBe('file');
    expect(await t.app.db.query(`SELECT id FROM fact_files WHERE owner_id = $1`, [findingId])).toEqual([]);
  });

  it('CI-5 上传来源文件：保存其 SHA-256 与 SM3，认定事实列表显示该文件，下载所得即原文件；再次上传被拒绝；上传与下载均留痕', async () => {
    const bytes = pdf();
    const r = await up('2026年度评审工作总结.pdf', bytes);
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ fileName: '2026年度评审工作总结.pdf', mediaType: 'application/pdf', sizeBytes: bytes.length,
      sha256: crypto.createHash('sha256').update(bytes).digest('hex'), sm3: crypto.createHash('sm3').update(bytes).digest('hex') });
    const listed = (await staff.get(`/api/subjects/${expert.id}/findings`)).json.items.find((f: any) => f.id === findingId);
    expect(listed.sourceFile).toEqual({ id: r.json.id, fileName: '2026年度评审工作总结.pdf', sm3: r.json.sm3 });
    expect(listed.sourceDocument).toBe('2026 年度评审工作总结');
    expect((await up('另一份.pdf', pdf())).json.error).toMatchObject({ code: 'INCONSISTENT', field: 'file' });
    const got = await staff.get(`/api/fact-files/${r.json.id}`);
    expect(got.status).toBe(200);
    expect(Buffer.compare(got.raw, bytes)).toBe(0);
    const actions = await t.app.db.query<any>(`SELECT action, after FROM audit_events WHERE object_id = $1 AND action IN ('finding.attach_source', 'fact_file.download') ORDER BY seq`, [findingId]);
    expect(actions.map((a) => [a.action, a.after.sm3])).toEqual([['finding.attach_source', r.json.sm3], ['fact_file.download', r.json.sm3]]);
    // Outside the subject's area the file does not exist; a role without finding.write may not upload.
    expect((await (await loginAs(t, 'unit_admin')).get(`/api/fact-files/${r.json.id}`)).status).toBe(404);
    expect((await up('x.pdf', pdf(), await loginAs(t, 'cx_leader'))).status).toBe(403);
  });
});
