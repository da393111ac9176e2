/**
 * One table from error code to HTTP status, and the translation of framework errors (schema
 * validation, malformed JSON, oversize bodies) into the same stable shape:
 * `{ error: { code, message (中文), messageEn, field } }`.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ERROR_CODES, type ErrorCode } from '../../core/errors';

export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400, MALFORMED_JSON: 400, INVALID_CREDIT_CODE: 400, INVALID_ID_NUMBER: 400, INVALID_DATE: 400, INVALID_EMAIL: 400,
  DUPLICATE: 409, VERSION_CONFLICT: 409, NOT_FOUND: 404, UNAUTHENTICATED: 401, LOGIN_FAILED: 401,
  FORBIDDEN: 403, CSRF_REJECTED: 403, INCONSISTENT: 422, EXCHANGE_DIGEST_MISMATCH: 422,
  UNKNOWN_RULE: 400, INVALID_PAUSE: 422, EXTENSION_REFUSED: 422, CLOCK_STOPPED: 409, CASE_STATE: 409, PAYLOAD_TOO_LARGE: 413,
  FILE_REFUSED: 415, FILE_TYPE_MISMATCH: 415, DOCUMENT_UNAVAILABLE: 409, FONT_MISSING: 503,
  RATE_LIMITED: 429, CHALLENGE_FAILED: 400, CLIENT_AUTH_FAILED: 401, CLIENT_REVOKED: 401, GRANT_UNSUPPORTED: 400, TOKEN_INVALID: 401, TOKEN_EXPIRED: 401, SCOPE_MISSING: 403, PRECONDITION_UNMET: 422, PROBING_REFUSED: 403, INTERNAL: 500, SECOND_FACTOR_SETUP_REQUIRED: 403, PASSWORD_CHANGE_REQUIRED: 403,
};

interface AjvError { instancePath: string; keyword: string; params: Record<string, unknown>; message?: string }

const TYPE_ZH: Record<string, string> = { string: '文本', integer: '整数', number: '数字', boolean: '布尔值', object: '对象', array: '数组', null: '空值' };

function fieldOf(e: AjvError): string {
  const path = e.instancePath.replace(/^\//, '');
  if (e.keyword === 'required') return [path, String(e.params.missingProperty)].filter(Boolean).join('/');
  if (e.keyword === 'additionalProperties') return [path, String(e.params.additionalProperty)].filter(Boolean).join('/');
  return path || '(root)';
}

/**
 * A union (e.g. organisation | person) reports errors from every branch. Branches whose
 * discriminating field (a constant such as kind) did not match are ignored; of the rest, the
 * deepest path is the most specific.
 */
function mostRelevant(errors: AjvError[]): AjvError {
  const branchOf = (e: AjvError & { schemaPath?: string }) => /^#\/anyOf\/(\d+)\//.exec(e.schemaPath ?? '')?.[1];
  const mismatched = new Set(errors.filter((e) => e.keyword === 'const' && e.instancePath.split('/').length === 2).map(branchOf));
  const kept = errors.filter((e) => { const b = branchOf(e); return b === undefined ? e.keyword !== 'anyOf' : !mismatched.has(b); });
  const pool = kept.length ? kept : errors;
  return [...pool].sort((a, b) => b.instancePath.length - a.instancePath.length)[0];
}

/** AJV's most relevant error, said in Chinese. */
export function translateValidation(errors: AjvError[]): AppError {
  const e = mostRelevant(errors);
  const field = fieldOf(e);
  const p = e.params;
  switch (e.keyword) {
    case 'required': return new AppError('VALIDATION_FAILED', { field, zh: `缺少必填字段 ${field}` });
    case 'additionalProperties': return new AppError('VALIDATION_FAILED', { field, zh: `不允许的字段 ${field}` });
    case 'type': return new AppError('VALIDATION_FAILED', { field, zh: `字段 ${field} 应为${TYPE_ZH[String(p.type)] ?? String(p.type)}` });
    case 'maxLength': return new AppError('VALIDATION_FAILED', { field, zh: `字段 ${field} 不能超过 ${p.limit} 个字符` });
    case 'minLength': return new AppError('VALIDATION_FAILED', { field, zh: `字段 ${field} 不能为空或过短` });
    case 'maximum': case 'minimum': return new AppError('VALIDATION_FAILED', { field, zh: `字段 ${field} 超出允许范围` });
    case 'maxItems': return new AppError('VALIDATION_FAILED', { field, zh: `字段 ${field} 最多 ${p.limit} 项` });
    case 'enum': case 'const': case 'anyOf': return new AppError('VALIDATION_FAILED', { field, zh: `字段 ${field} 的取值不在允许范围内` });
    case 'pattern': return new AppError('VALIDATION_FAILED', { field, zh: `字段 ${field} 格式不正确` });
    case 'format':
      if (p.format === 'date') return new AppError('INVALID_DATE', { field, zh: `字段 ${field} 不是存在的日期（应为 YYYY-MM-DD）` });
      return new AppError('VALIDATION_FAILED', { field, zh: `字段 ${field} 格式不正确` });
    default: return new AppError('VALIDATION_FAILED', { field, zh: `字段 ${field} 不符合要求` });
  }
}

export function toAppError(err: FastifyError | AppError | Error): AppError {
  if (err instanceof AppError) return err;
  const fe = err as FastifyError & { validation?: AjvError[]; validationContext?: string };
  if (fe.validation) {
    const app = translateValidation(fe.validation);
    const ctx = fe.validationContext && fe.validationContext !== 'body' ? `${fe.validationContext}.` : '';
    return new AppError(app.code, { field: app.field ? ctx + app.field : undefined, zh: app.messageZh, en: app.messageEn });
  }
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new AppError('PAYLOAD_TOO_LARGE');
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new AppError('VALIDATION_FAILED', { field: 'content-type', zh: '只接受 application/json 请求体' });
  if (fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) return new AppError('MALFORMED_JSON');
  if (fe.statusCode === 429) return new AppError('RATE_LIMITED');
  // A reference to a record that does not exist (foreign key): the caller's mistake, not the server's (issue 16).
  if ((err as { code?: string }).code === '23503') return new AppError('INCONSISTENT', { zh: '引用的记录不存在' });
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return new AppError('VALIDATION_FAILED', { zh: ERROR_CODES.VALIDATION_FAILED[0] });
  return new AppError('INTERNAL');
}

export function sendError(reply: FastifyReply, err: AppError) {
  return reply.status(HTTP_STATUS[err.code]).send({ error: {
    code: err.code, message: err.messageZh, messageEn: err.messageEn, field: err.field,
    ...(err.clause ? { clause: err.clause } : {}), ...(err.requirement ? { requirement: err.requirement } : {}),
  } });
}

export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const app = toAppError(err);
  if (app.code === 'INTERNAL') req.log.error({ err }, 'unhandled error');
  return sendError(reply, app);
}
