/**
 * 失败分析报告 (云科规〔2023〕1号 第十一条) declared for the procedure engine. An exempting decision
 * opens one for the exempted unit and person; they submit the analysis; the county or prefecture
 * bureau that handled the case compiles and forwards it to the province by the end of December (the
 * YT-11 clock); the province records its assessment of the report's scientific value.
 */
import { hasText, withNote } from './common';
import type { ProcedureDef } from './engine';

export const SCIENTIFIC_VALUES = ['high', 'some', 'low'] as const;
export type ScientificValue = (typeof SCIENTIFIC_VALUES)[number];
export const SCIENTIFIC_VALUE_LABEL: Record<ScientificValue, string> = { high: '科学价值较高，建议推广借鉴', some: '有一定参考价值', low: '参考价值有限' };

export interface FailureReportData {
  projectId: string | null;
  toleranceCaseId: string;
  year: number;
  /** False when the province handled the case itself: nothing to forward, it assesses the report directly. */
  forwardNeeded: boolean;
  history: Array<{ step: string; note: string }>;
  report?: { causes: string; lessons: string; findings: string };
  forwarded?: { note: string };
  assessment?: { value: ScientificValue; opinion: string };
}


export const FAILURE_REPORT: ProcedureDef<FailureReportData> = {
  id: 'failure_report',
  title: '失败分析报告',
  clause: 'YT-11',
  states: [
    { id: 'due', label: '待提交' },
    { id: 'submitted', label: '已提交，待汇总报送' },
    { id: 'forwarded', label: '已报送省科技厅' },
    { id: 'assessed', label: '省厅已评估', terminal: true },
  ],
  starts: [
    // Opened by the feedback of an exempting decision; the bureau's year-end clock starts then.
    { state: 'due', roles: ['business_officer', 'county_officer'], clause: 'YT-11', label: '免责认定后要求提交失败分析报告', opens: ['YT-11'] },
  ],
  transitions: [
    {
      id: 'submit_report', label: '提交失败分析报告', clause: 'YT-11', from: ['due', 'submitted'], to: 'submitted', roles: ['researcher', 'unit_admin'],
      guard: (_c, i) => (!hasText(i.causes, 10) ? { zh: '须分析失败原因（至少 10 个字）', field: 'causes' }
        : !hasText(i.lessons, 10) ? { zh: '须总结经验教训（至少 10 个字）', field: 'lessons' } : null),
      notify: ['business_officer', 'county_officer'],
      apply: (d, i) => ({ ...withNote(d, 'submit_report', '已提交'), report: { causes: String(i.causes), lessons: String(i.lessons), findings: String(i.findings ?? '') } }),
    },
    {
      id: 'forward', label: '汇总报送省科技厅', clause: 'YT-11', from: ['submitted'], to: 'forwarded', roles: ['business_officer', 'county_officer'], levels: ['prefecture', 'county'],
      stops: ['YT-11'], apply: (d, i) => ({ ...withNote(d, 'forward', '已报送'), forwarded: { note: String(i.note ?? '') } }),
    },
    {
      id: 'assess', label: '评估科学价值', clause: 'YT-11', from: ['forwarded', 'submitted'], to: 'assessed', roles: ['business_officer'], levels: ['province'], stops: ['YT-11'],
      precondition: (c) => (c.state === 'submitted' && c.data.forwardNeeded ? { zh: '须先由办理案件的州（市）、县科技部门汇总报送', field: 'state' } : null),
      guard: (_c, i) => (!(SCIENTIFIC_VALUES as readonly string[]).includes(String(i.value)) ? { zh: '请选择科学价值评估结论', field: 'value' }
        : !hasText(i.opinion, 5) ? { zh: '须写明评估意见', field: 'opinion' } : null),
      apply: (d, i) => ({ ...withNote(d, 'assess', SCIENTIFIC_VALUE_LABEL[i.value as ScientificValue]), assessment: { value: i.value as ScientificValue, opinion: String(i.opinion) } }),
    },
  ],
};
