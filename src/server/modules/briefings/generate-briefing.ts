/**
 * 生成统计简报 (YT-12): the figures of a period and a region, counted from the records, as a DOCX brief
 * for the leadership group and 纪委监委 — for a region within the caller's data scope only (outside it,
 * or unknown: 404, as a record outside scope answers). Audited with the figures it gave.
 */
import { briefingContent, type BriefingFigures } from '../../../core/documents/briefing';
import { AppError } from '../../../core/errors';
import { bureauFor } from '../../../core/regions/yunnan';
import { businessDate } from '../../../core/time/clock';
import type { AppContext, RequestContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { renderDocx } from '../documents/render';
import { briefingCounts } from './briefings-repo';

export async function generateBriefing(app: AppContext, req: RequestContext, input: { regionCode: string; from: string; to: string }): Promise<{ figures: BriefingFigures; docx: Buffer }> {
  const region = app.regions.get(input.regionCode);
  if (!region || req.scope.kind !== 'regions' || !req.scope.codes.includes(input.regionCode)) throw new AppError('NOT_FOUND', { field: 'regionCode', zh: '该区划不在本人的数据范围内' });
  if (input.to < input.from) throw new AppError('VALIDATION_FAILED', { field: 'to', zh: '统计期间的截止日早于起始日' });
  const codes = app.regions.subtree(input.regionCode);
  const counts = await briefingCounts(app.db, codes, input.from, input.to);
  const figures: BriefingFigures = { regionCode: region.code, regionName: region.name, issuer: bureauFor(region).name, from: input.from, to: input.to, today: businessDate(app.clock), ...counts };
  const docx = await renderDocx(briefingContent(figures));
  await app.db.transaction((tx) => appendAudit(tx, app, {
    actor: req.actor, ip: req.ip, action: 'briefing.generate', objectType: 'region', objectId: region.code, after: { ...figures, clause: 'YT-12' },
  }));
  return { figures, docx };
}
