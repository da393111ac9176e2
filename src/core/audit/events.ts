/**
 * The closed list of audit actions (every state change and every read of protected personal data)
 * and the canonical form that the hash chain covers. Hashing itself (SM3) lives in the server.
 */
export const AUDIT_ACTIONS = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.totp_setup': '生成动态口令密钥（待绑定）',
  'auth.totp_enable': '绑定动态口令',
  'auth.totp_reset': '重置动态口令',
  'auth.password_change': '修改密码',
  'auth.session_end': '结束会话',
  'account.create': '创建账号',
  'account.authorize': '授权（角色与数据范围）',
  'account.admin_grant_propose': '提出授予管理员角色（待复核）',
  'account.admin_grant_approve': '复核同意授予管理员角色',
  'account.admin_grant_reject': '复核不同意授予管理员角色',
  'notification.read': '提醒标记已读',
  'notification.read_many': '提醒批量标记已读',
  'account.unlock': '解除账号锁定',
  'subject.create': '新增主体',
  'subject.update': '修改主体',
  'subject.reveal_id_number': '查看完整身份证号',
  'relation.create': '新增主体关系',
  'relation.end': '终止主体关系',
  'project.create': '新增项目',
  'project.update': '修改项目',
  'project.status_change': '变更项目状态（暂缓、暂停、强制中止、验收不通过、恢复执行）',
  'list.export': '导出列表',
  'audit.export': '导出审计日志',
  'audit.checkpoint': '写入审计日志签名检查点',
  'keys.reencrypt': '以新密钥重新加密敏感字段',
  'demo.seed': '载入演示数据',
  'region.seed': '载入行政区划',
  'region.bureau_profiles': '补齐科技部门的公文版式（发文机关标志、机关代字、印发机关、抄送机关）',
  'calendar.seed': '载入随系统提供的节假日安排',
  'calendar.notice_load': '载入节假日安排通知',
  'calendar.local_holiday_add': '新增地方假日',
  'deadline.open': '开始计时',
  'deadline.pause': '暂停计时',
  'deadline.resume': '恢复计时',
  'deadline.extend': '批准延长时限',
  'deadline.stop': '停止计时（已办结）',
  'reminder.raise': '发出到期提醒',
  'policy.seed': '载入政策版本',
  'policy.seed_complete': '补充载入随新版本提供的政策版本和参数',
  'policy.version_add': '登记政策延续执行或新版本',
  'finding.record': '录入认定事实',
  'participation.record': '登记参与记录（评审、服务）',
  'rating.compute': '信用评价',
  'rating.batch': '年度批量信用评价',
  'rating.determine': '认定信用等级',
  'case.start': '立案',
  'case.transition': '案件办理',
  'file.upload': '上传申请材料',
  'file.download': '下载案件文件',
  'finding.attach_source': '上传认定事实来源文件',
  'fact_file.download': '下载认定事实或承诺书文件',
  'document.generate': '生成文书',
  'document.number': '取得发文字号',
  'obligation.open': '登记应履行事项',
  'obligation.settle': '登记事项履行情况',
  'obligation.settlement_record': '登记履行（缴回）一笔及其凭证',
  'obligation.amount_set': '核定应履行金额',
  'obligation.due_backfill': '补算应履行事项的履行期限（迁移 0045 前登记的）',
  'export.exemption_marks': '导出免责标注',
  'sanction.record': '记录失信处理',
  'veto.check': '申报资格一票否决审查',
  'security.alert': '安全告警',
  'sanction.expire': '期满移出公开名单',
  'listing.add': '列入失信惩戒名单',
  'listing.repair': '信用修复，移出名单',
  'listing.end_backfill': '为已列入的记录补定名单期限和公开期限（迁移 0023）',
  'listing.expire': '名单期限届满，移出失信惩戒名单',
  'sanction.correct': '更正失信处理记录（异议成立或复查变更、撤销）',
  'finding.withdraw': '撤销认定事实',
  'finding.correct': '更正认定事实',
  'rating.review_decide': '信用评价复核决定',
  'spotcheck.draw': '随机抽取抽查项目和检查人员',
  'rating.comment': '对信用评价提出意见',
  'commitment.record': '登记诚信承诺书',
  'call.add_applicant': '登记申报批次的申报主体',
  'rating.answer': '答复信用评价意见',
  'rating.publish': '信用评价生效并内部公布',
  'export.credit_list': '报送信用信息共享平台',
  'exchange.batch': '生成报送批次（失信名单增量或免责标注增量）',
  'exchange.resend': '重新发送报送批次',
  'exchange.acknowledge': '登记平台对报送批次的回执',
  'complaint.submit': '收到投诉举报',
  'complaint.register': '受理投诉举报',
  'complaint.reject': '不予受理投诉举报',
  'complaint.identity_read': '查看举报人身份',
  'complaint.file_download': '下载投诉举报附件',
  'api_client.create': '登记接口客户端（权限范围、区划、访问频率）',
  'api_client.rotate': '更换接口客户端密钥',
  'api_client.revoke': '停用接口客户端',
  'api_client.token': '接口客户端取得访问令牌',
  'api_client.refused': '拒绝接口客户端的请求（密钥错误、令牌过期、已停用或权限范围不符）',
  'exemption.read': '接口客户端读取免责标注',
  'case.disclose': '案件向当事人公开（事先告知或送达决定）',
  'account.mail_settings': '修改本人电子邮箱和邮件提醒设置',
  'mail.send': '邮件已发送',
  'mail.fail': '邮件发送失败（待重试或已放弃）',
  'mail.skip': '邮件不再发送（无地址、账号停用或已退订）',
  'import.apply': '导入单位、人员、项目或主体关系（确认写入；附文件摘要和变更清单摘要）',
  'credit_report.issue': '出具信用报告（附验证码和报告摘要）',
  'misconduct.external_import': '报入外部失信记录（省级或全国科研诚信信息系统，CI-12、CI-13）',
  'failure_package.compile': '汇编年度失败原因分析报告并报送省科技厅（YT-11）',
  'briefing.generate': '生成统计简报（YT-12）',
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

export type AuditOutcome = 'success' | 'failure';

export interface AuditEntry {
  seq: number;
  at: string; // ISO instant, millisecond precision
  actorUserId: string | null;
  actorRole: string | null;
  actorRegion: string | null;
  action: AuditAction;
  objectType: string | null;
  objectId: string | null;
  outcome: AuditOutcome;
  before: unknown;
  after: unknown;
  ip: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so the same entry always hashes the same way. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const keys = Object.keys(value as Record<string, unknown>).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** An entry's fields in the order canonicalJson sorts them, each with its JSON key already written. */
const ENTRY_KEYS = (['action', 'actorRegion', 'actorRole', 'actorUserId', 'after', 'at', 'before', 'ip', 'objectId', 'objectType', 'outcome', 'seq'] as const)
  .map((k) => [k, `${JSON.stringify(k)}:`] as const);

/**
 * The exact text whose hash, chained to the previous hash, protects one entry: the previous hash, a
 * newline and canonicalJson(entry). Written field by field in the sorted order rather than sorting
 * each entry's keys again (verification walks millions of entries; a test proves both forms equal).
 */
export function chainText(prevHash: string, e: AuditEntry): string {
  let body = '';
  for (const [k, prefix] of ENTRY_KEYS) {
    const v = e[k];
    if (v === undefined) continue;
    body += `${body ? ',' : ''}${prefix}${canonicalJson(v)}`;
  }
  return `${prevHash}\n{${body}}`;
}
