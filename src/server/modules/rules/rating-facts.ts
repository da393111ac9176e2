/**
 * Gathers what a rating rests on from stored data — projects (never typed-in counts), findings and
 * yearly activity — shaped as the rules engine's input. One subject at a time, or every subject of
 * a region for a year in a few set-based queries.
 */
import type { FindingFact, ProjectFact } from '../../../core/rating/rate';
import type { SubjectType } from '../../../core/rating/criteria';
import type { Sql } from '../../db/database';
import { OrderedCursor } from '../../db/ordered-cursor';
import type { SubjectRow } from '../subjects/subjects-repo';

/** Which rated kinds a subject is (CI-4): a person may lead projects and also review them. */
export function ratedTypesOf(s: Pick<SubjectRow, 'kind' | 'org_type' | 'is_expert'>): SubjectType[] {
  if (s.kind === 'person') return s.is_expert ? ['leader', 'expert'] : ['leader'];
  return s.org_type === 'undertaking_unit' ? ['unit'] : s.org_type === 'recommending_department' ? ['recommender'] : ['agency'];
}

export const PROJECT_COLUMN: Partial<Record<SubjectType, string>> = {
  unit: 'undertaking_unit_id', leader: 'leader_id', recommender: 'recommending_department_id', agency: 'service_agency_id',
};

interface ProjectRowLite {
  owner: string; code: string; start_date: string; due_date: string; extended_due_date: string | null; extension_requested_on: string | null;
  acceptance_applied_date: string | null; accepted_date: string | null; terminated_date: string | null; exempted_on: string | null;
  halted_years?: number[] | null;
}
interface FindingRowLite { subject_id: string; id: string; clause: string; fact_date: string; met: boolean; source_document: string; project_code: string | null; exempted: boolean }

const toProject = (r: ProjectRowLite): ProjectFact => ({
  id: r.code, startDate: r.start_date, dueDate: r.due_date, extendedTo: r.extended_due_date, extensionRequestedOn: r.extension_requested_on,
  acceptanceRequestedOn: r.acceptance_applied_date, acceptedOn: r.accepted_date, terminatedOn: r.terminated_date, exempted: r.exempted_on !== null,
  ...(r.halted_years?.length ? { haltedIn: r.halted_years.map(Number) } : {}),
});
const toFinding = (r: FindingRowLite): FindingFact => ({
  id: r.id, clause: r.clause, date: r.fact_date, met: r.met, source: r.source_document, projectId: r.project_code, exempted: r.exempted,
});

/**
 * Facts for many subjects of one type and year. Only projects that can matter for the year are read:
 * open at some time in it, due or terminated in it, or still unresolved (CI-17.3.4 breaches last).
 */
export interface SubjectFacts { projects: ProjectFact[]; findings: FindingFact[]; activeYears: number[] }

const emptyFacts = (): SubjectFacts => ({ projects: [], findings: [], activeYears: [] });

// The three reads, written once for both paths. `owners` joins the subjects ($1: their ids, or the regions they are in); the
// year is $2, the first day of the look-back window (two years before, for the three-year AA spans) $3,
// and the subject type $4. Each query is given only the parameters it names.
type Owners = (key: string) => string;
// CI-19.1.2: the years a recommended project was deferred, suspended or halted (project_status_changes, migration 0125).
const HALTED_YEARS_SQL = `,
          (SELECT array_agg(DISTINCT extract(year FROM sc.on_date)::int) FROM project_status_changes sc
            WHERE sc.project_id = p.id AND sc.to_status IN ('deferred', 'suspended', 'forcibly_halted')) AS halted_years`;
const projectsSql = (col: string, owners: Owners) =>
  `SELECT p.${col} AS owner, p.code, p.start_date, p.due_date, p.extended_due_date, p.extension_requested_on, p.acceptance_applied_date,
          p.accepted_date, p.terminated_date, p.exempted_on${col === 'recommending_department_id' ? HALTED_YEARS_SQL : ''}
     FROM projects p JOIN ${owners(`p.${col}`)}
    WHERE p.start_date <= make_date($2, 12, 31)
      AND (COALESCE(p.accepted_date, p.terminated_date) IS NULL OR COALESCE(p.accepted_date, p.terminated_date) >= $3::date
           OR COALESCE(p.extended_due_date, p.due_date) >= $3::date)`;
