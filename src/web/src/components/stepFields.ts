/**
 * What each declared step asks the officer for, as data: the step form is drawn from this list and the
 * input sent to the server is assembled from it. The server's guards decide; these only collect.
 */
import { CIRCUMSTANCES, CIRCUMSTANCE_LABEL, OUTCOMES, OUTCOME_LABEL } from '../../../core/procedure/tolerance-case';
import { ESCALATION_GROUNDS, ESCALATION_LABEL } from '../../../core/procedure/correction-case';
import { SCIENTIFIC_VALUES, SCIENTIFIC_VALUE_LABEL } from '../../../core/procedure/failure-report';
import { MISCONDUCT_KINDS, MISCONDUCT_KIND_LABEL } from '../../../core/sanctions/misconduct';
import { LEVEL_LABEL } from '../../../core/rating/criteria';
import { MEASURES, MEASURE_LABEL, SEVERITIES, SEVERITY_FACTORS, SEVERITY_FACTOR_LABEL, SEVERITY_LABEL } from '../../../core/sanctions/sanctions';

export interface StepField {
  /** Where the value goes in the step input, dotted for nesting (deliberation.date). */
  path: string;
  label: string;
  type: 'text' | 'textarea' | 'date' | 'select' | 'multi' | 'check' | 'names' | 'items' | 'planItem' | 'conditionFindings' | 'responsible' | 'banYears';
  required?: boolean;
  options?: Array<{ value: string; label: string }>;
  /** An optional list left empty is not sent at all (a correction that does not touch it). */
  omitEmpty?: boolean;
}

const reason = (label: string): StepField[] => [{ path: 'reason', label, type: 'textarea', required: true }];

