/** 修改项目: replaces a project's facts under an optimistic version check; audit keeps before and after. */
import { projectAbilities } from '../../../core/access/policy';
import { AppError } from '../../../core/errors';
import { isDecidedProjectStatus, PROJECT_STATUS_LABEL } from '../../../core/domain/vocabulary';
import type { AppContext, RequestContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { duplicateField } from '../subjects/subject-input';
import { projectAuditView, replaceMilestones, resolveProject, type ProjectInput } from './project-input';
import { getProject, listMilestones, projectForPolicy, type ProjectRow } from './projects-repo';
import { stopOwnerClocks } from '../deadlines/stop-owner-clocks';

export async function updateProject(app: AppContext, req: RequestContext, id: string, input: ProjectInput & { version: number }): Promise<ProjectRow> {
  try {
    return await app.db.transaction(async (tx) => {
      const before = await getProject(tx, id);
      const abilities = before ? projectAbilities(req.actor, req.scope, projectForPolicy(before)) : null;
      if (!before || !abilities!.read) throw new AppError('NOT_FOUND');
      if (!abilities!.update) throw new AppError('FORBIDDEN');
      // CI-19.1.2, CI-23: a decided state is entered by its command (change-project-status.ts), with its history row.
      if (input.status !== before.status && isDecidedProjectStatus(input.status)) {
        throw new AppError('INCONSISTENT', { field: 'status', clause: 'CI-19.1.2', zh: `“${PROJECT_STATUS_LABEL[input.status]}”状态由相应的决定设置，请使用“变更项目状态”` });
      }
      const { columns, milestones } = await resolveProject(app, tx, req, input);
      if (!projectAbilities(req.actor, req.scope, projectForPolicy(columns as never)).update) {
        throw new AppError('FORBIDDEN', { zh: '修改后的项目将超出您的管理范围' });
      }
      const beforeMilestones = await listMilestones(tx, id);
      const cols = Object.keys(columns);
      const updated = await tx.query(
        `UPDATE projects SET ${[...cols.map((c, i) => `${c} = $${i + 4}`), 'version = version + 1', 'updated_at = $3'].join(', ')}
         WHERE id = $1 AND version = $2 RETURNING id`,
        [id, input.version, app.clock.now().toISOString(), ...cols.map((c) => columns[c])],
      );
      if (updated.length === 0) throw new AppError('VERSION_CONFLICT', { field: 'version' });
      await replaceMilestones(tx, id, milestones);
      const { created_at: _c, updated_at: _u, ...beforeColumns } = before;
      await appendAudit(tx, app, {
        actor: req.actor, ip: req.ip, action: 'project.update', objectType: 'project', objectId: id,
        before: projectAuditView(beforeColumns, beforeMilestones), after: projectAuditView(columns, milestones),
      });
      // CI-17.3.4: the clock for applying for acceptance stops once the project applies, is accepted or is terminated.
      const settledOn = columns.acceptance_applied_date ?? columns.accepted_date ?? columns.terminated_date;
      if (settledOn) await stopOwnerClocks(app, tx, req.actor, { type: 'project', id }, ['CI-17.3.4'], settledOn as string, req.ip);
      return (await getProject(tx, id))!;
    });
  } catch (err) {
    throw duplicateField(err) ?? err;
  }
}
