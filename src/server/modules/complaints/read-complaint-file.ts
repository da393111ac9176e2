/**
 * 下载投诉举报附件 (CI-29): only the intake staff of the complaint's area (the route asks for
 * `complaint.intake`; the data scope here) fetch a complainant's evidence; outside the scope it does
 * not exist (404). Every download is audited with the file's SM3 digest, in the reading transaction.
 */
import { inScope, regionRecord } from '../../../core/access/policy';
import { AppError } from '../../../core/errors';
import type { AppContext, RequestContext } from '../../context';
import { appendAudit } from '../audit/append-audit';

export async function readComplaintFile(app: AppContext, req: RequestContext, fileId: string) {
  return app.db.transaction(async (tx) => {
    const [f] = await tx.query<{ id: string; intake_id: string; jurisdiction_code: string; file_name: string; media_type: string; content: Uint8Array; sm3: string }>(
      `SELECT f.id, f.intake_id, i.jurisdiction_code, f.file_name, f.media_type, f.content, f.sm3
         FROM complaint_files f JOIN complaint_intake i ON i.id = f.intake_id WHERE f.id = $1`, [fileId]);
    if (!f || !inScope(req.scope, regionRecord(f.jurisdiction_code))) throw new AppError('NOT_FOUND');
    await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'complaint.file_download', objectType: 'complaint', objectId: f.intake_id, after: { file: f.id, sm3: f.sm3 } });
    return { fileName: f.file_name, mediaType: f.media_type, bytes: Buffer.from(f.content) };
  });
}