export const STEP_FIELDS: Record<string, StepField[]> = {
  unit_vouch: [{ path: 'opinion', label: '审核意见', type: 'textarea' }],
  unit_return: reason('退回理由'),
  refuse: reason('不予受理的理由'),
  request_supplement: reason('需补正的材料及理由'),
  request_extension: reason('延长理由（情况复杂的具体情形）'),
  approve_extension: [{ path: 'opinion', label: '审批意见', type: 'textarea' }],
  refuse_extension: [{ path: 'opinion', label: '不同意的理由', type: 'textarea', required: true }],
  record_findings: [{ path: 'findings', label: '逐项核实（YT-4）', type: 'conditionFindings', required: true }],
  record_expert_opinion: [
    { path: 'members', label: '专家组成员（用逗号分隔）', type: 'names', required: true },
    { path: 'opinion', label: '专家组意见', type: 'textarea', required: true },
  ],
  record_copy: [
    { path: 'organisation', label: '组织部门', type: 'text', required: true },
    { path: 'personnel', label: '人事部门', type: 'text', required: true },
    { path: 'on', label: '抄送日期', type: 'date', required: true },
  ],
  refer_misconduct: reason('移送理由（恶意申请或弄虚作假的事实）'),
  record_defence: [{ path: 'statement', label: '申辩内容', type: 'textarea', required: true }],
  decide: [
    { path: 'outcome', label: '认定结果', type: 'select', required: true, options: OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABEL[o] })) },
    { path: 'circumstances', label: '所依据的免责情形（YT-5）', type: 'multi', options: CIRCUMSTANCES.map((k) => ({ value: k, label: `${k} ${CIRCUMSTANCE_LABEL[k]}` })) },
    { path: 'reasons', label: '认定理由', type: 'textarea', required: true },
    { path: 'consultedFinance', label: '已与财政部门沟通', type: 'check' },
    { path: 'consultedAudit', label: '已与审计部门沟通', type: 'check' },
    { path: 'deliberation.date', label: '审议日期', type: 'date', required: true },
    { path: 'deliberation.method', label: '方式', type: 'select', required: true, options: [{ value: 'consensus', label: '一致同意' }, { value: 'vote', label: '表决' }] },
    { path: 'deliberation.members', label: '到会人员（用逗号分隔）', type: 'names', required: true },
    { path: 'deliberation.minutes', label: '审议纪要', type: 'textarea', required: true },
  ],
  send_notice: [
    { path: 'reasons', label: '纠错原因', type: 'textarea', required: true },
    { path: 'requirements', label: '纠错要求', type: 'textarea', required: true },
  ],
  record_interview: [
    { path: 'date', label: '谈话日期', type: 'date', required: true },
    { path: 'persons', label: '谈话对象（用逗号分隔）', type: 'names', required: true },
    { path: 'statements', label: '当事人陈述', type: 'textarea', required: true },
  ],
  set_plan: [{ path: 'items', label: '整改事项', type: 'items', required: true }],
  verify_item: [
    { path: 'index', label: '整改事项', type: 'planItem', required: true },
    { path: 'verifiedOn', label: '验证日期', type: 'date', required: true },
    { path: 'note', label: '验证情况', type: 'textarea', required: true },
  ],
  record_improvement: [
    { path: 'causes', label: '原因分析', type: 'textarea', required: true },
    { path: 'measures', label: '长效措施', type: 'textarea', required: true },
  ],
  escalate: [
    { path: 'ground', label: '升级理由', type: 'select', required: true, options: ESCALATION_GROUNDS.map((g) => ({ value: g, label: ESCALATION_LABEL[g] })) },
    { path: 'reason', label: '具体情况', type: 'textarea', required: true },
  ],
  file: [{ path: 'opinion', label: '立案意见', type: 'textarea' }],
  record_factors: SEVERITY_FACTORS.map((k) => ({ path: `factors.${k}`, label: SEVERITY_FACTOR_LABEL[k], type: 'textarea' as const, required: true })),
  close_no_misconduct: reason('调查结论'),
  file_report: [
    { path: 'findings', label: '调查经过和事实', type: 'textarea', required: true },
    { path: 'conclusion', label: '调查结论', type: 'select', required: true, options: [{ value: 'holds', label: '举报属实' }, { value: 'does_not_hold', label: '举报不属实' }] },
  ],
  object: [{ path: 'statement', label: '异议的事实和理由', type: 'textarea', required: true }],
  uphold_objection: [
    { path: 'opinion', label: '审查意见', type: 'textarea', required: true },
    { path: 'correction', label: '如何更正', type: 'textarea', required: true },
    // CI-27: what the upheld objection corrects in the sanction record; each optional, the old values are kept.
    { path: 'corrections.misconductKind', label: '更正失信行为（不改可不选）', type: 'select', options: MISCONDUCT_KINDS.map((k) => ({ value: k, label: MISCONDUCT_KIND_LABEL[k] })) },
    { path: 'corrections.conductDate', label: '更正行为发生日期', type: 'date' },
    { path: 'corrections.measures', label: '更正处理措施（须仍在 CI-25 幅度内）', type: 'multi', omitEmpty: true, options: MEASURES.map((k) => ({ value: k, label: MEASURE_LABEL[k] })) },
    { path: 'corrections.facts', label: '更正后的事实表述', type: 'textarea' },
    { path: 'corrections.notPublished', label: '该处理不应公开（撤下公开名单）', type: 'check' },
  ],
  dismiss_objection: [{ path: 'opinion', label: '审查意见', type: 'textarea', required: true }],
  approve: [
    { path: 'date', label: '局办公会日期', type: 'date', required: true },
    { path: 'minutes', label: '研究意见', type: 'textarea', required: true },
  ],
  decline: [
    { path: 'date', label: '局办公会日期', type: 'date', required: true },
    { path: 'minutes', label: '研究意见', type: 'textarea', required: true },
  ],
  withdraw: reason('撤回理由'),
  propose_repair: [{ path: 'findings', label: '调查情况', type: 'textarea', required: true }],
  propose_refusal: [{ path: 'findings', label: '调查情况', type: 'textarea', required: true }],
  refuse_barred: [{ path: 'legalBasis', label: '不予修复所依据的法律、法规条款', type: 'textarea', required: true }],
  approve_repair: [
    { path: 'date', label: '局办公会日期', type: 'date', required: true },
    { path: 'minutes', label: '研究意见', type: 'textarea', required: true },
  ],
  refuse_repair: [
    { path: 'date', label: '局办公会日期', type: 'date', required: true },
    { path: 'minutes', label: '研究意见', type: 'textarea', required: true },
  ],
  verify_holds: [{ path: 'opinion', label: '核实意见', type: 'textarea', required: true }],
  verify_not_holds: [{ path: 'opinion', label: '核实意见', type: 'textarea', required: true }],
  decide_sanction: [
    { path: 'kind', label: '失信行为（CI-22）', type: 'select', required: true, options: MISCONDUCT_KINDS.map((k) => ({ value: k, label: MISCONDUCT_KIND_LABEL[k] })) },
    { path: 'conductDate', label: '行为发生日期', type: 'date', required: true },
    { path: 'decidedOn', label: '处理决定日期', type: 'date', required: true },
    { path: 'severity', label: '情节（CI-25）', type: 'select', required: true, options: SEVERITIES.map((k) => ({ value: k, label: SEVERITY_LABEL[k] })) },
    { path: 'measures', label: '处理措施（CI-23，可并用）', type: 'multi', required: true, options: MEASURES.map((k) => ({ value: k, label: MEASURE_LABEL[k] })) },
    { path: 'banYears', label: '取消申报资格期限', type: 'banYears' },
    { path: 'publicDisclosure', label: '向社会公布（情节特别严重的应当公布）', type: 'check' },
    { path: 'simpleProcedure', label: '适用简易程序作出的处罚（CI-22，不公开）', type: 'check' },
    { path: 'minorAndCorrected', label: '轻微违法并及时纠正（CI-22，不公开）', type: 'check' },
    { path: 'responsible', label: '单位的法定代表人、主要负责人或实际控制人（CI-26）', type: 'responsible' },
    { path: 'judiciaryReferral', label: '涉嫌犯罪，已移送司法机关（CI-23）', type: 'check' },
    { path: 'reasons', label: '处理理由', type: 'textarea', required: true },
  ],
  submit_report: [
    { path: 'causes', label: '失败原因分析', type: 'textarea', required: true },
    { path: 'lessons', label: '经验教训', type: 'textarea', required: true },
    { path: 'findings', label: '取得的阶段性认识或数据（可供他人借鉴的）', type: 'textarea' },
  ],
  forward: [{ path: 'note', label: '报送说明', type: 'textarea' }],
  issue_rectification: [
    { path: 'found', label: '发现的问题', type: 'textarea', required: true },
    { path: 'requirements', label: '整改要求', type: 'textarea', required: true },
  ],
  close_clean: [{ path: 'conclusion', label: '督查结论', type: 'textarea', required: true }],
  'inspection.close': [{ path: 'conclusion', label: '督查结论', type: 'textarea', required: true }],
  submit_self_assessment: [
    { path: 'progress', label: '项目进展', type: 'textarea', required: true },
    { path: 'funds', label: '经费使用情况', type: 'textarea', required: true },
    { path: 'problems', label: '存在的问题', type: 'textarea' },
  ],
  conclude_pass: [{ path: 'opinion', label: '检查意见', type: 'textarea', required: true }],
  conclude_rectify: [{ path: 'opinion', label: '发现的问题和整改要求', type: 'textarea', required: true }],
  approve_change: [{ path: 'opinion', label: '审核意见', type: 'textarea', required: true }],
  reject_change: [{ path: 'opinion', label: '不同意的理由', type: 'textarea', required: true }],
  assess: [
    { path: 'value', label: '科学价值', type: 'select', required: true, options: SCIENTIFIC_VALUES.map((v) => ({ value: v, label: SCIENTIFIC_VALUE_LABEL[v] })) },
    { path: 'opinion', label: '评估意见', type: 'textarea', required: true },
  ],
  dismiss: reason('不予立案的理由'),
  // CI-15 信用评价复核
  maintain: [{ path: 'reasons', label: '复核意见', type: 'textarea', required: true }],
  change: [
    { path: 'level', label: '复核后的等级', type: 'select', required: true, options: (['AA', 'A', 'B', 'C'] as const).map((l) => ({ value: l, label: LEVEL_LABEL[l] })) },
    { path: 'reasons', label: '复核意见（变更的事实和依据）', type: 'textarea', required: true },
  ],
  'rating_review.withdraw': [{ path: 'reason', label: '撤回理由', type: 'textarea' }],
};

