/**
 * The text the audit chain covers (GB/T 22239-2019 8.1.4.3): chainText writes an entry field by field
 * in sorted order for speed; it must equal the previous hash, a newline and canonicalJson(entry) —
 * keys sorted at every depth — for any entry, or existing chains would stop verifying.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, canonicalJson, chainText, GENESIS_HASH, type AuditEntry } from '../../src/core/audit/events';

const nullable = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const entry: fc.Arbitrary<AuditEntry> = fc.record({
  seq: fc.integer({ min: 1, max: 2 ** 40 }),
  at: fc.date({ min: new Date('2016-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString()),
  actorUserId: nullable(fc.uuid()), actorRole: nullable(fc.string()), actorRegion: nullable(fc.string()),
  action: fc.constantFrom(...(Object.keys(AUDIT_ACTIONS) as Array<keyof typeof AUDIT_ACTIONS>)),
  objectType: nullable(fc.string()), objectId: nullable(fc.string()), outcome: fc.constantFrom('success' as const, 'failure' as const),
  before: fc.jsonValue(), after: fc.jsonValue(), ip: nullable(fc.ipV4()),
});

describe('审计链覆盖的文本', () => {
  it('逐字段写出的文本与按键排序的规范 JSON 完全相同（任意条目）', () => {
    fc.assert(fc.property(entry, fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }), (e, prev) => {
      expect(chainText(prev, e)).toBe(`${prev}\n${canonicalJson(e)}`);
    }), { numRuns: 2_000 });
  });

  it('键在每一层都排序：同一条目不论字段先后，文本相同', () => {
    const e: AuditEntry = { seq: 7, at: '2026-11-20T02:00:00.000Z', actorUserId: null, actorRole: 'business_officer', actorRegion: '532300', action: 'case.start',
      objectType: 'case', objectId: 'x', outcome: 'success', before: null, after: { b: 1, a: { d: [2, { z: 1, y: 0 }], c: true } }, ip: null };
    const reordered = Object.fromEntries(Object.entries(e).reverse()) as unknown as AuditEntry;
    expect(chainText(GENESIS_HASH, reordered)).toBe(chainText(GENESIS_HASH, e));
    expect(chainText(GENESIS_HASH, e)).toContain('"after":{"a":{"c":true,"d":[2,{"y":0,"z":1}]},"b":1}');
  });
});
