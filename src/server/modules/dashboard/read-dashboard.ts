/**
 * 领导驾驶舱 (issue 20): the figures of the caller's dashboard for a region of its area (its own by
 * default), each grouped by its dimensions with every key named in Chinese; and the list behind one
 * bar. Both read `dashboard-repo.ts#figureFilter`, so a figure equals the length of its list. A region
 * outside the caller's scope answers 404, as every record outside it does.
 */
import { inScope, regionRecord } from '../../../core/access/policy';
import { dashboardFigures, DIMENSION_LABEL, FIGURE_DIMENSIONS, FIGURES, RATING_LEVEL_BUCKET_LABEL, weekEnd, type Dimension, type FigureId } from '../../../core/dashboard/figures';
import { AppError } from '../../../core/errors';
import { OUTCOME_LABEL, type Outcome } from '../../../core/procedure/tolerance-case';
import { PROCEDURES } from '../../../core/procedure/procedures';
import { SUBJECT_TYPE_LABEL, type SubjectType } from '../../../core/rating/criteria';
import { MISCONDUCT_KIND_LABEL, type MisconductKind } from '../../../core/sanctions/misconduct';
import { SEVERITY_LABEL, type Severity } from '../../../core/sanctions/sanctions';
import { caseNumber } from '../../../core/documents/templates';
import { businessDate } from '../../../core/time/clock';
import type { AppContext, RequestContext } from '../../context';
import { countFigure, DRILL_LIST_CAP, listFigure, type DrillRow, type FigureEnv, type FigureKey } from './dashboard-repo';

const SECTION_KIND_LABEL: Record<string, string> = { business: '业务科室', integrity: '科研诚信管理科室' };

/** The region asked for, if the caller's scope holds it (else 404), and the figures' environment. */
export function dashboardEnv(app: AppContext, ctx: RequestContext, regionCode: string | undefined): FigureEnv & { regionCode: string } {
  const code = regionCode ?? ctx.actor.regionCode;
  if (!code || !app.regions.get(code) || !inScope(ctx.scope, regionRecord(code))) throw new AppError('NOT_FOUND', { zh: '本辖区内没有该区划' });
  const today = businessDate(app.clock);
  return { regionCode: code, today, weekEnd: weekEnd(today), regionCodes: app.regions.subtree(code) };
}

/** The figures the caller's role has on its dashboard; another figure answers 403. */
export function mayReadFigure(ctx: RequestContext, figure: FigureId): void {
  if (!dashboardFigures(ctx.actor.role).includes(figure)) throw new AppError('FORBIDDEN', { zh: `您的驾驶舱不含“${FIGURES[figure].title}”` });
}

/** A dimension's value in words. */
export function labelOf(app: AppContext, d: Dimension, v: string, key: FigureKey): string {
  switch (d) {
    case 'procedure': return PROCEDURES[v]?.title ?? v;
    case 'state': return (key.procedure && PROCEDURES[key.procedure]?.states.find((s) => s.id === v)?.label) || v;
    case 'region': return app.regions.get(v)?.name ?? v;
    case 'section': { const [code, kind] = v.split(':'); return `${app.regions.get(code)?.name ?? code}${SECTION_KIND_LABEL[kind] ?? kind}`; }
    case 'level': return RATING_LEVEL_BUCKET_LABEL[v] ?? v;
    case 'year': return `${v} 年度`;
    case 'severity': return SEVERITY_LABEL[v as Severity] ?? v;
    case 'outcome': return OUTCOME_LABEL[v as Outcome] ?? v;
    case 'dueDate': return v;
  }
}

export interface FigureRowOut { key: FigureKey; labels: Partial<Record<Dimension, string>>; count: number }

export async function figureRows(app: AppContext, ctx: RequestContext, figure: FigureId, env: FigureEnv): Promise<FigureRowOut[]> {
  const rows = await countFigure(app.db, figure, ctx.scope, env);
  return rows.map((r) => ({
    key: r.key, count: r.count,
    labels: Object.fromEntries(Object.entries(r.key).map(([d, v]) => [d, labelOf(app, d as Dimension, v!, r.key)])),
  }));
}

export async function readDashboard(app: AppContext, ctx: RequestContext, regionCode: string | undefined) {
  const env = dashboardEnv(app, ctx, regionCode);
  const figures = [];
  // One after another: PGlite serialises queries anyway, and PostgreSQL's pool is shared with other requests.
  for (const id of dashboardFigures(ctx.actor.role)) {
    const rows = await figureRows(app, ctx, id, env);
    figures.push({
      ...FIGURES[id], dimensions: FIGURE_DIMENSIONS[id].map((d) => ({ id: d, label: DIMENSION_LABEL[d] })),
      total: rows.reduce((a, r) => a + r.count, 0), rows,
    });
  }
  const region = app.regions.get(env.regionCode)!;
  return {
    regionCode: env.regionCode, regionName: region.name, today: env.today, weekEnd: env.weekEnd,
    // The regions the caller may switch to: its own and those below it.
    regions: app.regions.subtree(ctx.actor.regionCode ?? env.regionCode).filter((c) => inScope(ctx.scope, regionRecord(c))).map((c) => ({ code: c, name: app.regions.get(c)!.name })),
    figures,
  };
}

export interface DrillItem { id: string; caseId: string | null; caseNo: string | null; subjectId: string | null; subjectName: string | null; what: string; stateLabel: string; regionCode: string; regionName: string; date: string | null }

function presentDrillRow(app: AppContext, figure: FigureId, r: DrillRow): DrillItem {
  const def = r.procedure ? PROCEDURES[r.procedure] : undefined;
  const base = { id: r.id, caseId: r.case_id, caseNo: r.case_id ? caseNumber(r.case_id) : null, subjectId: null as string | null, subjectName: r.subject_name, regionCode: r.region_code, regionName: app.regions.get(r.region_code)?.name ?? r.region_code, date: r.on_date };
  const stateLabel = def?.states.find((s) => s.id === r.state)?.label ?? r.state ?? '';
  switch (figure) {
    case 'ratings': return { ...base, caseId: null, subjectId: r.title, what: SUBJECT_TYPE_LABEL[r.state as SubjectType] ?? r.state ?? '', stateLabel: '' };
    case 'sanctions': return { ...base, what: MISCONDUCT_KIND_LABEL[r.title as MisconductKind] ?? r.title ?? '', stateLabel: SEVERITY_LABEL[r.state as Severity] ?? r.state ?? '' };
    case 'deadlines_at_risk': case 'overdue_by_section': return { ...base, what: r.title ?? '', stateLabel: def ? `${def.title} · ${stateLabel}` : '' };
    default: return { ...base, what: def?.title ?? r.procedure ?? '', stateLabel };
  }
}

/** The list behind one bar (every dimension of the key fixed; a dimension left out stays open). */
export async function readFigureList(app: AppContext, ctx: RequestContext, figure: FigureId, regionCode: string | undefined, key: FigureKey) {
  mayReadFigure(ctx, figure);
  const env = dashboardEnv(app, ctx, regionCode);
  const { total, rows } = await listFigure(app.db, figure, ctx.scope, env, key);
  return {
    figure, title: FIGURES[figure].title, regionCode: env.regionCode, today: env.today, weekEnd: env.weekEnd,
    filter: Object.fromEntries(Object.entries(key).map(([d, v]) => [d, labelOf(app, d as Dimension, v!, key)])),
    total, truncated: total > DRILL_LIST_CAP, items: rows.map((r) => presentDrillRow(app, figure, r)),
  };
}
