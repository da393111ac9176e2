/**
 * 接口客户端 (issue 20): the security administrator registers, rotates and revokes the clients of other
 * systems; a client takes a short-lived bearer token with its credentials (OAuth 2.0 client credentials)
 * and calls the machine endpoints: the veto check (the staff module itself, CI-10) and the exemption
 * marks (YT-6.5). Documented in the OpenAPI document under the `apiClient` security scheme.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { API_RATE_BOUNDS, API_SCOPES } from '../../../core/access/api-clients';
import { AppError } from '../../../core/errors';
import type { AppContext } from '../../context';
import { listApiClients } from '../../modules/api-clients/api-clients-repo';
import { createApiClient } from '../../modules/api-clients/create-api-client';
import { issueApiToken } from '../../modules/api-clients/issue-api-token';
import { presentApiClient } from '../../modules/api-clients/present-api-client';
import { presentVetoResults } from '../../modules/api-clients/present-veto-results';
import { readExemptionMarks } from '../../modules/api-clients/read-exemption-marks';
import { revokeApiClient } from '../../modules/api-clients/revoke-api-client';
import { rotateApiClientSecret } from '../../modules/api-clients/rotate-api-client-secret';
import { vetoCheck } from '../../modules/integrity/veto-check';
import { callerOf, ctxOf } from '../auth';
import { RATE_LIMITS } from '../rate-limits';
import { IdParams, IsoDate, StringEnum, VetoCheckBody } from '../schemas';

const Scope = StringEnum(API_SCOPES);
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const ApiClientOut = Type.Object({
  id: Type.String(), clientId: Type.String(), name: Type.String(), scopes: Type.Array(Scope), scopeLabels: Type.Array(Type.String()), regionCode: Type.String(),
  ratePerMinute: Type.Integer(), secretVersion: Type.Integer(), createdAt: Type.String(), rotatedAt: Nullable(Type.String()), revokedAt: Nullable(Type.String()),
  status: Type.Union([Type.Literal('active'), Type.Literal('revoked')]), version: Type.Integer(),
});
const WithSecret = Type.Intersect([ApiClientOut, Type.Object({ secret: Type.String({ description: '客户端密钥：只在此次应答中出现，系统只保存其 argon2id 摘要' }) })]);
const VersionBody = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

const TokenBody = Type.Object({
  grant_type: Type.String({ maxLength: 40, description: '固定为 client_credentials' }),
  scope: Type.Optional(Type.String({ maxLength: 200, description: '以空格分隔的权限范围；不填则为该客户端的全部权限范围' })),
  client_id: Type.Optional(Type.String({ maxLength: 40 })),
  client_secret: Type.Optional(Type.String({ maxLength: 100 })),
}, { additionalProperties: false });
const TokenOut = Type.Object({ access_token: Type.String(), token_type: Type.Literal('Bearer'), expires_in: Type.Integer(), scope: Type.String() });

const VetoResultOut = Type.Object({
  ref: Type.String(), vetoed: Type.Boolean(), detail: Type.Union([Type.Literal('shown'), Type.Literal('withheld')]), found: Type.Boolean(),
  subjectId: Nullable(Type.String()), name: Nullable(Type.String()), idNumberMasked: Nullable(Type.String()), reasons: Type.Array(Type.String()),
  bans: Type.Array(Type.Object({ caseId: Type.String(), severity: Type.String(), measures: Type.Array(Type.String()), start: Type.String(), end: Nullable(Type.String()), clause: Type.String() })),
  rating: Nullable(Type.Object({ year: Type.Integer(), level: Nullable(Type.String()) })),
  priorityAtEqualMerit: Nullable(Type.Boolean({ description: 'CI-21.1：信用良好（AA、A）的同等条件下优先；区划以外的主体不告知（null）' })),
  externalBans: Type.Optional(Type.Array(Type.Object({ id: Type.String(), source: Type.String(), sender: Type.String(), documentNo: Type.String(), decidedBy: Type.String(), decidedOn: Type.String(),
    measures: Type.Array(Type.String()), start: Type.String(), end: Nullable(Type.String()), clause: Type.Literal('CI-13') }), { description: 'CI-13：外部失信记录中在期的取消申报资格（含来源）' })),
  commitmentSignedOn: Type.Optional(Nullable(Type.String({ description: '仅限具有 commitments.read 权限范围的令牌（CI-9）' }))),
});
const ExemptionMarkOut = Type.Object({
  projectCode: Type.String(), projectName: Type.String(), planLevel: Type.String(), undertakingUnit: Type.String(), jurisdictionCode: Type.String(),
  exemptedOn: Type.String(), caseNo: Type.String(), decidedOn: Nullable(Type.String()), outcome: Type.String(), circumstances: Type.Array(Type.String()), clause: Type.Literal('YT-6.5'),
});

/** RFC 6749 2.3.1: client credentials in an HTTP Basic header (preferred) or in the body. */
function basicCredentials(header: string | undefined): { id: string; secret: string } | null {
  const m = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header ?? '');
  if (!m) return null;
  const text = Buffer.from(m[1], 'base64').toString('utf8');
  const i = text.indexOf(':');
  return i < 0 ? null : { id: decodeURIComponent(text.slice(0, i)), secret: decodeURIComponent(text.slice(i + 1)) };
}

