/**
 * The audit chain walked in ranges at once (issue 17: a connection and a thread per range, joined at
 * the cuts) gives the same verdict as one walk, on every kind of break and at the cuts themselves.
 * PostgreSQL only: the ranges need connections of their own (PGlite is one connection, and walks once).
 * The tampering is committed (the range threads read on their own connections) and undone after each case.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainText, type AuditEntry } from '../../src/core/audit/events';
import { fixedClock } from '../../src/core/time/clock';
import { SoftwareAuditSeal } from '../../src/server/crypto/audit-seal';
import { sm3Hex } from '../../src/server/crypto/sm';
import type { Sql } from '../../src/server/db/database';
import { appendAudit } from '../../src/server/modules/audit/append-audit';
import { verifyAuditChain, type RangeJob } from '../../src/server/modules/audit/verify-audit-chain';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../support/databases';

const EVENTS = 600;
const BATCH = 50;
const RANGES = 3; // cuts after the 200th and the 400th event

describe.runIf(DB_KINDS.includes('postgres'))('审计日志分段并行校验（postgres）', () => {
  let t: TestDatabase;
  let rows: any[];
  const seal = new SoftwareAuditSeal([crypto.randomBytes(32)], crypto.randomBytes(32).toString('hex'));
  const forgery = new SoftwareAuditSeal([Buffer.alloc(32, 9)], '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8');

  beforeAll(async () => {
    t = await createTestDatabase('postgres', { template: 'empty' });
    await t.db.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change');
    await t.db.query('DELETE FROM audit_events');
    await t.db.transaction(async (tx) => {
      for (let i = 0; i < EVENTS; i++) {
        await appendAudit(tx, { clock: fixedClock(new Date(Date.UTC(2026, 10, 2, 1, 0, i)).toISOString()), auditSeal: seal },
          { actor: null, action: 'subject.update', objectType: 'subject', objectId: `S${i}`, after: { n: i, name: `第${i}条` } });
      }
    });
    rows = await t.db.query<any>('SELECT * FROM audit_events ORDER BY seq');
  }, 60_000);
  afterAll(async () => { await t?.drop(); });

  const restore = async () => t.db.transaction(async (tx) => {
    await tx.query('DELETE FROM audit_events');
    await tx.query('INSERT INTO audit_events SELECT * FROM jsonb_populate_recordset(NULL::audit_events, $1::jsonb)', [JSON.stringify(rows)]);
  });
  const entryOf = (r: any): AuditEntry => ({ seq: Number(r.seq), at: new Date(r.at).toISOString(), actorUserId: r.actor_user_id, actorRole: r.actor_role, actorRegion: r.actor_region,
    action: r.action, objectType: r.object_type, objectId: r.object_id, outcome: r.outcome, before: r.before, after: r.after, ip: r.ip });
  const rechain = async (tx: Sql, k: number, hash: (text: string) => string, keyId: string | null) => {
    let prev = rows[k - 1].hash;
    for (const r of rows.slice(k)) {
      const h = hash(chainText(prev, entryOf(r)));
      await tx.query('UPDATE audit_events SET prev_hash = $2, hash = $3, mac_key_id = $4 WHERE seq = $1', [r.seq, prev, h, keyId]);
      prev = h;
    }
  };
  const forge = (tx: Sql, k: number) => tx.query(`UPDATE audit_events SET after = '{"forged":true}'::jsonb WHERE seq = $1`, [rows[k].seq]);
  const swap = async (tx: Sql, a: number, b: number) => {
    await tx.query('UPDATE audit_events SET seq = -1 WHERE seq = $1', [rows[a].seq]);
    await tx.query('UPDATE audit_events SET seq = $1 WHERE seq = $2', [rows[a].seq, rows[b].seq]);
    await tx.query('UPDATE audit_events SET seq = $1 WHERE seq = -1', [rows[b].seq]);
  };

  it('完整的链：三段并行与逐条校验结论相同，已校验条数、链尾序号和哈希一致', async () => {
    const one = await verifyAuditChain(t.db, seal, { batchSize: BATCH, workers: 1 });
    const par = await verifyAuditChain(t.db, seal, { batchSize: BATCH, workers: RANGES });
    expect(one).toEqual({ ok: true, checked: EVENTS, firstBroken: null, lastHash: rows[EVENTS - 1].hash, lastSeq: Number(rows[EVENTS - 1].seq), ranges: 1 });
    expect(par).toEqual({ ...one, ranges: RANGES });
  });

  // [what is done, change, index of the first broken event, why, events checked before it (one fewer where one before it was deleted)]
  const cases: Array<[string, (tx: Sql) => Promise<unknown>, number, string, number?]> = [
    ['第二段中间一条内容被改', (tx) => forge(tx, 300), 300, 'hash_mismatch'],
    ['第二段第一条内容被改（分段处）', (tx) => forge(tx, 200), 200, 'hash_mismatch'],
    ['删除第一段最后一条：第二段第一条与上一段链尾不符', (tx) => tx.query('DELETE FROM audit_events WHERE seq = $1', [rows[199].seq]), 200, 'link_mismatch', 199],
    ['删除第二段第一条', (tx) => tx.query('DELETE FROM audit_events WHERE seq = $1', [rows[200].seq]), 201, 'link_mismatch', 200],
    ['调换跨越分段处的相邻两条', (tx) => swap(tx, 199, 200), 199, 'link_mismatch'],
    ['第三段起用无密钥 SM3 重算整条链', async (tx) => { await forge(tx, 450); await rechain(tx, 450, sm3Hex, null); }, 450, 'keyless_after_keyed'],
    ['第二段起用他人密钥重算并写上其密钥编号', async (tx) => { await forge(tx, 250); await rechain(tx, 250, (x) => forgery.mac(forgery.macKeyId, x)!, forgery.macKeyId); }, 250, 'unknown_key'],
    ['两处被改（第一段与第三段）：报告在前的一处', async (tx) => { await forge(tx, 100); await forge(tx, 500); }, 100, 'hash_mismatch'],
  ];
  it.each(cases)('%s：并行与逐条校验都在同一处发现', async (_name, change, k, reason, before = k) => {
    const last = rows[k - 1 - (k - before)];
    try {
      await t.db.transaction(change);
      const one = await verifyAuditChain(t.db, seal, { batchSize: BATCH, workers: 1 });
      const par = await verifyAuditChain(t.db, seal, { batchSize: BATCH, workers: RANGES });
      expect(one).toEqual({ ok: false, checked: before, firstBroken: { seq: Number(rows[k].seq), reason }, lastHash: last.hash, lastSeq: Number(last.seq), ranges: 1 });
      expect(par).toEqual({ ...one, ranges: RANGES });
    } finally {
      await restore();
    }
  }, 30_000);

  it('构建产物 dist/server/workers 中的区段校验线程可直接运行：校验 (0, 链尾] 与逐条校验结论相同', async () => {
    const file = path.resolve('dist/server/workers/verify-audit-range-worker.js');
    expect(fs.existsSync(file)).toBe(true);
    const job: RangeJob = { url: t.url!, keys: seal.macKeysForThreads(), after: Number(rows[0].seq) - 1, upTo: Number(rows[EVENTS - 1].seq), legacyUntil: 0, batchSize: BATCH };
    const out = await new Promise<any>((resolve, reject) => { const w = new Worker(file, { workerData: job }); w.once('message', resolve); w.once('error', reject); });
    expect(out).toEqual({ ok: true, result: { ok: true, checked: EVENTS, firstBroken: null, lastHash: rows[EVENTS - 1].hash, lastSeq: Number(rows[EVENTS - 1].seq), firstSeq: Number(rows[0].seq), firstPrev: rows[0].prev_hash } });
  });

  it('恢复后整条链再次通过（每个用例之后都已还原）', async () => {
    expect(await verifyAuditChain(t.db, seal, { batchSize: BATCH, workers: RANGES })).toMatchObject({ ok: true, checked: EVENTS, ranges: RANGES });
  });
});
