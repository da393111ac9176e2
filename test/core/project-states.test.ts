import { describe, expect, it } from 'vitest';
import { haltedYears, statusChangeProblem } from '../../src/core/domain/project-states';
import { DECIDED_PROJECT_STATUSES, FORM_PROJECT_STATUSES, PROJECT_STATUS_LABEL } from '../../src/core/domain/vocabulary';

describe('项目状态（CI-19.1.2、CI-23、CI-3）', () => {
  it('CI-19.1.2 暂缓、暂停、强制中止、验收不通过为决定设置的状态，均有中文名称，项目表单不提供', () => {
    expect(DECIDED_PROJECT_STATUSES.map((s) => PROJECT_STATUS_LABEL[s])).toEqual(['暂缓', '暂停', '强制中止', '验收不通过']);
    expect(FORM_PROJECT_STATUSES).toEqual(['approved', 'in_progress', 'acceptance_applied', 'accepted', 'terminated', 'concluded']);
    expect(PROJECT_STATUS_LABEL.concluded).toBe('结题');
  });
  it('CI-19.1.2 CI-23 执行中的项目可暂缓、暂停、强制中止；验收不通过只从已申请验收；已验收、终止的不能再变更；暂缓、暂停的可恢复执行', () => {
    expect(statusChangeProblem('in_progress', 'deferred')).toBeNull();
    expect(statusChangeProblem('in_progress', 'suspended')).toBeNull();
    expect(statusChangeProblem('suspended', 'forcibly_halted')).toBeNull();
    expect(statusChangeProblem('acceptance_applied', 'acceptance_failed')).toBeNull();
    expect(statusChangeProblem('in_progress', 'acceptance_failed')).toEqual({ clause: 'CI-3', zh: '项目处于“执行中”状态，不能变更为“验收不通过”（CI-3）' });
    expect(statusChangeProblem('accepted', 'suspended')).toEqual({ clause: 'CI-23', zh: '项目处于“已验收”状态，不能变更为“暂停”（CI-23）' });
    expect(statusChangeProblem('terminated', 'deferred')?.clause).toBe('CI-19.1.2');
    expect(statusChangeProblem('deferred', 'in_progress')).toBeNull();
    expect(statusChangeProblem('forcibly_halted', 'in_progress')).not.toBeNull();
  });
  it('CI-19.1.2 暂缓、暂停、强制中止发生的年度（验收不通过、恢复执行不计）', () => {
    expect(haltedYears([
      { to: 'deferred', on: '2024-03-01' }, { to: 'in_progress', on: '2024-05-01' }, { to: 'suspended', on: '2025-10-20' },
      { to: 'acceptance_failed', on: '2023-06-01' }, { to: 'forcibly_halted', on: '2025-12-01' },
    ])).toEqual([2024, 2025]);
  });
});
