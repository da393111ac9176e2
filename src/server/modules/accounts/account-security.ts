/**
 * 账号安全 (GB/T 22239-2019 8.1.4.1): binding a TOTP second factor, changing one's password, seeing
 * and ending one's own sessions, and the security administrator resetting a lost second factor.
 * Every change is audited in the same transaction.
 */
import { hash, verify } from '@node-rs/argon2';
import { passwordProblem } from '../../../core/access/password-policy';
import { AppError } from '../../../core/errors';
import type { AppContext, RequestContext } from '../../context';
import { sm3Hex } from '../../crypto/sm';
import { base32Encode, matchTotp, newTotpSecret, otpauthUri } from '../../crypto/totp';
import { appendAudit } from '../audit/append-audit';
import { mustChangePassword } from './login';
import type { SessionUser } from './users-repo';

/** After one requirement is met, what (if anything) the session must still do. */
const remainingRestriction = (app: AppContext, user: SessionUser, done: 'enroll_totp' | 'change_password'): SessionUser['restriction'] =>
  done === 'enroll_totp' ? (mustChangePassword(app, user) ? 'change_password' : null) : user.restriction === 'enroll_totp' ? 'enroll_totp' : null;

/** 绑定动态口令，第一步: a new secret, kept apart until a code from the user's app proves it was copied. */
export async function startTotpSetup(app: AppContext, ctx: RequestContext, user: SessionUser): Promise<{ secret: string; uri: string }> {
  if (user.totp_secret_cipher) throw new AppError('INCONSISTENT', { field: 'totp', zh: '已绑定动态口令；更换设备请联系安全管理员重置' });
  const secret = newTotpSecret();
  await app.db.transaction(async (tx) => {
    await tx.query('UPDATE users SET totp_pending_cipher = $2 WHERE id = $1', [user.id, app.cipher.encrypt(secret.toString('hex'))]);
    await appendAudit(tx, app, { actor: ctx.actor, ip: ctx.ip, action: 'auth.totp_setup', objectType: 'user', objectId: user.id });
  });
  return { secret: base32Encode(secret), uri: otpauthUri(secret, user.username) };
}

/** 绑定动态口令，第二步: the first code makes the secret the user's second factor. */
export async function enableTotp(app: AppContext, ctx: RequestContext, user: SessionUser, sessionToken: string, code: string) {
  if (user.totp_secret_cipher) throw new AppError('INCONSISTENT', { field: 'code', zh: '已绑定动态口令' });
  if (!user.totp_pending_cipher) throw new AppError('INCONSISTENT', { field: 'code', zh: '请先生成密钥' });
  const step = matchTotp(Buffer.from(app.cipher.decrypt(user.totp_pending_cipher), 'hex'), code, app.clock.now(), null);
  if (step === null) throw new AppError('VALIDATION_FAILED', { field: 'code', zh: '动态口令不正确，请核对手机时间后重试' });
  await app.db.transaction(async (tx) => {
    await tx.query(`UPDATE users SET totp_secret_cipher = totp_pending_cipher, totp_pending_cipher = NULL, totp_enabled_at = $2, totp_last_step = $3 WHERE id = $1`,
      [user.id, app.clock.now().toISOString(), step]);
    await tx.query('UPDATE sessions SET restriction = $2 WHERE token_hash = $1', [sm3Hex(sessionToken), remainingRestriction(app, user, 'enroll_totp')]);
    await appendAudit(tx, app, { actor: ctx.actor, ip: ctx.ip, action: 'auth.totp_enable', objectType: 'user', objectId: user.id });
  });
}

/** 重置动态口令 (security administrator): the user binds a new one at the next login; open sessions end. */
export async function resetTotp(app: AppContext, ctx: RequestContext, userId: string, reason: string) {
  await app.db.transaction(async (tx) => {
    const [u] = await tx.query<{ id: string }>('UPDATE users SET totp_secret_cipher = NULL, totp_pending_cipher = NULL, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = $1 RETURNING id', [userId]);
    if (!u) throw new AppError('NOT_FOUND');
    await tx.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
    await appendAudit(tx, app, { actor: ctx.actor, ip: ctx.ip, action: 'auth.totp_reset', objectType: 'user', objectId: userId, after: { reason } });
  });
}

