/**
 * Gathers what a rating rests on from stored data — projects (never typed-in counts), findings and
 * yearly activity — shaped as the rules engine's input. One subject at a time, or every subject of
 * a region for a year in a few set-based queries.
 */
import type { FindingFact, ProjectFact } from '../../../core/rating/rate';
import type { SubjectType } from '../../../core/rating/criteria';
import type { Sql } from '../../db/database';
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
}
interface FindingRowLite { subject_id: string; id: string; clause: string; fact_date: string; met: boolean; source_document: string; project_code: string | null; exempted: boolean }

const toProject = (r: ProjectRowLite): ProjectFact => ({
  id: r.code, startDate: r.start_date, dueDate: r.due_date, extendedTo: r.extended_due_date, extensionRequestedOn: r.extension_requested_on,
  acceptanceRequestedOn: r.acceptance_applied_date, acceptedOn: r.accepted_date, terminatedOn: r.terminated_date, exempted: r.exempted_on !== null,
});
const toFinding = (r: FindingRowLite): FindingFact => ({
  id: r.id, clause: r.clause, date: r.fact_date, met: r.met, source: r.source_document, projectId: r.project_code, exempted: r.exempted,
});

/**
 * Facts for many subjects of one type and year. Only projects that can matter for the year are read:
 * open at some time in it, due or terminated in it, or still unresolved (CI-17.3.4 breaches last).
 */
export interface SubjectFacts { projects: ProjectFact[]; findings: FindingFact[]; activeYears: number[] }

export async function loadFacts(db: Sql, type: SubjectType, subjectIds: readonly string[], year: number): Promise<Map<string, SubjectFacts>> {
  const out = new Map<string, SubjectFacts>();
  for (const id of subjectIds) out.set(id, { projects: [], findings: [], activeYears: [] });
  if (subjectIds.length === 0) return out;
  const col = PROJECT_COLUMN[type];
  const from = `${year - 2}-01-01`;
  if (col) {
    const rows = await db.query<ProjectRowLite>(
      `SELECT p.${col} AS owner, p.code, p.start_date, p.due_date, p.extended_due_date, p.extension_requested_on, p.acceptance_applied_date,
              p.accepted_date, p.terminated_date, p.exempted_on
         FROM projects p
        WHERE p.${col} = ANY($1::uuid[]) AND p.start_date <= make_date($2, 12, 31)
          AND (COALESCE(p.accepted_date, p.terminated_date) IS NULL OR COALESCE(p.accepted_date, p.terminated_date) >= $3::date
               OR COALESCE(p.extended_due_date, p.due_date) >= $3::date)`,
      [subjectIds, year, from],
    );
    for (const r of rows) out.get(r.owner)?.projects.push(toProject(r));
  }
  const findings = await db.query<FindingRowLite>(
    `SELECT f.subject_id, f.id, f.clause, f.fact_date, f.met, f.source_document, p.code AS project_code, (p.exempted_on IS NOT NULL) AS exempted
       FROM findings f LEFT JOIN projects p ON p.id = f.project_id
      WHERE f.subject_id = ANY($1::uuid[]) AND f.subject_type = $2 AND f.withdrawn_at IS NULL AND f.fact_date BETWEEN $3::date AND make_date($4, 12, 31)`,
    [subjectIds, type, from, year],
  );
  for (const f of findings) out.get(f.subject_id)?.findings.push(toFinding(f));
  const activity = await db.query<{ subject_id: string; year: number }>(
    'SELECT DISTINCT subject_id, year FROM subject_activity WHERE subject_id = ANY($1::uuid[]) AND year BETWEEN $2 AND $3', [subjectIds, year - 2, year]);
  for (const a of activity) out.get(a.subject_id)?.activeYears.push(a.year);
  return out;
}
