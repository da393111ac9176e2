/**
 * 信用信息报送 (issue 20), on both databases, part two:
 *  - a sanction published under CI-25.4 that never became a CI-27 listing leaves for the credit
 *    platform as a record of its own (itemId: the sanction): added, corrected, removed at its
 *    publication end (CI-28), and removed as such once a listing carries the decision on;
 *  - the platform acknowledges batches itself through the machine API (scope exchange.acknowledge),
 *    over the wire with a client-credentials token: the same command as the staff acknowledgement,
 *    checked whole and refused whole naming the row at fault; a token without the scope and a revoked
 *    client are refused.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../support/databases';
import { loginAs, startTestApp, type TestApp } from '../support/test-app';
import { decideMisconduct, listWithoutObjection } from '../support/cases';

const beijing = (d: string) => `${d}T02:00:00.000Z`;
interface Wire { status: number; json: any }

describe.each(DB_KINDS)('信用信息报送：未列入名单的公开处理（CI-25.4）与平台经接口回执（%s）', (kind) => {
  let t: TestApp;
  let base: string;
  /** Two persons of 楚雄州 without any sanction: A stays unlisted; B is listed after the first batch. */
  let a: { id: string; name: string };
  let b: { id: string; name: string };
  const sanctionOf: Record<string, string> = {};
  let listingB = '';
  const batches: Array<{ id: string; seq: number; sha256: string }> = [];
  let platform: { id: string; clientId: string; secret: string; version: number };

  beforeAll(async () => {
    t = await startTestApp(kind);
    await t.server.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.server.server.address() as AddressInfo).port}`;
    [a, b] = await t.app.db.query<any>(`SELECT s.id, s.name FROM subjects s WHERE s.kind = 'person' AND s.region_code LIKE '5323%'
      AND NOT EXISTS (SELECT 1 FROM users u WHERE u.person_id = s.id) AND NOT EXISTS (SELECT 1 FROM sanctions x WHERE x.subject_id = s.id) ORDER BY s.name LIMIT 2`);
  });
  afterAll(async () => { await t?.close(); });

  const as = (who = 'cx_integrity') => loginAs(t, who);
  const build = async () => (await as()).send('POST', '/api/credit-exchange/batches', { target: 'credit_platform' });
  const itemsOf = async (id: string) => JSON.parse((await (await as()).get(`/api/credit-exchange/batches/${id}/body`)).raw.toString('utf8')).items as any[];
  const ours = (items: any[]) => items.filter((i) => [...Object.values(sanctionOf), listingB].includes(i.itemId)).map((i) => [i.itemId, i.operation, i.row.clause]).sort();
  const token = async (clientId: string, secret: string): Promise<Wire> => {
    const r = await fetch(`${base}/api/oauth/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
    });
    return { status: r.status, json: await r.json() };
  };
  const ack = async (bearer: string, body: object): Promise<Wire> => {
    const r = await fetch(`${base}/api/machine/exchange-acknowledgements`, { method: 'POST', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: r.status, json: await r.json() };
  };

  it('CI-25.4 公开的处理未列入名单：作为单独一条报送（条款 CI-25.4、处理决定日期、处理措施及取消申报资格期限、公开截止日期、名单期限为空）', async () => {
    t.clock.set(beijing('2026-11-20'));
    for (const s of [a, b]) {
      await decideMisconduct(await as(), s.id, { banYears: 5 });
      const [x] = await t.app.db.query<any>('SELECT id, public_list, public_until, ban_start, ban_end FROM sanctions WHERE subject_id = $1', [s.id]);
      expect(x.public_list).toBe(true);
      sanctionOf[s.id] = x.id;
    }
    const r = await build();
    expect(r.status).toBe(200);
    batches.push(r.json.batch);
    const items = await itemsOf(r.json.batch.id);
    expect(ours(items)).toEqual([[sanctionOf[a.id], 'add', 'CI-25.4'], [sanctionOf[b.id], 'add', 'CI-25.4']].sort());
    const row = items.find((i) => i.itemId === sanctionOf[a.id]).row;
    expect(Object.keys(row)).toEqual(['name', 'subjectKind', 'creditCode', 'idNumberMasked', 'decisionNo', 'conduct', 'basis', 'measures', 'decidedOn', 'decidedBy', 'publicUntil', 'listedUntil', 'clause']);
    // Decided 2026-11-20, a ban of 5 years counted from the next day ends on the corresponding day,
    // 2031-11-20 (民法典第二百零一、二百零二条); the serious tier's longest publication (CR, 3 years)
    // ends first, on 2029-11-20 (the same end as a listing decided that day).
    expect(row).toMatchObject({ name: a.name, subjectKind: 'person', creditCode: null, decidedOn: '2026-11-20', decidedBy: '楚雄州科学技术局', listedUntil: null, clause: 'CI-25.4', conduct: '编造研究过程，伪造、篡改数据、图表、结论或报告', publicUntil: '2029-11-20' });
    expect(row.measures).toEqual(['取消申报资格', '取消申报资格期限：2026-11-20至2031-11-20']);
    expect(row.basis).toContain('第二十五条第（四）项');
    expect(row.decisionNo).toMatch(/^信处〔2026〕.+号$/);
    expect(row.measures).not.toContain('列入失信惩戒名单');
    expect(JSON.parse((await (await as()).get(`/api/credit-exchange/batches/${r.json.batch.id}/body`)).raw.toString('utf8')).clause).toBe('CI-25.4、CI-27、CI-28、CI-31');
  });

  it('平台经接口回执：权限范围不含 exchange.acknowledge 的令牌被拒绝（SCOPE_MISSING）；格式有误整份拒绝并指出第几条；摘要正确的回执登记，批次记下确认的客户端', async () => {
    const secadmin = await loginAs(t, 'secadmin');
    const other = (await secadmin.send('POST', '/api/api-clients', { name: '申报系统', scopes: ['veto.check'], regionCode: '532300', ratePerMinute: 50 })).json;
    const wrongScope = await ack((await token(other.clientId, other.secret)).json.access_token, { target: 'credit_platform', acknowledgements: [{ seq: 1, sha256: batches[0].sha256 }] });
    expect(wrongScope.status).toBe(403);
    expect(wrongScope.json.error.code).toBe('SCOPE_MISSING');
    expect(wrongScope.json.error.message).toContain('exchange.acknowledge');

    const reg = await secadmin.send('POST', '/api/api-clients', { name: '云南省信用信息共享平台', scopes: ['exchange.acknowledge'], regionCode: '532300', ratePerMinute: 50 });
    expect(reg.status).toBe(201);
    platform = reg.json;
    const tok = await token(platform.clientId, platform.secret);
    expect(tok.json.scope).toBe('exchange.acknowledge');
    const bearer = tok.json.access_token;
    const malformed = await ack(bearer, { target: 'credit_platform', acknowledgements: [{ seq: 1, sha256: batches[0].sha256 }, { seq: 1, sha256: batches[0].sha256.toUpperCase() }] });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'acknowledgements[1].seq' });
    expect(malformed.json.error.message).toContain('第 2 条');
    const badDigest = await ack(bearer, { target: 'credit_platform', acknowledgements: [{ seq: 1, sha256: batches[0].sha256, extra: 1 }] });
    expect(badDigest.json.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'acknowledgements[0].extra' });
    const mismatch = await ack(bearer, { target: 'credit_platform', acknowledgements: [{ seq: 1, sha256: 'f'.repeat(64) }] });
    expect(mismatch.status).toBe(422);
    expect(mismatch.json.error).toMatchObject({ code: 'EXCHANGE_DIGEST_MISMATCH', field: 'acknowledgements[0].sha256' });
    // Nothing recorded by the refusals.
    const [before] = await t.app.db.query<any>('SELECT acknowledged_at FROM exchange_batches WHERE id = $1', [batches[0].id]);
    expect(before.acknowledged_at).toBeNull();

    const ok = await ack(bearer, { target: 'credit_platform', acknowledgements: [{ seq: 1, sha256: batches[0].sha256, reference: 'YN-XY-2026-88' }] });
    expect(ok.status).toBe(200);
    expect(ok.json.acknowledged).toEqual([{ seq: 1, id: batches[0].id, already: false }]);
    const [row] = await t.app.db.query<any>('SELECT acknowledged_by, acknowledged_by_client, ack_reference FROM exchange_batches WHERE id = $1', [batches[0].id]);
    expect(row).toEqual({ acknowledged_by: null, acknowledged_by_client: platform.id, ack_reference: 'YN-XY-2026-88' });
    const listed = (await (await as()).get('/api/credit-exchange/batches?target=credit_platform')).json.items.find((x: any) => x.id === batches[0].id);
    expect(listed).toMatchObject({ acknowledgedBy: '云南省信用信息共享平台', reference: 'YN-XY-2026-88' });
    const [audit] = await t.app.db.query<any>(`SELECT actor_user_id, actor_role, after FROM audit_events WHERE action = 'exchange.acknowledge' AND object_id = $1`, [batches[0].id]);
    expect(audit).toMatchObject({ actor_user_id: platform.id, actor_role: 'api_client', after: { seq: 1, via: 'machine' } });
    // The staff acknowledgement of the same batch is the same command: taken once.
    const again = await (await as()).send('POST', '/api/credit-exchange/acknowledgements', { target: 'credit_platform', acknowledgements: [{ seq: 1, sha256: batches[0].sha256 }] });
    expect(again.json.acknowledged).toEqual([{ seq: 1, id: batches[0].id, already: true }]);
  });

  it('CI-27 该处理其后列入名单：下一批移出单独的公开处理一条、新增名单一条；CI-28 公开期限届满次日移出 A 的处理', async () => {
    const l = await listWithoutObjection(t, () => as('cx_business'), b.id, (await t.app.db.query<any>('SELECT case_id FROM sanctions WHERE id = $1', [sanctionOf[b.id]]))[0].case_id, '2026-11-23', '2026-12-08');
    expect(l.state).toBe('listed');
    [{ id: listingB }] = await t.app.db.query<any>('SELECT id FROM listings WHERE sanction_id = $1', [sanctionOf[b.id]]);
    const r = await build();
    expect(r.json.batch.seq).toBe(2);
    batches.push(r.json.batch);
    expect(ours(await itemsOf(r.json.batch.id))).toEqual([[sanctionOf[b.id], 'remove', 'CI-25.4'], [listingB, 'add', 'CI-27']].sort());
    const bearer = (await token(platform.clientId, platform.secret)).json.access_token;
    expect((await ack(bearer, { target: 'credit_platform', acknowledgements: [{ seq: 2, sha256: r.json.batch.sha256 }] })).status).toBe(200);

    const [x] = await t.app.db.query<any>('SELECT public_until FROM sanctions WHERE id = $1', [sanctionOf[a.id]]);
    t.clock.set(beijing(x.public_until));
    expect(ours(await itemsOf((await build()).json.batch?.id ?? batches[1].id)).filter(([id]) => id === sanctionOf[a.id])).toEqual([]);
    const dayAfter = new Date(Date.parse(`${x.public_until}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    t.clock.set(beijing(dayAfter));
    const end = await build();
    expect(ours(await itemsOf(end.json.batch.id)).filter(([id]) => id === sanctionOf[a.id])).toEqual([[sanctionOf[a.id], 'remove', 'CI-25.4']]);
    // The removal carries the row the platform holds.
    const removal = (await itemsOf(end.json.batch.id)).find((i) => i.itemId === sanctionOf[a.id]);
    expect(removal.row.publicUntil).toBe(x.public_until);
  });

  it('停用的客户端被拒绝（CLIENT_REVOKED），其令牌不能再登记回执', async () => {
    const bearer = (await token(platform.clientId, platform.secret)).json.access_token;
    const secadmin = await loginAs(t, 'secadmin');
    expect((await secadmin.send('POST', `/api/api-clients/${platform.id}/revoke`, { version: platform.version })).status).toBe(200);
    const last = batches[1];
    const refused = await ack(bearer, { target: 'credit_platform', acknowledgements: [{ seq: last.seq, sha256: last.sha256 }] });
    expect(refused.status).toBe(401);
    expect(refused.json.error.code).toBe('CLIENT_REVOKED');
    expect((await token(platform.clientId, platform.secret)).json.error.code).toBe('CLIENT_REVOKED');
  });
});
