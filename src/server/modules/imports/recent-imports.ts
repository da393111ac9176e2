/** 最近的导入: the caller's own confirmed imports, newest first, with the file's digests and counts. */
import type { AppContext, RequestContext } from '../../context';
import { recentBatches } from './imports-repo';

export async function recentImports(app: AppContext, req: RequestContext) {
  const rows = await recentBatches(app.db, req.actor.userId, 20);
  return rows.map((b) => ({
    id: b.id, kind: b.kind, fileName: b.file_name, sha256: b.file_sha256, sm3: b.file_sm3, rows: Number(b.rows_total),
    counts: { new: Number(b.created_count), changed: Number(b.changed_count), unchanged: Number(b.unchanged_count) }, importedAt: b.imported_at,
  }));
}
