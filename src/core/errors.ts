/**
 * Stable error codes with Chinese (first) and English messages. The HTTP layer maps each code to a
 * status in one table; the client shows `message` and highlights `field`.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: ['输入不符合要求', 'Input is invalid'],
  MALFORMED_JSON: ['请求体不是合法的 JSON', 'Request body is not valid JSON'],
  INVALID_CREDIT_CODE: ['统一社会信用代码无效', 'Invalid unified social credit code'],
  INVALID_ID_NUMBER: ['居民身份证号码无效', 'Invalid resident identity number'],
  INVALID_DATE: ['日期无效', 'Invalid date'],
  INVALID_EMAIL: ['电子邮箱地址无效', 'Invalid e-mail address'],
  DUPLICATE: ['记录已存在', 'Record already exists'],
  NOT_FOUND: ['记录不存在', 'Record not found'],
  UNAUTHENTICATED: ['请先登录', 'Authentication required'],
  LOGIN_FAILED: ['登录失败：用户名、密码或动态口令不正确，或账号暂时不能登录', 'Sign-in failed: wrong username, password or code, or the account cannot sign in now'],
  FORBIDDEN: ['无权执行此操作', 'Not permitted'],
  CSRF_REJECTED: ['跨站请求被拒绝', 'Cross-site request rejected'],
  VERSION_CONFLICT: ['记录已被他人修改，请刷新后重试', 'Record changed by someone else; reload and retry'],
  INCONSISTENT: ['数据之间不一致', 'Inconsistent data'],
  UNKNOWN_RULE: ['未知的时限规则', 'Unknown time-limit rule'],
  INVALID_PAUSE: ['暂停记录不符合要求', 'Invalid pause'],
  EXTENSION_REFUSED: ['不予延长', 'Extension refused'],
  CLOCK_STOPPED: ['计时已停止', 'Clock already stopped'],
  CASE_STATE: ['案件当前状态不允许此操作', 'Not allowed in the case\'s current state'],
  PRECONDITION_UNMET: ['依规定须先完成的事项尚未完成', 'A step the rules require first has not been taken'],
  PAYLOAD_TOO_LARGE: ['请求内容过大', 'Payload too large'],
  FILE_REFUSED: ['文件类型不予接收', 'File type refused'],
  FILE_TYPE_MISMATCH: ['文件内容与声明的类型不符', 'File content does not match its claimed type'],
  DOCUMENT_UNAVAILABLE: ['该文书当前不能生成', 'Document not available now'],
  FONT_MISSING: ['服务器未安装中文字体，无法生成 PDF', 'No CJK font installed for PDF output'],
  CHALLENGE_FAILED: ['人机校验未通过，请重新提交', 'The anti-automation check failed; submit again'],
  RATE_LIMITED: ['请求过于频繁', 'Too many requests'],
  CLIENT_AUTH_FAILED: ['接口客户端认证失败：客户端编号或密钥不正确', 'Client authentication failed'],
  CLIENT_REVOKED: ['该接口客户端已停用', 'The API client has been revoked'],
  GRANT_UNSUPPORTED: ['只支持 client_credentials 授权方式', 'Only the client_credentials grant is supported'],
  TOKEN_INVALID: ['访问令牌无效', 'Invalid access token'],
  TOKEN_EXPIRED: ['访问令牌已过期，请重新申请', 'Access token expired'],
  SCOPE_MISSING: ['访问令牌不含此接口所需的权限范围', 'The token lacks the scope this endpoint needs'],
  PROBING_REFUSED: ['疑似逐个尝试身份证号，本次请求不予答复，已通知安全管理员', 'Looks like enumeration of ID numbers; refused and reported'],
  SECOND_FACTOR_SETUP_REQUIRED: ['请先绑定动态口令（双因素认证）后再使用系统', 'Set up the second factor first'],
  PASSWORD_CHANGE_REQUIRED: ['密码已过期，请先修改密码', 'Password expired; change it first'],
  EXCHANGE_DIGEST_MISMATCH: ['回执中的摘要与所报送批次的摘要不一致，不予确认', 'The acknowledgement\'s digest does not match the batch sent'],
  INTERNAL: ['系统内部错误', 'Internal error'],
} as const satisfies Record<string, readonly [string, string]>;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: string | null;
  readonly messageZh: string;
  readonly messageEn: string;
  /** The clause that decides the refusal (YT-6.3), where there is one. */
  readonly clause: string | null;
  /** For PRECONDITION_UNMET: the requirement not met (e.g. defence_heard). */
  readonly requirement: string | null;

  constructor(code: ErrorCode, opts: { field?: string; zh?: string; en?: string; clause?: string; requirement?: string } = {}) {
    const [zh, en] = ERROR_CODES[code];
    super(opts.en ?? en);
    this.code = code;
    this.field = opts.field ?? null;
    this.messageZh = opts.zh ?? zh;
    this.messageEn = opts.en ?? en;
    this.clause = opts.clause ?? null;
    this.requirement = opts.requirement ?? null;
  }
}
