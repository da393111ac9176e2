/** Files kept as the evidence of a fact (a finding's source document, a signed commitment's scan): queries only. */
import crypto from 'node:crypto';
import type { Sql } from '../../db/database';

export interface FactFileMeta { id: string; fileName: string; mediaType: string; sizeBytes: number; sha256: string; sm3: string; createdAt: string }

export async function insertFactFile(tx: Sql, f: { id: string; ownerType: 'finding' | 'commitment'; ownerId: string; fileName: string; mediaType: string; bytes: Buffer; uploadedBy: string; at: string }): Promise<FactFileMeta> {
  const sha256 = crypto.createHash('sha256').update(f.bytes).digest('hex');
  const sm3 = crypto.createHash('sm3').update(f.bytes).digest('hex');
  await tx.query(
    `INSERT INTO fact_files (id, owner_type, owner_id, file_name, media_type, size_bytes, sha256, sm3, content, uploaded_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [f.id, f.ownerType, f.ownerId, f.fileName, f.mediaType, f.bytes.length, sha256, sm3, f.bytes, f.uploadedBy, f.at]);
  return { id: f.id, fileName: f.fileName, mediaType: f.mediaType, sizeBytes: f.bytes.length, sha256, sm3, createdAt: f.at };
}

export async function getFactFile(db: Sql, id: string) {
  const [row] = await db.query<{ id: string; owner_type: 'finding' | 'commitment'; owner_id: string; file_name: string; media_type: string; content: Uint8Array; sm3: string }>(
    'SELECT id, owner_type, owner_id, file_name, media_type, content, sm3 FROM fact_files WHERE id = $1', [id]);
  return row ?? null;
}