export function apiClientRoutes(s: FastifyInstance, app: AppContext) {
  const server = s.withTypeProvider<TypeBoxTypeProvider>();

  server.get('/api/api-clients', { config: { permission: 'apiClient.manage' },
    schema: { tags: ['接口客户端'], summary: '接口客户端列表（安全管理员）：不含密钥', response: { 200: Type.Object({ items: Type.Array(ApiClientOut) }) } },
  }, async (req) => {
    return { items: (await listApiClients(app.db)).map(presentApiClient) };
  });

  server.post('/api/api-clients', { config: { permission: 'apiClient.manage' },
    schema: {
      tags: ['接口客户端'], summary: '登记接口客户端（安全管理员）：权限范围、允许的区划、每分钟访问次数；密钥只在应答中出现一次',
      body: Type.Object({
        name: Type.String({ minLength: 1, maxLength: 100 }), scopes: Type.Array(Scope, { minItems: 1, maxItems: API_SCOPES.length, uniqueItems: true }),
        regionCode: Type.String({ minLength: 6, maxLength: 12 }), ratePerMinute: Type.Integer({ minimum: API_RATE_BOUNDS.min, maximum: API_RATE_BOUNDS.max }),
      }, { additionalProperties: false }),
      response: { 201: WithSecret },
    },
  }, async (req, reply) => reply.status(201).send(await createApiClient(app, ctxOf(req), req.body)));

  server.post('/api/api-clients/:id/rotate', { config: { permission: 'apiClient.manage' },
    schema: { tags: ['接口客户端'], summary: '更换接口客户端密钥（安全管理员）：旧密钥和用旧密钥取得的令牌随即失效；新密钥只出现一次', params: IdParams, body: VersionBody, response: { 200: WithSecret } },
  }, async (req) => rotateApiClientSecret(app, ctxOf(req), req.params.id, req.body.version));

  server.post('/api/api-clients/:id/revoke', { config: { permission: 'apiClient.manage' },
    schema: { tags: ['接口客户端'], summary: '停用接口客户端（安全管理员）：其密钥和令牌一律拒绝', params: IdParams, body: VersionBody, response: { 200: ApiClientOut } },
  }, async (req) => revokeApiClient(app, ctxOf(req), req.params.id, req.body.version));

  server.post('/api/oauth/token', { config: { public: true, rateLimit: RATE_LIMITS.oauthToken },
    schema: {
      tags: ['接口客户端'], summary: '取得访问令牌（OAuth 2.0 client credentials，RFC 6749 第 4.4 节）：以 HTTP Basic 或 client_id、client_secret 提交客户端凭据；令牌短时有效',
      consumes: ['application/x-www-form-urlencoded', 'application/json'], security: [{ clientCredentials: [] }], body: TokenBody, response: { 200: TokenOut },
    },
  }, async (req, reply) => {
    const basic = basicCredentials(req.headers.authorization);
    if (basic && req.body.client_id && req.body.client_id !== basic.id) throw new AppError('CLIENT_AUTH_FAILED', { zh: '请求头与请求体中的客户端编号不一致' });
    const answer = await issueApiToken(app, req.ip, { grantType: req.body.grant_type, clientId: basic?.id ?? req.body.client_id, secret: basic?.secret ?? req.body.client_secret, scope: req.body.scope });
    return reply.header('pragma', 'no-cache').send(answer);
  });

  server.post('/api/machine/veto-check', { config: { machineScope: 'veto.check' },
    schema: {
      tags: ['接口客户端'], summary: '申报一票否决审查（CI-10，接口客户端）：与工作人员的审查同一规则；客户端允许区划以外的主体只告知是否否决',
      security: [{ apiClient: ['veto.check'] }], body: VetoCheckBody,
      response: { 200: Type.Object({ on: IsoDate, vetoed: Type.Integer(), results: Type.Array(VetoResultOut) }) },
    },
  }, async (req) => {
    const caller = callerOf(req);
    const results = await vetoCheck(app, caller, req.body.on, req.body.applicants, req.body.callRef ?? null);
    return { on: req.body.on, vetoed: results.filter((r) => r.vetoed).length, results: presentVetoResults(results, caller.apiScopes ?? []) };
  });

  server.get('/api/machine/exemption-marks', { config: { machineScope: 'exemptions.read' },
    schema: {
      tags: ['接口客户端'], summary: '免责标注（YT-6.5，接口客户端）：客户端允许区划内已标注免责的项目及其认定',
      security: [{ apiClient: ['exemptions.read'] }], querystring: Type.Object({ since: Type.Optional(IsoDate) }, { additionalProperties: false }),
      response: { 200: Type.Object({ clause: Type.Literal('YT-6.5'), items: Type.Array(ExemptionMarkOut) }) },
    },
  }, async (req) => ({ clause: 'YT-6.5' as const, items: await readExemptionMarks(app, callerOf(req), req.query.since ?? null) }));
}
