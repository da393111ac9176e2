/**
 * 录入认定事实: a fact established by staff, tagged with the criterion it meets and its source
 * document (CI-5). A clause that does not apply to the subject's kind is refused. County bureaus
 * record within their own area (CI-7), which the data scope already enforces.
 */
import { randomUUID } from 'node:crypto';
import { subjectAbilities } from '../../../core/access/policy';
import { ARTICLE_OF, CRITERION_BY_ID, SUBJECT_TYPE_LABEL, type SubjectType } from '../../../core/rating/criteria';
import { AppError } from '../../../core/errors';
import type { AppContext, RequestContext } from '../../context';
import type { Sql } from '../../db/database';
import { appendAudit } from '../audit/append-audit';
import { getSubject, subjectForPolicy } from '../subjects/subjects-repo';
import { ratedTypesOf } from './rating-facts';

export const SOURCE_KINDS = ['application', 'contract', 'commitment', 'evaluation', 'report', 'audit_report', 'acceptance', 'investigation'] as const;
export const SOURCE_KIND_LABEL: Record<(typeof SOURCE_KINDS)[number], string> = {
  application: '申报材料', contract: '合同或任务书', commitment: '承诺书', evaluation: '评估评价', report: '科技报告',
  audit_report: '审计报告', acceptance: '验收结论', investigation: '调查结果',
};

export interface RecordFindingInput {
  subjectId: string; subjectType: SubjectType; clause: string; factDate: string; met?: boolean; description: string;
  sourceKind: (typeof SOURCE_KINDS)[number]; sourceDocument: string; projectId?: string | null;
}

/** What a finding must satisfy (CI-4, CI-5, CI-16–CI-20), on recording and on correcting; the subject row when it does. */
export async function checkFinding(tx: Sql, req: RequestContext, input: RecordFindingInput) {
  const s = await getSubject(tx, input.subjectId);
  if (!s || !subjectAbilities(req.actor, req.scope, subjectForPolicy(s)).read) throw new AppError('NOT_FOUND', { field: 'subjectId' });
  if (!ratedTypesOf(s).includes(input.subjectType)) throw new AppError('INCONSISTENT', { field: 'subjectType', zh: `该主体不是${SUBJECT_TYPE_LABEL[input.subjectType]}` });
  const c = CRITERION_BY_ID.get(input.clause);
  if (!c) throw new AppError('VALIDATION_FAILED', { field: 'clause', zh: `未知的评价条款：${input.clause}` });
  if (c.subject !== input.subjectType) throw new AppError('INCONSISTENT', { field: 'clause', zh: `${input.clause} 是${SUBJECT_TYPE_LABEL[c.subject]}的评价标准（第${ARTICLE_OF[c.subject]}条），不适用于${SUBJECT_TYPE_LABEL[input.subjectType]}` });
  if (c.source === 'derived') throw new AppError('INCONSISTENT', { field: 'clause', zh: `${input.clause} 由项目数据计算得出，不能作为认定事实录入` });
  if (input.met === false && c.source !== 'presumed') throw new AppError('INCONSISTENT', { field: 'met', zh: `${input.clause} 只能认定其成立` });
  if (input.projectId) {
    const [p] = await tx.query<{ id: string }>('SELECT id FROM projects WHERE id = $1 AND ($2::uuid IN (undertaking_unit_id, leader_id, recommending_department_id, service_agency_id))', [input.projectId, input.subjectId]);
    if (!p) throw new AppError('INCONSISTENT', { field: 'projectId', zh: '该项目与此主体无关' });
  }
  return s;
}

/** Inserts a finding already checked; `corrects` names the finding it replaces, `sourceCaseId` the decided case it comes from (CI-5). */
export async function insertFinding(app: AppContext, tx: Sql, req: RequestContext, input: RecordFindingInput, regionCode: string,
  links: { corrects?: string | null; sourceCaseId?: string | null } = {}) {
  const id = randomUUID();
  await tx.query(
    `INSERT INTO findings (id, subject_id, subject_type, clause, fact_date, met, description, source_kind, source_document, project_id, region_code, recorded_by, recorded_at, corrects, source_case_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
    [id, input.subjectId, input.subjectType, input.clause, input.factDate, input.met ?? true, input.description, input.sourceKind, input.sourceDocument,
      input.projectId ?? null, regionCode, req.actor.userId, app.clock.now().toISOString(), links.corrects ?? null, links.sourceCaseId ?? null],
  );
  return id;
}

export async function recordFinding(app: AppContext, req: RequestContext, input: RecordFindingInput) {
  return app.db.transaction((tx) => recordFindingIn(app, tx, req, input));
}

/**
 * The same checks and the same insert inside the caller's transaction, for a finding the system records
 * as the consequence of a decision (CI-22: a decided misconduct case) with that case as its source.
 */
export async function recordFindingIn(app: AppContext, tx: Sql, req: RequestContext, input: RecordFindingInput, source: { caseId: string } | null = null) {
  const s = await checkFinding(tx, req, input);
  const id = await insertFinding(app, tx, req, input, req.actor.regionCode ?? s.region_code, { sourceCaseId: source?.caseId ?? null });
  await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'finding.record', objectType: 'subject', objectId: input.subjectId, after: { id, ...input, ...(source ? { sourceCaseId: source.caseId } : {}) } });
  return { id };
}
