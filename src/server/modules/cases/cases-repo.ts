/** Queries over cases, their step log and what hangs off them (clocks, related cases). */
import { randomUUID } from 'node:crypto';
import type { ScopedRecord } from '../../../core/access/policy';
import type { Sql } from '../../db/database';

export interface CaseRow {
  id: string; procedure: string; state: string; version: number; jurisdiction_code: string; project_id: string | null;
  unit_id: string | null; applicant_person_id: string | null; parent_case_id: string | null; data: Record<string, unknown>; created_at: Date; updated_at: Date;
  /** CI-32: the service agency entrusted with the case's project, for the supervision procedures it may read (read by getCase, lockCase). */
  project_agency_id?: string | null;
}

/** CI-32: the procedures an entrusted agency may read on its projects — supervision, never an investigation or accountability. */
export const ENTRUSTED_PROCEDURES = ['midterm_check', 'inspection', 'major_change'] as const;
const entrusted = (procedure: string | undefined) => !!procedure && (ENTRUSTED_PROCEDURES as readonly string[]).includes(procedure);
/** The agency a case shows to, in SQL over `cases c`: the same rule as caseForPolicy. */
export const CASE_AGENCY_SQL = `(CASE WHEN c.procedure IN (${ENTRUSTED_PROCEDURES.map((x) => `'${x}'`).join(', ')}) THEN (SELECT pa.service_agency_id FROM projects pa WHERE pa.id = c.project_id) END)`;
const AGENCY_COLUMN = `(SELECT pa.service_agency_id FROM projects pa WHERE pa.id = cases.project_id) AS project_agency_id`;

/**
 * Who may see a case: the handling bureau and those above it, its unit, and the person who applied —
 * except that a draft a person started is his alone until he submits it to his unit (YT-13): the unit
 * administrator does not see a researcher's unsubmitted draft. The list queries read the same rule
 * through CASE_UNIT_SQL, so a list and the single record agree.
 */
export function caseForPolicy(c: Pick<CaseRow, 'jurisdiction_code' | 'unit_id' | 'applicant_person_id' | 'state'> & { procedure?: string; project_agency_id?: string | null }): ScopedRecord {
  const unit = isPersonalDraft(c) ? null : c.unit_id;
  const agency = entrusted(c.procedure) && c.project_agency_id ? [c.project_agency_id] : [];
  return { regionCodes: [c.jurisdiction_code], unitIds: unit ? [unit] : [], personIds: c.applicant_person_id ? [c.applicant_person_id] : [], agencyIds: agency };
}

const isPersonalDraft = (c: Pick<CaseRow, 'applicant_person_id' | 'state'>) => c.state === 'draft' && c.applicant_person_id !== null;

/** The unit a case shows to, in SQL over `cases c`: the same rule as caseForPolicy. */
export const CASE_UNIT_SQL = `(CASE WHEN c.state = 'draft' AND c.applicant_person_id IS NOT NULL THEN NULL ELSE c.unit_id END)`;

export async function getCase(db: Sql, id: string): Promise<CaseRow | null> {
  return (await db.query<CaseRow>(`SELECT cases.*, ${AGENCY_COLUMN} FROM cases WHERE id = $1`, [id]))[0] ?? null;
}

export async function lockCase(tx: Sql, id: string): Promise<CaseRow | null> {
  return (await tx.query<CaseRow>(`SELECT cases.*, ${AGENCY_COLUMN} FROM cases WHERE id = $1 FOR UPDATE OF cases`, [id]))[0] ?? null;
}

export async function insertCase(tx: Sql, c: Omit<CaseRow, 'version' | 'created_at' | 'updated_at'> & { created_by: string; at: string }): Promise<void> {
  await tx.query(
    `INSERT INTO cases (id, procedure, state, jurisdiction_code, project_id, unit_id, applicant_person_id, parent_case_id, data, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $11)`,
    [c.id, c.procedure, c.state, c.jurisdiction_code, c.project_id, c.unit_id, c.applicant_person_id, c.parent_case_id, JSON.stringify(c.data), c.created_by, c.at],
  );
}

