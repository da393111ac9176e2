/**
 * 待办案件: a bureau's cases, nearest open deadline first, filtered by state, procedure, region and
 * whether overdue. Served by indexes at a province's scale (issue 7): each case carries its nearest open
 * due date (`next_due`, kept by the database on every clock write, migration 0019), and counting stops
 * at QUEUE_COUNT_CAP rather than reading a whole province's queue.
 */
import { CASE_UNIT_SQL, CASE_AGENCY_SQL, type CaseRow } from './cases-repo';
import { PROCEDURES } from '../../../core/procedure/procedures';
import type { DataScope } from '../../../core/access/policy';
import type { Sql } from '../../db/database';
import { inRegions, Params, scopeSql } from '../../db/params';

/** The work queue counts up to this many cases; a larger queue reports "more than". */
export const QUEUE_COUNT_CAP = 10_000;

export interface WorkQueueFilter {
  state?: string;
  procedure?: string;
  /** The regions asked for (a subtree); the caller's scope applies as well. */
  regionCodes?: readonly string[];
  overdue?: boolean;
  awaitingExtension?: boolean;
}

/**
 * The part of each case's data a queue row needs: the keys its procedure's summary reads (declared with
 * the summary), so a page of 20 rows never carries 20 cases' whole data (issue 17). Keys are
 * identifiers from the declarations, never input.
 */
const identifier = (x: string) => { if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(x)) throw new Error(`not an identifier: ${x}`); return x; };
const SUMMARY_DATA_SQL = `CASE c.procedure ${Object.values(PROCEDURES).filter((d) => d.view.summary).map((d) =>
  `WHEN '${identifier(d.id)}' THEN jsonb_build_object(${d.view.summary!.reads.map((k) => `'${identifier(k)}', c.data->'${k}'`).join(', ')})`).join(' ')} ELSE '{}'::jsonb END`;
const QUEUE_COLUMNS = 'c.id, c.procedure, c.state, c.version, c.jurisdiction_code, c.project_id, c.unit_id, c.applicant_person_id, c.parent_case_id, c.created_at, c.updated_at, c.next_due';

export type WorkQueueRow = CaseRow & { next_due: string | null; project_code: string | null; project_name: string | null; unit_name: string | null };

export async function listWorkQueue(db: Sql, scope: DataScope, f: WorkQueueFilter, today: string, page: number, pageSize: number) {
  const p = new Params();
  const w = [scopeSql(scope, p, { region: ['c.jurisdiction_code'], unit: [CASE_UNIT_SQL], person: ['c.applicant_person_id'], agency: [CASE_AGENCY_SQL] })];
  if (f.state) w.push(`c.state = ${p.add(f.state)}`);
  if (f.procedure) w.push(`c.procedure = ${p.add(f.procedure)}`);
  if (f.awaitingExtension) w.push(`c.state = 'investigating' AND c.data->'extensionRequest'->>'status' = 'pending'`);
  if (f.regionCodes) w.push(inRegions(p, 'c.jurisdiction_code', f.regionCodes));
  if (f.overdue !== undefined) w.push(f.overdue ? `c.next_due < ${p.add(today)}::date` : `(c.next_due IS NULL OR c.next_due >= ${p.add(today)}::date)`);
  const where = w.join(' AND ');
  // One round trip: the page and its (capped) count in one statement, prepared with a generic plan
  // (page size and offset are validated integers written into the text, so the plan knows them).
  const count = `(SELECT count(*)::int FROM (SELECT 1 FROM cases c WHERE ${where} LIMIT ${QUEUE_COUNT_CAP + 1}) x)`;
  const rows = await db.query<WorkQueueRow & { total: number }>(
    `SELECT ${QUEUE_COLUMNS}, ${SUMMARY_DATA_SQL} AS data, pr.code AS project_code, pr.name AS project_name, u.name AS unit_name, ${count} AS total
       FROM cases c LEFT JOIN projects pr ON pr.id = c.project_id LEFT JOIN subjects u ON u.id = c.unit_id
      WHERE ${where} ORDER BY c.next_due NULLS LAST, c.updated_at DESC LIMIT ${Math.trunc(pageSize)} OFFSET ${Math.trunc((page - 1) * pageSize)}`, p.values, { prepared: true });
  // A page past the end holds no row to carry the count: count on its own.
  const total = rows[0]?.total ?? (page > 1 ? (await db.query<{ total: number }>(`SELECT ${count} AS total`, p.values, { prepared: true }))[0].total : 0);
  return { total: Math.min(total, QUEUE_COUNT_CAP), totalCapped: total > QUEUE_COUNT_CAP, rows };
}
