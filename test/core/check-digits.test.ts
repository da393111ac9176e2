import { describe, expect, it } from 'vitest';
import { checkCreditCode, creditCodeCheckChar, isValidCreditCode } from '../../src/core/identity/credit-code';
import { checkIdNumber, idNumberCheckChar, maskIdNumber } from '../../src/core/identity/id-number';
import { isIsoDate } from '../../src/core/time/iso-date';

describe('统一社会信用代码校验（GB 32100-2015）', () => {
  it('91350100M000100Y43 的校验码为 3（手算：加权和 1640，1640 mod 31 = 28，31 − 28 = 3）', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
  });
  it('校验码错一位即判为无效', () => {
    expect(checkCreditCode('91350100M000100Y44')).toBe('check');
  });
  it('长度不是 18 位判为无效', () => {
    expect(checkCreditCode('91350100M000100Y4')).toBe('length');
    expect(checkCreditCode('91350100M000100Y433')).toBe('length');
  });
  it('含标准不使用的字母 I、O、Z、S、V 判为无效', () => {
    for (const ch of 'IOZSV') expect(checkCreditCode(`91350100M000100Y${ch}3`)).toBe('character');
    expect(checkCreditCode('91350100m000100Y43')).toBe('character');
  });
  it('加权和恰为 31 的倍数时校验码写作 0', () => {
    // 17 zeros: sum 0, 31 − 0 = 31, which the standard writes as 0.
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
  });
});

describe('居民身份证号码校验（GB 11643-1999）', () => {
  it('11010519491231002X 的校验码为 X（手算：加权和 167，167 mod 11 = 2 → X）', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(checkIdNumber('11010519491231002X')).toBeNull();
    expect(checkIdNumber('11010519491231002x')).toBeNull(); // a typed lower-case x is the same number
  });
  it('532301199001011238 有效（加权和 202，202 mod 11 = 4 → 8），末位写成 4 则无效', () => {
    expect(checkIdNumber('532301199001011238')).toBeNull();
    expect(checkIdNumber('532301199001011234')).toBe('check');
  });
  it('出生日期不存在（19900230）判为无效', () => {
    const first17 = '53230119900230123';
    expect(checkIdNumber(first17 + idNumberCheckChar(first17))).toBe('birth_date');
  });
  it('位数或字符不对判为无效', () => {
    expect(checkIdNumber('53230119900101123')).toBe('length');
    expect(checkIdNumber('5323011990010112A8')).toBe('character');
  });
  it('脱敏显示不含出生日期的 8 位数字', () => {
    expect(maskIdNumber('532301199001011238')).toBe('532301********1238');
    expect(maskIdNumber('532301199001011238')).not.toContain('19900101');
  });
});

describe('业务日期', () => {
  it('2026-02-30、2026-13-01 不是日期；2024-02-29 是（闰年），2026-02-29 不是', () => {
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-2-3')).toBe(false);
  });
});
