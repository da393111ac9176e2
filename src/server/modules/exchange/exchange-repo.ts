/** Queries on the exchange batches (issue 20): the per-bureau counter, the batches with their items, what a platform acknowledged. */
import type { DataScope } from '../../../core/access/policy';
import { articleOf, sanctionDecisionNo } from '../../../core/documents/templates';
import type { Acknowledged, ExchangeOperation, ExchangeTarget, PlannedItem, SanctionFacts } from '../../../core/exchange/credit-exchange';
import { MISCONDUCT_KIND_LABEL, type MisconductKind } from '../../../core/sanctions/misconduct';
import { MEASURE_LABEL, type Measure } from '../../../core/sanctions/sanctions';
import type { Sql } from '../../db/database';
import { Params, scopeSql } from '../../db/params';

/** Takes the next number of (bureau, target) in the caller's transaction; the row lock makes builders of one bureau and target take turns, so numbers are gap-free. */
export async function nextExchangeSeq(tx: Sql, jurisdiction: string, target: ExchangeTarget): Promise<number> {
  const [r] = await tx.query<{ last_seq: number }>(
    `INSERT INTO exchange_sequences (jurisdiction_code, target, last_seq) VALUES ($1, $2, 1)
     ON CONFLICT (jurisdiction_code, target) DO UPDATE SET last_seq = exchange_sequences.last_seq + 1 RETURNING last_seq`, [jurisdiction, target]);
  return r.last_seq;
}

/** What the platform holds of each item: the last operation and row among the batches it acknowledged. */
export async function acknowledgedItems(tx: Sql, jurisdiction: string, target: ExchangeTarget): Promise<Map<string, Acknowledged>> {
  const rows = await tx.query<{ item_id: string; operation: ExchangeOperation; row_text: string }>(
    `SELECT DISTINCT ON (i.item_id) i.item_id, i.operation, i.row_text FROM exchange_batch_items i JOIN exchange_batches b ON b.id = i.batch_id
      WHERE b.jurisdiction_code = $1 AND b.target = $2 AND b.acknowledged_at IS NOT NULL ORDER BY i.item_id, b.seq DESC`, [jurisdiction, target]);
  return new Map(rows.map((r) => [r.item_id, { operation: r.operation, row: r.row_text }]));
}

