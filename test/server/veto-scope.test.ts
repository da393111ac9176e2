/**
 * The veto check (CI-10) as an attacker uses it (issue 16 H1, M3): recovering a person's ID number
 * from its masked form by asking about every candidate, and reading subjects outside one's area.
 * A person is found by name and ID number together; out of the caller's scope the answer says only
 * vetoed or not, the same as for a subject that does not exist; batches name their call and stay
 * under the cap; repeated unmatched numbers of one masked form are refused before any answer and
 * raise a security alert that the security administrator reads; each query's blind index is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../src/core/identity/id-number';
import { DB_KINDS } from '../support/databases';
import { loginAs, startTestApp, type Client, type TestApp } from '../support/test-app';

const idFrom = (first17: string) => first17 + idNumberCheckChar(first17);
// A Kunming person: area 530102, born 1990-05-17, sequence 123 → masked 530102********1234-ish.
const KUNMING_ID = idFrom('53010219900517123');
const KUNMING_NAME = '昆明越权测试人';

/** Every valid ID number sharing the masked form of `id`: same area code, same last four, any birth date of that decade. */
function candidatesLike(id: string, limit: number): string[] {
  const out: string[] = [];
  const area = id.slice(0, 6);
  const seq = id.slice(14, 17);
  for (let d = Date.UTC(1985, 0, 1); out.length < limit && d < Date.UTC(1996, 0, 1); d += 86_400_000) {
    const birth = new Date(d).toISOString().slice(0, 10).replace(/-/g, '');
    const cand = idFrom(area + birth + seq);
    if (cand.slice(-4) === id.slice(-4)) out.push(cand);
  }
  if (!out.includes(id)) out.splice(Math.floor(out.length / 2), 0, id);
  return out;
}

