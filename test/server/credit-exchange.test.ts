/**
 * 信用信息报送 (issue 20), on both databases: the serious dishonesty list leaves for the credit
 * platform as increments since the last acknowledged batch — new listings (CI-27), a repair (CI-31),
 * a removal at the listing's end (CI-28) — each batch numbered without gaps per bureau and target,
 * with SHA-256 and SM3, re-sent byte-identical; acknowledgements checked whole (a wrong digest refused
 * with a stable code and a Chinese message, nothing recorded); unacknowledged batches listed; the
 * integrity section's alone, and another bureau's batches not there (404). Exemption marks (YT-6.5)
 * leave the same way, with their own numbers.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../support/databases';
import { loginAs, startTestApp, type TestApp } from '../support/test-app';
import { decideMisconduct, listWithoutObjection, startBody, takeSteps } from '../support/cases';
import { sweepExpiries } from '../../src/server/modules/integrity/sweep-expiries';
import { sm3Hex } from '../../src/server/crypto/sm';
import { findUserByUsername } from '../../src/server/modules/accounts/users-repo';
import { actorOf } from '../../src/server/modules/accounts/login';
import { dataScope } from '../../src/core/access/policy';
import { resendExchangeBatch } from '../../src/server/modules/exchange/resend-exchange-batch';
import { acknowledgeExchangeBatches } from '../../src/server/modules/exchange/acknowledge-exchange-batches';

const beijing = (d: string) => `${d}T02:00:00.000Z`;
const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

describe.each(DB_KINDS)('信用信息报送：增量、回执与重发（%s）', (kind) => {
  let t: TestApp;
  let repaired: { id: string; name: string };
  let removed: { id: string; name: string };
  let listingOf: Record<string, string> = {};
  let first: { id: string; seq: number; sha256: string; sm3: string; raw: Buffer };
  beforeAll(async () => {
    t = await startTestApp(kind);
    [repaired] = await t.app.db.query<any>(`SELECT s.id, s.name FROM users u JOIN subjects s ON s.id = u.person_id WHERE u.username = 'researcher'`);
    [removed] = await t.app.db.query<any>(`SELECT s.id, s.name FROM subjects s WHERE s.kind = 'person' AND s.region_code LIKE '5323%'
      AND NOT EXISTS (SELECT 1 FROM users u WHERE u.person_id = s.id) AND NOT EXISTS (SELECT 1 FROM sanctions x WHERE x.subject_id = s.id) ORDER BY s.name LIMIT 1`);
  });
  afterAll(async () => { await t?.close(); });
  const as = (who = 'cx_integrity') => loginAs(t, who);
  const build = async (target = 'credit_platform') => (await (await as()).send('POST', '/api/credit-exchange/batches', { target }));
  const body = async (id: string) => (await as()).get(`/api/credit-exchange/batches/${id}/body`);
  const ours = (items: any[]) => items.filter((i) => Object.values(listingOf).includes(i.itemId)).map((i) => [i.itemId, i.operation]);

  it('CI-27 首批报送：新列入名单的主体按平台数据项报送（名称、脱敏证件号、决定文书号、失信行为、依据、措施、决定日期、决定机关、公示截止日期），序号 1，附 SHA-256 和 SM3 摘要', async () => {
    t.clock.set(beijing('2026-11-20'));
    const decided: Record<string, string> = {};
    for (const s of [repaired, removed]) decided[s.id] = (await decideMisconduct(await as(), s.id, { banYears: 'life' })).id;
    for (const s of [repaired, removed]) {
      const c = { id: decided[s.id] };
      const l = await listWithoutObjection(t, () => as('cx_business'), s.id, c.id, '2026-11-20', '2026-12-07');
      expect(l.state).toBe('listed');
      const [row] = await t.app.db.query<any>('SELECT id FROM listings WHERE case_id = $1', [l.id]);
      listingOf[s.id] = row.id;
    }
    const r = await build();
    expect(r.status).toBe(200);
    expect(r.json.batch).toMatchObject({ seq: 1 });
    const b = await body(r.json.batch.id);
    expect(b.status).toBe(200);
    expect(b.headers['x-batch-sha256']).toBe(sha256(b.raw));
    expect(b.headers['x-batch-sm3']).toBe(sm3Hex(b.raw.toString('utf8')));
    expect(r.json.batch.sha256).toBe(sha256(b.raw));
    first = { ...r.json.batch, raw: b.raw };
    const doc = JSON.parse(b.raw.toString('utf8'));
    expect(doc).toMatchObject({ format: 'kexin-exchange/1', target: 'credit_platform', jurisdiction: '532300', seq: 1 });
    expect(ours(doc.items).sort()).toEqual([[listingOf[removed.id], 'add'], [listingOf[repaired.id], 'add']].sort());
    const item = doc.items.find((i: any) => i.itemId === listingOf[removed.id]);
    expect(Object.keys(item.row)).toEqual(['name', 'subjectKind', 'creditCode', 'idNumberMasked', 'decisionNo', 'conduct', 'basis', 'measures', 'decidedOn', 'decidedBy', 'publicUntil', 'listedUntil', 'clause']);
    expect(item.row).toMatchObject({ name: removed.name, subjectKind: 'person', creditCode: null, decidedOn: '2026-12-07', decidedBy: '楚雄州科学技术局', publicUntil: '2029-11-20', clause: 'CI-27' });
    expect(item.row.idNumberMasked).toMatch(/\*/);
    expect(item.row.decisionNo).toMatch(/^信处〔2026〕.+号$/);
    expect(item.row.measures[0]).toBe('列入失信惩戒名单');
    expect(item.row.basis).toContain('第二十七条');
    // The export log holds the batch like any file that left (modules/exports).
    const log = (await (await as()).get('/api/exports')).json.items;
    expect(log.find((x: any) => x.kind === 'credit_exchange')).toMatchObject({ format: 'json', sha256: first.sha256 });
  });

  it('回执有误整份不予登记：摘要不符答复 EXCHANGE_DIGEST_MISMATCH 并指出第几条；格式不符指出字段；未确认的批次列在诚信科室页面', async () => {
    const officer = await as();
    const wrong = await officer.send('POST', '/api/credit-exchange/acknowledgements', { target: 'credit_platform', acknowledgements: [{ seq: 1, sha256: '0'.repeat(64) }] });
    expect(wrong.status).toBe(422);
    expect(wrong.json.error).toMatchObject({ code: 'EXCHANGE_DIGEST_MISMATCH', field: 'acknowledgements[0].sha256' });
    expect(wrong.json.error.message).toContain('摘要');
    const malformed = await officer.send('POST', '/api/credit-exchange/acknowledgements', { target: 'credit_platform', acknowledgements: [{ seq: 1, sha256: first.sha256 }, { seq: '2', sha256: first.sha256 }] });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'acknowledgements[1].seq' });
    expect(malformed.json.error.message).toContain('第 2 条');
    const unknown = await officer.send('POST', '/api/credit-exchange/acknowledgements', { target: 'credit_platform', acknowledgements: [{ seq: 1, sha256: first.sha256 }, { seq: 99, sha256: first.sha256 }] });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.field).toBe('acknowledgements[1].seq');
    // Refused whole: batch 1 is still unacknowledged.
    const open = (await officer.get('/api/credit-exchange/batches?unacknowledged=true')).json.items;
    expect(open.map((b: any) => [b.seq, b.target, b.acknowledgedAt])).toEqual([[1, 'credit_platform', null]]);
    expect(open[0]).toMatchObject({ targetLabel: '全国信用信息共享平台', sha256: first.sha256, sm3: first.sm3 });
  });

  it('确认后再报送只含变化：无变化不生成批次也不占序号；信用修复（CI-31）只报修复一条，序号 2', async () => {
    const officer = await as();
    const ok = await officer.send('POST', '/api/credit-exchange/acknowledgements', { target: 'credit_platform', acknowledgements: [{ seq: 1, sha256: first.sha256, reference: 'XY-2026-0001' }] });
    expect(ok.status).toBe(200);
    expect(ok.json.acknowledged).toEqual([{ seq: 1, id: first.id, already: false }]);
    // A receipt sent twice is taken once.
    expect((await officer.send('POST', '/api/credit-exchange/acknowledgements', { target: 'credit_platform', acknowledgements: [{ seq: 1, sha256: first.sha256 }] })).json.acknowledged[0].already).toBe(true);
    expect((await officer.get('/api/credit-exchange/batches?unacknowledged=true')).json.items).toEqual([]);
    expect((await build()).json.batch).toBeNull();
    // CI-30, CI-31: the researcher applies, the business section proposes, the office meeting approves.
    t.clock.set(beijing('2027-03-01'));
    const researcher = await as('researcher');
    const a = (await researcher.send('POST', '/api/cases', startBody('repair', { listingId: listingOf[repaired.id], evidence: '已退回全部违规资金并完成整改，提交了缴款凭证' }))).json;
    expect(a.state).toBe('applied');
    const business = await as('cx_business');
    await takeSteps(business, a.id, [['propose_repair', { findings: '核实已整改到位，建议同意修复' }], ['approve_repair', { date: '2027-03-10', minutes: '局办公会研究同意修复' }]]);
    const r = await build();
    expect(r.json.batch).toMatchObject({ seq: 2 });
    const doc = JSON.parse((await body(r.json.batch.id)).raw.toString('utf8'));
    expect(ours(doc.items)).toEqual([[listingOf[repaired.id], 'repair']]);
    expect((await (await as()).send('POST', '/api/credit-exchange/acknowledgements', { target: 'credit_platform', acknowledgements: [{ seq: 2, sha256: r.json.batch.sha256 }] })).status).toBe(200);
  });

  it('CI-28 名单期限届满移出：下一批只报移出一条（序号 3），未确认前列为待确认；旧批次原样重发，字节和摘要不变', async () => {
    t.clock.set(beijing('2029-11-21'));
    await sweepExpiries(t.app);
    const r = await build();
    expect(r.json.batch).toMatchObject({ seq: 3 });
    const doc = JSON.parse((await body(r.json.batch.id)).raw.toString('utf8'));
    expect(ours(doc.items)).toEqual([[listingOf[removed.id], 'remove']]);
    const open = (await (await as()).get('/api/credit-exchange/batches?unacknowledged=true&target=credit_platform')).json.items;
    expect(open.map((b: any) => b.seq)).toEqual([3]);
    expect(open[0].operations.remove).toBeGreaterThanOrEqual(1);
    const again = await body(first.id);
    expect(again.raw.equals(first.raw)).toBe(true);
    expect(again.headers['x-batch-sha256']).toBe(first.sha256);
    expect(again.headers['x-batch-sm3']).toBe(first.sm3);
    const [{ n }] = await t.app.db.query<any>(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'exchange.resend' AND object_id = $1`, [first.id]);
    expect(n).toBeGreaterThanOrEqual(2);
  });

  it('YT-6.5 免责标注同样按增量报送省项目管理系统，序号单独计', async () => {
    const r = await build('project_system');
    expect(r.status).toBe(200);
    const [{ n }] = await t.app.db.query<any>(`SELECT count(*)::int AS n FROM projects WHERE exempted_on IS NOT NULL AND jurisdiction_code LIKE '5323%'`);
    expect(n).toBeGreaterThan(0);
    expect(r.json.batch).toMatchObject({ seq: 1, count: n });
    const doc = JSON.parse((await body(r.json.batch.id)).raw.toString('utf8'));
    expect(doc.items.every((i: any) => i.operation === 'add' && i.row.clause === 'YT-6.5')).toBe(true);
    expect((await build('project_system')).json.batch).toMatchObject({ seq: 2, count: n });
    // Two builds at once: each takes its own number, none lost, none twice.
    const both = await Promise.all([build('project_system'), build('project_system')]);
    expect(both.map((x) => x.json.batch.seq).sort()).toEqual([3, 4]);
    const seqs = (await t.app.db.query<any>(`SELECT seq FROM exchange_batches WHERE target = 'project_system' ORDER BY seq`)).map((x) => x.seq);
    expect(seqs).toEqual([1, 2, 3, 4]);
  });

  it('权限：只有诚信科室可以报送和登记回执（403）；其他地区的批次不存在（404）', async () => {
    const business = await as('cx_business');
    expect((await business.get('/api/credit-exchange/batches')).status).toBe(403);
    expect((await business.send('POST', '/api/credit-exchange/batches', { target: 'credit_platform' })).status).toBe(403);
    expect((await business.get(`/api/credit-exchange/batches/${first.id}/body`)).status).toBe(403);
    expect((await business.send('POST', '/api/credit-exchange/acknowledgements', { target: 'credit_platform', acknowledgements: [{ seq: 1, sha256: first.sha256 }] })).status).toBe(403);
    // An integrity officer of 昆明 (530100): 楚雄's batches are not there.
    const u = await findUserByUsername(t.app.db, 'cx_integrity');
    const actor = { ...actorOf(u!), regionCode: '530100' };
    const kunming = { actor, scope: dataScope(actor, t.app.regions), ip: null };
    await expect(resendExchangeBatch(t.app, kunming, first.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(acknowledgeExchangeBatches(t.app, kunming, { target: 'credit_platform', jurisdiction: '532300', acknowledgements: [{ seq: 3, sha256: first.sha256 }] })).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'acknowledgements[0].seq' });
    expect((await (await as()).get(`/api/credit-exchange/batches/00000000-0000-4000-8000-000000000000/body`)).status).toBe(404);
    // Documented with their schemas.
    const doc = (await t.server.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/credit-exchange/batches', '/api/credit-exchange/batches/{id}/body', '/api/credit-exchange/acknowledgements']));
  });
});
