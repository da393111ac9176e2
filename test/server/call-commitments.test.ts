/**
 * CI-9 per call, on both databases: the applicants of a call are registered; each signs the integrity
 * commitment as itself (a researcher his own, a unit administrator the unit's) on the text of the CI
 * version in force that day, or staff upload the signed paper as a scan checked like case files; the
 * call lists who has not signed, the veto check reads the same commitments, and both show priority
 * at equal merit (CI-21.1) for good credit (AA or A in effect on the day, CI-15).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REGISTRY } from '../../src/core/policy/registry';
import { sm3Hex } from '../../src/server/crypto/sm';
import { pdf } from '../fixtures/hostile-files';
import { DB_KINDS } from '../support/databases';
import { loginAs, startTestApp, type Client, type TestApp } from '../support/test-app';

const CALL = '楚科计〔2026〕12号';
const url = (p: string) => `/api/calls/${encodeURIComponent(CALL)}${p}`;

describe.each(DB_KINDS)('申报批次的诚信承诺书（CI-9）与同等条件下优先（CI-21，%s）', (kind) => {
  let t: TestApp;
  let staff: Client;
  let researcherId: string;
  let unitId: string;
  let good: { subject_id: string; kind: string; level: string };
  let poor: { subject_id: string; kind: string; level: string };
  beforeAll(async () => {
    t = await startTestApp(kind);
    staff = await loginAs(t, 'cx_business');
    [{ person_id: researcherId }] = await t.app.db.query<any>(`SELECT person_id FROM users WHERE username = 'researcher'`);
    [{ unit_id: unitId }] = await t.app.db.query<any>(`SELECT unit_id FROM users WHERE username = 'unit_admin'`);
    // Ratings in effect on 2026-11-20 (published 2025 ratings of the demo): one of good credit, one not.
    const inEffect = `SELECT r.subject_id, s.kind, COALESCE(r.determined_level, r.computed_level) AS level FROM ratings r JOIN subjects s ON s.id = r.subject_id
      WHERE r.year = 2025 AND r.published_at IS NOT NULL AND s.region_code LIKE '5323%' AND r.subject_id <> ALL($1::uuid[]) AND COALESCE(r.determined_level, r.computed_level) = ANY($2::text[])
        AND NOT EXISTS (SELECT 1 FROM ratings r2 WHERE r2.subject_id = r.subject_id AND r2.year > 2025 AND r2.published_at IS NOT NULL) ORDER BY s.name LIMIT 1`;
    [good] = await t.app.db.query<any>(inEffect, [[researcherId, unitId], ['A']]);
    [poor] = await t.app.db.query<any>(inEffect, [[researcherId, unitId], ['B']]);
    expect([good?.level, poor?.level]).toEqual(['A', 'B']);
    const roleOf = (k: string) => (k === 'organization' ? 'unit' : 'member');
    for (const [subjectId, role] of [[unitId, 'unit'], [researcherId, 'leader'], [good.subject_id, roleOf(good.kind)], [poor.subject_id, roleOf(poor.kind)]]) {
      const r = await staff.send('POST', url('/applicants'), { subjectId, role });
      expect(r.status).toBe(201);
    }
  });
  afterAll(async () => { await t?.close(); });

  it('CI-9 承诺书文本是当日有效政策版本的日期参数（引 CI-9）；批次列出全部申报主体，4 个均未签署', async () => {
    const list = (await staff.get(url('/commitments'))).json;
    const version = DEFAULT_REGISTRY.versionFor('CI', '2026-11-20', ['532300', '530000']);
    expect(list.template).toMatchObject({ clause: 'CI-9', versionId: version.version.id, text: DEFAULT_REGISTRY.parameter(version, 'CI-9.commitmentText').value });
    expect(list.template.basis).toContain('第九条');
    expect(list.items).toHaveLength(4);
    expect(list.unsigned).toBe(4);
    expect((await staff.send('POST', url('/applicants'), { subjectId: unitId, role: 'unit' })).json.error.code).toBe('DUPLICATE');
    expect((await staff.send('POST', url('/applicants'), { subjectId: researcherId, role: 'unit' })).json.error).toMatchObject({ code: 'INCONSISTENT', field: 'role' });
  });

  it('CI-9 本人签署：科研人员签本人的、单位管理员签本单位的，记下签署日、政策版本和文本 SM3；不得代他人签署', async () => {
    const researcher = await loginAs(t, 'researcher');
    expect((await researcher.send('POST', url('/commitments/sign'), { subjectId: unitId, role: 'unit' })).status).toBe(403);
    const own = await researcher.send('POST', url('/commitments/sign'), { subjectId: researcherId, role: 'leader' });
    expect(own.status).toBe(201);
    expect(own.json).toMatchObject({ method: 'self', signedOn: '2026-11-20', role: 'leader' });
    const [row] = await t.app.db.query<any>(`SELECT method, policy_version_id, text_sm3 FROM commitments WHERE call_ref = $1 AND subject_id = $2`, [CALL, researcherId]);
    const template = (await staff.get(url('/commitments'))).json.template;
    expect(row).toEqual({ method: 'self', policy_version_id: template.versionId, text_sm3: sm3Hex(template.text) });
    expect((await researcher.send('POST', url('/commitments/sign'), { subjectId: researcherId, role: 'leader' })).json.error.code).toBe('DUPLICATE');
    // The researcher's own view of the call: only his row, already signed.
    const mine = (await researcher.get(url('/commitments'))).json;
    expect(mine.items.map((i: any) => [i.subjectId, i.signed, i.abilities.sign])).toEqual([[researcherId, true, false]]);
    expect((await (await loginAs(t, 'unit_admin')).send('POST', url('/commitments/sign'), { subjectId: unitId, role: 'unit' })).status).toBe(201);
    expect((await staff.send('POST', url('/commitments/sign'), { subjectId: good.subject_id, role: good.kind === 'organization' ? 'unit' : 'member' })).status).toBe(403);
  });

  it('CI-9 工作人员上传签署件扫描件：按内容检查，未登记在本批次的主体被拒绝；余下 1 个未签署；CI-21.1 信用良好（A）的优先，B 级的不优先', async () => {
    const role = good.kind === 'organization' ? 'unit' : 'member';
    const scan = (subjectId: string, r: string, name: string, bytes: Buffer) => staff.upload(url(`/commitments/scan?subjectId=${subjectId}&role=${r}&signedOn=2026-11-18&fileName=${encodeURIComponent(name)}`), bytes);
    expect((await scan(good.subject_id, role, '承诺书.pdf', Buffer.from('MZ not a pdf'))).json.error.code).toMatch(/FILE_REFUSED|FILE_TYPE_MISMATCH/);
    const [stranger] = await t.app.db.query<any>(`SELECT id FROM subjects WHERE kind = 'person' AND region_code LIKE '5323%' AND id <> ALL($1::uuid[]) LIMIT 1`, [[researcherId, good.subject_id, poor.subject_id]]);
    expect((await scan(stranger.id, 'member', '承诺书.pdf', pdf())).json.error).toMatchObject({ code: 'INCONSISTENT', field: 'subjectId' });
    const ok = await scan(good.subject_id, role, '承诺书.pdf', pdf());
    expect(ok.status).toBe(201);
    expect(ok.json).toMatchObject({ method: 'scan', signedOn: '2026-11-18', scanFile: { fileName: '承诺书.pdf' } });
    const list = (await staff.get(url('/commitments'))).json;
    expect(list.unsigned).toBe(1);
    const by = new Map(list.items.map((i: any) => [i.subjectId, i]));
    expect([(by.get(good.subject_id) as any).priorityAtEqualMerit, (by.get(poor.subject_id) as any).priorityAtEqualMerit]).toEqual([true, false]);
    expect((by.get(poor.subject_id) as any)).toMatchObject({ signed: false, abilities: { uploadScan: true, sign: false } });
    expect((await staff.get(`/api/fact-files/${ok.json.scanFile.id}`)).status).toBe(200);
  });

  it('CI-10 CI-9 一票否决审查读同一份承诺书登记：已签署的有签署日，未签署的计入“未签承诺书”；CI-21.1 优先与承诺书列表一致', async () => {
    const subjects = await t.app.db.query<any>(`SELECT id, kind, name, credit_code, id_number_cipher FROM subjects WHERE id = ANY($1::uuid[])`, [[researcherId, unitId, good.subject_id, poor.subject_id]]);
    const applicants = subjects.map((s) => (s.kind === 'organization' ? { ref: s.id, creditCode: s.credit_code } : { ref: s.id, name: s.name, idNumber: t.app.cipher.decrypt(s.id_number_cipher) }));
    const r = (await staff.send('POST', '/api/veto-check', { on: '2026-11-20', callRef: CALL, applicants })).json;
    const by = new Map(r.results.map((x: any) => [x.ref, x]));
    expect((by.get(researcherId) as any).commitmentSignedOn).toBe('2026-11-20');
    expect((by.get(good.subject_id) as any).commitmentSignedOn).toBe('2026-11-18');
    expect((by.get(poor.subject_id) as any).commitmentSignedOn).toBeNull();
    expect(r.withoutCommitment).toBe(1);
    expect([(by.get(good.subject_id) as any).priorityAtEqualMerit, (by.get(poor.subject_id) as any).priorityAtEqualMerit]).toEqual([true, false]);
  });
});
