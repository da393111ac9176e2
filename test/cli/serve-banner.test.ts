/** What `kexin serve` prints once it listens (issue 21): the public pages, the training day and every demo account, the CI subjects' included. */
import { describe, expect, it } from 'vitest';
import { startBanner } from '../../src/cli/serve';

describe('kexin serve 启动横幅', () => {
  const lines = startBanner('http://127.0.0.1:3000', { trainingDay: '2026-11-23', trainingSetting: '2026-11-23', demo: true });

  it('CI-27 CI-29 写明无需登录的公开页面：公开名单 /public 和投诉举报 /public/complaint', () => {
    expect(lines).toContain('公开页面（无需登录）：公开名单 http://127.0.0.1:3000/public  投诉举报 http://127.0.0.1:3000/public/complaint');
  });

  it('培训模式写明系统日期；演示账号列出 CI 流程的当事人 ci_person（科研人员）和 ci_unit（单位管理员）', () => {
    expect(lines).toContain('培训模式：系统日期 2026-11-23（KEXIN_TODAY=2026-11-23；每个页面显示此横幅）');
    expect(lines).toContain('演示账号（密码均为 Kexin@2026）：');
    expect(lines.find((l) => l.trim().startsWith('ci_person '))).toMatch(/^ {2}ci_person +科研人员（被调查科研人员）$/);
    expect(lines.find((l) => l.trim().startsWith('ci_unit '))).toMatch(/^ {2}ci_unit +单位管理员（列入名单单位科研管理员）$/);
  });

  it('非演示、非培训模式不列演示账号，也不显示培训日期，但仍写明公开页面', () => {
    const plain = startBanner('http://10.0.0.5:3000', { trainingDay: null, trainingSetting: null, demo: false });
    expect(plain.some((l) => l.includes('演示账号') || l.includes('培训模式'))).toBe(false);
    expect(plain.some((l) => l.includes('http://10.0.0.5:3000/public/complaint'))).toBe(true);
  });
});
