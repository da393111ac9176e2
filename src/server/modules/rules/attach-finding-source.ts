/**
 * 上传认定事实的来源文件 (CI-5: a finding rests on its source document): the document itself, not
 * only its reference, checked by content as case files are (`files/check-upload.ts`), hashed SHA-256
 * and SM3, kept with the finding. A finding keeps the one file it was recorded on; a withdrawn
 * finding takes none (its successor does). One transaction, audited.
 */
import { randomUUID } from 'node:crypto';
import { subjectAbilities } from '../../../core/access/policy';
import { AppError } from '../../../core/errors';
import type { AppContext, RequestContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { checkUpload } from '../files/check-upload';
import { insertFactFile } from '../files/fact-files-repo';
import { getSubject, subjectForPolicy } from '../subjects/subjects-repo';

export async function attachFindingSource(app: AppContext, req: RequestContext, findingId: string, input: { fileName: string; bytes: Buffer }) {
  const file = await checkUpload(app, input);
  return app.db.transaction(async (tx) => {
    const [f] = await tx.query<{ id: string; subject_id: string; withdrawn_at: Date | null; source_file_id: string | null }>(
      'SELECT id, subject_id, withdrawn_at, source_file_id FROM findings WHERE id = $1 FOR UPDATE', [findingId]);
    const s = f ? await getSubject(tx, f.subject_id) : null;
    if (!f || !s || !subjectAbilities(req.actor, req.scope, subjectForPolicy(s)).read) throw new AppError('NOT_FOUND');
    if (f.withdrawn_at) throw new AppError('INCONSISTENT', { field: 'file', zh: '该认定事实已撤销，来源文件随更正后的认定事实上传' });
    if (f.source_file_id) throw new AppError('INCONSISTENT', { field: 'file', zh: '该认定事实已有来源文件（CI-5）；来源有误的，请更正认定事实' });
    const meta = await insertFactFile(tx, { id: randomUUID(), ownerType: 'finding', ownerId: f.id, ...file, uploadedBy: req.actor.userId!, at: app.clock.now().toISOString() });
    await tx.query('UPDATE findings SET source_file_id = $2 WHERE id = $1', [f.id, meta.id]);
    await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'finding.attach_source', objectType: 'finding', objectId: f.id,
      after: { file: meta.id, fileName: meta.fileName, mediaType: meta.mediaType, size: meta.sizeBytes, sm3: meta.sm3, clause: 'CI-5' } });
    return meta;
  });
}
