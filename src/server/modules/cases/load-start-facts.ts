/**
 * Loads the records a start names (core/procedure/facts.ts), each by its kind and inside the caller's
 * data scope: a record that does not exist or that the caller may not see is "not found", on the
 * input field that named it. A declaration never reads the database; it is handed these.
 */
import { inScope, type DataScope } from '../../../core/access/policy';
import { AppError } from '../../../core/errors';
import type { FactKind, FactSet, ListingFacts, MisconductCaseFacts, ProjectFacts, RatingFacts, SubjectFacts } from '../../../core/procedure/facts';
import { computeDeadline } from '../../../core/deadlines/compute-deadline';
import { businessDate } from '../../../core/time/clock';
import type { AppContext } from '../../context';
import { regionPath } from '../deadlines/recompute-clock';
import { ratingJurisdiction } from '../rules/store-rating';
import type { MisconductCaseData } from '../../../core/procedure/misconduct-case';
import type { Severity } from '../../../core/sanctions/sanctions';
import type { Sql } from '../../db/database';
import { getProject, projectForPolicy } from '../projects/projects-repo';
import { getSubject, subjectForPolicy } from '../subjects/subjects-repo';
import { caseForPolicy, getCase } from './cases-repo';

const NOT_FOUND: Record<FactKind, string> = { project: '项目不存在', subject: '主体不存在', misconductCase: '所依据的失信案件不存在', listing: '名单记录不存在', rating: '信用评价不存在' };

type Loader<T> = (tx: Sql, scope: DataScope, id: string, app: AppContext) => Promise<T | null>;

const project: Loader<ProjectFacts> = async (tx, scope, id) => {
  const p = await getProject(tx, id);
  if (!p || !inScope(scope, projectForPolicy(p))) return null;
  return {
    id: p.id, code: p.code, name: p.name, jurisdictionCode: p.jurisdiction_code, planLevel: p.plan_level, fundingSource: p.funding_source, status: p.status,
    undertakingUnitId: p.undertaking_unit_id, leaderId: p.leader_id, dueDate: p.due_date, extendedDueDate: p.extended_due_date,
  };
};

const subject: Loader<SubjectFacts> = async (tx, scope, id) => {
  const s = await getSubject(tx, id);
  if (!s || !inScope(scope, subjectForPolicy(s))) return null;
  return { id: s.id, kind: s.kind, name: s.name, regionCode: s.region_code, employerId: s.employer_id ?? null };
};

const misconductCase: Loader<MisconductCaseFacts> = async (tx, scope, id) => {
  const c = await getCase(tx, id);
  if (!c || c.procedure !== 'misconduct' || !inScope(scope, caseForPolicy(c))) return null;
  const data = c.data as unknown as MisconductCaseData;
  const decision = data.decision;
  const rows = await tx.query<{ id: string; subject_id: string; severity: Severity; responsible_role: string | null; ban_end: string | null; ban_life: boolean; public_list: boolean }>(
    'SELECT id, subject_id, severity, responsible_role, ban_end, ban_life, public_list FROM sanctions WHERE case_id = $1 ORDER BY created_at', [c.id]);
  const reviews = await tx.query<{ id: string; state: string }>(`SELECT id, state FROM cases WHERE procedure = 'misconduct_review' AND data->>'misconductCaseId' = $1 ORDER BY created_at`, [c.id]);
  return {
    id: c.id, state: c.state, jurisdictionCode: c.jurisdiction_code, subjectId: data.subjectId ?? null, decidedOn: decision?.decidedOn ?? null, subjectKind: data.subjectKind ?? null,
    decision: decision ? {
      kind: decision.kind, conductDate: decision.conductDate, decidedOn: decision.decidedOn, severity: decision.severity, measures: decision.measures,
      banYears: decision.banYears, publicDisclosure: decision.publicDisclosure, policyVersionId: decision.policyVersionId,
    } : null,
    reviews,
    sanctions: rows.map((r) => ({ id: r.id, subjectId: r.subject_id, severity: r.severity, responsibleRole: r.responsible_role, banEnd: r.ban_end, banLife: r.ban_life, publicList: r.public_list,
      simpleProcedure: !!decision?.simpleProcedure, minorAndCorrected: !!decision?.minorAndCorrected })),
  };
};

