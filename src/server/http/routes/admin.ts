/** 审计日志（审计管理员）、账号（系统管理员）与登录安全（安全管理员）. The three administrators never share a route. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorRoleLabel, checkLogDates } from '../../../core/audit/labels';
import { beijingDateTimeText } from '../../../core/time/beijing';
import { roleLabel } from '../../../core/access/roles';
import type { AppContext } from '../../context';
import { auditExport } from '../../modules/audit/audit-export';
import { listAuditEvents, listAuditOperators, listLoginEvents, listSecurityAlerts } from '../../modules/audit/audit-repo';
import { presentAuditEvent, presentLoginEvent } from '../presenters';
import { verifyAuditLog } from '../../modules/audit/checkpoints';
import { createAccount } from '../../modules/accounts/create-account';
import { authorizeAccount } from '../../modules/accounts/authorize-account';
import { proposeAdminGrant } from '../../modules/accounts/propose-admin-grant';
import { decideAdminGrant } from '../../modules/accounts/decide-admin-grant';
import { listAdminGrants, listUsers } from '../../modules/accounts/users-repo';
import { ctxOf } from '../auth';
import { sendXlsx } from '../excel';
import { toXlsx } from '../../formats/xlsx';
import { AdminGrantBody, AuditListQuery, AuditOperatorsOut, AuditPageOut, AuthorizeAccountBody, CreateAccountBody, IdParams, LoginLogOut, LoginLogQuery, Page, type Static } from '../schemas';
import { resetTotp, unlockAccount } from '../../modules/accounts/account-security';
import { Type } from 'typebox';
import { GetAdminGrantsOut, GetAuditEventsVerifyOut, GetSecurityAccountsOut, GetSecurityAlertsOut, GetUsersOut, PostUsersByIdAdminGrantsOut, PostUsersByIdAuthorizationOut, PostUsersByIdTotpResetOut, PostUsersByIdUnlockOut, PostUsersOut } from '../../../core/api/admin';
import { AnyJson, XLSX } from '../../../core/api/common';

export function adminRoutes(s: FastifyInstance, app: AppContext) {
  const server = s.withTypeProvider<TypeBoxTypeProvider>();

  const auditFilter = (q: Static<typeof AuditListQuery>) => {
    checkLogDates(q.from, q.to);
    return { operator: q.operator, action: q.action, objectType: q.objectType, objectId: q.objectId, outcome: q.outcome, from: q.from, to: q.to };
  };
  server.get('/api/audit-events', { config: { permission: 'audit.read' },
    schema: { tags: ['审计'], summary: '审计日志：按操作人、操作、对象、结果和日期（北京时间）筛选，分页；操作人以姓名和用户名、角色和操作以中文显示，身份证号遮蔽', querystring: AuditListQuery, response: { 200: AuditPageOut } },
  }, async (req) => {
    const page = req.query.page ?? 1;
    const pageSize = req.query.pageSize ?? 20;
    const { total, items } = await listAuditEvents(app.db, { ...auditFilter(req.query), page, pageSize });
    return { total, page, pageSize, items: items.map(presentAuditEvent) };
  });
  server.get('/api/audit-events/operators', { config: { permission: 'audit.read' },
    schema: { tags: ['审计'], summary: '可按其筛选审计日志的操作人：账号和接口客户端', response: { 200: AuditOperatorsOut } },
  }, async (req) => {
    return { items: (await listAuditOperators(app.db)).map((o) => ({ id: o.id, username: o.username, displayName: o.displayName, roleLabel: o.role ? actorRoleLabel(o.role) : '待授权' })) };
  });

  server.get('/api/audit-events/verify', { config: { permission: 'audit.verify' }, schema: { tags: ['审计'], summary: '校验审计日志：HMAC-SM3 哈希链和库外的 SM2 签名检查点', response: { 200: GetAuditEventsVerifyOut } } }, async (req) => {
    return verifyAuditLog(app.db, app.auditSeal, app.config.auditCheckpointDir);
  });

  server.get('/api/audit-events/export.xlsx', { config: { permission: 'audit.export' }, schema: { tags: ['审计'], summary: '导出审计日志（Excel），筛选条件与列表相同，至多 10000 条', querystring: AuditListQuery, response: { 200: XLSX } } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const filter = auditFilter(req.query);
    const { items } = await listAuditEvents(app.db, { ...filter, page: 1, pageSize: 10_000 });
    const rows = items.map(presentAuditEvent);
    const buf = await toXlsx('审计日志', [
      { header: '序号', value: (e) => e.seq }, { header: '时间（北京时间）', width: 20, value: (e) => beijingDateTimeText(e.at) },
      { header: '操作人', width: 24, value: (e) => (e.operatorName ? `${e.operatorName}（${e.operatorUsername}）` : '系统') }, { header: '角色', width: 18, value: (e) => e.roleLabel },
      { header: '操作', width: 28, value: (e) => e.actionLabel }, { header: '对象', value: (e) => e.objectTypeLabel }, { header: '对象编号', width: 38, value: (e) => e.objectId },
      { header: '结果', value: (e) => (e.outcome === 'success' ? '成功' : '失败') }, { header: 'IP', width: 16, value: (e) => e.ip },
      { header: '变更后', width: 40, value: (e) => (e.after === null ? '' : JSON.stringify(e.after)) }, { header: '哈希', width: 66, value: (e) => e.hash },
    ], rows);
    await auditExport(app, ctx, 'audit.export', 'audit', { rows: items.length, filter: Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) });
    return sendXlsx(reply, '审计日志.xlsx', buf);
  });

  const presentAccount = (u: Awaited<ReturnType<typeof listUsers>>[number]) => ({
    id: u.id, username: u.username, displayName: u.display_name, role: u.role, roleLabel: u.role ? roleLabel(u.role) : '待授权',
    regionCode: u.region_code, unitId: u.unit_id, personId: u.person_id, status: u.status, disabled: u.disabled, version: u.version, mustChangePassword: u.must_change_password,
  });
  server.get('/api/users', { config: { permission: 'account.manage' }, schema: { tags: ['账号'], summary: '账号列表（系统管理员）', response: { 200: GetUsersOut } } }, async (req) => {
    return { items: (await listUsers(app.db)).map(presentAccount) };
  });

  server.post('/api/users', { config: { permission: 'account.manage' }, schema: { tags: ['账号'], summary: '创建账号（系统管理员）：只填用户名和姓名；角色、范围由安全管理员授权，初始密码由系统生成并交安全管理员', body: CreateAccountBody, response: { 201: PostUsersOut } } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const id = await createAccount(app, ctx.actor, req.body, ctx.ip);
    return reply.status(201).send({ id, status: 'pending' });
  });

  // 安全管理员: authorisation (role and scope) and the proposals of administrator roles.
  server.get('/api/security/accounts', { config: { permission: 'account.authorize' }, schema: { tags: ['账号'], summary: '待授权与已授权的账号（安全管理员）', response: { 200: GetSecurityAccountsOut } } }, async (req) => {
    const grants = await listAdminGrants(app.db, 'pending');
    return { items: (await listUsers(app.db)).map((u) => ({ ...presentAccount(u), pendingGrant: grants.find((g) => g.userId === u.id) ?? null })) };
  });
  server.post('/api/users/:id/authorization', { config: { permission: 'account.authorize' },
    schema: { tags: ['账号'], summary: '授权（安全管理员）：角色与数据范围；首次授权时返回一次性初始密码（仅此一次，用户首次登录须修改）', params: IdParams, body: AuthorizeAccountBody, response: { 200: PostUsersByIdAuthorizationOut } },
  }, async (req) => authorizeAccount(app, ctxOf(req), req.params.id, req.body));
  server.post('/api/users/:id/admin-grants', { config: { permission: 'account.authorize' },
    schema: { tags: ['账号'], summary: '提出授予系统、安全或审计管理员角色（安全管理员；须审计管理员复核）', params: IdParams, body: AdminGrantBody, response: { 201: PostUsersByIdAdminGrantsOut } },
  }, async (req, reply) => reply.status(201).send(await proposeAdminGrant(app, ctxOf(req), req.params.id, req.body)));

  // 审计管理员: the second key of dual control.
  server.get('/api/admin-grants', { config: { permission: 'account.approve' }, schema: { tags: ['账号'], summary: '待复核的管理员角色申请（审计管理员）', response: { 200: GetAdminGrantsOut } } }, async (req) => {
    return { items: await listAdminGrants(app.db, 'pending') };
  });
  for (const decision of ['approve', 'reject'] as const) {
    server.post(`/api/admin-grants/:id/${decision}`, { config: { permission: 'account.approve' },
      schema: { tags: ['账号'], summary: decision === 'approve' ? '复核同意（审计管理员）：账号生效，返回一次性初始密码（仅此一次）' : '复核不同意（审计管理员）', params: IdParams, response: { 200: AnyJson() } },
    }, async (req) => decideAdminGrant(app, ctxOf(req), req.params.id, decision));
  }

  // 安全管理员: the login log, unlocking, and resetting a lost second factor.
  server.get('/api/security/login-log', { config: { permission: 'security.read' },
    schema: { tags: ['账号'], summary: '登录日志（安全管理员）：按账号、结果和日期（北京时间）筛选；失败原因以中文显示', querystring: LoginLogQuery, response: { 200: LoginLogOut } },
  }, async (req) => {
    checkLogDates(req.query.from, req.query.to);
    const page = req.query.page ?? 1;
    const pageSize = req.query.pageSize ?? 20;
    const { total, items } = await listLoginEvents(app.db, { username: req.query.username, outcome: req.query.outcome, from: req.query.from, to: req.query.to, page, pageSize });
    return { total, page, pageSize, items: items.map(presentLoginEvent) };
  });
  server.get('/api/security/alerts', { config: { permission: 'security.read' }, schema: { tags: ['账号'], summary: '安全告警（如一票否决审查中疑似枚举身份证号），安全管理员', querystring: Type.Object({ ...Page }), response: { 200: GetSecurityAlertsOut } } }, async (req) => {
    const page = req.query.page ?? 1;
    const pageSize = req.query.pageSize ?? 20;
    const { total, items } = await listSecurityAlerts(app.db, page, pageSize);
    return { total, page, pageSize, items };
  });
  server.post('/api/users/:id/unlock', { config: { permission: 'account.unlock' }, schema: { tags: ['账号'], summary: '解除账号锁定（安全管理员）', params: IdParams, response: { 200: PostUsersByIdUnlockOut } } }, async (req) => {
    await unlockAccount(app, ctxOf(req), req.params.id);
    return { ok: true };
  });
  server.post('/api/users/:id/totp/reset', { config: { permission: 'account.unlock' },
    schema: { tags: ['账号'], summary: '重置动态口令（安全管理员；用户下次登录时重新绑定）', params: IdParams, body: Type.Object({ reason: Type.String({ minLength: 2, maxLength: 200 }) }, { additionalProperties: false }), response: { 200: PostUsersByIdTotpResetOut } },
  }, async (req) => {
    await resetTotp(app, ctxOf(req), req.params.id, req.body.reason);
    return { ok: true };
  });
}
