/** The CLI forms of the legal-time engine, run as a user runs them (`node bin/kexin.mjs …`). */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function kexin(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/kexin.mjs', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout.trim(), err: r.stderr.trim() };
}

describe('命令行：kexin calendar / kexin deadline', () => {
  it('X-4 calendar is-workday 2026-10-10 → true（调休上班）；2026-10-11 → false', () => {
    expect(kexin('calendar', 'is-workday', '2026-10-10')).toMatchObject({ code: 0, out: 'true' });
    expect(kexin('calendar', 'is-workday', '2026-10-11')).toMatchObject({ code: 0, out: 'false' });
  });
  it('X-4 calendar add-workdays 2026-09-28 7 → 2026-10-13', () => {
    expect(kexin('calendar', 'add-workdays', '2026-09-28', '7')).toMatchObject({ code: 0, out: '2026-10-13' });
  });
  it('X-4 跨入未载入通知的 2027 年：打印日期，stderr 警告，JSON 中 provisional 为 true', () => {
    const plain = kexin('calendar', 'add-workdays', '2026-12-28', '5');
    expect(plain.out).toBe('2027-01-05');
    expect(plain.err).toContain('2027 年');
    const json = JSON.parse(kexin('calendar', 'add-workdays', '2026-12-28', '5', '--json').out);
    expect(json).toMatchObject({ date: '2027-01-05', provisional: true });
    expect(json.derivation).toContain('元旦（暂定） 2027/1/1 不计');
  });
  it('YT-6.3 deadline --start 2026-09-28 --pause 2026-10-12..2026-10-16 --extend → 2026-11-18，--json 带推导', () => {
    expect(kexin('deadline', 'YT-6.3', '--start', '2026-09-28', '--pause', '2026-10-12..2026-10-16', '--extend').out).toBe('2026-11-18');
    const json = JSON.parse(kexin('deadline', 'YT-6.3', '--start', '2026-09-28', '--json').out);
    expect(json.dueDate).toBe('2026-10-22');
    expect(json.derivation).toMatch(/^2026-09-28 受理（当日不计）；\+14个工作日：9\/29=1，9\/30=2，国庆节 10\/1–10\/7 不计/);
  });
  it('YT-6.2 --jurisdiction 532300 计入楚雄州火把节', () => {
    expect(kexin('deadline', 'YT-6.2', '--start', '2025-07-14', '--jurisdiction', '532300').out).toBe('2025-07-28');
  });
  it.each([
    [['calendar', 'add-workdays', '2026-02-30', '3'], '2026-02-30'],
    [['calendar', 'add-workdays', '2026-02-03', '-3'], '非负整数'],
    [['deadline', 'YT-9.9', '--start', '2026-01-05'], '未知的时限规则'],
    [['deadline', 'YT-6.3', '--start', '2026-09-28', '--pause', '2026-10-16..2026-10-12'], '早于开始日'],
    [['deadline', 'YT-6.3', '--start', '2026-09-28', '--pause', '2026-12-01..2026-12-02'], '不在时限之内'],
    [['deadline', 'YT-6.3', '--start', '2026-09-28', '--extend', '--extend'], '只能延长 1 次'],
  ])('错误输入 %j：非零退出，说明原因，不打印日期', (args, reason) => {
    const r = kexin(...args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(reason);
    expect(r.out).toBe('');
  });
});
