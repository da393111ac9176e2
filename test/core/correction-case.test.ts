import { describe, expect, it } from 'vitest';
import { plan } from '../../src/core/procedure/engine';
import { CORRECTION_CASE, overdueItems, type CorrectionCaseData } from '../../src/core/procedure/correction-case';
import { grantsTolerance } from '../../src/core/procedure/tolerance-case';

const base: CorrectionCaseData = { projectId: 'p', toleranceCaseId: 't', outcome: 'exempt', history: [] };
const at = (state: string, d: Partial<CorrectionCaseData> = {}) => ({ state, version: 1, data: { ...base, ...d } });
const officer = 'business_officer' as const;
const items = [{ item: '补充中试数据', dueDate: '2026-12-31', verification: '现场核查' }, { item: '修订经费管理制度', dueDate: '2027-01-15', verification: '查阅制度文本' }];

describe('纠错程序（YT-9）', () => {
  it('YT-9.1 免除责任、从轻、减轻都属于予以容错，同时启动纠错；不予容错的不启动', () => {
    expect(['exempt', 'lighter', 'mitigated'].every((o) => grantsTolerance(o as never))).toBe(true);
    expect(grantsTolerance('not_tolerated')).toBe(false);
    expect(CORRECTION_CASE.starts[0]).toMatchObject({ state: 'notice_due', clause: 'YT-9.1', opens: ['YT-9.2'] });
  });
  it('YT-9.2 纠错通知书须写明原因和要求；发出后停止 7 日计时、开始 YT-9.3 的 10 日谈话计时', () => {
    expect(plan(CORRECTION_CASE, at('notice_due'), officer, 'send_notice', { reasons: '技术路线论证不充分' })).toMatchObject({ refused: true, field: 'requirements' });
    expect(plan(CORRECTION_CASE, at('notice_due'), officer, 'send_notice', { reasons: '技术路线论证不充分', requirements: '完善立项论证制度' }))
      .toMatchObject({ refused: false, to: 'interview_due', stops: ['YT-9.2'], opens: ['YT-9.3'] });
  });
  it('YT-9.3 谈话问询须记录日期、对象和陈述', () => {
    expect(plan(CORRECTION_CASE, at('interview_due'), officer, 'record_interview', { date: '2026-11-25', persons: [], statements: '说明了技术路线选择经过' })).toMatchObject({ refused: true, field: 'persons' });
    expect(plan(CORRECTION_CASE, at('interview_due'), officer, 'record_interview', { date: '2026-11-25', persons: ['张三'], statements: '说明了技术路线选择经过' }))
      .toMatchObject({ refused: false, to: 'rectifying', stops: ['YT-9.3'] });
  });
  it('YT-9.4 整改方案每项须有内容、期限和验证方式；到期未验证的事项被列出', () => {
    expect(plan(CORRECTION_CASE, at('rectifying'), officer, 'set_plan', { items: [] })).toMatchObject({ refused: true, field: 'items' });
    expect(plan(CORRECTION_CASE, at('rectifying'), officer, 'set_plan', { items: [{ ...items[0], dueDate: '2026-13-01' }] })).toMatchObject({ refused: true, field: 'items/0/dueDate' });
    const p = plan(CORRECTION_CASE, at('rectifying'), officer, 'set_plan', { items });
    expect(p.refused).toBe(false);
    const d = (p as { data: CorrectionCaseData }).data;
    // The first item is due 2026-12-31: not overdue that day, overdue the day after.
    expect(overdueItems(d, '2026-12-31')).toEqual([]);
    expect(overdueItems(d, '2027-01-01')).toEqual([0]);
  });
  it('YT-9.4 逾期未整改、问题加重或再次出现同类错误的，升级严肃处理；其他理由不行', () => {
    expect(plan(CORRECTION_CASE, at('rectifying'), officer, 'escalate', { ground: 'dislike', reason: '整改期限届满仍未完成' })).toMatchObject({ refused: true, field: 'ground' });
    expect(plan(CORRECTION_CASE, at('rectifying'), officer, 'escalate', { ground: 'not_rectified', reason: '整改期限届满仍未完成', handling: 'accountability' })).toMatchObject({ refused: false, to: 'escalated', notify: ['bureau_leader'] });
  });
  it('YT-9.5 整改事项全部验证且记录原因分析和长效措施后才能办结', () => {
    const planned = { plan: items.map((x) => ({ ...x })) };
    expect(plan(CORRECTION_CASE, at('rectifying', { history: [] }), officer, 'close', {})).toMatchObject({ refused: true, requirement: 'plan_set', zh: '尚未制定整改方案（YT-9.4）' });
    expect(plan(CORRECTION_CASE, at('rectifying', planned), officer, 'close', {})).toMatchObject({ refused: true, requirement: 'plan_verified', zh: '还有 2 项整改事项未验证（YT-9.4）' });
    const verified = { plan: items.map((x) => ({ ...x, verifiedOn: '2026-12-20', verificationNote: '已核实' })) };
    expect(plan(CORRECTION_CASE, at('rectifying', verified), officer, 'close', {})).toMatchObject({ refused: true, requirement: 'improvement_recorded', clause: 'YT-9.5' });
    expect(plan(CORRECTION_CASE, at('rectifying', { ...verified, improvement: { causes: '论证不充分', measures: '建立中试前评审制度' } }), officer, 'close', {})).toMatchObject({ refused: false, to: 'closed' });
  });
  it('YT-9.4 验证整改事项：须指明事项、日期和情况，已验证的不重复验证', () => {
    const planned = { plan: [{ ...items[0], verifiedOn: '2026-12-01', verificationNote: '已核实' }, items[1]] };
    expect(plan(CORRECTION_CASE, at('rectifying', planned), officer, 'verify_item', { index: 0, verifiedOn: '2026-12-02', note: '再核' })).toMatchObject({ refused: true, zh: '该事项已验证（YT-9.4）' });
    expect(plan(CORRECTION_CASE, at('rectifying', planned), officer, 'verify_item', { index: 5, verifiedOn: '2026-12-02', note: '已核实' })).toMatchObject({ refused: true, field: 'index' });
    const ok = plan(CORRECTION_CASE, at('rectifying', planned), officer, 'verify_item', { index: 1, verifiedOn: '2027-01-10', note: '制度已印发' });
    expect(ok.refused === false && ok.data.plan?.[1].verifiedOn).toBe('2027-01-10');
  });
});
