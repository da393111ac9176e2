import { describe, expect, it } from 'vitest';
import { businessDate, fixedClock, trainingClock } from '../../src/core/time/clock';
import { ConfigError, loadConfig } from '../../src/server/config';

describe('培训时钟（KEXIN_TODAY）', () => {
  it('设为 2026-09-28：系统日期为 2026-09-28，时刻照走；北京时间跨零点时日期随之进一天', () => {
    const base = fixedClock('2026-11-20T02:00:00Z'); // 2026-11-20 10:00 北京时间
    const c = trainingClock(base, { today: '2026-09-28' });
    expect(businessDate(c)).toBe('2026-09-28');
    expect(c.now().toISOString()).toBe('2026-09-28T02:00:00.000Z');
    base.set('2026-11-20T16:30:00Z'); // 2026-11-21 00:30 北京时间
    expect(businessDate(c)).toBe('2026-09-29');
  });

  it('设为 +30：比真实日期晚 30 天；设为 -7：早 7 天', () => {
    const base = fixedClock('2026-11-20T02:00:00Z');
    expect(businessDate(trainingClock(base, { offsetDays: 30 }))).toBe('2026-12-20');
    expect(businessDate(trainingClock(base, { offsetDays: -7 }))).toBe('2026-11-13');
  });

  it('只允许在嵌入式演示库上使用：配置 PostgreSQL 或关闭演示模式时拒绝启动；格式不对时拒绝启动', () => {
    expect(loadConfig({ KEXIN_TODAY: '2026-09-28' }).trainingClock).toEqual({ today: '2026-09-28' });
    expect(loadConfig({ KEXIN_TODAY: '+30' }).trainingClock).toEqual({ offsetDays: 30 });
    expect(loadConfig({}).trainingClock).toBeNull();
    expect(() => loadConfig({ KEXIN_TODAY: '2026-09-28', DATABASE_URL: 'postgres://u@h/db' })).toThrow(/only on the embedded PGlite demo/);
    expect(() => loadConfig({ KEXIN_TODAY: '2026-09-28', DATABASE_URL: 'postgres://u@h/db', KEXIN_DEMO: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ KEXIN_TODAY: '2026-09-28', KEXIN_DEMO: 'false' })).toThrow(/only in demo mode/);
    expect(() => loadConfig({ KEXIN_TODAY: '2026-02-30' })).toThrow(/KEXIN_TODAY must be/);
    expect(() => loadConfig({ KEXIN_TODAY: 'tomorrow' })).toThrow(/KEXIN_TODAY must be/);
  });
});
