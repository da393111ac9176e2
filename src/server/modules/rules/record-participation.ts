/**
 * 登记参与记录 (issue 19): an expert's review assignment — a call or a project, the day, whether a
 * recusal was declared — or an agency's service on a project. CI-18.2 and CI-20.2 rate an expert or
 * agency that took part in the year and has no adverse record; without participation the year is
 * not rated. The record keeps the year's `subject_activity` row, which the ratings read (the demo
 * loader writes the same table), and an agency's service makes it the project's service agency
 * (`projects.service_agency_id`), so both readings of its participation agree. One transaction, audited.
 */
import { randomUUID } from 'node:crypto';
import { projectAbilities, subjectAbilities } from '../../../core/access/policy';
import { AppError } from '../../../core/errors';
import { businessDate } from '../../../core/time/clock';
import type { AppContext, RequestContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { getProject, projectForPolicy } from '../projects/projects-repo';
import { getSubject, subjectForPolicy } from '../subjects/subjects-repo';

export interface RecordParticipationInput {
  subjectId: string; kind: 'review' | 'service'; onDate: string;
  callRef?: string; projectId?: string; recusalDeclared?: boolean; note?: string;
}

export async function recordParticipation(app: AppContext, req: RequestContext, input: RecordParticipationInput) {
  if (input.onDate > businessDate(app.clock)) throw new AppError('INVALID_DATE', { field: 'onDate', zh: '参与日期晚于今天' });
  const callRef = input.callRef?.trim() || null;
  if (input.kind === 'review') {
    if (!callRef && !input.projectId) throw new AppError('VALIDATION_FAILED', { field: 'callRef', zh: '评审任务须注明申报批次（指南）或项目' });
    if (input.recusalDeclared === undefined) throw new AppError('VALIDATION_FAILED', { field: 'recusalDeclared', zh: '请注明是否申明回避（CI-18.3.2）' });
  } else {
    if (!input.projectId) throw new AppError('VALIDATION_FAILED', { field: 'projectId', zh: '服务记录须注明所服务的项目' });
    if (callRef || input.recusalDeclared !== undefined) throw new AppError('VALIDATION_FAILED', { field: callRef ? 'callRef' : 'recusalDeclared', zh: '服务记录只注明项目与日期' });
  }
  return app.db.transaction(async (tx) => {
    const s = await getSubject(tx, input.subjectId);
    if (!s || !subjectAbilities(req.actor, req.scope, subjectForPolicy(s)).read) throw new AppError('NOT_FOUND', { field: 'subjectId' });
    if (input.kind === 'review' && !(s.kind === 'person' && s.is_expert)) throw new AppError('INCONSISTENT', { field: 'subjectId', zh: '评审任务只登记给评审专家（CI-18）' });
    if (input.kind === 'service' && s.org_type !== 'service_agency') throw new AppError('INCONSISTENT', { field: 'subjectId', zh: '服务记录只登记给科技服务机构（CI-20）' });
    let projectCode: string | null = null;
    if (input.projectId) {
      const p = await getProject(tx, input.projectId);
      if (!p || !projectAbilities(req.actor, req.scope, projectForPolicy(p)).read) throw new AppError('NOT_FOUND', { field: 'projectId', zh: '项目不存在' });
      projectCode = p.code;
      if (input.kind === 'service') {
        if (p.service_agency_id && p.service_agency_id !== s.id) {
          throw new AppError('INCONSISTENT', { field: 'projectId', zh: `项目 ${p.code} 的科技服务机构是${p.service_agency_name ?? '另一机构'}` });
        }
        if (!p.service_agency_id) {
          await tx.query(`UPDATE projects SET service_agency_id = $2, version = version + 1, updated_at = $3 WHERE id = $1`, [p.id, s.id, app.clock.now().toISOString()]);
        }
      }
    }
    const id = randomUUID();
    await tx.query(
      `INSERT INTO participations (id, subject_id, kind, call_ref, project_id, on_date, recusal_declared, note, region_code, recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [id, s.id, input.kind, callRef, input.projectId ?? null, input.onDate, input.kind === 'review' ? input.recusalDeclared : null, input.note?.trim() || null,
        req.actor.regionCode ?? s.region_code, req.actor.userId, app.clock.now().toISOString()]);
    const year = Number(input.onDate.slice(0, 4));
    await tx.query(`INSERT INTO subject_activity (subject_id, year, kind) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [s.id, year, input.kind]);
    const after = { id, kind: input.kind, callRef, projectId: input.projectId ?? null, projectCode, onDate: input.onDate, recusalDeclared: input.recusalDeclared ?? null, year };
    await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'participation.record', objectType: 'subject', objectId: s.id, after });
    return after;
  });
}
