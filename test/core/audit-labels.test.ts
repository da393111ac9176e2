/** The audit log in words (issue 21): every object type the server writes has a Chinese name, login reasons and roles are words, ID numbers never leave unmasked, export times are Beijing time. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_OBJECT_TYPES, LOGIN_FAILURE_REASONS, actorRoleLabel, checkLogDates, loginReasonLabel, objectTypeLabel } from '../../src/core/audit/labels';
import { maskIdNumbersIn } from '../../src/core/identity/id-number';
import { beijingDateTimeText } from '../../src/core/time/beijing';

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

describe('审计日志的中文名称', () => {
  it('服务端写入审计事件时用到的每一种对象类型都有中文名称', () => {
    const used = new Set(sources('src/server').flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/objectType: '([a-z_]+)'/g)].map((m) => m[1])));
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((t) => !AUDIT_OBJECT_TYPES[t])).toEqual([]);
    expect(objectTypeLabel('case')).toBe('案件');
    expect(objectTypeLabel(null)).toBe('');
  });

  it('登录失败的每一种原因都有中文说明；成功登录说明须先办理的事项', () => {
    expect(Object.values(LOGIN_FAILURE_REASONS).every((v) => /[\u4e00-\u9fff]/.test(v))).toBe(true);
    expect(loginReasonLabel('failure', { username: 'x', reason: 'bad_credentials' })).toBe('密码错误');
    expect(loginReasonLabel('failure', { reason: 'unknown_user' })).toBe('用户名不存在');
    expect(loginReasonLabel('success', { restriction: 'enroll_totp' })).toBe('须先绑定动态口令');
    expect(loginReasonLabel('success', { restriction: null })).toBe('登录成功');
  });

  it('角色以中文显示：无操作人为“系统”，接口客户端单列', () => {
    expect(actorRoleLabel('integrity_officer')).toBe('科研诚信管理科室工作人员');
    expect(actorRoleLabel(null)).toBe('系统');
    expect(actorRoleLabel('api_client')).toBe('接口客户端');
  });

  it('日期范围：截止日期早于起始日期时拒绝，指明截止日期', () => {
    expect(() => checkLogDates('2026-11-20', '2026-11-19')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', field: 'to', messageZh: '截止日期不能早于起始日期' }));
    expect(() => checkLogDates('2026-11-20', '2026-11-20')).not.toThrow();
    expect(() => checkLogDates(undefined, '2026-11-19')).not.toThrow();
  });
});

describe('审计日志中的个人信息', () => {
  it('任何位置的完整身份证号都被遮蔽（出生日期不显示），统一社会信用代码不受影响', () => {
    const v = maskIdNumbersIn({ a: '110101199003076519', b: ['备注 11010119900307651X 完'], c: { creditCode: '91350100M000100Y43', digits: '123456789012345678' }, n: 3, z: null });
    expect(v).toEqual({ a: '110101********6519', b: ['备注 110101********651X 完'], c: { creditCode: '91350100M000100Y43', digits: '123456789012345678' }, n: 3, z: null });
  });
});

describe('导出的时间为北京时间', () => {
  it('UTC 16:30 是北京时间次日 00:30', () => {
    expect(beijingDateTimeText('2026-11-19T16:30:00.000Z')).toBe('2026-11-20 00:30:00');
    expect(beijingDateTimeText('2026-11-19T15:59:59.000Z')).toBe('2026-11-19 23:59:59');
  });
});
