import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrderedCursor } from '../../src/server/db/ordered-cursor';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../support/databases';

// Rows (key, n) for keys a…e, two rows each, read in batches of 3 so a key's rows span two batches.
const ROWS = `SELECT k, n FROM (VALUES ('a', 1), ('a', 2), ('b', 3), ('b', 4), ('c', 5), ('c', 6), ('d', 7), ('d', 8), ('e', 9), ('e', 10)) AS v(k, n) ORDER BY k, n`;

describe.each(DB_KINDS)('按主体顺序读取的游标（%s）', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => { t = await createTestDatabase(kind); });
  afterAll(async () => { await t?.drop(); });

  it('逐个主体取出各自的行，跨批次不丢不重；跳过不需要的主体；没有行的主体得到空列表', async () => {
    const got = await t.db.transaction(async (tx) => {
      const c = await OrderedCursor.open<{ k: string; n: number }>(tx, ROWS, [], (r) => r.k, (k) => k !== 'c', 3);
      const out: Record<string, number[]> = {};
      for (const k of ['a', 'b', 'bb', 'd', 'e']) out[k] = (await c.take(k)).map((r) => r.n);
      await c.closeDrained();
      return out;
    });
    expect(got).toEqual({ a: [1, 2], b: [3, 4], bb: [], d: [7, 8], e: [9, 10] });
  });

  it('查询返回了未被索取的主体的行时报错，而不是悄悄丢掉', async () => {
    await expect(t.db.transaction(async (tx) => {
      const c = await OrderedCursor.open<{ k: string; n: number }>(tx, ROWS, [], (r) => r.k, () => true, 3);
      await c.take('a');
      await c.take('b');
      await c.closeDrained();
    })).rejects.toThrow(/rows left/);
  });
});
