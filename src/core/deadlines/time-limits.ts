/**
 * Time limits: each names its clause, its unit, who owes it, what starts it, and the settings that
 * carry a reading of the text (see CLAUSES.md). How long it is — and how long and how often it may be
 * extended — are dated parameters of the policy registry, read for the version in force on the day
 * the clock starts (X-3); the summary a person reads takes its figures from them too.
 */
import type { DocumentId } from '../policy/versions';
import { DEFAULT_REGISTRY, type PolicyRegistry } from '../policy/registry';

export type LimitUnit = 'working_days' | 'calendar_days' | 'months' | 'year_end';

/** YT-9.2 / YT-9.3 say 日: calendar days with a rest-day last day rolled over (default), or working days. */
export type DayReading = 'calendar_days_roll' | 'working_days';

/** Whether a local overlay (e.g. 楚雄州 州庆) lengthens this limit. */
export type OverlaySetting = 'bureau_owed_only' | 'always' | 'never';

export interface TimeLimit {
  id: string;
  /** The policy version the case is handled under (X-3: its dates and warnings apply). */
  document: DocumentId;
  /** The national law or rule that sets the period when it is not the document itself (e.g. 行政处罚法 for the hearing window). */
  law?: string;
  article: string;
  unit: LimitUnit;
  /** The registry parameter holding its length (none for a year-end limit). */
  parameter: string | null;
  owedBy: 'bureau' | 'applicant';
  /** What the clock starts from; the day itself is not counted (CC-201). */
  trigger: string;
  /** What must happen by the due date. */
  action: string;
  /** What a person reads; `{n}` is the length and `{ext}` the extension, from the parameters in force. */
  summary: string;
  reading?: DayReading;
  overlay: OverlaySetting;
  /** Pauses allowed, and for what (YT-6.3: expert evaluation and hearings do not count). */
  pauseReasons?: readonly string[];
  /** Extensions allowed: the parameters for how many and how long each, and who approves. */
  extension?: { maxParameter: string; amountParameter: string; approver: string };
}