const listing: Loader<ListingFacts> = async (tx, scope, id) => {
  const [l] = await tx.query<{ id: string; subject_id: string; kind: 'organization' | 'person'; jurisdiction_code: string; listed_on: string; until: string | null; repaired_on: string | null }>(
    'SELECT l.id, l.subject_id, s.kind, l.jurisdiction_code, l.listed_on, l.until, l.repaired_on FROM listings l JOIN subjects s ON s.id = l.subject_id WHERE l.id = $1', [id]);
  if (!l) return null;
  // The listed subject sees its own entry; staff see those of their area.
  const record = { regionCodes: [l.jurisdiction_code], unitIds: l.kind === 'organization' ? [l.subject_id] : [], personIds: l.kind === 'person' ? [l.subject_id] : [] };
  if (!inScope(scope, record)) return null;
  return { id: l.id, subjectId: l.subject_id, subjectKind: l.kind, jurisdictionCode: l.jurisdiction_code, listedOn: l.listed_on, until: l.until as string, repairedOn: l.repaired_on, removedOn: null };
};

/**
 * A stored rating the rated subject (or staff of its area) can see, with when it took effect and the last day a
 * review may be asked for: CI-15.review.apply working days from the publication's Beijing date (a setting).
 */
const rating: Loader<RatingFacts> = async (tx, scope, id, app) => {
  const [r] = await tx.query<{ id: string; subject_id: string; kind: 'organization' | 'person'; subject_type: string; region_code: string; employer_id: string | null; year: number; level: string | null; published_at: Date | null }>(
    `SELECT r.id, r.subject_id, s.kind, r.subject_type, s.region_code, s.employer_id, r.year, COALESCE(r.determined_level, r.computed_level) AS level, r.published_at
       FROM ratings r JOIN subjects s ON s.id = r.subject_id WHERE r.id = $1`, [id]);
  if (!r || !inScope(scope, { regionCodes: [r.region_code], unitIds: [r.subject_id, r.employer_id].filter((x): x is string => !!x), personIds: [r.subject_id] })) return null;
  const publishedAt = r.published_at ? new Date(r.published_at).toISOString() : null;
  const publishedOn = publishedAt ? businessDate({ now: () => new Date(publishedAt) }) : null;
  const jurisdictionCode = ratingJurisdiction(app, r.region_code);
  const reviewUntil = publishedOn ? computeDeadline({ limitId: 'CI-15.review.apply', start: publishedOn, regionPath: regionPath(app, jurisdictionCode) }, app.calendar.book, app.policies.registry).dueDate : null;
  const [open] = await tx.query<{ id: string }>(`SELECT id FROM cases WHERE procedure = 'rating_review' AND data->>'ratingId' = $1 AND state = 'applied' LIMIT 1`, [r.id]);
  return {
    id: r.id, subjectId: r.subject_id, subjectKind: r.kind, subjectType: r.subject_type, jurisdictionCode, year: r.year, level: r.level,
    publishedOn, publishedAt, reviewUntil, openReviewCaseId: open?.id ?? null,
  };
};

const LOADERS: Partial<Record<FactKind, Loader<unknown>>> = { project, subject, misconductCase, listing, rating };

/** The facts a start names, from the ids in its input; an absent optional id loads nothing. */
export async function loadStartFacts(tx: Sql, scope: DataScope, loads: Partial<Record<FactKind, string>>, input: Record<string, unknown>, app: AppContext): Promise<FactSet> {
  const facts: Record<string, unknown> = {};
  for (const [kind, key] of Object.entries(loads) as Array<[FactKind, string]>) {
    const id = input[key];
    if (id === undefined || id === null) continue;
    const load = LOADERS[kind];
    if (!load) throw new Error(`no loader for fact kind ${kind}`);
    const found = await load(tx, scope, String(id), app);
    if (!found) throw new AppError('NOT_FOUND', { field: key, zh: NOT_FOUND[kind] });
    facts[kind] = found;
  }
  return facts as FactSet;
}
