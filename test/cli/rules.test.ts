/** The CLI forms of the rules engine, run as a user runs them. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function kexin(args: string[], stdin?: string) {
  const r = spawnSync(process.execPath, ['bin/kexin.mjs', ...args], { encoding: 'utf8', input: stdin });
  return { code: r.status, out: r.stdout.trim(), err: r.stderr.trim() };
}

const ISSUE_EXAMPLE = {
  subjectType: 'unit', year: 2025, jurisdiction: '532300',
  projects: [{ id: 'P1', dueDate: '2025-06-30', extendedTo: null, acceptanceRequestedOn: '2025-06-01', acceptedOn: '2025-06-20', terminatedOn: null, exempted: false }],
  findings: [{ clause: 'CI-16.3.2', date: '2025-03-01' }],
};

describe('命令行：kexin rate / kexin sanction-check', () => {
  it('CI-16.3.2 kexin rate - 读标准输入：缓拨经费认定 → B 级，列出条款、适用的文件和警告', () => {
    const r = kexin(['rate', '-'], JSON.stringify(ISSUE_EXAMPLE));
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ level: 'B', clauses: ['CI-16.3.2'], policy: '楚科规〔2022〕5号', warnings: [] });
  });
  it('CI-16.2 无认定事实时评为 A；2026 年度结果带版本到期警告', () => {
    const a = JSON.parse(kexin(['rate', '-'], JSON.stringify({ ...ISSUE_EXAMPLE, findings: [] })).out);
    expect(a.level).toBe('A');
    const y2026 = kexin(['rate', '-'], JSON.stringify({ ...ISSUE_EXAMPLE, year: 2026, findings: [], projects: [{ id: 'P1', dueDate: '2026-06-30', acceptedOn: '2026-06-20' }] }));
    expect(JSON.parse(y2026.out).warnings.join()).toContain('已于 2026-01-31 到期');
    expect(y2026.err).toContain('警告');
  });
  it('CI-15 无评价依据时 level 为 null', () => {
    expect(JSON.parse(kexin(['rate', '-'], JSON.stringify({ subjectType: 'agency', year: 2025 })).out).level).toBeNull();
  });
  it.each([
    [{ subjectType: 'boss', year: 2025 }, '未知的主体类型'],
    [{ subjectType: 'unit', year: 2025, findings: [{ clause: 'CI-18.3.2', date: '2025-03-01' }] }, '不适用于项目承担单位'],
    [{ subjectType: 'unit', year: 2025, projects: [{ id: 'P1', dueDate: '2025-02-30' }] }, '无效'],
  ])('错误输入 %j：非零退出并说明原因', (input, reason) => {
    const r = kexin(['rate', '-'], JSON.stringify(input));
    expect(r.code).toBe(2);
    expect(r.err).toContain(reason);
    expect(r.out).toBe('');
  });
  it('CI-25.3 sanction-check --severity serious --ban-years 6：非零退出并指出 CI-25.3；5 年通过', () => {
    const bad = kexin(['sanction-check', '--severity', 'serious', '--ban-years', '6', '--on', '2025-06-01']);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('CI-25.3');
    expect(kexin(['sanction-check', '--severity', 'serious', '--ban-years', '5', '--on', '2025-06-01']).code).toBe(0);
  });
  it('CI-25.4 sanction-check --severity grave --ban-years life 通过；CI-25.2 moderate 4 年不通过', () => {
    expect(kexin(['sanction-check', '--severity', 'grave', '--ban-years', 'life', '--on', '2025-06-01']).code).toBe(0);
    const r = kexin(['sanction-check', '--severity', 'moderate', '--ban-years', '4', '--on', '2025-06-01']);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('CI-25.2');
  });
});
