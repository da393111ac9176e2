/**
 * The audit seal's batch MAC (GB/T 22239-2019 8.1.4.3): verifying a long log spreads HMAC-SM3 over
 * worker threads; every result must equal the one-at-a-time MAC, in the same order, under each key
 * the seal holds, and an unknown key must give no MAC at all.
 */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SoftwareAuditSeal, macKeyIdOf } from '../../src/server/crypto/audit-seal';

describe('审计印章：批量计算 HMAC-SM3', () => {
  it('分给多个线程算出的 5,000 个 MAC 与逐个计算完全相同，顺序不变；未持有的密钥不给结果', async () => {
    const oldKey = crypto.randomBytes(32);
    const newKey = crypto.randomBytes(32);
    const seal = new SoftwareAuditSeal([oldKey, newKey], 'a'.repeat(64));
    const items = Array.from({ length: 5_000 }, (_, i) => [i % 97 === 0 ? 'not-a-key' : i % 2 ? macKeyIdOf(oldKey) : seal.macKeyId, `第 ${i} 条 ${'x'.repeat(i % 300)}`] as const);
    const batch = await seal.macMany(items);
    expect(batch).toHaveLength(items.length);
    expect(batch).toEqual(items.map(([k, t]) => seal.mac(k, t)));
    // Against an independent HMAC-SM3, so the two paths cannot agree on a wrong answer.
    expect(batch[1]).toBe(crypto.createHmac('sm3', oldKey).update(items[1][1]).digest('hex'));
    expect(batch[2]).toBe(crypto.createHmac('sm3', newKey).update(items[2][1]).digest('hex'));
    expect(batch[0]).toBeNull();
  });
});
