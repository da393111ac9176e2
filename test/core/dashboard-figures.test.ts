/** 领导驾驶舱与信用报告的纯规则 (issue 20): "this week", each role's figures, the verification code. */
import { describe, expect, it } from 'vitest';
import { dashboardFigures, FIGURE_DIMENSIONS, FIGURE_IDS, weekEnd } from '../../src/core/dashboard/figures';
import { CODE_ALPHABET, normaliseCode, verificationCode } from '../../src/core/credit-report/credit-report';

describe('驾驶舱统计项', () => {
  it('X-4 “本周”自今天起至本周日（周一为一周之始）：2026-11-20 周五 → 11-22；周日当天即止；周一 → 当周周日', () => {
    expect(weekEnd('2026-11-20')).toBe('2026-11-22');
    expect(weekEnd('2026-11-22')).toBe('2026-11-22');
    expect(weekEnd('2026-11-23')).toBe('2026-11-29');
    // Across a year's end: Wednesday 2026-12-30 → Sunday 2027-01-03.
    expect(weekEnd('2026-12-30')).toBe('2027-01-03');
  });

  it('各角色的驾驶舱：领导和审计人员全部六项，业务科室无评价和处理，诚信科无容错结果，无数据范围的角色没有', () => {
    expect(dashboardFigures('bureau_leader')).toEqual(FIGURE_IDS);
    expect(dashboardFigures('auditor')).toEqual(FIGURE_IDS);
    expect(dashboardFigures('business_officer')).not.toContain('ratings');
    expect(dashboardFigures('integrity_officer')).not.toContain('tolerance_outcomes');
    for (const r of ['system_admin', 'security_admin', 'audit_admin', 'unit_admin', 'researcher', 'expert'] as const) expect(dashboardFigures(r)).toEqual([]);
    for (const f of FIGURE_IDS) expect(FIGURE_DIMENSIONS[f]).toContain('region');
  });
});

describe('信用报告验证码', () => {
  it('16 位、四组，取自不含 I L O U 的 32 个字符；输入时大小写、空格、O/0、I/L/1 不计较；位数不对或含 U 的不是验证码', () => {
    const code = verificationCode(Uint8Array.from({ length: 16 }, (_, i) => i * 17));
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect([...code.replace(/-/g, '')].every((c) => CODE_ALPHABET.includes(c))).toBe(true);
    // byte i*17 & 31: 0, 17, 2, 19, 4, 21, 6, 23, 8, 25, 10, 27, 12, 29, 14, 31 → 0 H 2 K 4 N 6 Q 8 S A V C X E Z
    expect(code).toBe('0H2K-4N6Q-8SAV-CXEZ');
    expect(normaliseCode(' 0h2k 4n6q-8sav-cxez ')).toBe(code);
    expect(normaliseCode('OH2K-4N6Q-8SAV-CXEZ')).toBe(code);
    expect(normaliseCode('0H2K-4N6Q-8SAV-CXE')).toBeNull();
    expect(normaliseCode('0H2K-4N6Q-8SAV-CXEU')).toBeNull();
  });
});
