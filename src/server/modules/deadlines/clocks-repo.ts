/** Queries over deadline clocks, their ledger and their moves. */
import type { DataScope } from '../../../core/access/policy';
import type { Sql } from '../../db/database';
import { Params, pageClause } from '../../db/params';

export interface ClockRow {
  id: string; limit_id: string; owner_type: string; owner_id: string; title: string; jurisdiction_code: string;
  start_date: string; due_date: string; provisional: boolean; provisional_years: number[]; derivation: string;
  status: 'running' | 'paused' | 'stopped'; stopped_date: string | null; version: number; created_at: Date; updated_at: Date;
}

export interface LedgerRow {
  id: string; clock_id: string; kind: 'pause' | 'extension'; from_date: string | null; to_date: string | null;
  reason: string | null; evidence: string | null; approved_by: string | null; recorded_by: string | null; recorded_at: Date;
}

export async function getClock(db: Sql, id: string, forUpdate = false): Promise<ClockRow | null> {
  const [row] = await db.query<ClockRow>(`SELECT * FROM deadline_clocks WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return row ?? null;
}

export async function listLedger(db: Sql, clockId: string): Promise<LedgerRow[]> {
  return db.query<LedgerRow>('SELECT * FROM deadline_ledger WHERE clock_id = $1 ORDER BY recorded_at, id', [clockId]);
}

export async function listMoves(db: Sql, clockId: string) {
  return db.query<{ id: string; cause: string; old_due: string; new_due: string; old_provisional: boolean; new_provisional: boolean; at: Date }>(
    'SELECT * FROM deadline_moves WHERE clock_id = $1 ORDER BY at, id', [clockId]);
}

export async function listOpenClocks(db: Sql, scope: DataScope, opts: { page: number; pageSize: number; dueBefore?: string }) {
  const p = new Params();
  const w = [`c.status <> 'stopped'`];
  if (scope.kind === 'regions') w.push(`c.jurisdiction_code = ANY(${p.add(scope.codes)}::text[])`);
  else w.push('false');
  if (opts.dueBefore) w.push(`c.due_date <= ${p.add(opts.dueBefore)}::date`);
  const where = w.join(' AND ');
  const [{ total }] = await db.query<{ total: number }>(`SELECT count(*) AS total FROM deadline_clocks c WHERE ${where}`, p.values);
  const items = await db.query<ClockRow>(`SELECT c.* FROM deadline_clocks c WHERE ${where} ORDER BY c.due_date, c.id ${pageClause(p, opts.page, opts.pageSize)}`, p.values);
  return { total, items };
}

/** The party of a case a clock belongs to: its unit and the person concerned (told of windows they owe). */
export async function casePartyOf(db: Sql, caseId: string) {
  const [c] = await db.query<{ unit_id: string | null; applicant_person_id: string | null }>('SELECT unit_id, applicant_person_id FROM cases WHERE id = $1', [caseId]);
  return c ?? null;
}
