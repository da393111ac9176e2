/** 项目. Routes: validate → authorize → command → present. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { listAbilities } from '../../../core/access/record-abilities';
import { FUNDING_SOURCE_LABEL, PLAN_LEVEL_LABEL, PROJECT_STATUS_LABEL } from '../../../core/domain/vocabulary';
import { businessDate } from '../../../core/time/clock';
import type { AppContext, RequestContext } from '../../context';
import { auditExport } from '../../modules/audit/audit-export';
import { createProject } from '../../modules/projects/create-project';
import { listMilestones, listProjects, listProjectsForExport, type ProjectFilter } from '../../modules/projects/projects-repo';
import { updateProject } from '../../modules/projects/update-project';
import { changeProjectStatus } from '../../modules/projects/change-project-status';
import { ctxOf } from '../auth';
import { recordOf } from '../records';
import { sendXlsx } from '../excel';
import { toXlsx } from '../../formats/xlsx';
import { presentMilestone, presentProject } from '../presenters';
import { XLSX } from '../../../core/api/common';
import { ProjectDetailOut, ProjectListOut, ProjectOut } from '../../../core/api/projects';
import { ChangeProjectStatusBody, CreateProjectBody, IdParams, ProjectListQuery, ProjectStatusOut, UpdateProjectBody, type Static } from '../schemas';
import { EXPORT_CAP } from './subjects';

function filterOf(app: AppContext, q: Static<typeof ProjectListQuery>): ProjectFilter {
  return {
    regionCodes: q.regionCode ? app.regions.subtree(q.regionCode) : undefined,
    status: q.status, planLevel: q.planLevel, fundingSource: q.fundingSource, undertakingUnitId: q.undertakingUnitId,
    leaderId: q.leaderId, dueYear: q.dueYear, overdueOn: q.overdue ? businessDate(app.clock) : undefined, q: q.q?.trim() || undefined,
  };
}

export function projectRoutes(s: FastifyInstance, app: AppContext) {
  const server = s.withTypeProvider<TypeBoxTypeProvider>();
  const present = (ctx: RequestContext, row: Parameters<typeof presentProject>[0]) => presentProject(row, ctx.actor, ctx.scope, app.regions, businessDate(app.clock));

  server.get('/api/projects', { config: { permission: 'project.read' }, schema: { tags: ['项目'], summary: '项目列表', querystring: ProjectListQuery, response: { 200: ProjectListOut } } }, async (req) => {
    const ctx = ctxOf(req);
    const page = req.query.page ?? 1;
    const pageSize = req.query.pageSize ?? 20;
    const { total, items } = await listProjects(app.db, ctx.scope, filterOf(app, req.query), req.query.sort ?? 'dueDate', page, pageSize);
    return {
      total, page, pageSize, items: items.map((r) => present(ctx, r)),
      abilities: listAbilities(ctx.actor.role, 'project'),
    };
  });

  server.get('/api/projects/export.xlsx', { config: { permission: ['list.export', 'project.read'] }, schema: { tags: ['项目'], summary: '导出项目列表（Excel）', querystring: ProjectListQuery, response: { 200: XLSX } } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const rows = await listProjectsForExport(app.db, ctx.scope, filterOf(app, req.query), req.query.sort ?? 'dueDate', EXPORT_CAP);
    const buf = await toXlsx('项目', [
      { header: '项目编号', value: (r) => r.code },
      { header: '项目名称', width: 40, value: (r) => r.name },
      { header: '计划层级', value: (r) => PLAN_LEVEL_LABEL[r.plan_level] },
      { header: '资金来源', width: 20, value: (r) => FUNDING_SOURCE_LABEL[r.funding_source] },
      { header: '承担单位', width: 30, value: (r) => r.undertaking_unit_name },
      { header: '项目负责人', value: (r) => r.leader_name },
      { header: '所属区划', value: (r) => app.regions.get(r.region_code)?.name ?? r.region_code },
      { header: '开始日期', value: (r) => r.start_date },
      { header: '执行期截止', value: (r) => r.due_date },
      { header: '批准延期至', value: (r) => r.extended_due_date },
      { header: '状态', value: (r) => PROJECT_STATUS_LABEL[r.status] },
      { header: '验收日期', value: (r) => r.accepted_date },
      { header: '资助经费（元）', value: (r) => Number(r.funds_granted) },
    ], rows);
    await auditExport(app, ctx, 'list.export', 'project', { filter: req.query, rows: rows.length });
    return sendXlsx(reply, '项目列表.xlsx', buf);
  });

  server.get('/api/projects/:id', { config: { permission: 'project.read', record: 'project' }, schema: { tags: ['项目'], summary: '项目详情', params: IdParams, response: { 200: ProjectDetailOut } } }, async (req) => {
    // A role without the permission is refused outright (403); a record out of scope does not exist (404, records.ts).
    const ctx = ctxOf(req);
    const row = recordOf(req, 'project');
    return { ...present(ctx, row), milestones: (await listMilestones(app.db, row.id)).map(presentMilestone) };
  });

  server.post('/api/projects', { config: { permission: 'project.write' }, schema: { tags: ['项目'], summary: '新增项目', body: CreateProjectBody, response: { 201: ProjectOut } } }, async (req, reply) => {
    const ctx = ctxOf(req);
    return reply.status(201).send(present(ctx, await createProject(app, ctx, req.body)));
  });

  server.put('/api/projects/:id', { config: { permission: 'project.read' }, schema: { tags: ['项目'], summary: '修改项目', params: IdParams, body: UpdateProjectBody, response: { 200: ProjectOut } } }, async (req) => {
    const ctx = ctxOf(req);
    return present(ctx, await updateProject(app, ctx, req.params.id, req.body));
  });

  server.post('/api/projects/:id/status', {
    config: { permission: 'project.write' },
    schema: { tags: ['项目'], summary: '变更项目状态：暂缓、强制中止（CI-19.1.2）、验收不通过、恢复执行；暂停由处理决定作出（CI-23）', params: IdParams, body: ChangeProjectStatusBody, response: { 200: ProjectStatusOut } },
  }, async (req) => {
    const ctx = ctxOf(req);
    const p = present(ctx, await changeProjectStatus(app, ctx, req.params.id, req.body));
    return { id: p.id, code: p.code, status: p.status, statusLabel: PROJECT_STATUS_LABEL[p.status], version: p.version, statusChange: p.statusChange };
  });
}
