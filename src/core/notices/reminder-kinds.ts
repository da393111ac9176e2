/**
 * The kinds of reminder a person is told of, in Chinese, and which are about a date owed (on the
 * home page: merged by case, kind and due date, grouped by kind and date, counted when due this week
 * or overdue). Kinds not listed here are shown as 提醒.
 */
export const REMINDER_KIND_LABEL: Record<string, string> = {
  before_3: '办理时限将到期', before_1: '办理时限明日到期', overdue: '办理时限已逾期',
  milestone_approaching: '项目节点将到期', milestone_overdue: '项目节点已逾期',
  obligation_before_due: '应履行事项将到期', obligation_overdue: '应履行事项已逾期',
  case: '案件办理', list_removal: '移出名单',
};

export const reminderKindLabel = (kind: string): string => REMINDER_KIND_LABEL[kind] ?? '提醒';
