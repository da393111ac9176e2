/** 信用信息报送的字段映射与增量（issue 20；CI-27、CI-28、CI-31、YT-6.5）: pure table tests. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors';
import { batchText, checkAcknowledgements, CREDIT_FIELD_MAP, creditRow, listingStatus, planIncrement, rowText, type Acknowledged, type ListingFacts } from '../../src/core/exchange/credit-exchange';

const facts: ListingFacts = {
  id: 'l1', name: '张三', kind: 'person', creditCode: null, idNumberMasked: '5323**********1234', decisionNo: '信处〔2026〕A1号', conduct: '编造数据',
  basis: '第二十七条', measures: ['取消申报资格'], listedOn: '2026-12-07', until: '2029-11-20', publicUntil: '2029-11-20', repairedOn: null, removedOn: null,
};

describe('CI-27 报送字段：按信用信息共享平台的数据项', () => {
  it('个人只报脱敏证件号，不报统一社会信用代码；单位只报统一社会信用代码；措施首项为列入失信惩戒名单', () => {
    expect(creditRow(facts, '楚雄州科学技术局')).toMatchObject({ creditCode: null, idNumberMasked: '5323**********1234', measures: ['列入失信惩戒名单', '取消申报资格'], decidedBy: '楚雄州科学技术局', decidedOn: '2026-12-07' });
    expect(creditRow({ ...facts, kind: 'organization', creditCode: '91532300MA6K000000', idNumberMasked: 'x' }, '局')).toMatchObject({ creditCode: '91532300MA6K000000', idNumberMasked: null });
  });
  it('字段映射覆盖报送行的每个字段', () => {
    const fields = new Set(CREDIT_FIELD_MAP.map((f) => f.field));
    for (const k of Object.keys(creditRow(facts, '局'))) expect(fields.has(k as never)).toBe(true);
  });
});

describe('CI-28 CI-31 记录状态', () => {
  it.each([
    ['列入前不报', { listedOn: '2026-12-08' }, null],
    ['在列', {}, 'active'],
    ['期限最后一日仍在列', { until: '2026-12-07' }, 'active'],
    ['期满次日移出（CI-28）', { until: '2026-12-06' }, 'removed'],
    ['已由清理移出（CI-28）', { removedOn: '2026-12-07' }, 'removed'],
    ['信用修复（CI-31）', { repairedOn: '2026-12-07', removedOn: '2026-12-07' }, 'repaired'],
  ] as const)('%s', (_n, over, status) => {
    expect(listingStatus({ ...facts, ...over }, '2026-12-07')).toBe(status);
  });
});

describe('增量：自上次已确认批次以来的变化', () => {
  const row = { a: 1 };
  const held = (operation: Acknowledged['operation'], r: object = row): Acknowledged => ({ operation, row: rowText(r as Record<string, unknown>) });
  it.each([
    ['平台未有的在列记录：新增', new Map(), 'active', row, 'add'],
    ['平台已有且未变：不报', new Map([['x', held('add')]]), 'active', row, null],
    ['平台已有但字段变化：更正', new Map([['x', held('add')]]), 'active', { a: 2 }, 'correct'],
    ['平台已有而期满：移出', new Map([['x', held('correct')]]), 'removed', row, 'remove'],
    ['平台已有而修复：信用修复', new Map([['x', held('add')]]), 'repaired', row, 'repair'],
    ['已报移出后再无变化：不报', new Map([['x', held('remove')]]), 'removed', row, null],
    ['平台从未有过的已移出记录：不报', new Map(), 'removed', row, null],
    ['移出后再次列入：新增', new Map([['x', held('remove')]]), 'active', row, 'add'],
  ] as const)('%s', (_n, ack, status, r, op) => {
    const plan = planIncrement(ack as Map<string, Acknowledged>, [{ itemId: 'x', status, row: r as Record<string, unknown> }]);
    expect(plan.map((p) => p.operation)).toEqual(op ? [op] : []);
  });
  it('YT-6.5 平台已有而当前不再有的标注：移出，报原行', () => {
    expect(planIncrement(new Map([['p', held('add')]]), [])).toEqual([{ itemId: 'p', operation: 'remove', row: '{"a":1}' }]);
  });
  it('批次文本确定：同样的输入得到同样的字节', () => {
    const h = { target: 'credit_platform' as const, jurisdiction: '532300', seq: 3, createdAt: '2026-12-07T02:00:00.000Z' };
    const items = planIncrement(new Map(), [{ itemId: 'x', status: 'active', row: creditRow(facts, '局') as never }]);
    expect(batchText(h, items)).toBe(batchText(h, items));
    expect(JSON.parse(batchText(h, items))).toMatchObject({ seq: 3, count: 1, items: [{ operation: 'add', itemId: 'x', row: { name: '张三' } }] });
  });
});

describe('平台回执整份检查，指出第几条哪个字段', () => {
  const ok = 'a'.repeat(64);
  const refused = (input: unknown) => { try { checkAcknowledgements(input); return null; } catch (e) { return { field: (e as AppError).field, zh: (e as AppError).messageZh }; } };
  it('合格的回执', () => expect(checkAcknowledgements([{ seq: 1, sha256: ok, reference: 'R1' }, { seq: 2, sha256: ok }])).toEqual([{ seq: 1, sha256: ok, reference: 'R1' }, { seq: 2, sha256: ok, reference: null }]));
  it.each([
    ['空回执', [], 'acknowledgements'],
    ['不是数组', { seq: 1 }, 'acknowledgements'],
    ['序号不是整数', [{ seq: 1, sha256: ok }, { seq: 1.5, sha256: ok }], 'acknowledgements[1].seq'],
    ['重复确认', [{ seq: 1, sha256: ok }, { seq: 1, sha256: ok }], 'acknowledgements[1].seq'],
    ['摘要格式不符', [{ seq: 1, sha256: 'ABC' }], 'acknowledgements[0].sha256'],
    ['未定义的字段', [{ seq: 1, sha256: ok, status: 'ok' }], 'acknowledgements[0].status'],
    ['不是对象', [7], 'acknowledgements[0]'],
  ])('%s', (_n, input, field) => {
    expect(refused(input)?.field).toBe(field);
  });
});
