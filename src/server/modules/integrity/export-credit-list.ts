/**
 * 报送信用信息共享平台 (CI-27): the listed subjects in force today in the bureau's area, as JSON or
 * Excel, logged with the listing ids it held and its digest, so the bureau can say what it sent and
 * when. Every entry has an end (CI-28, and the national credit-repair rules where the sanction has
 * none) and carries the last day it may be published, so the platform stops showing it when the page
 * does. The rows are read by `listingsForPlatform`, the same reading the exchange batches use
 * (`modules/exchange/`), which send only what changed since the last acknowledged batch. Personal data is limited to what the platform takes: name, credit code for a unit, dates.
 */
import { AppError } from '../../../core/errors';
import { businessDate } from '../../../core/time/clock';
import type { AppContext, RequestContext } from '../../context';
import { listingsForPlatform } from './listings-repo';
import { toXlsx } from '../../formats/xlsx';
import { logExport } from '../exports/log-export';

interface Entry { listingId: string; name: string; kind: string; creditCode: string | null; grounds: string; listedOn: string; until: string; publicUntil: string | null; endBasis: string | null; clause: 'CI-27' }

export async function exportCreditList(app: AppContext, req: RequestContext, format: 'json' | 'xlsx') {
  if (!req.actor.regionCode) throw new AppError('FORBIDDEN');
  const today = businessDate(app.clock);
  const rows = await listingsForPlatform(app.db, req.scope, today, { inForceOnly: true });
  const items: Entry[] = rows.map((r) => ({ listingId: r.id, name: r.name, kind: r.kind, creditCode: r.kind === 'organization' ? r.creditCode : null, grounds: r.grounds, listedOn: r.listedOn, until: r.until!, publicUntil: r.publicUntil, endBasis: r.endBasis, clause: 'CI-27' }));
  const exportedAt = app.clock.now().toISOString();
  const body = format === 'json'
    ? Buffer.from(JSON.stringify({ kind: 'credit_list', clause: 'CI-27', exportedAt, jurisdiction: req.actor.regionCode, items }, null, 2))
    : await toXlsx('失信惩戒名单', [
      { header: '名称', width: 30, value: (e: Entry) => e.name }, { header: '统一社会信用代码', width: 22, value: (e) => e.creditCode },
      { header: '列入依据', width: 40, value: (e) => e.grounds }, { header: '列入日期', value: (e) => e.listedOn }, { header: '名单期限至', value: (e) => e.until }, { header: '公开至', value: (e) => e.publicUntil ?? '不公开' }, { header: '期限依据', width: 60, value: (e) => e.endBasis },
    ], items);
  return logExport(app, req, { kind: 'credit_list', action: 'export.credit_list', format, itemIds: items.map((e) => e.listingId), body, at: exportedAt });
}