/** 解除锁定 (security administrator), before the lockout would end by itself. */
export async function unlockAccount(app: AppContext, ctx: RequestContext, userId: string) {
  await app.db.transaction(async (tx) => {
    const [u] = await tx.query<{ id: string }>('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1 RETURNING id', [userId]);
    if (!u) throw new AppError('NOT_FOUND');
    await appendAudit(tx, app, { actor: ctx.actor, ip: ctx.ip, action: 'account.unlock', objectType: 'user', objectId: userId });
  });
}

/** 修改密码: the current one is checked, the new one must follow the rule and differ; other sessions end. */
export async function changePassword(app: AppContext, ctx: RequestContext, user: SessionUser, sessionToken: string, input: { current: string; next: string }) {
  if (!(await verify(user.password_hash, input.current))) throw new AppError('VALIDATION_FAILED', { field: 'current', zh: '原密码不正确' });
  const problem = passwordProblem(input.next, { username: user.username });
  if (problem) throw new AppError('VALIDATION_FAILED', { field: 'next', zh: problem });
  if (input.next === input.current) throw new AppError('VALIDATION_FAILED', { field: 'next', zh: '新密码不能与原密码相同' });
  const tokenHash = sm3Hex(sessionToken);
  await app.db.transaction(async (tx) => {
    await tx.query('UPDATE users SET password_hash = $2, password_changed_at = $3, must_change_password = false WHERE id = $1', [user.id, await hash(input.next), app.clock.now().toISOString()]);
    await tx.query('DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2', [user.id, tokenHash]);
    await tx.query('UPDATE sessions SET restriction = $2 WHERE token_hash = $1', [tokenHash, remainingRestriction(app, user, 'change_password')]);
    await appendAudit(tx, app, { actor: ctx.actor, ip: ctx.ip, action: 'auth.password_change', objectType: 'user', objectId: user.id });
  });
}

export interface SessionView { id: string; createdAt: string; lastSeenAt: string; ip: string | null; userAgent: string | null; current: boolean }

/** 我的会话: where and since when the user is signed in. The id is a digest of the stored digest, so it opens nothing. */
export async function listSessions(app: AppContext, userId: string, sessionToken: string): Promise<SessionView[]> {
  const current = sm3Hex(sessionToken);
  const rows = await app.db.query<{ token_hash: string; created_at: Date; last_seen_at: Date; ip: string | null; user_agent: string | null }>(
    'SELECT token_hash, created_at, last_seen_at, ip, user_agent FROM sessions WHERE user_id = $1 ORDER BY last_seen_at DESC', [userId]);
  return rows.map((r) => ({
    id: sm3Hex(r.token_hash).slice(0, 32), createdAt: new Date(r.created_at).toISOString(), lastSeenAt: new Date(r.last_seen_at).toISOString(),
    ip: r.ip, userAgent: r.user_agent, current: r.token_hash === current,
  }));
}

/** 结束会话: one of the user's own sessions, by the id listSessions gave. */
export async function endSession(app: AppContext, ctx: RequestContext, userId: string, id: string) {
  await app.db.transaction(async (tx) => {
    const rows = await tx.query<{ token_hash: string }>('SELECT token_hash FROM sessions WHERE user_id = $1', [userId]);
    const target = rows.find((r) => sm3Hex(r.token_hash).slice(0, 32) === id);
    if (!target) throw new AppError('NOT_FOUND', { field: 'id', zh: '会话不存在或已结束' });
    await tx.query('DELETE FROM sessions WHERE token_hash = $1', [target.token_hash]);
    await appendAudit(tx, app, { actor: ctx.actor, ip: ctx.ip, action: 'auth.session_end', objectType: 'user', objectId: userId });
  });
}