/** Moves a case to its next state, if no one else moved it first (optimistic: the version must still be the one read). */
export async function advanceCase(tx: Sql, c: Pick<CaseRow, 'id' | 'version'>, state: string, data: unknown, at: string): Promise<boolean> {
  const rows = await tx.query('UPDATE cases SET state = $2, data = $3::jsonb, version = version + 1, updated_at = $4 WHERE id = $1 AND version = $5 RETURNING id', [c.id, state, JSON.stringify(data), at, c.version]);
  return rows.length > 0;
}

export interface CaseEventInput { caseId: string; step: string; clause: string; from: string | null; to: string; userId: string; role: string; at: string; on: string; input: unknown }

export async function appendCaseEvent(tx: Sql, e: CaseEventInput): Promise<void> {
  const [{ seq }] = await tx.query<{ seq: number }>('SELECT COALESCE(max(seq), 0) + 1 AS seq FROM case_events WHERE case_id = $1', [e.caseId]);
  await tx.query(`INSERT INTO case_events (id, case_id, seq, step, clause, from_state, to_state, actor_user_id, actor_role, at, on_date, input)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb)`,
    [randomUUID(), e.caseId, seq, e.step, e.clause, e.from, e.to, e.userId, e.role, e.at, e.on, JSON.stringify(e.input)]);
}

export interface CaseEventRow { seq: number; step: string; clause: string; from_state: string | null; to_state: string; on_date: string; at: Date; input: Record<string, unknown>; display_name: string; actor_role: string }

export async function listCaseEvents(db: Sql, caseId: string): Promise<CaseEventRow[]> {
  return db.query<CaseEventRow>(
    `SELECT e.seq, e.step, e.clause, e.from_state, e.to_state, e.on_date, e.at, e.input, e.actor_role, u.display_name
       FROM case_events e JOIN users u ON u.id = e.actor_user_id WHERE e.case_id = $1 ORDER BY e.seq`, [caseId]);
}

/** The clocks of a case by time limit: what a requirement may consult (an objection window, YT-6.1's application window). */
export async function caseClockStates(db: Sql, caseId: string): Promise<Record<string, { dueDate: string; status: string; startDate: string }>> {
  const rows = await db.query<{ limit_id: string; due_date: string; status: string; start_date: string }>(
    // The latest clock of a limit wins (a new notice opens its periods again); at one instant, a running clock comes after a stopped one.
    `SELECT limit_id, due_date, status, start_date FROM deadline_clocks WHERE owner_type = 'case' AND owner_id = $1 ORDER BY created_at, (status <> 'stopped'), start_date, limit_id`, [caseId]);
  return Object.fromEntries(rows.map((k) => [k.limit_id, { dueDate: k.due_date, status: k.status, startDate: k.start_date }]));
}

export interface CaseClockRow { id: string; limit_id: string; title: string; start_date: string; due_date: string; provisional: boolean; derivation: string; status: string; stopped_date: string | null }

export async function listCaseClocks(db: Sql, caseId: string): Promise<CaseClockRow[]> {
  return db.query<CaseClockRow>(`SELECT id, limit_id, title, start_date, due_date, provisional, derivation, status, stopped_date FROM deadline_clocks WHERE owner_type = 'case' AND owner_id = $1 ORDER BY created_at, start_date, limit_id`, [caseId]);
}

export type RelatedCaseRow = Pick<CaseRow, 'id' | 'procedure' | 'state' | 'parent_case_id' | 'jurisdiction_code' | 'unit_id' | 'applicant_person_id'>;

/** The case it came from and the cases it started. */
export async function listRelatedCases(db: Sql, c: Pick<CaseRow, 'id' | 'parent_case_id'>): Promise<RelatedCaseRow[]> {
  return db.query<RelatedCaseRow>('SELECT id, procedure, state, parent_case_id, jurisdiction_code, unit_id, applicant_person_id FROM cases WHERE parent_case_id = $1 OR id = $2 ORDER BY created_at', [c.id, c.parent_case_id]);
}

/** The cases named by id (the parties a case page links to), with what the reader's scope needs. */
export async function casesByIds(db: Sql, ids: readonly string[]): Promise<RelatedCaseRow[]> {
  if (ids.length === 0) return [];
  return db.query<RelatedCaseRow>('SELECT id, procedure, state, parent_case_id, jurisdiction_code, unit_id, applicant_person_id FROM cases WHERE id = ANY($1::uuid[])', [ids]);
}
