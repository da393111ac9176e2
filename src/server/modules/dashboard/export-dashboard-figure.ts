/**
 * 统计导出 (issue 20): one dashboard figure's table — each group in words and its count, as the chart
 * shows it for the same region — as an Excel sheet, audited as an export of its own.
 */
import { DIMENSION_LABEL, FIGURE_DIMENSIONS, FIGURES, type Dimension, type FigureId } from '../../../core/dashboard/figures';
import type { AppContext, RequestContext } from '../../context';
import { toXlsx } from '../../formats/xlsx';
import { auditExport } from '../audit/audit-export';
import { dashboardEnv, figureRows, mayReadFigure, type FigureRowOut } from './read-dashboard';

export async function exportDashboardFigure(app: AppContext, ctx: RequestContext, figure: FigureId, regionCode: string | undefined) {
  mayReadFigure(ctx, figure);
  const env = dashboardEnv(app, ctx, regionCode);
  const rows = await figureRows(app, ctx, figure, env);
  const dims = FIGURE_DIMENSIONS[figure] as readonly Dimension[];
  const bytes = await toXlsx<FigureRowOut>(FIGURES[figure].title.slice(0, 31), [
    ...dims.map((d) => ({ header: DIMENSION_LABEL[d], width: d === 'section' || d === 'procedure' ? 30 : 16, value: (r: FigureRowOut) => r.labels[d] ?? null })),
    { header: '件数', value: (r) => r.count },
  ], rows);
  await auditExport(app, ctx, 'list.export', 'dashboard', { figure, regionCode: env.regionCode, today: env.today, rows: rows.length, total: rows.reduce((a, r) => a + r.count, 0) });
  return { bytes, fileName: `${FIGURES[figure].title}-${app.regions.get(env.regionCode)?.name ?? env.regionCode}-${env.today}.xlsx` };
}
