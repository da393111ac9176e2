/** Queries on obligations (YT-10 surplus funds, CI-23 clawbacks and revocations) within the caller's scope. */
import type { DataScope } from '../../../core/access/policy';
import type { ObligationState } from '../../../core/obligations/obligations';
import type { Sql } from '../../db/database';
import { Params, scopeSql } from '../../db/params';
import type { ObligationRow } from './settle-obligation';

export interface ObligationFilter {
  /** The legacy stored status (open covers overdue). */
  status?: string;
  /** The state the list shows: overdue is open past its due date on `today`. */
  state?: ObligationState;
  caseId?: string;
  /** A region and every region below it. */
  regionCodes?: string[];
  today: string;
}

export interface ObligationListRow extends ObligationRow { procedure: string; project_code: string | null; subject_name: string | null }

export async function listObligations(db: Sql, scope: DataScope, q: ObligationFilter): Promise<ObligationListRow[]> {
  const p = new Params();
  const w = [scopeSql(scope, p, { region: ['o.jurisdiction_code'], unit: ['o.subject_id'], person: [] })];
  if (q.status) w.push(`o.status = ${p.add(q.status)}`);
  if (q.caseId) w.push(`o.case_id = ${p.add(q.caseId)}::uuid`);
  if (q.regionCodes) w.push(`o.jurisdiction_code = ANY(${p.add(q.regionCodes)}::text[])`);
  if (q.state === 'open') w.push(`o.status = 'open' AND (o.due_date IS NULL OR o.due_date >= ${p.add(q.today)}::date)`);
  else if (q.state === 'overdue') w.push(`o.status = 'open' AND o.due_date < ${p.add(q.today)}::date`);
  else if (q.state) w.push(`o.status = ${p.add(q.state)}`);
  return db.query<ObligationListRow>(
    `SELECT o.*, o.amount_yuan::text AS amount_yuan, o.settled_yuan::text AS settled_yuan, c.procedure, pr.code AS project_code, s.name AS subject_name
       FROM obligations o JOIN cases c ON c.id = o.case_id LEFT JOIN projects pr ON pr.id = o.project_id LEFT JOIN subjects s ON s.id = o.subject_id
      WHERE ${w.join(' AND ')} ORDER BY o.due_date NULLS LAST, o.created_at DESC, o.id LIMIT 2000`, p.values);
}

export interface SettlementRow { id: string; paid_on: string; amount_yuan: string; file_id: string | null; evidence_ref: string | null; note: string | null; remainder_yuan: string; recorded_by_name: string; created_at: Date }

export async function listSettlements(db: Sql, obligationId: string): Promise<SettlementRow[]> {
  return db.query<SettlementRow>(
    `SELECT s.id, s.paid_on, s.amount_yuan::text AS amount_yuan, s.file_id, s.evidence_ref, s.note, s.remainder_yuan::text AS remainder_yuan, u.display_name AS recorded_by_name, s.created_at
       FROM obligation_settlements s JOIN users u ON u.id = s.recorded_by WHERE s.obligation_id = $1 ORDER BY s.created_at, s.remainder_yuan DESC`, [obligationId]);
}

export async function getObligation(db: Sql, id: string): Promise<ObligationRow | undefined> {
  const [o] = await db.query<ObligationRow>('SELECT *, amount_yuan::text AS amount_yuan, settled_yuan::text AS settled_yuan FROM obligations WHERE id = $1', [id]);
  return o;
}
