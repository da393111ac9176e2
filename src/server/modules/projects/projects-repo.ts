/** Queries over projects and their milestones. */
import type { DataScope, ScopedRecord } from '../../../core/access/policy';
import type { FundingSource, PlanLevel, ProjectStatus } from '../../../core/domain/vocabulary';
import type { Sql } from '../../db/database';
import { Params, pageClause, scopeSql } from '../../db/params';

export interface ProjectRow {
  id: string; code: string; name: string; plan_level: PlanLevel; jurisdiction_code: string; region_code: string;
  funding_source: FundingSource; undertaking_unit_id: string; undertaking_unit_name: string; leader_id: string; leader_name: string;
  recommending_department_id: string | null; recommending_department_name: string | null;
  service_agency_id: string | null; service_agency_name: string | null;
  start_date: string; due_date: string; extended_due_date: string | null; status: ProjectStatus;
  acceptance_applied_date: string | null; accepted_date: string | null; terminated_date: string | null;
  funds_granted: string; version: number; created_at: Date; updated_at: Date;
  /** YT-6.5: the exemption mark, its date and the case that decided it (null for a mark set without one). */
  exempted_on: string | null; exempted_by_case: string | null;
  /** The latest recorded status change (migration 0125), shown while the project is in the state it set. */
  status_to: string | null; status_on: string | null; status_clause: string | null; status_reason: string | null; status_case_id: string | null; status_rectify_by: string | null;
}

export interface MilestoneRow { id: string; seq: number; name: string; due_date: string; completed_date: string | null }

const SCOPE_COLUMNS = { region: ['p.region_code', 'p.jurisdiction_code'], unit: ['p.undertaking_unit_id'], person: ['p.leader_id'], agency: ['p.service_agency_id'] };

export function projectForPolicy(p: Pick<ProjectRow, 'region_code' | 'jurisdiction_code' | 'undertaking_unit_id' | 'leader_id'> & { service_agency_id?: string | null }): ScopedRecord {
  return { regionCodes: [p.region_code, p.jurisdiction_code], unitIds: [p.undertaking_unit_id], personIds: [p.leader_id], agencyIds: p.service_agency_id ? [p.service_agency_id] : [] };
}

export interface ProjectFilter {
  regionCodes?: string[];
  status?: ProjectStatus[];
  planLevel?: PlanLevel;
  fundingSource?: FundingSource;
  undertakingUnitId?: string;
  leaderId?: string;
  /** Projects whose acceptance due date falls in this year. */
  dueYear?: number;
  /** Past their acceptance due date on `today` and neither accepted nor terminated. */
  overdueOn?: string;
  q?: string;
}

export type ProjectSort = 'dueDate' | '-dueDate' | 'code' | '-startDate';

const SELECT = `SELECT p.*, u.name AS undertaking_unit_name, l.name AS leader_name, r.name AS recommending_department_name, a.name AS service_agency_name,
         sc.status_to, sc.status_on, sc.status_clause, sc.status_reason, sc.status_case_id, sc.status_rectify_by
  FROM projects p JOIN subjects u ON u.id = p.undertaking_unit_id JOIN subjects l ON l.id = p.leader_id
  LEFT JOIN subjects r ON r.id = p.recommending_department_id LEFT JOIN subjects a ON a.id = p.service_agency_id
  LEFT JOIN LATERAL (SELECT sc.to_status AS status_to, sc.on_date AS status_on, sc.clause AS status_clause, sc.reason AS status_reason,
                            sc.case_id AS status_case_id, sc.rectify_by AS status_rectify_by
                       FROM project_status_changes sc WHERE sc.project_id = p.id ORDER BY sc.seq DESC LIMIT 1) sc ON true`;

const ORDER: Record<ProjectSort, string> = {
  dueDate: 'COALESCE(p.extended_due_date, p.due_date), p.code',
  '-dueDate': 'COALESCE(p.extended_due_date, p.due_date) DESC, p.code',
  code: 'p.code',
  '-startDate': 'p.start_date DESC, p.code',
};

function where(scope: DataScope, f: ProjectFilter, p: Params): string {
  const w = [scopeSql(scope, p, SCOPE_COLUMNS)];
  if (f.regionCodes) w.push(`p.region_code = ANY(${p.add(f.regionCodes)}::text[])`);
  if (f.status?.length) w.push(`p.status = ANY(${p.add(f.status)}::text[])`);
  if (f.planLevel) w.push(`p.plan_level = ${p.add(f.planLevel)}`);
  if (f.fundingSource) w.push(`p.funding_source = ${p.add(f.fundingSource)}`);
  if (f.undertakingUnitId) w.push(`p.undertaking_unit_id = ${p.add(f.undertakingUnitId)}::uuid`);
  if (f.leaderId) w.push(`p.leader_id = ${p.add(f.leaderId)}::uuid`);
  if (f.dueYear) w.push(`extract(year FROM COALESCE(p.extended_due_date, p.due_date)) = ${p.add(f.dueYear)}`);
  if (f.overdueOn) w.push(`COALESCE(p.extended_due_date, p.due_date) < ${p.add(f.overdueOn)}::date AND p.status NOT IN ('accepted', 'terminated')`);
  if (f.q) {
    const like = p.add(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    w.push(`(p.name LIKE ${like} OR p.code LIKE ${like})`);
  }
  return w.join(' AND ');
}

export async function listProjects(db: Sql, scope: DataScope, f: ProjectFilter, sort: ProjectSort, page: number, pageSize: number) {
  const p = new Params();
  const w = where(scope, f, p);
  const [{ total }] = await db.query<{ total: number }>(`SELECT count(*) AS total FROM projects p WHERE ${w}`, p.values);
  const items = await db.query<ProjectRow>(`${SELECT} WHERE ${w} ORDER BY ${ORDER[sort]} ${pageClause(p, page, pageSize)}`, p.values);
  return { total, items };
}

export async function listProjectsForExport(db: Sql, scope: DataScope, f: ProjectFilter, sort: ProjectSort, cap: number) {
  const p = new Params();
  const w = where(scope, f, p);
  return db.query<ProjectRow>(`${SELECT} WHERE ${w} ORDER BY ${ORDER[sort]} LIMIT ${p.add(cap)}`, p.values);
}

export async function getProject(db: Sql, id: string): Promise<ProjectRow | null> {
  const [row] = await db.query<ProjectRow>(`${SELECT} WHERE p.id = $1`, [id]);
  return row ?? null;
}

export async function listMilestones(db: Sql, projectId: string): Promise<MilestoneRow[]> {
  return db.query<MilestoneRow>('SELECT id, seq, name, due_date, completed_date FROM milestones WHERE project_id = $1 ORDER BY seq', [projectId]);
}
