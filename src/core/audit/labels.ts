/**
 * Words for what the audit log records (issue 21): the kinds of object an event concerns, why a
 * login failed, and what a successful login was restricted to. The log stores the keys; pages and
 * exports show these labels.
 */
import { API_CLIENT_ROLE } from '../access/api-clients';
import { ROLES, roleLabel, type Role } from '../access/roles';
import { AppError } from '../errors';

export const AUDIT_OBJECT_TYPES: Record<string, string> = {
  user: '账号', subject: '信用主体', case: '案件', api_client: '接口客户端', exchange_batch: '信用信息报送批次', region: '行政区划', rating: '信用评价',
  project: '科技项目', obligation: '应履行事项', deadline: '办理时限', complaint: '投诉举报', policy: '政策版本',
  mail: '邮件', spot_check: '随机抽查', notification: '提醒', milestone: '项目节点', local_holiday: '地方假日',
  listing: '失信惩戒名单', keys: '加密密钥', import: '数据导入', holiday_notice: '节假日安排通知', export: '导出',
  exemption_marks: '免责标注', external_misconduct_records: '外部失信记录', failure_package: '失败原因分析报告汇编', dataset: '数据集', call: '接口调用', calendar: '节假日日历', audit: '审计日志',
  file: '案件文件', document: '文书', finding: '认定事实', sanction: '失信处理记录', commitment: '诚信承诺书',
  dashboard: '领导驾驶舱统计', credit_report: '信用报告',
};

/** The object type's Chinese name; an unknown type is shown as it is stored. */
export function objectTypeLabel(type: string | null): string {
  return type ? AUDIT_OBJECT_TYPES[type] ?? type : '';
}

/** Why a login failed (server/modules/accounts/login.ts logs one of these keys). */
export const LOGIN_FAILURE_REASONS = {
  unknown_user: '用户名不存在',
  not_active: '账号尚未授权',
  disabled: '账号已停用',
  locked: '账号已锁定（连续失败次数过多）',
  bad_credentials: '密码错误',
  totp_missing: '未输入动态口令',
  bad_totp: '动态口令错误',
  totp_replayed: '动态口令已使用过',
  locked_meanwhile: '登录期间账号被锁定',
} as const;
export type LoginFailureReason = keyof typeof LOGIN_FAILURE_REASONS;

/** What a successful login's session was restricted to until it is put right. */
export const LOGIN_RESTRICTIONS: Record<string, string> = {
  enroll_totp: '须先绑定动态口令',
  change_password: '须先修改密码',
};

/** The Chinese reason of a login event: the failure's, or what the session was restricted to. */
export function loginReasonLabel(outcome: 'success' | 'failure', detail: unknown): string {
  const d = (detail && typeof detail === 'object' ? detail : {}) as { reason?: string; restriction?: string | null };
  if (outcome === 'failure') return d.reason ? LOGIN_FAILURE_REASONS[d.reason as LoginFailureReason] ?? d.reason : '登录失败';
  return d.restriction ? LOGIN_RESTRICTIONS[d.restriction] ?? d.restriction : '登录成功';
}

/** The Chinese name of the role an event was done in: none is the system itself, an API client is named so. */
export function actorRoleLabel(role: string | null): string {
  if (!role) return '系统';
  if (role === API_CLIENT_ROLE) return '接口客户端';
  return (ROLES as readonly string[]).includes(role) ? roleLabel(role as Role) : role;
}

/** A log's date range, Beijing dates inclusive: refused on `to` when it ends before it starts. */
export function checkLogDates(from: string | undefined, to: string | undefined): void {
  if (from && to && to < from) throw new AppError('VALIDATION_FAILED', { field: 'to', zh: '截止日期不能早于起始日期', en: 'The end date is before the start date' });
}
