/**
 * 撤销 / 更正认定事实 (CI-5, CI-15): the integrity section withdraws a recorded finding, or corrects it,
 * with a reason. Nothing is changed in place: a withdrawn finding keeps its row, marked withdrawn (who,
 * when, why); a correction withdraws it and records the corrected finding, which names the one it
 * replaces, so the history is the chain. Every stored rating the finding counted in (its year and the
 * two after, the look-back of CI-18.1 / CI-19.1) is recomputed in the same transaction, leaves effect
 * and re-enters its comment window (CI-15); the level and publication each had are kept as a revision.
 */
import { AppError } from '../../../core/errors';
import type { SubjectType } from '../../../core/rating/criteria';
import type { AppContext, RequestContext } from '../../context';
import type { Sql } from '../../db/database';
import { appendAudit } from '../audit/append-audit';
import { getSubject, subjectForPolicy } from '../subjects/subjects-repo';
import { subjectAbilities } from '../../../core/access/policy';
import { checkFinding, insertFinding, type RecordFindingInput } from './record-finding';
import { commentWindowEnd } from './rating-comments';
import { rateSubjectIn } from './store-rating';

type Subject = NonNullable<Awaited<ReturnType<typeof getSubject>>>;

export interface FindingRow {
  id: string; subject_id: string; subject_type: SubjectType; clause: string; fact_date: string; met: boolean; description: string;
  source_kind: RecordFindingInput['sourceKind']; source_document: string; project_id: string | null; region_code: string; withdrawn_at: Date | null; source_case_id: string | null;
}

/** Correctable fields of a finding: any of them, at least one, besides the reason. */
export type FindingCorrection = Partial<Pick<RecordFindingInput, 'clause' | 'factDate' | 'met' | 'description' | 'sourceKind' | 'sourceDocument' | 'projectId'>>;

async function lockFinding(tx: Sql, req: RequestContext, id: string) {
  // Who may (the integrity section, CI-15) is the route's permission, finding.correct; here only the record's scope.
  const [f] = await tx.query<FindingRow>('SELECT * FROM findings WHERE id = $1 FOR UPDATE', [id]);
  const s = f ? await getSubject(tx, f.subject_id) : null;
  if (!f || !s || !subjectAbilities(req.actor, req.scope, subjectForPolicy(s)).read) throw new AppError('NOT_FOUND', { field: 'id', zh: '认定事实不存在' });
  if (f.withdrawn_at) throw new AppError('CASE_STATE', { field: 'id', clause: 'CI-15', zh: '该认定事实已撤销或已被更正，请对现行的认定事实操作' });
  return { f, s };
}

/** The stored ratings a finding of this subject, type and date counted in, recomputed. */
async function recomputeAffected(app: AppContext, tx: Sql, req: RequestContext, s: Subject, type: SubjectType, dates: readonly string[],
  cause: { kind: 'finding_withdrawn' | 'finding_corrected'; findingId: string; reason: string }) {
  const years = [...new Set(dates.flatMap((d) => { const y = Number(d.slice(0, 4)); return [y, y + 1, y + 2]; }))];
  const stored = await tx.query<{ year: number }>('SELECT year FROM ratings WHERE subject_id = $1 AND subject_type = $2 AND year = ANY($3::int[]) ORDER BY year', [s.id, type, years]);
  const out = [];
  for (const { year } of stored) {
    const r = await rateSubjectIn(app, tx, req.actor, s, type, year, req.ip, cause);
    out.push({ ratingId: r.ratingId, year, subjectType: type, before: r.before, after: r.result.level ?? null, wasPublished: r.wasPublished, commentUntil: commentWindowEnd(app, app.clock.now(), s.region_code) });
  }
  return out;
}

export async function withdrawFinding(app: AppContext, req: RequestContext, id: string, reason: string) {
  await app.policies.refresh(app.db);
  return app.db.transaction(async (tx) => {
    const { f, s } = await lockFinding(tx, req, id);
    const ratings = await withdrawFindingIn(app, tx, req, f, s, reason, 'CI-15');
    return { withdrawn: id, ratings };
  });
}

/**
 * Withdraws a locked finding in the caller's transaction and recomputes what it counted in: the officer's
 * withdrawal above, and a 复查 that revokes the decision the finding was recorded from (cases/effects.ts).
 */
export async function withdrawFindingIn(app: AppContext, tx: Sql, req: RequestContext, f: FindingRow, s: Subject, reason: string, clause: string, byCase: string | null = null) {
  await tx.query('UPDATE findings SET withdrawn_at = $2, withdrawn_reason = $3, withdrawn_by = $4 WHERE id = $1', [f.id, app.clock.now().toISOString(), reason, req.actor.userId]);
  await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'finding.withdraw', objectType: 'subject', objectId: f.subject_id,
    before: { finding: f.id, clause: f.clause, factDate: f.fact_date, met: f.met, description: f.description }, after: { finding: f.id, withdrawn: true, reason, clause, ...(byCase ? { byCase } : {}) } });
  return recomputeAffected(app, tx, req, s, f.subject_type, [f.fact_date], { kind: 'finding_withdrawn', findingId: f.id, reason });
}

/** The findings a decided case recorded (CI-5 source), still in force, locked. */
export const findingsFromCase = (tx: Sql, caseId: string) =>
  tx.query<FindingRow>('SELECT * FROM findings WHERE source_case_id = $1 AND withdrawn_at IS NULL ORDER BY recorded_at FOR UPDATE', [caseId]);

export async function correctFinding(app: AppContext, req: RequestContext, id: string, reason: string, change: FindingCorrection) {
  if (Object.values(change).every((v) => v === undefined)) throw new AppError('VALIDATION_FAILED', { field: 'clause', zh: '请至少更正一项内容（条款、日期、是否成立、事实、来源文件或项目）' });
  await app.policies.refresh(app.db);
  return app.db.transaction(async (tx) => {
    const { f, s } = await lockFinding(tx, req, id);
    const next: RecordFindingInput = {
      subjectId: f.subject_id, subjectType: f.subject_type, clause: change.clause ?? f.clause, factDate: change.factDate ?? f.fact_date, met: change.met ?? f.met,
      description: change.description ?? f.description, sourceKind: change.sourceKind ?? f.source_kind, sourceDocument: change.sourceDocument ?? f.source_document,
      projectId: change.projectId === undefined ? f.project_id : change.projectId,
    };
    await checkFinding(tx, req, next);
    const newId = await insertFinding(app, tx, req, next, f.region_code, { corrects: id, sourceCaseId: f.source_case_id });
    await tx.query('UPDATE findings SET withdrawn_at = $2, withdrawn_reason = $3, withdrawn_by = $4, superseded_by = $5 WHERE id = $1',
      [id, app.clock.now().toISOString(), `更正：${reason}`, req.actor.userId, newId]);
    await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'finding.correct', objectType: 'subject', objectId: f.subject_id,
      before: { finding: id, clause: f.clause, factDate: f.fact_date, met: f.met, description: f.description, sourceKind: f.source_kind, sourceDocument: f.source_document, projectId: f.project_id },
      after: { finding: newId, corrects: id, ...change, reason, clause: 'CI-15' } });
    const ratings = await recomputeAffected(app, tx, req, s, f.subject_type, [f.fact_date, next.factDate], { kind: 'finding_corrected', findingId: newId, reason });
    return { withdrawn: id, finding: newId, ratings };
  });
}