STEP_FIELDS.file_bureau_report = STEP_FIELDS.file_report;

/** The fields of a step: a procedure may ask differently for a step of the same name (e.g. close). */
export const fieldsFor = (procedure: string, step: string): StepField[] => STEP_FIELDS[`${procedure}.${step}`] ?? STEP_FIELDS[step] ?? [];

/** Form field name for a path (antd names nest with arrays). */
export const fieldName = (path: string) => path.split('.');

/** Turns the form's values into the step input the server expects. */
export function stepInput(fields: readonly StepField[], values: Record<string, any>): Record<string, unknown> {
  const out: Record<string, any> = {};
  for (const f of fields) {
    const keys = fieldName(f.path);
    let v = keys.reduce((o, k) => (o == null ? o : o[k]), values as any);
    if (f.type === 'date' && v) v = v.format('YYYY-MM-DD');
    if (f.type === 'names') v = String(v ?? '').split(/[，,、\s]+/).filter(Boolean);
    if (f.type === 'check') v = !!v;
    if (f.type === 'multi') v = v?.length || !f.omitEmpty ? v ?? [] : undefined;
    if (f.type === 'responsible') v = (v ?? []).filter((x: any) => x?.personId).map((x: any) => ({ role: x.role, personId: x.personId }));
    if (f.type === 'banYears') v = v === undefined || v === '' ? null : v;
    if (f.type === 'items') v = (v ?? []).map((x: any) => ({ item: x?.item, dueDate: x?.dueDate?.format('YYYY-MM-DD'), verification: x?.verification }));
    if (v === undefined) continue;
    let o = out;
    for (const k of keys.slice(0, -1)) o = o[k] ??= {};
    o[keys[keys.length - 1]] = v;
  }
  return out;
}
