import { describe, expect, it } from 'vitest';
import { BUNDLED_LOCAL_HOLIDAYS, BUNDLED_NOTICES } from '../../src/core/calendar/bundled';
import { CalendarBook } from '../../src/core/calendar/working-calendar';
import { DEFAULT_REGISTRY } from '../../src/core/policy/registry';
import { fromFen, obligationDueDate, obligationState, remainderYuan, toFen } from '../../src/core/obligations/obligations';

const cal = new CalendarBook(BUNDLED_NOTICES, BUNDLED_LOCAL_HOLIDAYS).national;
const CX = ['532300', '530000'];

describe('应履行事项的履行期限与金额（YT-10、CI-23）', () => {
  it('YT-10 结余资金退回：文件未定期限，按本局设定的 20 个工作日，自决定次日起算，国庆节假日不计、10 月 10 日调休上班计入', () => {
    // 2026-09-28 (Mon) decided. Working days: 9/29, 9/30 (2), 10/1–10/7 off, 10/8, 10/9 (4), 10/10 Sat makeup workday (5),
    // 10/12–10/16 (10), 10/19–10/23 (15), 10/26–10/30 (20) → 2026-10-30.
    const d = obligationDueDate('return_surplus_funds', '2026-09-28', cal, DEFAULT_REGISTRY, CX);
    expect(d).toMatchObject({ dueDate: '2026-10-30', workingDays: 20, clause: 'YT-10', policyVersionId: 'YT-2023' });
    expect(d.basis).toContain('云科规〔2023〕1号 第十条');
    expect(d.basis).toContain('设置');
    // YT-2023 ended on 2025-02-09 with no extension registered: the date is computed, and said to be outside the version.
    expect(d.warning).toContain('不在任何有效版本内');
  });

  it('CI-23 收回资金：本局设定 30 个工作日，在版本有效期内不提示', () => {
    // 2025-12-01 (Mon) + 30 working days: 12/2–12/31 are 22 working days; 1/1–1/3 元旦 off (1/2 a Friday included);
    // 1/4 Sun makeup workday (23); 1/5–1/9 (28); 1/12 (29); 1/13 (30) → 2026-01-13.
    const d = obligationDueDate('clawback_funds', '2025-12-01', cal, DEFAULT_REGISTRY, CX);
    expect(d).toMatchObject({ dueDate: '2026-01-13', workingDays: 30, clause: 'CI-23', policyVersionId: 'CI-2023', warning: null });
    expect(d.basis).toContain('楚科规〔2022〕5号 第二十三条');
  });

  it('到期日当天仍为待履行，次日起为逾期；已履行、已免除的不再逾期', () => {
    expect(obligationState('open', '2026-10-30', '2026-10-30')).toBe('open');
    expect(obligationState('open', '2026-10-30', '2026-10-31')).toBe('overdue');
    expect(obligationState('fulfilled', '2026-10-30', '2026-12-01')).toBe('fulfilled');
    expect(obligationState('waived', '2026-10-30', '2026-12-01')).toBe('waived');
  });

  it('金额以分计算，不经浮点：0.1 + 0.2 元为 0.30 元，尚欠金额精确到分', () => {
    expect(fromFen(toFen('0.1') + toFen('0.2'))).toBe('0.30');
    expect(remainderYuan('300000.00', '120000.5')).toBe('179999.50');
    expect(remainderYuan('12345.67', '12345.67')).toBe('0.00');
    expect(() => toFen('1.234')).toThrow();
  });
});