describe.each(DB_KINDS)('一票否决审查的越权与枚举（%s）', (kind) => {
  let t: TestApp;
  let auditor: Client;
  let province: Client;
  let kunmingId: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    province = await loginAs(t, 'yn_business');
    const p = await province.send('POST', '/api/subjects', { kind: 'person', name: KUNMING_NAME, idNumber: KUNMING_ID, regionCode: '530100' });
    if (p.status !== 201) throw new Error(JSON.stringify(p.json));
    kunmingId = p.json.id;
    auditor = await loginAs(t, 'auditor');
  });
  afterAll(async () => { await t?.close(); });

  it('H1 按脱敏号码枚举候选身份证号（只读审计人员，昆明人员）：首批即被拒绝并告警，任何应答都分辨不出真实号码，也不含姓名', async () => {
    const candidates = candidatesLike(KUNMING_ID, 2_700);
    expect(candidates.length).toBeGreaterThan(300);
    const answers: any[] = [];
    // As found: every candidate in one request, by number alone.
    answers.push(await auditor.send('POST', '/api/veto-check', { on: '2026-11-20', applicants: candidates.map((id) => ({ ref: id, idNumber: id })) }));
    // Within the rules: batches of 1,000 with the call named and the name guessed right.
    const named: any[] = [];
    for (let i = 0; i < candidates.length; i += 1_000) {
      named.push(await auditor.send('POST', '/api/veto-check', { on: '2026-11-20', callRef: '2026-枚举', applicants: candidates.slice(i, i + 1_000).map((id) => ({ ref: id, name: KUNMING_NAME, idNumber: id })) }));
    }
    answers.push(...named);
    // What the attacker can tell apart: the true number's answer against any other candidate's.
    const text = JSON.stringify(answers.map((a) => a.json));
    expect(text).not.toContain(kunmingId);
    const items = answers.flatMap((a) => a.json?.results ?? []);
    const truth = items.find((x: any) => x.ref === KUNMING_ID);
    const other = items.find((x: any) => x.ref !== KUNMING_ID);
    const distinguishable = !!truth && !!other && JSON.stringify({ ...truth, ref: '' }) !== JSON.stringify({ ...other, ref: '' });
    expect(distinguishable).toBe(false);
    expect(answers[0].status).toBe(400);
    expect(named[0].status).toBe(403);
    expect(named[0].json.error).toMatchObject({ code: 'PROBING_REFUSED', field: 'applicants' });
    // The security administrator sees the alert: who, which masked form, how many.
    const alerts = (await (await loginAs(t, 'secadmin')).get('/api/security/alerts')).json.items;
    const [{ id: auditorId }] = await t.app.db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'auditor'`);
    expect(alerts[0]).toMatchObject({ kind: 'veto_id_number_probe', userId: auditorId, username: 'auditor' });
    expect(alerts[0].maskedForms[0].masked).toBe(`${KUNMING_ID.slice(0, 6)}********${KUNMING_ID.slice(14)}`);
    expect(JSON.stringify(alerts)).not.toContain(KUNMING_ID);
  });

  it('H1 同一调用者并发发出 8 个各带一个未匹配号码（同一脱敏形式）的请求：至多 3 个得到答复，其余被拒绝', async () => {
    const officer = await loginAs(t, 'cx_integrity');
    // One masked form: the same area code and last four digits, different birth dates (none of them in the database).
    const base = idFrom('53230119800101012');
    const sameForm = candidatesLike(base, 40).filter((x) => x !== base).slice(0, 8);
    expect(sameForm).toHaveLength(8);
    const res = await Promise.all(sameForm.map((id) => officer.send('POST', '/api/veto-check', { on: '2026-11-20', applicants: [{ ref: 'x', name: '某某', idNumber: id }] })));
    const answered = res.filter((r) => r.status === 200).length;
    expect(answered).toBeLessThanOrEqual(3);
    expect(res.filter((r) => r.status === 403 && r.json.error.code === 'PROBING_REFUSED').length).toBe(8 - answered);
  });

  it('H1 个人须凭姓名与身份证号一并审查：只给号码被拒绝（字段 name），号码对而姓名不对的与查无此人一样', async () => {
    const officer = await loginAs(t, 'yn_business');
    const noName = await officer.send('POST', '/api/veto-check', { on: '2026-11-20', applicants: [{ ref: 'p', idNumber: KUNMING_ID }] });
    expect([noName.status, noName.json.error?.code, noName.json.error?.field]).toEqual([400, 'VALIDATION_FAILED', 'applicants/0/name']);
    const right = (await officer.send('POST', '/api/veto-check', { on: '2026-11-20', applicants: [{ ref: 'p', name: KUNMING_NAME, idNumber: KUNMING_ID }] })).json.results[0];
    expect(right).toMatchObject({ detail: 'shown', name: KUNMING_NAME, subjectId: kunmingId });
    const wrong = (await officer.send('POST', '/api/veto-check', { on: '2026-11-20', applicants: [{ ref: 'p', name: '张冠李戴', idNumber: KUNMING_ID }] })).json.results[0];
    const unknown = (await officer.send('POST', '/api/veto-check', { on: '2026-11-20', applicants: [{ ref: 'p', name: '张冠李戴', idNumber: idFrom('53010219900517999') }] })).json.results[0];
    expect(wrong).toEqual(unknown);
    expect(wrong).toMatchObject({ detail: 'withheld', name: null, subjectId: null });
  });

  it('M3 辖区外的主体只告知是否否决：不含名称、编号、信用等级和处理记录，未否决的与库中没有的一模一样', async () => {
    // The demo's C-rated unit (2025, published) is vetoed; seen by a county officer whose county it is not in.
    const [c] = await t.app.db.query<{ id: string; name: string; credit_code: string; region_code: string }>(
      `SELECT s.id, s.name, s.credit_code, s.region_code FROM ratings r JOIN subjects s ON s.id = r.subject_id
        WHERE r.year = 2025 AND r.subject_type = 'unit' AND r.computed_level = 'C' AND r.published_at IS NOT NULL ORDER BY s.region_code LIMIT 1`);
    const [clean] = await t.app.db.query<{ id: string; name: string; credit_code: string }>(
      `SELECT s.id, s.name, s.credit_code FROM subjects s WHERE s.kind = 'organization' AND s.region_code = $1 AND s.id <> $2
          AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.subject_id = s.id AND r.computed_level = 'C') AND NOT EXISTS (SELECT 1 FROM sanctions x WHERE x.subject_id = s.id) LIMIT 1`, [c.region_code, c.id]);
    const outsider = await loginAs(t, c.region_code === '532301' ? 'lf_officer' : 'cxs_officer');
    const insider = await loginAs(t, 'cx_business');
    const ask = (who: Client, applicants: object[]) => who.send('POST', '/api/veto-check', { on: '2026-11-20', callRef: '2026-M3', applicants });
    const unknownCode = '91532300MA6K000003';
    const out = (await ask(outsider, [{ ref: 'C', creditCode: c.credit_code }, { ref: 'clean', creditCode: clean.credit_code }, { ref: 'none', creditCode: unknownCode }])).json;
    const text = JSON.stringify(out);
    for (const v of [c.name, c.id, clean.name, clean.id, '"level"', 'CI-16']) expect(text.includes(v) ? v : null).toBeNull();
    expect(out.results.map((r: any) => [r.ref, r.vetoed, r.detail, r.rating, r.bans.length])).toEqual([['C', true, 'withheld', null, 0], ['clean', false, 'withheld', null, 0], ['none', false, 'withheld', null, 0]]);
    expect({ ...out.results[1], ref: '' }).toEqual({ ...out.results[2], ref: '' });
    // Within the area the same subjects are shown with their records.
    const inn = (await ask(insider, [{ ref: 'C', creditCode: c.credit_code }])).json.results[0];
    expect(inn).toMatchObject({ detail: 'shown', name: c.name, subjectId: c.id, rating: { year: 2025, level: 'C' } });
  });

  it('H1 批量审查须注明申报批次且不超过上限；每次查询的身份证号以盲索引记入审计日志，不记号码', async () => {
    const officer = await loginAs(t, 'yn_business');
    const two = [{ ref: 'a', creditCode: '91532300MA6K000003' }, { ref: 'b', name: KUNMING_NAME, idNumber: KUNMING_ID }];
    const noCall = await officer.send('POST', '/api/veto-check', { on: '2026-11-20', applicants: two });
    expect([noCall.status, noCall.json.error?.field]).toEqual([400, 'callRef']);
    const tooMany = await officer.send('POST', '/api/veto-check', { on: '2026-11-20', callRef: '大批', applicants: Array.from({ length: 1_001 }, (_, i) => ({ ref: `u${i}`, creditCode: '91532300MA6K000003' })) });
    expect([tooMany.status, tooMany.json.error?.field]).toEqual([400, 'applicants']);
    expect((await officer.send('POST', '/api/veto-check', { on: '2026-11-20', callRef: '2026-审计', applicants: two })).status).toBe(200);
    const [e] = await t.app.db.query<{ after: any; object_id: string }>(`SELECT after, object_id FROM audit_events WHERE action = 'veto.check' ORDER BY seq DESC LIMIT 1`);
    expect(e.object_id).toBe('2026-审计');
    expect(e.after.idNumberIndexes).toEqual([t.app.cipher.blindIndex(KUNMING_ID)]);
    expect(JSON.stringify(e)).not.toContain(KUNMING_ID);
  });
});
