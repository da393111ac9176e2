import { describe, expect, it } from 'vitest';
import { available, plan } from '../../src/core/procedure/engine';
import { FAILURE_REPORT, type FailureReportData } from '../../src/core/procedure/failure-report';

const at = (state: string, forwardNeeded: boolean) => ({ state, version: 1, data: { projectId: 'p', toleranceCaseId: 't', year: 2026, forwardNeeded, history: [] } as FailureReportData });
const assessment = { value: 'some', opinion: '对同类项目有参考价值' };

describe('失败分析报告（YT-11）', () => {
  it('YT-11 州（市）、县办理的，须由其汇总报送后省厅才能评估；报送时停止年底计时', () => {
    expect(available(FAILURE_REPORT, at('submitted', true), 'business_officer', 'province')).toMatchObject([{ id: 'assess', blockedBy: [{ id: 'forwarded_first', clause: 'YT-11' }] }]);
    expect(available(FAILURE_REPORT, at('submitted', true), 'business_officer', 'prefecture').map((s) => s.id)).toEqual(['forward']);
    expect(plan(FAILURE_REPORT, at('submitted', true), 'county_officer', 'forward', {}, 'county')).toMatchObject({ refused: false, to: 'forwarded', stops: ['YT-11'] });
    expect(plan(FAILURE_REPORT, at('submitted', true), 'business_officer', 'assess', assessment, 'province')).toMatchObject({ refused: true, code: 'REQUIREMENT', requirement: 'forwarded_first' });
    expect(plan(FAILURE_REPORT, at('forwarded', true), 'business_officer', 'assess', assessment, 'province')).toMatchObject({ refused: false, to: 'assessed' });
  });
  it('YT-11 省厅自己办理的，无需报送，提交后直接评估；州局不能评估', () => {
    expect(available(FAILURE_REPORT, at('submitted', false), 'business_officer', 'province').map((s) => s.id)).toEqual(['assess']);
    expect(plan(FAILURE_REPORT, at('submitted', false), 'business_officer', 'assess', assessment, 'province')).toMatchObject({ refused: false, to: 'assessed', stops: ['YT-11'] });
    expect(plan(FAILURE_REPORT, at('forwarded', true), 'business_officer', 'assess', assessment, 'prefecture')).toMatchObject({ refused: true, code: 'FORBIDDEN' });
    expect(plan(FAILURE_REPORT, at('forwarded', true), 'business_officer', 'assess', { value: 'great', opinion: '很好很好很好' }, 'province')).toMatchObject({ refused: true, field: 'value' });
  });
  it('YT-11 报告须分析失败原因并总结经验教训；提交后到汇总前可以补充修改', () => {
    expect(plan(FAILURE_REPORT, at('due', true), 'unit_admin', 'submit_report', { causes: '中试放大失败的原因分析', lessons: '' })).toMatchObject({ refused: true, field: 'lessons' });
    expect(plan(FAILURE_REPORT, at('submitted', true), 'researcher', 'submit_report', { causes: '中试放大失败的原因分析', lessons: '应先做参数敏感性分析' })).toMatchObject({ refused: false, to: 'submitted' });
    expect(plan(FAILURE_REPORT, at('forwarded', true), 'researcher', 'submit_report', { causes: '中试放大失败的原因分析', lessons: '应先做参数敏感性分析' })).toMatchObject({ refused: true, code: 'INVALID_STATE' });
  });
});
