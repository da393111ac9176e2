/**
 * Time limits as dated parameters: each names its clause, its unit and amount, who owes it, what
 * starts it, and the settings that carry a reading of the text (see CLAUSES.md).
 */
import type { DocumentId } from '../policy/versions';

export type LimitUnit = 'working_days' | 'calendar_days' | 'months' | 'year_end';

/** YT-9.2 / YT-9.3 say 日: calendar days with a rest-day last day rolled over (default), or working days. */
export type DayReading = 'calendar_days_roll' | 'working_days';

/** Whether a local overlay (e.g. 楚雄州 州庆) lengthens this limit. */
export type OverlaySetting = 'bureau_owed_only' | 'always' | 'never';

export interface TimeLimit {
  id: string;
  document: DocumentId;
  article: string;
  unit: LimitUnit;
  amount: number;
  owedBy: 'bureau' | 'applicant';
  /** What the clock starts from; the day itself is not counted (CC-201). */
  trigger: string;
  /** What must happen by the due date. */
  action: string;
  summary: string;
  reading?: DayReading;
  overlay: OverlaySetting;
  /** Pauses allowed, and for what (YT-6.3: expert evaluation and hearings do not count). */
  pauseReasons?: readonly string[];
  /** Extensions allowed: how many, how long each, approved by whom. */
  extension?: { max: number; amount: number; approver: string };
}

export const TIME_LIMITS: Record<string, TimeLimit> = {
  'YT-6.1': {
    id: 'YT-6.1', document: 'YT', article: '第六条第（一）项', unit: 'working_days', amount: 20, owedBy: 'applicant',
    trigger: '启动追责程序', action: '提出容错免责申请', overlay: 'bureau_owed_only',
    summary: '追责程序启动后 20 个工作日内可提出书面申请（项目实施过程中亦可随时申请）。',
  },
  'YT-6.2': {
    id: 'YT-6.2', document: 'YT', article: '第六条第（二）项', unit: 'working_days', amount: 7, owedBy: 'bureau',
    trigger: '收到申请', action: '反馈受理意见', overlay: 'bureau_owed_only',
    summary: '收到申请后 7 个工作日内反馈是否受理；不予受理的说明原因。',
  },
  'YT-6.3': {
    id: 'YT-6.3', document: 'YT', article: '第六条第（三）项', unit: 'working_days', amount: 14, owedBy: 'bureau',
    trigger: '受理', action: '作出决定', overlay: 'bureau_owed_only',
    summary: '自受理之日起 14 个工作日内作出决定；情况复杂的经部门负责人批准可延长 14 个工作日；评估、听证时间不计入。',
    pauseReasons: ['专家评估', '听证'],
    extension: { max: 1, amount: 14, approver: '部门负责人' },
  },
  'YT-6.5': {
    id: 'YT-6.5', document: 'YT', article: '第六条第（五）项', unit: 'working_days', amount: 10, owedBy: 'bureau',
    trigger: '作出决定', action: '反馈认定结果', overlay: 'bureau_owed_only',
    summary: '作出决定后 10 个工作日内将认定结果反馈申请人，并归档、作免责标注。',
  },
  'YT-9.2': {
    id: 'YT-9.2', document: 'YT', article: '第九条第（二）项', unit: 'calendar_days', amount: 7, owedBy: 'bureau', reading: 'calendar_days_roll',
    trigger: '启动纠错程序', action: '发送纠错通知书', overlay: 'bureau_owed_only',
    summary: '启动纠错程序后 7 日内发送纠错通知书，说明事由、提出要求。',
  },
  'YT-9.3': {
    id: 'YT-9.3', document: 'YT', article: '第九条第（三）项', unit: 'calendar_days', amount: 10, owedBy: 'bureau', reading: 'calendar_days_roll',
    trigger: '发送纠错通知书', action: '谈话问询', overlay: 'bureau_owed_only',
    summary: '发送纠错通知书后 10 日内进行谈话问询，听取陈述。',
  },
  'YT-11': {
    id: 'YT-11', document: 'YT', article: '第十一条', unit: 'year_end', amount: 0, owedBy: 'bureau',
    trigger: '容错免责认定', action: '汇总报送失败分析报告', overlay: 'never',
    summary: '州（市）、县级科技部门每年 12 月底前将失败分析报告集中报送省科技厅。',
  },
  'CI-17.3.4': {
    id: 'CI-17.3.4', document: 'CI', article: '第十七条第（三）项第 4 目', unit: 'months', amount: 3, owedBy: 'applicant',
    trigger: '项目执行期满', action: '申请验收', overlay: 'bureau_owed_only',
    summary: '项目执行期满三个月后仍无故不申请验收的，项目负责人评为一般失信（B 级）。',
  },
  'CI-15.comment': {
    id: 'CI-15.comment', document: 'CI', article: '第十五条', unit: 'working_days', amount: 10, owedBy: 'applicant',
    trigger: '作出信用评价', action: '对评价结果提出意见', overlay: 'bureau_owed_only',
    summary: '评价结果生效前，被评价主体可查看评价及其依据并提出意见；文件未规定期限，按本局设定 10 个工作日（设置，可调整）。',
  },
  'CI-15.review.apply': {
    id: 'CI-15.review.apply', document: 'CI', article: '第十五条', unit: 'working_days', amount: 15, owedBy: 'applicant',
    trigger: '信用评价生效', action: '申请信用评价复核', overlay: 'bureau_owed_only',
    summary: '被评价主体对已生效的评价有异议的，可申请复核；文件未规定申请期限，按本局设定自评价生效之日起 15 个工作日内（设置，可调整）。',
  },
  'CI-15.review': {
    id: 'CI-15.review', document: 'CI', article: '第十五条', unit: 'working_days', amount: 20, owedBy: 'bureau',
    trigger: '收到复核申请', action: '作出复核决定', overlay: 'bureau_owed_only',
    summary: '科研诚信管理科室对复核申请作出维持或变更的决定；文件未规定复核期限，按本局设定 20 个工作日（设置，可调整）。',
  },
  'CI-27.objection': {
    id: 'CI-27.objection', document: 'CI', article: '第二十七条', unit: 'working_days', amount: 10, owedBy: 'applicant',
    trigger: '送达告知书', action: '提出异议', overlay: 'bureau_owed_only',
    summary: '告知后责任主体可提出异议；文件未规定异议期限，按本局设定 10 个工作日（设置，可调整）。',
  },
  'CI-27': {
    id: 'CI-27', document: 'CI', article: '第二十七条', unit: 'working_days', amount: 15, owedBy: 'bureau',
    trigger: '收到异议', action: '提出处理建议', overlay: 'bureau_owed_only',
    summary: '责任主体提出异议的，科研诚信管理科室会同业务科室调查，15 个工作日内提出处理建议。',
  },
  'CI-31': {
    id: 'CI-31', document: 'CI', article: '第三十一条', unit: 'working_days', amount: 15, owedBy: 'bureau',
    trigger: '收到信用修复申请', action: '调查并提出处理建议', overlay: 'bureau_owed_only',
    summary: '业务科室自收到修复申请之日起 15 个工作日内调查、提出处理建议并报局办公会。',
  },
};

export function overlayApplies(limit: TimeLimit): boolean {
  return limit.overlay === 'always' || (limit.overlay === 'bureau_owed_only' && limit.owedBy === 'bureau');
}
