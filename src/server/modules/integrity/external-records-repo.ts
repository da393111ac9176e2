/** Queries on external misconduct records (CI-12, CI-13; migration 0116): kept as received, never updated. */
import type { ExternalSource } from '../../../core/sanctions/external-records';
import type { Sql } from '../../db/database';

export interface ExternalRecordRow {
  id: string; source: ExternalSource; sender: string; document_no: string; decided_by: string; decided_on: string; subject_kind: 'organization' | 'person';
  name: string; credit_code: string | null; id_number_index: string | null; id_number_masked: string | null; subject_id: string | null;
  conduct: string; measures: string[]; ban_start: string | null; ban_end: string | null; ban_life: boolean; region_code: string;
}

/** Inserts one record; null when the same sender already sent the same decision about the same subject. */
export async function insertExternalRecord(tx: Sql, r: {
  id: string; source: ExternalSource; sender: string; documentNo: string; decidedBy: string; decidedOn: string; subjectKind: 'organization' | 'person'; name: string;
  creditCode: string | null; idNumberIndex: string | null; idNumberMasked: string | null; subjectId: string | null; conduct: string; measures: string[];
  banStart: string | null; banEnd: string | null; banLife: boolean; regionCode: string; via: 'file' | 'machine'; userId: string | null; clientId: string | null; at: string;
}): Promise<string | null> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO external_misconduct_records (id, source, sender, document_no, decided_by, decided_on, subject_kind, name, credit_code, id_number_index, id_number_masked, subject_id,
       conduct, measures, ban_start, ban_end, ban_life, region_code, imported_via, imported_by, imported_by_client, imported_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::text[], $15, $16, $17, $18, $19, $20, $21, $22) ON CONFLICT DO NOTHING RETURNING id`,
    [r.id, r.source, r.sender, r.documentNo, r.decidedBy, r.decidedOn, r.subjectKind, r.name, r.creditCode, r.idNumberIndex, r.idNumberMasked, r.subjectId,
      r.conduct, r.measures, r.banStart, r.banEnd, r.banLife, r.regionCode, r.via, r.userId, r.clientId, r.at]);
  return rows[0]?.id ?? null;
}

/** Subjects of the register with these credit codes or ID-number blind indexes (to link a record to its subject). */
export async function subjectsByIdentifiers(db: Sql, codes: string[], indexes: string[]) {
  return db.query<{ id: string; name: string; credit_code: string | null; id_number_index: string | null }>(
    'SELECT id, name, credit_code, id_number_index FROM subjects WHERE credit_code = ANY($1::text[]) OR id_number_index = ANY($2::text[])', [codes, indexes]);
}

/** External records about any of these identifiers, whatever region received them: a ban anywhere bars (CI-13). */
export async function externalRecordsFor(db: Sql, codes: string[], indexes: string[]): Promise<ExternalRecordRow[]> {
  if (codes.length === 0 && indexes.length === 0) return [];
  return db.query<ExternalRecordRow>(
    `SELECT id, source, sender, document_no, decided_by, decided_on, subject_kind, name, credit_code, id_number_index, id_number_masked, subject_id,
            conduct, measures, ban_start, ban_end, ban_life, region_code
       FROM external_misconduct_records WHERE credit_code = ANY($1::text[]) OR id_number_index = ANY($2::text[]) ORDER BY decided_on, id`, [codes, indexes]);
}
