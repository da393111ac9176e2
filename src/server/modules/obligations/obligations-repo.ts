/** Queries on obligations (YT-10 surplus funds, CI-23 clawbacks) within the caller's scope. */
import type { DataScope } from '../../../core/access/policy';
import type { Sql } from '../../db/database';
import { Params, scopeSql } from '../../db/params';
import type { ObligationRow } from './settle-obligation';

export async function listObligations(db: Sql, scope: DataScope, q: { status?: string; caseId?: string }): Promise<ObligationRow[]> {
  const p = new Params();
  const w = [scopeSql(scope, p, { region: ['jurisdiction_code'], unit: ['subject_id'], person: [] })];
  if (q.status) w.push(`status = ${p.add(q.status)}`);
  if (q.caseId) w.push(`case_id = ${p.add(q.caseId)}`);
  return db.query<ObligationRow>(`SELECT * FROM obligations WHERE ${w.join(' AND ')} ORDER BY created_at DESC LIMIT 500`, p.values);
}
