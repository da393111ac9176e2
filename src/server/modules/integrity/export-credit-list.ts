/**
 * 报送信用信息共享平台 (CI-27): the listed subjects in force today in the bureau's area, as JSON or
 * Excel, logged with the listing ids it held and its digest, so the bureau can say what it sent and
 * when. Every entry has an end (CI-28, and the national credit-repair rules where the sanction has
 * none) and carries the last day it may be published, so the platform stops showing it when the page
 * does. Personal data is limited to what the platform takes: name, credit code for a unit, dates.
 */
import { AppError } from '../../../core/errors';
import { businessDate } from '../../../core/time/clock';
import type { AppContext, RequestContext } from '../../context';
import { Params, scopeSql } from '../../db/params';
import { toXlsx } from '../../formats/xlsx';
import { logExport } from '../exports/log-export';

interface Entry { listingId: string; name: string; kind: string; creditCode: string | null; grounds: string; listedOn: string; until: string; publicUntil: string | null; endBasis: string | null; clause: 'CI-27' }

export async function exportCreditList(app: AppContext, req: RequestContext, format: 'json' | 'xlsx') {
  if (!req.actor.regionCode) throw new AppError('FORBIDDEN');
  const today = businessDate(app.clock);
  const p = new Params();
  const w = [scopeSql(req.scope, p, { region: ['l.jurisdiction_code'], unit: [], person: [] }), `l.listed_on <= ${p.add(today)}::date`, `l.until >= ${p.add(today)}::date`, `(l.repaired_on IS NULL OR l.repaired_on > ${p.add(today)}::date)`];
  const rows = await app.db.query<any>(`SELECT l.id, s.name, s.kind, s.credit_code, l.grounds, l.listed_on, l.until, l.public_until, l.end_basis FROM listings l JOIN subjects s ON s.id = l.subject_id WHERE ${w.join(' AND ')} ORDER BY l.listed_on, l.id`, p.values);
  const items: Entry[] = rows.map((r) => ({ listingId: r.id, name: r.name, kind: r.kind, creditCode: r.kind === 'organization' ? r.credit_code : null, grounds: r.grounds, listedOn: r.listed_on, until: r.until, publicUntil: r.public_until, endBasis: r.end_basis, clause: 'CI-27' }));
  const exportedAt = app.clock.now().toISOString();
  const body = format === 'json'
    ? Buffer.from(JSON.stringify({ kind: 'credit_list', clause: 'CI-27', exportedAt, jurisdiction: req.actor.regionCode, items }, null, 2))
    : await toXlsx('失信惩戒名单', [
      { header: '名称', width: 30, value: (e: Entry) => e.name }, { header: '统一社会信用代码', width: 22, value: (e) => e.creditCode },
      { header: '列入依据', width: 40, value: (e) => e.grounds }, { header: '列入日期', value: (e) => e.listedOn }, { header: '名单期限至', value: (e) => e.until }, { header: '公开至', value: (e) => e.publicUntil ?? '不公开' }, { header: '期限依据', width: 60, value: (e) => e.endBasis },
    ], items);
  return logExport(app, req, { kind: 'credit_list', action: 'export.credit_list', format, itemIds: items.map((e) => e.listingId), body, at: exportedAt });
}
