/** Queries on stored ratings (CI-15–CI-20) and their revisions, within the caller's scope. */
import type { DataScope } from '../../../core/access/policy';
import type { SubjectType } from '../../../core/rating/criteria';
import type { RegionTree } from '../../../core/regions/region-tree';
import type { Sql } from '../../db/database';
import { Params, pageClause, scopeSql } from '../../db/params';

export interface RatingRow {
  id: string; subject_id: string; subject_name: string; subject_type: SubjectType; year: number; region_code: string; computed_level: string | null;
  clauses: string[]; determination_required: boolean; result: unknown; policy_version_id: string; policy_in_force: boolean; computed_at: Date;
  determined_level: string | null; determined_reason: string | null; determined_at: Date | null; version: number; published_at: Date | null;
}

const RATING_SELECT = 'SELECT r.*, s.name AS subject_name FROM ratings r JOIN subjects s ON s.id = r.subject_id';
const SCOPE = { region: ['s.region_code'], unit: ['s.id', 's.employer_id'], person: ['s.id'] };

/** The subject a rating belongs to, so that its scope can be checked before anything else is read. */
export async function subjectOfRating(db: Sql, ratingId: string): Promise<string | null> {
  const [r] = await db.query<{ subject_id: string }>('SELECT subject_id FROM ratings WHERE id = $1', [ratingId]);
  return r?.subject_id ?? null;
}

export function ratingsOfSubject(db: Sql, subjectId: string) {
  return db.query<RatingRow>(`${RATING_SELECT} WHERE r.subject_id = $1 ORDER BY r.year DESC, r.subject_type`, [subjectId]);
}

export interface RatingListQuery { year: number; subjectType?: string; regionCode?: string; level?: string; page?: number; pageSize?: number }

/** One page of a year's ratings; `level` also takes `pending` (awaiting determination) and `none` (不予评级). */
export async function listRatings(db: Sql, scope: DataScope, regions: RegionTree, q: RatingListQuery) {
  const p = new Params();
  const w = [scopeSql(scope, p, SCOPE), `r.year = ${p.add(q.year)}`];
  if (q.subjectType) w.push(`r.subject_type = ${p.add(q.subjectType)}`);
  if (q.regionCode) w.push(`r.region_code = ANY(${p.add(regions.subtree(q.regionCode))}::text[])`);
  if (q.level === 'pending') w.push('r.determination_required AND r.determined_level IS NULL');
  else if (q.level === 'none') w.push('r.computed_level IS NULL AND NOT r.determination_required');
  else if (q.level) w.push(`COALESCE(r.determined_level, r.computed_level) = ${p.add(q.level)}`);
  const where = w.join(' AND ');
  const [{ total }] = await db.query<{ total: number }>(`SELECT count(*) AS total FROM ratings r JOIN subjects s ON s.id = r.subject_id WHERE ${where}`, p.values);
  const rows = await db.query<RatingRow>(`${RATING_SELECT} WHERE ${where} ORDER BY r.subject_type, s.name ${pageClause(p, q.page ?? 1, q.pageSize ?? 20)}`, p.values);
  return { total, rows };
}

export interface RatingRevisionRow { cause: string; finding_id: string | null; case_id: string | null; old_level: string | null; new_level: string | null; old_published_at: Date | null; new_published_at: Date | null; reason: string; revised_at: Date }

export function revisionsOfRating(db: Sql, ratingId: string) {
  return db.query<RatingRevisionRow>('SELECT cause, finding_id, case_id, old_level, new_level, old_published_at, new_published_at, reason, revised_at FROM rating_revisions WHERE rating_id = $1 ORDER BY revised_at', [ratingId]);
}

/** A subject's findings with the project code and who recorded each, newest fact first. */
export function findingsOfSubject(db: Sql, subjectId: string) {
  return db.query<any>(
    `SELECT f.*, p.code AS project_code, u.display_name AS recorded_by_name, ff.file_name AS source_file_name, ff.sm3 AS source_file_sm3
       FROM findings f LEFT JOIN projects p ON p.id = f.project_id LEFT JOIN fact_files ff ON ff.id = f.source_file_id
       JOIN users u ON u.id = f.recorded_by WHERE f.subject_id = $1 ORDER BY f.fact_date DESC`, [subjectId]);
}