export const TIME_LIMITS: Record<string, TimeLimit> = {
  'YT-6.1': {
    id: 'YT-6.1', document: 'YT', article: '第六条第（一）项', unit: 'working_days', parameter: 'YT-6.1.workingDays', owedBy: 'applicant',
    trigger: '启动追责程序', action: '提出容错免责申请', overlay: 'bureau_owed_only',
    summary: '追责程序启动后 {n} 个工作日内可提出书面申请（项目实施过程中亦可随时申请）。',
  },
  'YT-6.2': {
    id: 'YT-6.2', document: 'YT', article: '第六条第（二）项', unit: 'working_days', parameter: 'YT-6.2.workingDays', owedBy: 'bureau',
    trigger: '收到申请', action: '反馈受理意见', overlay: 'bureau_owed_only',
    summary: '收到申请后 {n} 个工作日内反馈是否受理；不予受理的说明原因。',
  },
  'YT-6.3': {
    id: 'YT-6.3', document: 'YT', article: '第六条第（三）项', unit: 'working_days', parameter: 'YT-6.3.workingDays', owedBy: 'bureau',
    trigger: '受理', action: '作出决定', overlay: 'bureau_owed_only',
    summary: '自受理之日起 {n} 个工作日内作出决定；情况复杂的经部门负责人批准可延长{ext}；评估、听证时间不计入。',
    pauseReasons: ['专家评估', '听证'],
    extension: { maxParameter: 'YT-6.3.extensions', amountParameter: 'YT-6.3.extensionWorkingDays', approver: '部门负责人' },
  },
  'YT-6.5': {
    id: 'YT-6.5', document: 'YT', article: '第六条第（五）项', unit: 'working_days', parameter: 'YT-6.5.workingDays', owedBy: 'bureau',
    trigger: '作出决定', action: '反馈认定结果', overlay: 'bureau_owed_only',
    summary: '作出决定后 {n} 个工作日内将认定结果反馈申请人，并归档、作免责标注。',
  },
  'YT-9.2': {
    id: 'YT-9.2', document: 'YT', article: '第九条第（二）项', unit: 'calendar_days', parameter: 'YT-9.2.days', owedBy: 'bureau', reading: 'calendar_days_roll',
    trigger: '启动纠错程序', action: '发送纠错通知书', overlay: 'bureau_owed_only',
    summary: '启动纠错程序后 {n} 日内发送纠错通知书，说明事由、提出要求。',
  },
  'YT-9.3': {
    id: 'YT-9.3', document: 'YT', article: '第九条第（三）项', unit: 'calendar_days', parameter: 'YT-9.3.days', owedBy: 'bureau', reading: 'calendar_days_roll',
    trigger: '发送纠错通知书', action: '谈话问询', overlay: 'bureau_owed_only',
    summary: '发送纠错通知书后 {n} 日内进行谈话问询，听取陈述。',
  },
  'YT-11': {
    id: 'YT-11', document: 'YT', article: '第十一条', unit: 'year_end', parameter: null, owedBy: 'bureau',
    trigger: '容错免责认定', action: '汇总报送失败分析报告', overlay: 'never',
    summary: '州（市）、县级科技部门每年 12 月底前将失败分析报告集中报送省科技厅。',
  },
  'CI-17.3.4': {
    id: 'CI-17.3.4', document: 'CI', article: '第十七条第（三）项第 4 目', unit: 'months', parameter: 'CI-17.3.4.months', owedBy: 'applicant',
    trigger: '项目执行期满', action: '申请验收', overlay: 'bureau_owed_only',
    summary: '项目执行期满 {n} 个月后仍无故不申请验收的，项目负责人评为一般失信（B 级）。',
  },
  'CI-15.comment': {
    id: 'CI-15.comment', document: 'CI', article: '第十五条', unit: 'working_days', parameter: 'CI-15.commentWorkingDays', owedBy: 'applicant',
    trigger: '作出信用评价', action: '对评价结果提出意见', overlay: 'bureau_owed_only',
    summary: '评价结果生效前，被评价主体可查看评价及其依据并提出意见；文件未规定期限，按本局设定 {n} 个工作日（设置，可调整）。',
  },
  'CI-15.review.apply': {
    id: 'CI-15.review.apply', document: 'CI', article: '第十五条', unit: 'working_days', parameter: 'CI-15.reviewApplyWorkingDays', owedBy: 'applicant',
    trigger: '信用评价生效', action: '申请信用评价复核', overlay: 'bureau_owed_only',
    summary: '被评价主体对已生效的评价有异议的，可申请复核；文件未规定申请期限，按本局设定自评价生效之日起 {n} 个工作日内（设置，可调整）。',
  },
  'CI-15.review': {
    id: 'CI-15.review', document: 'CI', article: '第十五条', unit: 'working_days', parameter: 'CI-15.reviewWorkingDays', owedBy: 'bureau',
    trigger: '收到复核申请', action: '作出复核决定', overlay: 'bureau_owed_only',
    summary: '科研诚信管理科室对复核申请作出维持或变更的决定；文件未规定复核期限，按本局设定 {n} 个工作日（设置，可调整）。',
  },
  'CI-27.objection': {
    id: 'CI-27.objection', document: 'CI', article: '第二十七条', unit: 'working_days', parameter: 'CI-27.objectionWorkingDays', owedBy: 'applicant',
    trigger: '送达告知书', action: '提出异议', overlay: 'bureau_owed_only',
    summary: '告知后责任主体可提出异议；文件未规定异议期限，按本局设定 {n} 个工作日（设置，可调整）。',
  },
  'CI-27': {
    id: 'CI-27', document: 'CI', article: '第二十七条', unit: 'working_days', parameter: 'CI-27.reviewWorkingDays', owedBy: 'bureau',
    trigger: '收到异议', action: '提出处理建议', overlay: 'bureau_owed_only',
    summary: '责任主体提出异议的，科研诚信管理科室会同业务科室调查，{n} 个工作日内提出处理建议。',
  },
  // ——— The misconduct procedure (CI-22 to CI-25) under national law: due process before a penalty, the
  // time to decide, and 复查 (review). 行政处罚法第八十五条: its 五日 and 七日 are working days. ———
  'CI-22.investigation': {
    id: 'CI-22.investigation', document: 'CI', law: '《中华人民共和国行政处罚法》', article: '第六十条', unit: 'calendar_days', parameter: 'CI-22.investigation.days', owedBy: 'bureau', reading: 'calendar_days_roll',
    trigger: '失信案件立案', action: '作出处理决定', overlay: 'bureau_owed_only',
    summary: '自立案之日起 {n} 日内作出处理决定（行政处罚法第六十条）；国科发监〔2022〕221号所定调查时限未能核对原文，未另行计算。',
  },
  'CI-22.statement': {
    id: 'CI-22.statement', document: 'CI', law: '《中华人民共和国行政处罚法》', article: '第四十四条、第四十五条', unit: 'working_days', parameter: 'CI-22.statement.workingDays', owedBy: 'applicant',
    trigger: '送达事先告知书', action: '陈述、申辩', overlay: 'bureau_owed_only',
    summary: '告知拟作出的处理后，当事人可陈述、申辩；法律未规定期限，按本局设定 {n} 个工作日（设置，可调整）。',
  },
  'CI-22.hearingRequest': {
    id: 'CI-22.hearingRequest', document: 'CI', law: '《中华人民共和国行政处罚法》', article: '第六十四条第（一）项', unit: 'calendar_days', parameter: 'CI-22.hearingRequest.days', owedBy: 'applicant', reading: 'working_days',
    trigger: '告知听证权利', action: '要求听证', overlay: 'bureau_owed_only',
    summary: '当事人要求听证的，应在告知后 {n} 日内提出；第八十五条：“五日”指工作日，不含法定节假日（读法 working_days）。',
  },
  'CI-22.hearingNotice': {
    id: 'CI-22.hearingNotice', document: 'CI', law: '《中华人民共和国行政处罚法》', article: '第六十四条第（二）项', unit: 'calendar_days', parameter: 'CI-22.hearingNotice.days', owedBy: 'bureau', reading: 'working_days',
    trigger: '通知听证时间、地点', action: '举行听证（最早日期）', overlay: 'bureau_owed_only',
    summary: '应在举行听证的 {n} 日前通知当事人听证的时间、地点；第八十五条：“七日”指工作日。到期日为最早可举行听证之日。',
  },
  'CI-22.reviewApplication': {
    id: 'CI-22.reviewApplication', document: 'CI', law: '《科研失信行为调查处理规则》（国科发监〔2022〕221号）', article: '复查（条款未核对）', unit: 'working_days', parameter: 'CI-22.reviewApplication.workingDays', owedBy: 'applicant',
    trigger: '收到处理决定书', action: '申请复查', overlay: 'bureau_owed_only',
    summary: '被处理人对处理决定不服的可申请复查；未能查到规则原文的期限，按本局设定 {n} 个工作日（设置，核对原文后登记）。',
  },
  'CI-22.reviewDecision': {
    id: 'CI-22.reviewDecision', document: 'CI', law: '《科研失信行为调查处理规则》（国科发监〔2022〕221号）', article: '复查（条款未核对）', unit: 'calendar_days', parameter: 'CI-22.reviewDecision.days', owedBy: 'bureau', reading: 'calendar_days_roll',
    trigger: '收到复查申请', action: '作出复查决定', overlay: 'bureau_owed_only',
    summary: '科研诚信管理科室作出复查决定；未能查到规则原文的期限，参照行政复议的审理期限按本局设定 {n} 日（设置，核对原文后登记）。',
  },
  'CI-31': {
    id: 'CI-31', document: 'CI', article: '第三十一条', unit: 'working_days', parameter: 'CI-31.workingDays', owedBy: 'bureau',
    trigger: '收到信用修复申请', action: '调查并提出处理建议', overlay: 'bureau_owed_only',
    summary: '业务科室自收到修复申请之日起 {n} 个工作日内调查、提出处理建议并报局办公会。',
  },
};

