/**
 * 失败分析报告 (云科规〔2023〕1号 第十一条) declared for the procedure engine. An exempting decision
 * opens one for the exempted unit and person; they submit the analysis; the county or prefecture
 * bureau that handled the case compiles and forwards it to the province by the end of December (the
 * YT-11 clock); the province records its assessment of the report's scientific value.
 */
import { Type } from 'typebox';
import { Choice, LongText, withNote } from './common';
import { step, type ProcedureDef } from './engine';

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

const s = step<FailureReportData>();

export const FAILURE_REPORT: ProcedureDef<FailureReportData> = {
  id: 'failure_report',
  title: '失败分析报告',
  clause: 'YT-11',
  family: 'tolerance',
  states: [
    { id: 'due', label: '待提交' },
    { id: 'submitted', label: '已提交，待汇总报送' },
    { id: 'forwarded', label: '已报送省科技厅' },
    { id: 'assessed', label: '省厅已评估', terminal: true },
  ],
  starts: [
    // Opened by the feedback of an exempting decision; the bureau's year-end clock starts then.
    { id: 'from_exemption', by: 'internal', state: 'due', roles: ['business_officer', 'county_officer'], clause: 'YT-11', label: '免责认定后要求提交失败分析报告', opens: ['YT-11'] },
  ],
  steps: [
    s({
      id: 'submit_report', label: '提交失败分析报告', clause: 'YT-11', from: ['due', 'submitted'], to: 'submitted', roles: ['researcher', 'unit_admin'],
      input: Type.Object({ causes: LongText('失败原因分析', 10), lessons: LongText('经验教训', 10), findings: Type.Optional(Type.String({ title: '阶段性认识或数据', maxLength: 4000, 'x-widget': 'textarea' })) }, { additionalProperties: false }),
      notify: ['business_officer', 'county_officer'],
      apply: (d, i) => ({ ...withNote(d, 'submit_report', '已提交'), report: { causes: i.causes, lessons: i.lessons, findings: i.findings ?? '' } }),
    }),
    s({
      id: 'forward', label: '汇总报送省科技厅', clause: 'YT-11', from: ['submitted'], to: 'forwarded', roles: ['business_officer', 'county_officer'], levels: ['prefecture', 'county'],
      input: Type.Object({ note: Type.Optional(Type.String({ title: '报送说明', maxLength: 2000, 'x-widget': 'textarea' })) }, { additionalProperties: false }),
      stops: ['YT-11'], apply: (d, i) => ({ ...withNote(d, 'forward', '已报送'), forwarded: { note: i.note ?? '' } }),
    }),
    s({
      id: 'assess', label: '评估科学价值', clause: 'YT-11', from: ['forwarded', 'submitted'], to: 'assessed', roles: ['business_officer'], levels: ['province'], stops: ['YT-11'],
      requires: [{ id: 'forwarded_first', clause: 'YT-11', zh: '须先由办理案件的州（市）、县科技部门汇总报送', met: (c) => c.state !== 'submitted' || !c.data.forwardNeeded }],
      input: Type.Object({ value: Choice('科学价值评估结论', SCIENTIFIC_VALUES, SCIENTIFIC_VALUE_LABEL), opinion: LongText('评估意见', 5) }, { additionalProperties: false }),
      apply: (d, i) => ({ ...withNote(d, 'assess', SCIENTIFIC_VALUE_LABEL[i.value]), assessment: { value: i.value, opinion: i.opinion } }),
    }),
  ],
  view: {
    parties: [{ label: '项目', key: 'projectId', kind: 'project' }, { label: '容错认定案件', key: 'toleranceCaseId', kind: 'case' }],
    facts: [
      { label: '年度', value: (d) => String(d.year) },
      { label: '失败原因分析', clause: 'YT-11', value: (d) => d.report?.causes },
      { label: '经验教训', clause: 'YT-11', value: (d) => d.report?.lessons },
      { label: '阶段性认识或数据', value: (d) => d.report?.findings },
      { label: '报送', clause: 'YT-11', value: (d) => (d.forwarded ? `已报送省科技厅${d.forwarded.note ? `：${d.forwarded.note}` : ''}` : null) },
      { label: '省厅评估', clause: 'YT-11', value: (d) => (d.assessment ? `${SCIENTIFIC_VALUE_LABEL[d.assessment.value]}：${d.assessment.opinion}` : null) },
    ],
  },
};
