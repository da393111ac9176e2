/** Assembles the Fastify server: validators, auth, routes, OpenAPI, security headers, web client. */
import { importRoutes } from './routes/imports';
import type { Permission } from '../../core/access/roles';
import { registerRateLimits } from './rate-limits';
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { Ajv } from 'ajv';
import { LazySchemas } from './lazy-schemas';
import { registerRecordLoaders } from './records';
import addFormats from 'ajv-formats';
import { AppError } from '../../core/errors';
import { BIDI_CONTROL } from '../../core/files/text';
import type { AppContext } from '../context';
import { registerAuth } from './auth';
import { errorHandler, sendError } from './errors';
import { adminRoutes } from './routes/admin';
import { authRoutes } from './routes/auth';
import { mailRoutes } from './routes/mail';
import { healthRoutes } from './routes/health';
import { projectRoutes } from './routes/projects';
import { regionRoutes } from './routes/regions';
import { subjectRoutes } from './routes/subjects';
import { legalTimeRoutes } from './routes/legal-time';
import { rulesRoutes } from './routes/rules';
import { caseRoutes } from './routes/cases';
import { caseFileRoutes } from './routes/case-files';
import { obligationRoutes } from './routes/obligations';
import { dashboardRoutes } from './routes/dashboard';
import { creditReportRoutes } from './routes/credit-reports';
import { integrityRoutes } from './routes/integrity';
import { failurePackageRoutes } from './routes/failure-packages';
import { briefingRoutes } from './routes/briefings';
import { externalRecordRoutes } from './routes/external-records';
import { creditExchangeRoutes } from './routes/credit-exchange';
import { complaintRoutes } from './routes/complaints';
import { ratingCommentRoutes } from './routes/rating-comments';
import { apiClientRoutes } from './routes/api-clients';
import { API_SCOPES, API_SCOPE_LABEL } from '../../core/access/api-clients';

import { WEB_DIST } from '../paths';

export { WEB_DIST };

function makeAjv(coerce: boolean) {
  // Bodies are taken as typed: "123" is not a number. Query strings arrive as text and are coerced.
  const ajv = new Ajv({ coerceTypes: coerce ? 'array' : false, useDefaults: true, removeAdditional: false, allErrors: false, strict: false });
  addFormats.default(ajv);
  return ajv;
}

/**
 * Content security policy. The web client's pages get a nonce per answer for the <style> elements
 * antd's CSS-in-JS writes (ConfigProvider csp), so no inline style is allowed otherwise (issue 16);
 * every other answer allows none at all. The interactive API page (Swagger UI) has its own policy:
 * its scripts are files, its styles are partly inline.
 */
const cspWith = (style: string) => [
  "default-src 'self'", "script-src 'self'", `style-src ${style}`, "img-src 'self' data:",
  "font-src 'self' data:", "connect-src 'self'", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'", "object-src 'none'",
].join('; ');
const CSP = cspWith("'self'");
const DOCS_CSP = cspWith("'self' 'unsafe-inline'");
const PERMISSIONS_POLICY = 'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()';

/** A hop count becomes "trust the nearest n hops"; addresses are passed as they are. */
const trustProxyOption = (tp: false | number | string) => (typeof tp === 'number' ? (_addr: string, hop: number) => hop < tp : tp);

export interface RouteEntry { method: string; url: string; config: { public?: boolean; permission?: Permission | Permission[]; allowRestricted?: boolean; machineScope?: string } }

declare module 'fastify' {
  interface FastifyInstance { routeTable: RouteEntry[]; /** Compiles every route schema not yet compiled (they compile on first use, lazy-schemas.ts). */ compileSchemas(): number }
}

