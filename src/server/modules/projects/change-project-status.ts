/**
 * 变更项目状态: a project deferred (暂缓), suspended (暂停), forcibly halted (强制中止), failed at
 * acceptance (验收不通过) or resumed (恢复执行) — CI-19.1.2, CI-23, CI-3. The transition is checked by
 * core/domain/project-states.ts; the project row, its history row (project_status_changes, with the
 * case that caused it and, for a suspension, the last day to rectify) and the audit event are written
 * in the caller's transaction. `changeProjectStatusIn` is what a case effect calls (a CI-23 suspension);
 * `changeProjectStatus` is the officer's command (the route), which may not suspend: that is a decision's.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../core/access/policy';
import { projectAbilities } from '../../../core/access/policy';
import { statusChangeProblem, STATUS_CHANGES, type StatusChangeTarget } from '../../../core/domain/project-states';
import { PROJECT_STATUS_LABEL, type ProjectStatus } from '../../../core/domain/vocabulary';
import { AppError } from '../../../core/errors';
import { businessDate } from '../../../core/time/clock';
import type { AppContext, RequestContext } from '../../context';
import type { Sql } from '../../db/database';
import { appendAudit } from '../audit/append-audit';
import { getProject, projectForPolicy, type ProjectRow } from './projects-repo';

export interface StatusChange {
  projectId: string; to: StatusChangeTarget; on: string; reason: string;
  /** The clause the change rests on; the rule's own by default. */
  clause?: string; caseId?: string | null; rectifyBy?: string | null;
  /** For an officer's change: the version read (optimistic concurrency). */
  version?: number;
}

export async function changeProjectStatusIn(app: AppContext, tx: Sql, actor: Actor | null, c: StatusChange, ip?: string | null): Promise<void> {
  const [p] = await tx.query<{ status: ProjectStatus; version: number }>('SELECT status, version FROM projects WHERE id = $1 FOR UPDATE', [c.projectId]);
  if (!p) throw new AppError('NOT_FOUND', { field: 'projectId' });
  if (c.version !== undefined && c.version !== p.version) throw new AppError('VERSION_CONFLICT', { field: 'version', zh: '项目已被他人修改，请刷新后重试' });
  const problem = statusChangeProblem(p.status, c.to);
  if (problem) throw new AppError('INCONSISTENT', { field: 'status', clause: problem.clause, zh: problem.zh });
  const clause = c.clause ?? STATUS_CHANGES[c.to].clause;
  const now = app.clock.now().toISOString();
  await tx.query('UPDATE projects SET status = $2, version = version + 1, updated_at = $3 WHERE id = $1', [c.projectId, c.to, now]);
  const id = randomUUID();
  await tx.query(`INSERT INTO project_status_changes (id, project_id, from_status, to_status, on_date, clause, reason, case_id, rectify_by, changed_by, created_at)
                  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [id, c.projectId, p.status, c.to, c.on, clause, c.reason, c.caseId ?? null, c.rectifyBy ?? null, actor?.userId ?? null, now]);
  await appendAudit(tx, app, {
    actor, ip: ip ?? undefined, action: 'project.status_change', objectType: 'project', objectId: c.projectId,
    before: { status: p.status }, after: { status: c.to, label: PROJECT_STATUS_LABEL[c.to], on: c.on, reason: c.reason, byCase: c.caseId ?? null, rectifyBy: c.rectifyBy ?? null, clause },
  });
}

/** The officer's change (POST /api/projects/:id/status): in scope (404), with project.write (403), never a suspension. */
export async function changeProjectStatus(app: AppContext, req: RequestContext, id: string, body: { to: Exclude<StatusChangeTarget, 'suspended'>; reason: string; version: number }): Promise<ProjectRow> {
  return app.db.transaction(async (tx) => {
    const before = await getProject(tx, id);
    const abilities = before ? projectAbilities(req.actor, req.scope, projectForPolicy(before)) : null;
    if (!before || !abilities!.read) throw new AppError('NOT_FOUND');
    if (!abilities!.update) throw new AppError('FORBIDDEN');
    if ((body.to as string) === 'suspended') throw new AppError('INCONSISTENT', { field: 'to', clause: 'CI-23', zh: '暂停财政资助项目须由处理决定作出（CI-23）' });
    await changeProjectStatusIn(app, tx, req.actor, { projectId: id, to: body.to, on: businessDate(app.clock), reason: body.reason, version: body.version }, req.ip);
    return (await getProject(tx, id))!;
  });
}
