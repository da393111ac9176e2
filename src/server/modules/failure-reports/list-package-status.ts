/**
 * 年度汇编报送情况 (YT-11): for a year, each county and prefecture bureau of the caller's area — whether it
 * sent its package, when, and how many submitted reports of the year it holds — so the province sees who
 * has not sent by the December deadline. Read only.
 */
import { failurePackageDue } from '../../../core/documents/failure-package';
import { AppError } from '../../../core/errors';
import type { AppContext, RequestContext } from '../../context';
import { packageStatus } from './failure-packages-repo';

export async function listPackageStatus(app: AppContext, req: RequestContext, year: number, unsentOnly: boolean) {
  if (req.scope.kind !== 'regions') throw new AppError('FORBIDDEN');
  const codes = req.scope.codes.filter((c) => { const l = app.regions.get(c)?.level; return l === 'prefecture' || l === 'county'; });
  const rows = await packageStatus(app.db, codes, year);
  const items = rows.map((r) => ({ regionCode: r.code, regionName: app.regions.get(r.code)!.name, level: app.regions.get(r.code)!.level, sent: r.compiled_at !== null,
    compiledAt: r.compiled_at ? new Date(r.compiled_at).toISOString() : null, reports: Number(r.reports) }));
  return { year, due: failurePackageDue(year), items: unsentOnly ? items.filter((i) => !i.sent) : items };
}
