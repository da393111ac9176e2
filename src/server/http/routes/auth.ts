/** 登录 / 退出 / 当前用户. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ROLE_DEFINITIONS } from '../../../core/access/roles';
import type { AppContext } from '../../context';
import { login, logout } from '../../modules/accounts/login';
import type { UserRow } from '../../modules/accounts/users-repo';
import { SESSION_COOKIE, clearSessionCookie, ctxOf, setSessionCookie } from '../auth';
import { LoginBody } from '../schemas';
import { RATE_LIMITS } from '../rate-limits';

export function presentMe(u: UserRow, app: AppContext) {
  const def = ROLE_DEFINITIONS[u.role];
  return {
    id: u.id, username: u.username, displayName: u.display_name, role: u.role, roleLabel: def.label,
    regionCode: u.region_code, regionName: u.region_code ? app.regions.get(u.region_code)?.name ?? null : null,
    unitId: u.unit_id, personId: u.person_id, permissions: def.permissions,
  };
}

export function authRoutes(s: FastifyInstance, app: AppContext) {
  const server = s.withTypeProvider<TypeBoxTypeProvider>();
  server.post('/api/auth/login', { config: { public: true, rateLimit: RATE_LIMITS.login }, schema: { tags: ['账号'], summary: '登录', body: LoginBody } }, async (req, reply) => {
    const { token, user } = await login(app, { ...req.body, ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
    setSessionCookie(reply, app, token);
    return { user: presentMe(user, app) };
  });
  server.post('/api/auth/logout', { schema: { tags: ['账号'], summary: '退出登录' } }, async (req, reply) => {
    await logout(app, req.cookies[SESSION_COOKIE]!, ctxOf(req).actor, req.ip);
    clearSessionCookie(reply, app);
    return { ok: true };
  });
  server.get('/api/auth/me', { schema: { tags: ['账号'], summary: '当前用户与权限' } }, async (req) => {
    ctxOf(req);
    return { user: presentMe(req.user!, app) };
  });
}
