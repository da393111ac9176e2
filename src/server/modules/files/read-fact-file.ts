/**
 * 下载事实的文件: a finding's source document (CI-5) or a signed commitment's scan (CI-9), only for
 * someone who may see the subject it concerns (404 otherwise, as for a record out of scope); audited.
 */
import { subjectAbilities } from '../../../core/access/policy';
import { AppError } from '../../../core/errors';
import type { AppContext, RequestContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { getSubject, subjectForPolicy } from '../subjects/subjects-repo';
import { getFactFile } from './fact-files-repo';

export async function readFactFile(app: AppContext, req: RequestContext, fileId: string) {
  return app.db.transaction(async (tx) => {
    const f = await getFactFile(tx, fileId);
    if (!f) throw new AppError('NOT_FOUND');
    const table = f.owner_type === 'finding' ? 'findings' : 'commitments';
    const [owner] = await tx.query<{ subject_id: string }>(`SELECT subject_id FROM ${table} WHERE id = $1`, [f.owner_id]);
    const s = owner ? await getSubject(tx, owner.subject_id) : null;
    if (!s || !subjectAbilities(req.actor, req.scope, subjectForPolicy(s)).read) throw new AppError('NOT_FOUND');
    await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'fact_file.download', objectType: f.owner_type, objectId: f.owner_id, after: { file: f.id, sm3: f.sm3 } });
    return { fileName: f.file_name, mediaType: f.media_type, bytes: Buffer.from(f.content) };
  });
}