/**
 * C0 control characters other than tab and line breaks: NUL cannot be stored, the others only disguise
 * text; so do the bidirectional overrides and isolates (core/files/text.ts; issue 16), which make
 * "报告\u202Efdp.exe" read as "报告exe.pdf".
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** Half of a surrogate pair on its own: not a character, and PostgreSQL refuses it in JSON. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const unacceptable = (s: string) => CONTROL.test(s) || LONE_SURROGATE.test(s) || BIDI_CONTROL.test(s);

/** The path (a/b/0) of the first string or key that is not well-formed text, or null when all are. */
export function findUnacceptableText(value: unknown, at = '', depth = 0): string | null {
  if (typeof value === 'string') return unacceptable(value) ? at : null;
  // Uploaded bytes are judged by their content elsewhere (core/files/sniff.ts), not walked here.
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value) || depth > 64) return null;
  for (const [k, v] of Object.entries(value)) {
    const here = at ? `${at}/${k}` : k;
    if (unacceptable(k)) return here;
    const found = findUnacceptableText(v, here, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/**
 * What a request and an error look like in the log (issue 16 M4, L1): the path without the query's
 * values (a query may hold an ID number a user typed, or a receipt code), and an error without the
 * parameters of the statement that failed (they may hold a password hash or personal data).
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const keys = url.slice(q + 1).split('&').filter(Boolean).map((kv) => kv.split('=')[0]);
  return `${url.slice(0, q)}?${keys.map((k) => `${k}=*`).join('&')}`;
}
const LOG_SERIALIZERS = {
  req: (req: { method: string; url: string; hostname?: string; ip?: string }) => ({ method: req.method, url: redactUrl(req.url), host: req.hostname, remoteAddress: req.ip }),
  err: (err: Error & { code?: string; severity?: string; table?: string; constraint?: string; query?: string }) => ({
    type: err.constructor?.name ?? 'Error', message: err.message, code: err.code, severity: err.severity, table: err.table, constraint: err.constraint,
    // The statement's text says where it failed; its parameters are left out.
    query: typeof err.query === 'string' ? err.query.slice(0, 500) : undefined, stack: err.stack ?? '',
  }),
} as const;

/** `logStream` receives the log lines instead of stdout (the leak sweep reads them). */
export async function buildServer(app: AppContext, opts: { logStream?: { write(line: string): void } } = {}): Promise<FastifyInstance> {
  const schemas = new LazySchemas();
  const server = Fastify({
    logger: { level: app.config.logLevel, serializers: LOG_SERIALIZERS as never, ...(opts.logStream ? { stream: opts.logStream } : {}) }, bodyLimit: 1_048_576, trustProxy: trustProxyOption(app.config.trustProxy),
    schemaController: { compilersFactory: { buildSerializer: schemas.serializerFactory() as never } },
  });
  server.decorate('compileSchemas', () => schemas.compileAll());
  const bodyAjv = makeAjv(false);
  const queryAjv = makeAjv(true);
  // A body documented by its variants but checked by its command (schemas.ts commandValidated) is checked here only for its envelope.
  server.setValidatorCompiler(({ schema, httpPart }) => schemas.wrap(() => (httpPart === 'body' ? bodyAjv : queryAjv).compile((schema as { 'x-envelope'?: object })['x-envelope'] ?? schema)));
  server.setErrorHandler(errorHandler);
  // Text the database cannot hold, or that hides itself when shown: refused at the edge, with the field named.
  server.addHook('preValidation', async (req) => {
    const bad = findUnacceptableText(req.body) ?? findUnacceptableText(req.query);
    if (bad !== null) throw new AppError('VALIDATION_FAILED', { field: bad || undefined, zh: '含有不允许的控制字符、双向文字控制符或无效的 Unicode 字符' });
  });
  server.addHook('onSend', async (req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('permissions-policy', PERMISSIONS_POLICY);
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    // Only where the cookie is Secure, i.e. the service is reached over HTTPS.
    if (app.config.cookieSecure) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    if (req.url.startsWith('/api/docs')) reply.header('content-security-policy', DOCS_CSP);
    else if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', CSP);
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  // The interactive API page is public (it holds no data); its routes are marked as they are added.
  // The route table, as registered: the access matrix is generated from it, so no route escapes it.
  const routeTable: RouteEntry[] = [];
  server.decorate('routeTable', routeTable);
  server.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) route.config = { ...(route.config as object), public: true } as never;
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD' && route.url.startsWith('/api/') && !route.url.startsWith('/api/docs')) routeTable.push({ method, url: route.url, config: (route.config ?? {}) as RouteEntry['config'] });
    }
  });
  await server.register(cookie);
  // RFC 6749 4.4.2: the token request is a form; nothing else is read as one.
  server.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))));
  await registerRateLimits(server, app.config.rateLimits);
  await server.register(swagger, {
    openapi: {
      info: { title: '科信 Kexin API', version: '0.1.0', description: '科研诚信与科技创新容错纠错管理系统接口。错误统一为 { error: { code, message, messageEn, field } }。' },
      components: { securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'kexin_session' },
        // Issue 20: other systems' clients, registered by the security administrator (OAuth 2.0 client credentials, RFC 6749 4.4).
        apiClient: { type: 'oauth2', description: '接口客户端：向 /api/oauth/token 以客户端编号和密钥换取短时有效的访问令牌，以 Authorization: Bearer 携带；每个客户端有自己的权限范围、允许区划和每分钟访问次数（超出时 429 并给出 Retry-After）',
          flows: { clientCredentials: { tokenUrl: '/api/oauth/token', scopes: Object.fromEntries(API_SCOPES.map((s) => [s, API_SCOPE_LABEL[s]])) } } },
        clientCredentials: { type: 'http', scheme: 'basic', description: '取得令牌时：HTTP Basic，用户名为客户端编号，密码为客户端密钥' },
      } },
      security: [{ session: [] }],
    },
  });
  await server.register(swaggerUi, { routePrefix: '/api/docs' });
  registerAuth(server, app);
  registerRecordLoaders(server, app);

  healthRoutes(server, app);
  authRoutes(server, app);
  mailRoutes(server, app);
  regionRoutes(server, app);
  subjectRoutes(server, app);
  projectRoutes(server, app);
  adminRoutes(server, app);
  legalTimeRoutes(server, app);
  rulesRoutes(server, app);
  caseRoutes(server, app);
  caseFileRoutes(server, app);
  obligationRoutes(server, app);
  integrityRoutes(server, app);
  creditExchangeRoutes(server, app);
  externalRecordRoutes(server, app);
  briefingRoutes(server, app);
  failurePackageRoutes(server, app);
  complaintRoutes(server, app);
  ratingCommentRoutes(server, app);
  importRoutes(server, app);
  apiClientRoutes(server, app);
  dashboardRoutes(server, app);
  creditReportRoutes(server, app);
  server.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => server.swagger());

  if (fs.existsSync(WEB_DIST + 'index.html')) {
    // The page itself carries this answer's style nonce (a placeholder in index.html, read by main.tsx for antd).
    const indexHtml = fs.readFileSync(WEB_DIST + 'index.html', 'utf8');
    const sendIndex = (reply: import('fastify').FastifyReply) => {
      const nonce = randomBytes(16).toString('base64');
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache')
        .header('content-security-policy', cspWith(`'self' 'nonce-${nonce}'`)).send(indexHtml.replaceAll('__CSP_NONCE__', nonce));
    };
    // Built assets are named by their content's hash: cached for good, so a browser parses and compiles them once
    // (V8's code cache rides on the HTTP cache); the page itself is revalidated so a new build is seen at once.
    await server.register(fastifyStatic, {
      root: WEB_DIST, wildcard: false, index: false, allowedPath: (p) => p !== '/index.html', cacheControl: false,
      setHeaders: (reply: { header(name: string, value: string): unknown }, file: string) => reply.header('cache-control', /[\\/]assets[\\/]/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
    server.get('/', { schema: { hide: true } }, async (_req, reply) => sendIndex(reply));
    server.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/api/')) return sendIndex(reply);
      return sendError(reply, new AppError('NOT_FOUND'));
    });
  } else {
    server.setNotFoundHandler((req, reply) => sendError(reply, new AppError('NOT_FOUND', { zh: '接口不存在（如需网页界面，请先运行 npm run build）' })));
  }
  return server;
}
