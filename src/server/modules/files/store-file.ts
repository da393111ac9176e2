/**
 * Keeps a file with its case: content in the database (so every server process sees it), its
 * SHA-256 and SM3 digests, who added it and when, and an audit event naming the digest.
 */
import crypto from 'node:crypto';
import { randomUUID } from 'node:crypto';
import type { AppContext, RequestContext } from '../../context';
import type { Sql } from '../../db/database';
import { appendAudit } from '../audit/append-audit';

export interface StoredFile {
  id: string; caseId: string; origin: 'material' | 'document'; kind: string; fileName: string; mediaType: string;
  sizeBytes: number; sha256: string; sm3: string; clause: string | null; createdAt: string; uploadedBy?: string;
}

export interface NewFile { caseId: string; origin: 'material' | 'document'; kind: string; fileName: string; mediaType: string; bytes: Buffer; clause: string | null; /** A document's number (文号), named in its audit event. */ docNo?: string }

export async function storeFile(app: AppContext, tx: Sql, req: RequestContext, f: NewFile): Promise<StoredFile> {
  const id = randomUUID();
  const sha256 = crypto.createHash('sha256').update(f.bytes).digest('hex');
  const sm3 = crypto.createHash('sm3').update(f.bytes).digest('hex');
  const now = app.clock.now().toISOString();
  await tx.query(
    `INSERT INTO files (id, case_id, origin, kind, file_name, media_type, size_bytes, sha256, sm3, content, clause, uploaded_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [id, f.caseId, f.origin, f.kind, f.fileName, f.mediaType, f.bytes.length, sha256, sm3, f.bytes, f.clause, req.actor.userId, now],
  );
  await appendAudit(tx, app, {
    actor: req.actor, ip: req.ip, action: f.origin === 'material' ? 'file.upload' : 'document.generate', objectType: 'case', objectId: f.caseId,
    after: { file: id, kind: f.kind, mediaType: f.mediaType, size: f.bytes.length, sm3, clause: f.clause, ...(f.docNo ? { docNo: f.docNo } : {}) },
  });
  return { id, caseId: f.caseId, origin: f.origin, kind: f.kind, fileName: f.fileName, mediaType: f.mediaType, sizeBytes: f.bytes.length, sha256, sm3, clause: f.clause, createdAt: now };
}

interface FileRow { id: string; case_id: string; origin: 'material' | 'document'; kind: string; file_name: string; media_type: string; size_bytes: number; sha256: string; sm3: string; clause: string | null; created_at: Date; display_name: string }

export function presentFile(r: FileRow): StoredFile {
  return { id: r.id, caseId: r.case_id, origin: r.origin, kind: r.kind, fileName: r.file_name, mediaType: r.media_type, sizeBytes: r.size_bytes, sha256: r.sha256, sm3: r.sm3, clause: r.clause, createdAt: new Date(r.created_at).toISOString(), uploadedBy: r.display_name };
}

export async function listCaseFiles(db: Sql, caseId: string): Promise<StoredFile[]> {
  const rows = await db.query<FileRow>(
    `SELECT f.id, f.case_id, f.origin, f.kind, f.file_name, f.media_type, f.size_bytes, f.sha256, f.sm3, f.clause, f.created_at, u.display_name
       FROM files f JOIN users u ON u.id = f.uploaded_by WHERE f.case_id = $1 ORDER BY f.created_at, f.id`, [caseId]);
  return rows.map(presentFile);
}
