/** Queries on the log of what left the system (exports to other systems), within the caller's area. */
import type { DataScope } from '../../../core/access/policy';
import type { Sql } from '../../db/database';
import { Params, scopeSql } from '../../db/params';

export interface ExportLogRow { id: string; kind: string; /** CHECK (format IN ('json', 'xlsx')), migration 0006 */ format: 'json' | 'xlsx'; jurisdiction_code: string; item_count: number; sha256: string; created_at: Date; display_name: string }

export async function listExports(db: Sql, scope: DataScope): Promise<ExportLogRow[]> {
  const p = new Params();
  const w = [scopeSql(scope, p, { region: ['x.jurisdiction_code'], unit: [], person: [] })];
  return db.query<ExportLogRow>(`SELECT x.id, x.kind, x.format, x.jurisdiction_code, x.item_count, x.sha256, x.created_at, u.display_name FROM exports x JOIN users u ON u.id = x.exported_by WHERE ${w.join(' AND ')} ORDER BY x.created_at DESC, x.seq DESC LIMIT 200`, p.values);
}

/** One line of the export log, written in the caller's transaction (with its audit event, and for an exchange batch with the batch). */
export async function insertExport(tx: Sql, e: { id: string; kind: string; format: 'json' | 'xlsx'; jurisdictionCode: string; itemIds: readonly string[]; sha256: string; userId: string; at: string }) {
  await tx.query(`INSERT INTO exports (id, kind, format, jurisdiction_code, item_count, item_ids, sha256, exported_by, created_at) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9)`,
    [e.id, e.kind, e.format, e.jurisdictionCode, e.itemIds.length, JSON.stringify(e.itemIds), e.sha256, e.userId, e.at]);
}