const findingsSql = (owners: Owners) =>
  `SELECT f.subject_id, f.id, f.clause, f.fact_date, f.met, f.source_document, p.code AS project_code, (p.exempted_on IS NOT NULL) AS exempted
     FROM findings f JOIN ${owners('f.subject_id')} LEFT JOIN projects p ON p.id = f.project_id
    WHERE f.subject_type = $4 AND f.withdrawn_at IS NULL AND f.fact_date BETWEEN $3::date AND make_date($2, 12, 31)`;
const activitySql = (owners: Owners) =>
  `SELECT DISTINCT a.subject_id, a.year FROM subject_activity a JOIN ${owners('a.subject_id')} WHERE a.year BETWEEN $2 - 2 AND $2`;
const BY_ID: Owners = (key) => `unnest($1::uuid[]) AS o(id) ON o.id = ${key}`;
// A region's subjects by a join the planner can estimate (an unnested list of 100,000 ids is guessed at 10 rows).
const BY_REGION: Owners = (key) => `subjects o ON o.id = ${key} AND o.region_code = ANY($1::text[])`;
const factParams = (owners: readonly string[], type: SubjectType, year: number) => {
  const all = [owners, year, `${year - 2}-01-01`, type];
  return { projects: all.slice(0, 3), findings: all, activity: all.slice(0, 2) };
};

export async function loadFacts(db: Sql, type: SubjectType, subjectIds: readonly string[], year: number): Promise<Map<string, SubjectFacts>> {
  const out = new Map<string, SubjectFacts>();
  for (const id of subjectIds) out.set(id, emptyFacts());
  if (subjectIds.length === 0) return out;
  const col = PROJECT_COLUMN[type];
  const params = factParams(subjectIds, type, year);
  if (col) {
    for (const r of await db.query<ProjectRowLite>(`${projectsSql(col, BY_ID)} ORDER BY p.code`, params.projects)) out.get(r.owner)?.projects.push(toProject(r));
  }
  for (const f of await db.query<FindingRowLite>(`${findingsSql(BY_ID)} ORDER BY f.fact_date, f.id`, params.findings)) out.get(f.subject_id)?.findings.push(toFinding(f));
  for (const a of await db.query<{ subject_id: string; year: number }>(`${activitySql(BY_ID)} ORDER BY a.year`, params.activity)) out.get(a.subject_id)?.activeYears.push(a.year);
  return out;
}

/**
 * The year-end path: the facts of every subject of `regions` rated as `type`, one subject after
 * another, from three cursors sorted by subject — one pass over each table instead of a look-up per
 * batch of subjects. `subjectIds` are those subjects in the database's uuid order (as `ORDER BY id`
 * returns them); rows of the regions' other subjects (rated as another type) are passed over.
 * Each subject's projects come in code order and its findings in date order, as `loadFacts` gives
 * them, so an explanation reads the same whichever path computed it.
 * Used inside a transaction that has run `planForWholeResults`.
 */
export async function* streamFacts(tx: Sql, type: SubjectType, regions: readonly string[], subjectIds: readonly string[], year: number): AsyncGenerator<[string, SubjectFacts]> {
  const col = PROJECT_COLUMN[type];
  const params = factParams(regions, type, year);
  const listed = new Set(subjectIds);
  const keep = (id: string) => listed.has(id);
  const projects = col ? await OrderedCursor.open<ProjectRowLite>(tx, `${projectsSql(col, BY_REGION)} ORDER BY p.${col}, p.code`, params.projects, (r) => r.owner, keep) : null;
  const findings = await OrderedCursor.open<FindingRowLite>(tx, `${findingsSql(BY_REGION)} ORDER BY f.subject_id, f.fact_date, f.id`, params.findings, (r) => r.subject_id, keep);
  const activity = await OrderedCursor.open<{ subject_id: string; year: number }>(tx, `${activitySql(BY_REGION)} ORDER BY a.subject_id, a.year`, params.activity, (r) => r.subject_id, keep);
  for (const id of subjectIds) {
    yield [id, {
      projects: projects ? (await projects.take(id)).map(toProject) : [],
      findings: (await findings.take(id)).map(toFinding),
      activeYears: (await activity.take(id)).map((a) => a.year),
    }];
  }
  await projects?.closeDrained();
  await findings.closeDrained();
  await activity.closeDrained();
}
