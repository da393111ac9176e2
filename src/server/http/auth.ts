/**
 * Authentication at the edge: a session cookie becomes a RequestContext (actor, data scope, ip).
 * Cookie-authenticated writes must come from our own origin (CSRF), checked from the browser's
 * Origin / Sec-Fetch-Site headers.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { dataScope } from '../../core/access/policy';
import { hasPermission, type Permission } from '../../core/access/roles';
import { AppError } from '../../core/errors';
import type { ApiScope } from '../../core/access/api-clients';
import type { AppContext, CallerContext, RequestContext } from '../context';
import { authenticateApiClient, spendApiBudget } from '../modules/api-clients/authenticate-api-client';
import { actorOf, resolveSession } from '../modules/accounts/resolve-session';
import type { UserRow } from '../modules/accounts/users-repo';

export const SESSION_COOKIE = 'kexin_session';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext | null;
    user: UserRow | null;
    /** An API client's call (a route with `machineScope`): set from its bearer token, never from a session. */
    caller: CallerContext | null;
  }
  interface FastifyContextConfig {
    public?: boolean;
    /** Open to a session that must first bind a second factor or change an expired password. */
    allowRestricted?: boolean;
    /**
     * The permission(s) the route needs, checked before its input is even parsed; the access matrix
     * (test/server/access-matrix.test.ts) reads these from the route table.
     */
    permission?: Permission | Permission[];
    /**
     * A route for registered API clients (issue 20): a bearer token with this scope is required, the
     * session cookie is ignored, and each call is taken from the client's budget (429 with Retry-After).
     */
    machineScope?: ApiScope;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameOrigin(req: FastifyRequest): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return false;
  const origin = req.headers.origin;
  if (!origin) return true; // not a browser form or fetch from another site
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

export function registerAuth(server: FastifyInstance, app: AppContext) {
  server.decorateRequest('ctx', null);
  server.decorateRequest('user', null);
  server.decorateRequest('caller', null);
  server.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/')) return;
    const machine = req.routeOptions.config?.machineScope;
    if (machine) { req.caller = await authenticateMachine(app, req, reply, machine); return; }
    const token = req.cookies[SESSION_COOKIE];
    if (token && UNSAFE.has(req.method) && !sameOrigin(req)) throw new AppError('CSRF_REJECTED');
    if (token) {
      const user = await resolveSession(app, token);
      if (user) {
        const actor = actorOf(user);
        req.user = user;
        req.ctx = { actor, scope: dataScope(actor, app.regions), ip: req.ip };
        if (user.restriction && !req.routeOptions.config?.allowRestricted) {
          throw new AppError(user.restriction === 'enroll_totp' ? 'SECOND_FACTOR_SETUP_REQUIRED' : 'PASSWORD_CHANGE_REQUIRED');
        }
      }
    }
    if (!req.ctx && !req.routeOptions.config?.public) throw new AppError('UNAUTHENTICATED');
    const needed = req.routeOptions.config?.permission;
    if (needed && req.ctx && ![needed].flat().every((p) => hasPermission(req.ctx!.actor.role, p))) throw new AppError('FORBIDDEN');
  });
}

/**
 * RFC 6750 3: a refused token is answered with WWW-Authenticate naming the error; past authentication,
 * the client's budget for the minute is spent or the call is refused with 429 and Retry-After.
 */
async function authenticateMachine(app: AppContext, req: FastifyRequest, reply: FastifyReply, scope: ApiScope): Promise<CallerContext> {
  try {
    const { caller, client } = await authenticateApiClient(app, req.headers.authorization, scope, req.ip);
    const wait = await spendApiBudget(app, client);
    if (wait !== null) {
      reply.header('retry-after', String(wait));
      throw new AppError('RATE_LIMITED', { zh: `该接口客户端每分钟至多 ${client.rate_per_minute} 次请求，请 ${wait} 秒后再试` });
    }
    return caller;
  } catch (err) {
    if (err instanceof AppError && err.code === 'SCOPE_MISSING') reply.header('www-authenticate', `Bearer error="insufficient_scope", scope="${scope}"`);
    else if (err instanceof AppError && err.code !== 'RATE_LIMITED') reply.header('www-authenticate', 'Bearer error="invalid_token"');
    throw err;
  }
}

/** An API client's context, on routes that declare `machineScope`. */
export function callerOf(req: FastifyRequest): CallerContext {
  if (!req.caller) throw new AppError('TOKEN_INVALID');
  return req.caller;
}

/** The caller's context; routes not marked public only run once it exists. */
export function ctxOf(req: FastifyRequest): RequestContext {
  if (!req.ctx) throw new AppError('UNAUTHENTICATED');
  return req.ctx;
}

export function requirePermission(req: FastifyRequest, permission: Permission): RequestContext {
  const ctx = ctxOf(req);
  if (!hasPermission(ctx.actor.role, permission)) throw new AppError('FORBIDDEN');
  return ctx;
}

export function setSessionCookie(reply: FastifyReply, app: AppContext, token: string) {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, secure: app.config.cookieSecure, sameSite: 'strict', path: '/' });
}

export function clearSessionCookie(reply: FastifyReply, app: AppContext) {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, secure: app.config.cookieSecure, sameSite: 'strict', path: '/' });
}
