/** 外部失信记录 (CI-12, CI-13) and the published-sanction row (CI-25.4): pure table tests. */
import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../src/core/identity/credit-code';
import { checkExternalRecords, csvRecord, externalBanInForce } from '../../src/core/sanctions/external-records';
import { sanctionStatus } from '../../src/core/exchange/credit-exchange';

const code = (first17: string) => first17 + creditCodeCheckChar(first17);
const unit = { source: 'national', sender: '科技部监督司', documentNo: '国科监〔2025〕1号', decidedBy: '科学技术部', decidedOn: '2025-12-30', subjectKind: 'organization',
  name: '某研究所', creditCode: code('12530000MB0000000'), conduct: '抄袭', measures: ['取消申报资格'], banStart: '2026-01-01', banEnd: '2026-12-31' };

describe('CI-13 外部失信记录的核对', () => {
  it('整份核对：第一条有误的记录指出第几条和字段', () => {
    expect(() => checkExternalRecords([unit, { ...unit, banEnd: '2025-01-01' }])).toThrow(expect.objectContaining({ field: 'records[1].banEnd' }));
    expect(() => checkExternalRecords([{ ...unit, creditCode: `${unit.creditCode.slice(0, 17)}${unit.creditCode[17] === '0' ? '1' : '0'}` }])).toThrow(expect.objectContaining({ field: 'records[0].creditCode' }));
    expect(() => checkExternalRecords([{ ...unit, banLife: true }])).toThrow(expect.objectContaining({ field: 'records[0].banEnd' }));
    expect(() => checkExternalRecords([{ ...unit, kind: 'x' }])).toThrow(expect.objectContaining({ field: 'records[0].kind' }));
    expect(() => checkExternalRecords([])).toThrow(expect.objectContaining({ field: 'records' }));
    expect(checkExternalRecords([unit])[0]).toMatchObject({ creditCode: unit.creditCode, idNumber: null, banLife: false });
  });
  it('CSV 一行：中文的来源和主体类别、以分号分隔的措施、“永久”', () => {
    expect(csvRecord(['全国', 'a', 'b', 'c', '2025-01-01', '个人', '张三', '', '5323', '伪造', '通报批评；取消申报资格', '2025-01-02', '永久']))
      .toMatchObject({ source: 'national', subjectKind: 'person', creditCode: null, measures: ['通报批评', '取消申报资格'], banStart: '2025-01-02', banEnd: null, banLife: true });
  });
  it('取消申报资格在期按日期（起止日含当日）', () => {
    const r = { banStart: '2026-01-01', banEnd: '2026-12-31', banLife: false };
    expect([externalBanInForce(r, '2025-12-31'), externalBanInForce(r, '2026-01-01'), externalBanInForce(r, '2026-12-31'), externalBanInForce(r, '2027-01-01')]).toEqual([false, true, true, false]);
    expect(externalBanInForce({ banStart: '2026-01-01', banEnd: null, banLife: true }, '2099-01-01')).toBe(true);
    expect(externalBanInForce({ banStart: null, banEnd: null, banLife: false }, '2026-06-01')).toBe(false);
  });
});

describe('CI-25.4 未列入名单的公开处理的状态', () => {
  const x = { decidedOn: '2026-11-20', publicUntil: '2029-11-20', repairedOn: null, revokedOn: null };
  it('决定之日起公开，公开期限最后一日仍在，次日移出（CI-28）；撤销或修复的从其日起', () => {
    expect([sanctionStatus(x, '2026-11-19'), sanctionStatus(x, '2026-11-20'), sanctionStatus(x, '2029-11-20'), sanctionStatus(x, '2029-11-21')]).toEqual([null, 'active', 'active', 'removed']);
    expect(sanctionStatus({ ...x, revokedOn: '2027-01-05' }, '2027-01-05')).toBe('removed');
    expect(sanctionStatus({ ...x, revokedOn: '2027-01-05' }, '2027-01-04')).toBe('active');
    expect(sanctionStatus({ ...x, repairedOn: '2027-03-10' }, '2027-03-10')).toBe('repaired');
  });
});
