/** 登录 / 退出 / 当前用户. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ROLE_DEFINITIONS } from '../../../core/access/roles';
import { userAbilities } from '../../../core/procedure/user-abilities';
import type { AppContext } from '../../context';
import { login, logout } from '../../modules/accounts/login';
import { changePassword, enableTotp, endSession, listSessions, startTotpSetup } from '../../modules/accounts/account-security';
import { Type } from 'typebox';
import type { SessionUser, UserRow } from '../../modules/accounts/users-repo';
import { SESSION_COOKIE, clearSessionCookie, ctxOf, setSessionCookie } from '../auth';
import { Ok, SessionsOut, SessionUserOut, TotpSetupOut } from '../../../core/api/auth';
import { LoginBody } from '../schemas';
import { RATE_LIMITS, spend } from '../rate-limits';

export function presentMe(u: UserRow, app: AppContext) {
  const def = ROLE_DEFINITIONS[u.role];
  return {
    id: u.id, username: u.username, displayName: u.display_name, role: u.role, roleLabel: def.label,
    regionCode: u.region_code, regionName: u.region_code ? app.regions.get(u.region_code)?.name ?? null : null,
    unitId: u.unit_id, personId: u.person_id, permissions: [...def.permissions], abilities: userAbilities(u.role),
    secondFactor: u.totp_secret_cipher !== null, restriction: (u as Partial<SessionUser>).restriction ?? null,
    // Why the password must be changed first: the one-time initial password, or an expired one.
    passwordChangeReason: u.must_change_password ? 'initial' as const : 'expired' as const,
  };
}

export function authRoutes(s: FastifyInstance, app: AppContext) {
  const server = s.withTypeProvider<TypeBoxTypeProvider>();
  server.post('/api/auth/login', { config: { public: true, rateLimit: RATE_LIMITS.login }, schema: { tags: ['账号'], summary: '登录', body: LoginBody, response: { 200: SessionUserOut } } }, async (req, reply) => {
    spend(reply, s.budgets.loginPerAccount, req.body.username.trim().toLowerCase());
    const { token, user, restriction } = await login(app, { ...req.body, ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
    setSessionCookie(reply, app, token);
    return { user: { ...presentMe(user, app), restriction } };
  });
  server.post('/api/auth/logout', { config: { allowRestricted: true }, schema: { tags: ['账号'], summary: '退出登录', response: { 200: Ok } } }, async (req, reply) => {
    await logout(app, req.cookies[SESSION_COOKIE]!, ctxOf(req).actor, req.ip);
    clearSessionCookie(reply, app);
    return { ok: true };
  });
  server.get('/api/auth/me', { config: { allowRestricted: true }, schema: { tags: ['账号'], summary: '当前用户与权限', response: { 200: SessionUserOut } } }, async (req) => {
    ctxOf(req);
    return { user: presentMe(req.user!, app) };
  });

  const token = (req: { cookies: Record<string, string | undefined> }) => req.cookies[SESSION_COOKIE]!;
  const me = (req: { user: unknown }) => req.user as SessionUser;

  server.post('/api/auth/totp/setup', { config: { allowRestricted: true }, schema: { tags: ['账号'], summary: '绑定动态口令：生成密钥（返回 otpauth 链接和密钥文本，供手机验证器录入）', response: { 200: TotpSetupOut } } }, async (req) => {
    ctxOf(req);
    return startTotpSetup(app, ctxOf(req), me(req));
  });
  server.post('/api/auth/totp/enable', {
    config: { allowRestricted: true },
    schema: { tags: ['账号'], summary: '绑定动态口令：输入验证器显示的 6 位口令完成绑定', body: Type.Object({ code: Type.String({ pattern: '^\\d{6}$' }) }, { additionalProperties: false }), response: { 200: Ok } },
  }, async (req) => {
    await enableTotp(app, ctxOf(req), me(req), token(req), req.body.code);
    return { ok: true };
  });
  server.post('/api/auth/password', {
    config: { allowRestricted: true },
    schema: { tags: ['账号'], summary: '修改密码（至少 8 位，含大写、小写、数字、符号中的三类，不能是常见密码、不能包含用户名；其他会话随之结束）', body: Type.Object({ current: Type.String({ minLength: 1, maxLength: 128 }), next: Type.String({ minLength: 1, maxLength: 128 }) }, { additionalProperties: false }), response: { 200: Ok } },
  }, async (req) => {
    await changePassword(app, ctxOf(req), me(req), token(req), req.body);
    return { ok: true };
  });
  server.get('/api/auth/sessions', { schema: { tags: ['账号'], summary: '我的会话（登录时间、最近活动、地址、浏览器）', response: { 200: SessionsOut } } }, async (req) => {
    return { items: await listSessions(app, ctxOf(req).actor.userId, token(req)) };
  });
  server.delete('/api/auth/sessions/:id', { schema: { tags: ['账号'], summary: '结束自己的一个会话', params: Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{32}$' }) }), response: { 200: Ok } } }, async (req) => {
    const ctx = ctxOf(req);
    await endSession(app, ctx, ctx.actor.userId, req.params.id);
    return { ok: true };
  });
}