export function overlayApplies(limit: TimeLimit): boolean {
  return limit.overlay === 'always' || (limit.overlay === 'bureau_owed_only' && limit.owedBy === 'bureau');
}

export interface LimitFigures {
  /** The length, in the limit's unit (0 for a year-end limit). */
  amount: number;
  extension: { max: number; amount: number; approver: string } | null;
  /** Each figure with the basis its parameter names. */
  basis: Array<{ parameter: string; value: number; basis: string }>;
}

/** A limit's figures under the version of its document in force on `on` for the region (X-3). */
export function limitFigures(limit: TimeLimit, on?: string, regionPath: readonly string[] = [], registry: PolicyRegistry = DEFAULT_REGISTRY): LimitFigures {
  const lookup = (name: string) => {
    const l = on ? registry.versionFor(limit.document, on, regionPath) : null;
    const p = l ? registry.parameter(l, name) : { value: registry.valueOn(limit.document, name), basis: '' };
    if (typeof p.value !== 'number') throw new RangeError(`parameter ${name} is not a number`);
    return { parameter: name, value: p.value, basis: p.basis };
  };
  const main = limit.parameter ? lookup(limit.parameter) : null;
  const ext = limit.extension ? [lookup(limit.extension.maxParameter), lookup(limit.extension.amountParameter)] : null;
  return {
    amount: main?.value ?? 0,
    extension: ext ? { max: ext[0].value, amount: ext[1].value, approver: limit.extension!.approver } : null,
    basis: [...(main ? [main] : []), ...(ext ?? [])],
  };
}

const UNIT_TEXT: Record<LimitUnit, (n: number) => string> = { working_days: (n) => `${n} 个工作日`, calendar_days: (n) => `${n} 日`, months: (n) => `${n} 个月`, year_end: () => '当年 12 月底前' };

/** A limit as a person reads it, its figures from the parameters in force on `on`. */
export function describeLimit(limit: TimeLimit, on?: string, regionPath: readonly string[] = [], registry: PolicyRegistry = DEFAULT_REGISTRY) {
  const f = limitFigures(limit, on, regionPath, registry);
  const ext = f.extension ? `${f.extension.max > 1 ? ` ${f.extension.max} 次、每次` : '一次'} ${UNIT_TEXT[limit.unit](f.extension.amount)}` : '';
  return {
    ...limit, amount: f.amount, extensionFigures: f.extension, lengthText: UNIT_TEXT[limit.unit](f.amount),
    summary: limit.summary.replace('{n}', String(f.amount)).replace('{ext}', ext), basis: f.basis,
  };
}