export async function insertBatch(tx: Sql, b: { id: string; jurisdiction: string; target: ExchangeTarget; seq: number; exportId: string; body: string; sha256: string; sm3: string; items: readonly PlannedItem[]; userId: string; at: string }) {
  await tx.query(`INSERT INTO exchange_batches (id, jurisdiction_code, target, seq, export_id, body, sha256, sm3, item_count, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [b.id, b.jurisdiction, b.target, b.seq, b.exportId, b.body, b.sha256, b.sm3, b.items.length, b.userId, b.at]);
  await tx.query(`INSERT INTO exchange_batch_items (batch_id, item_id, operation, row_text) SELECT $1, i, o, r FROM unnest($2::uuid[], $3::text[], $4::text[]) AS t(i, o, r)`,
    [b.id, b.items.map((i) => i.itemId), b.items.map((i) => i.operation), b.items.map((i) => i.row)]);
}

export interface BatchRow {
  id: string; jurisdiction_code: string; target: ExchangeTarget; seq: number; sha256: string; sm3: string; item_count: number; created_at: Date;
  acknowledged_at: Date | null; ack_reference: string | null; created_by_name: string; acknowledged_by_name: string | null;
  operations: Partial<Record<ExchangeOperation, number>>;
}

const BATCH_COLUMNS = `b.id, b.jurisdiction_code, b.target, b.seq, b.sha256, b.sm3, b.item_count, b.created_at, b.acknowledged_at, b.ack_reference,
  u.display_name AS created_by_name, COALESCE(a.display_name, k.name) AS acknowledged_by_name,
  (SELECT coalesce(jsonb_object_agg(o.operation, o.n), '{}'::jsonb) FROM (SELECT operation, count(*)::int AS n FROM exchange_batch_items WHERE batch_id = b.id GROUP BY operation) o) AS operations`;

/** The batches of the caller's area, newest first; only those not yet acknowledged if asked. */
export async function listBatches(db: Sql, scope: DataScope, opts: { target: ExchangeTarget | null; unacknowledgedOnly: boolean }): Promise<BatchRow[]> {
  const p = new Params();
  const w = [scopeSql(scope, p, { region: ['b.jurisdiction_code'], unit: [], person: [] })];
  if (opts.target) w.push(`b.target = ${p.add(opts.target)}`);
  if (opts.unacknowledgedOnly) w.push('b.acknowledged_at IS NULL');
  return db.query<BatchRow>(`SELECT ${BATCH_COLUMNS} FROM exchange_batches b JOIN users u ON u.id = b.created_by LEFT JOIN users a ON a.id = b.acknowledged_by LEFT JOIN api_clients k ON k.id = b.acknowledged_by_client
    WHERE ${w.join(' AND ')} ORDER BY b.created_at DESC, b.seq DESC LIMIT 200`, p.values);
}

/** One batch with its stored bytes, if the caller's area holds it (otherwise null, answered 404). */
export async function findBatch(db: Sql, scope: DataScope, id: string): Promise<(BatchRow & { body: string }) | null> {
  const p = new Params();
  const w = [`b.id = ${p.add(id)}`, scopeSql(scope, p, { region: ['b.jurisdiction_code'], unit: [], person: [] })];
  const [r] = await db.query<BatchRow & { body: string }>(`SELECT ${BATCH_COLUMNS}, b.body FROM exchange_batches b JOIN users u ON u.id = b.created_by LEFT JOIN users a ON a.id = b.acknowledged_by LEFT JOIN api_clients k ON k.id = b.acknowledged_by_client
    WHERE ${w.join(' AND ')}`, p.values);
  return r ?? null;
}

/** A batch named by its bureau, target and number, locked for the acknowledgement, if in the caller's area. */
export async function lockBatchBySeq(tx: Sql, scope: DataScope, jurisdiction: string, target: ExchangeTarget, seq: number) {
  const p = new Params();
  const w = [`b.jurisdiction_code = ${p.add(jurisdiction)}`, `b.target = ${p.add(target)}`, `b.seq = ${p.add(seq)}`, scopeSql(scope, p, { region: ['b.jurisdiction_code'], unit: [], person: [] })];
  const [r] = await tx.query<{ id: string; sha256: string; acknowledged_at: Date | null }>(`SELECT b.id, b.sha256, b.acknowledged_at FROM exchange_batches b WHERE ${w.join(' AND ')} FOR UPDATE`, p.values);
  return r ?? null;
}

/** Who acknowledged: a member of staff (users) or the platform as an API client (api_clients, migration 0115). */
export async function markAcknowledged(tx: Sql, id: string, by: { userId: string } | { clientId: string }, at: string, reference: string | null) {
  await tx.query('UPDATE exchange_batches SET acknowledged_at = $2, acknowledged_by = $3, acknowledged_by_client = $4, ack_reference = $5 WHERE id = $1 AND acknowledged_at IS NULL',
    [id, at, 'userId' in by ? by.userId : null, 'clientId' in by ? by.clientId : null, reference]);
}

/**
 * Sanctions of the caller's area put on the public list (CI-25.4, CI-22) that have no CI-27 listing,
 * decided by `today`, whatever their publication state now (sanctionStatus reads it). A sanction taken
 * off the public list by a correction, or one that became a listing, is not here, so a platform that
 * holds it is sent its removal (planIncrement).
 */
export async function publishedSanctionsForPlatform(db: Sql, scope: DataScope, today: string): Promise<Array<SanctionFacts & { jurisdictionCode: string }>> {
  const p = new Params();
  const w = [scopeSql(scope, p, { region: ['c.jurisdiction_code'], unit: [], person: [] }), 'x.public_list', 'x.public_until IS NOT NULL', `x.decided_date <= ${p.add(today)}::date`,
    'NOT EXISTS (SELECT 1 FROM listings l WHERE l.sanction_id = x.id)'];
  const rows = await db.query<any>(
    `SELECT x.id, c.jurisdiction_code, s.name, s.kind, s.credit_code, s.id_number_masked, x.case_id, x.decided_date, x.misconduct_kind, x.measures, x.clause,
            x.ban_start, x.ban_end, x.ban_life, x.public_until, x.repaired_on, x.revoked_on, v.doc_no, v.title AS policy_title
       FROM sanctions x JOIN cases c ON c.id = x.case_id JOIN subjects s ON s.id = x.subject_id LEFT JOIN policy_versions v ON v.id = x.policy_version_id
      WHERE ${w.join(' AND ')} ORDER BY x.decided_date, x.id LIMIT 100000`, p.values);
  return rows.map((r) => ({
    id: r.id, jurisdictionCode: r.jurisdiction_code, name: r.name, kind: r.kind, creditCode: r.credit_code, idNumberMasked: r.id_number_masked,
    decisionNo: sanctionDecisionNo(r.case_id, r.decided_date), conduct: MISCONDUCT_KIND_LABEL[r.misconduct_kind as MisconductKind] ?? r.misconduct_kind,
    basis: `${r.doc_no ? `《${r.policy_title}》（${r.doc_no}）` : ''}${articleOf('CI-25.4')}（向社会公布）；所依据的处理：${articleOf(r.clause)}`,
    measures: (r.measures as Measure[]).map((m) => MEASURE_LABEL[m] ?? m), decidedOn: r.decided_date,
    banStart: r.ban_start, banEnd: r.ban_end, banLife: r.ban_life, publicUntil: r.public_until, repairedOn: r.repaired_on, revokedOn: r.revoked_on,
  }));
}
