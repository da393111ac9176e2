/**
 * 上传申请材料 (YT-6.1) and investigation materials (YT-6.3). The bytes decide the type: a file
 * whose content is not an accepted type, or does not match the extension it claims, is refused and
 * nothing is kept; so is one whose inside breaks the archive caps or the allow-lists
 * (formats/inspect-upload.ts). The case records the file under its material kind in the same transaction.
 */
import { inScope } from '../../../core/access/policy';
import { AppError } from '../../../core/errors';
import { materialClause, materialRefusal } from '../../../core/procedure/tolerance-case';
import type { AppContext, RequestContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { caseForPolicy, type CaseRow } from '../cases/cases-repo';
import { storeFile, type StoredFile } from './store-file';
import { checkUpload } from './check-upload';

export async function addMaterial(app: AppContext, req: RequestContext, caseId: string, input: { kind: string; fileName: string; bytes: Buffer }): Promise<StoredFile> {
  // Type from the bytes, name's extension agreeing, archive caps and allow-lists inside (issue 16 M5).
  const { fileName, mediaType, bytes } = await checkUpload(app, input);
  return app.db.transaction(async (tx) => {
    const [c] = await tx.query<CaseRow>('SELECT * FROM cases WHERE id = $1 FOR UPDATE', [caseId]);
    if (!c || !inScope(req.scope, caseForPolicy(c))) throw new AppError('NOT_FOUND');
    if (c.procedure !== 'tolerance') throw new AppError('CASE_STATE', { zh: '该类案件不接收上传材料' });
    const refusal = materialRefusal(c.state, req.actor.role, input.kind);
    if (refusal) throw new AppError(refusal.unknownKind ? 'VALIDATION_FAILED' : 'CASE_STATE', { zh: refusal.zh, field: refusal.field });
    const file = await storeFile(app, tx, req, { caseId, origin: 'material', kind: input.kind, fileName, mediaType, bytes, clause: materialClause(input.kind) });
    const materials = { ...((c.data.materials as Record<string, string[]>) ?? {}) };
    materials[input.kind] = [...(materials[input.kind] ?? []), file.id];
    await tx.query('UPDATE cases SET data = $2::jsonb, version = version + 1, updated_at = $3 WHERE id = $1', [caseId, JSON.stringify({ ...c.data, materials }), app.clock.now().toISOString()]);
    return file;
  });
}

/** 下载: only someone who may see the case may fetch its files; every download is audited. */
export async function readCaseFile(app: AppContext, req: RequestContext, fileId: string) {
  return app.db.transaction(async (tx) => {
    const [f] = await tx.query<{ id: string; case_id: string; file_name: string; media_type: string; content: Uint8Array; sm3: string }>(
      'SELECT id, case_id, file_name, media_type, content, sm3 FROM files WHERE id = $1', [fileId]);
    if (!f) throw new AppError('NOT_FOUND');
    const [c] = await tx.query<CaseRow>('SELECT * FROM cases WHERE id = $1', [f.case_id]);
    if (!c || !inScope(req.scope, caseForPolicy(c))) throw new AppError('NOT_FOUND');
    await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'file.download', objectType: 'case', objectId: c.id, after: { file: f.id, sm3: f.sm3 } });
    return { fileName: f.file_name, mediaType: f.media_type, bytes: Buffer.from(f.content) };
  });
}
