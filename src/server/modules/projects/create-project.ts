/** 新增项目: registers a project with its milestones, in one transaction with its audit event. */
import { randomUUID } from 'node:crypto';
import { mayCreate } from '../../../core/access/policy';
import { AppError } from '../../../core/errors';
import { isDecidedProjectStatus, PROJECT_STATUS_LABEL } from '../../../core/domain/vocabulary';
import type { AppContext, RequestContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { duplicateField } from '../subjects/subject-input';
import { projectAuditView, replaceMilestones, resolveProject, type ProjectInput } from './project-input';
import { getProject, projectForPolicy, type ProjectRow } from './projects-repo';

export async function createProject(app: AppContext, req: RequestContext, input: ProjectInput): Promise<ProjectRow> {
  const id = randomUUID();
  // CI-19.1.2, CI-23: 暂缓、暂停、强制中止、验收不通过 are decided, never registered (change-project-status.ts).
  if (isDecidedProjectStatus(input.status)) throw new AppError('INCONSISTENT', { field: 'status', clause: 'CI-19.1.2', zh: `“${PROJECT_STATUS_LABEL[input.status]}”状态由相应的决定设置，不能在登记项目时填写` });
  try {
    return await app.db.transaction(async (tx) => {
      const { columns, milestones } = await resolveProject(app, tx, req, input);
      const policyView = projectForPolicy(columns as never);
      if (!mayCreate(req.actor, req.scope, 'project', policyView)) throw new AppError('FORBIDDEN', { zh: '无权在该区划下新增项目' });
      const cols = Object.keys(columns);
      const now = app.clock.now().toISOString();
      await tx.query(
        `INSERT INTO projects (id, ${cols.join(', ')}, created_at, updated_at) VALUES ($1, ${cols.map((_, i) => `$${i + 2}`).join(', ')}, $${cols.length + 2}, $${cols.length + 2})`,
        [id, ...cols.map((c) => columns[c]), now],
      );
      await replaceMilestones(tx, id, milestones);
      await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'project.create', objectType: 'project', objectId: id, after: projectAuditView(columns, milestones) });
      return (await getProject(tx, id))!;
    });
  } catch (err) {
    throw duplicateField(err) ?? err;
  }
}
