/**
 * The line beside a case's title (a procedure's `view.summary`) declares the data keys it reads: the
 * work queue selects only those keys of each case's data (issue 17). A summary that read another key
 * would show an empty or wrong line in the queue and the right one on the case page; this test makes
 * each summary read a recording object and fails on any key it did not declare.
 */
import { describe, expect, it } from 'vitest';
import { PROCEDURES } from '../../src/core/procedure/procedures';

/** An object any property of which is again such an object, recording the top-level keys read. */
function recording(read: Set<string>, top = true): any {
  return new Proxy(function () {}, {
    get(_t, key) {
      if (key === Symbol.toPrimitive) return () => 'x';
      if (typeof key === 'symbol') return undefined;
      if (top) read.add(key);
      return recording(read, false);
    },
  });
}

describe('待办列表只取摘要所读的数据字段（issue 17）', () => {
  const withSummary = Object.values(PROCEDURES).filter((d) => d.view.summary);

  it('有摘要的程序都声明了所读字段', () => {
    expect(withSummary.length).toBeGreaterThanOrEqual(6);
    for (const d of withSummary) expect(d.view.summary!.reads.length, d.id).toBeGreaterThan(0);
  });

  for (const d of withSummary) {
    it(`${d.title}（${d.id}）：摘要只读声明的字段 ${d.view.summary!.reads.join('、')}`, () => {
      const read = new Set<string>();
      d.view.summary!.text(recording(read));
      expect([...read].filter((k) => !d.view.summary!.reads.includes(k))).toEqual([]);
      expect([...read].sort()).toEqual([...d.view.summary!.reads].sort());
    });
  }
});
