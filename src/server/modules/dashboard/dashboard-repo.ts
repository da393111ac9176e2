/**
 * The dashboard's queries (issue 20). Each figure is ONE filter (`figureFilter`): the rows it counts,
 * within the caller's DataScope and the region asked for, and the SQL of each dimension it is grouped
 * by. `countFigure` groups that filter; `listFigure` reads the same filter with every dimension fixed
 * to the bar clicked, so a bar's number is the length of the list behind it by construction.
 */
import type { DataScope } from '../../../core/access/policy';
import { FIGURE_DIMENSIONS, type Dimension, type FigureId } from '../../../core/dashboard/figures';
import { PROCEDURES } from '../../../core/procedure/procedures';
import type { Sql } from '../../db/database';
import { inRegions, Params, scopeSql } from '../../db/params';
import { CASE_UNIT_SQL } from '../cases/cases-repo';

export interface FigureEnv { today: string; weekEnd: string; regionCodes: readonly string[] }

/** The drill-down list stops here; the figure still counts every row (the list says it was cut). */
export const DRILL_LIST_CAP = 2000;

interface Filter { from: string; where: string; dims: Record<string, string>; list: string; order: string }

const CASE_SCOPE = { region: ['c.jurisdiction_code'], unit: [CASE_UNIT_SQL], person: ['c.applicant_person_id'] };
// Procedure ids are declared identifiers (checked here), written into the text so the expression binds no parameter.
const integrityProcedures = Object.values(PROCEDURES).filter((d) => d.family === 'integrity').map((d) => { if (!/^[a-z_]+$/.test(d.id)) throw new Error(d.id); return `'${d.id}'`; });

/** The section that handles a clock (sections.id): a case's by its procedure's family (科研诚信 → integrity section), every other clock the business section's. */
const SECTION_SQL = `(d.jurisdiction_code || ':' || (CASE WHEN c.procedure IN (${integrityProcedures.join(', ')}) THEN 'integrity' ELSE 'business' END))`;

export function figureFilter(figure: FigureId, scope: DataScope, p: Params, env: FigureEnv): Filter {
  switch (figure) {
    case 'cases':
      return {
        from: 'cases c', where: `${scopeSql(scope, p, CASE_SCOPE)} AND ${inRegions(p, 'c.jurisdiction_code', env.regionCodes)}`,
        dims: { procedure: 'c.procedure', state: 'c.state', region: 'c.jurisdiction_code' },
        list: `c.id, c.procedure, c.state, c.jurisdiction_code AS region_code, c.id::text AS case_id, c.updated_at::date::text AS on_date, NULL::text AS subject_name, NULL::text AS title`,
        order: 'c.updated_at DESC, c.id',
      };
    case 'deadlines_at_risk':
    case 'overdue_by_section': {
      // Clocks belong to a region only (listOpenClocks reads them so): outside a regional scope, none.
      const clockScope = scope.kind === 'regions' ? inRegions(p, 'd.jurisdiction_code', scope.codes) : 'false';
      const when = figure === 'deadlines_at_risk'
        ? `d.due_date >= ${p.add(env.today)}::date AND d.due_date <= ${p.add(env.weekEnd)}::date`
        : `d.due_date < ${p.add(env.today)}::date`;
      return {
        from: `deadline_clocks d LEFT JOIN cases c ON d.owner_type = 'case' AND c.id::text = d.owner_id`,
        where: `d.status <> 'stopped' AND ${clockScope} AND ${inRegions(p, 'd.jurisdiction_code', env.regionCodes)} AND ${when}`,
        dims: figure === 'deadlines_at_risk' ? { dueDate: 'd.due_date::text', region: 'd.jurisdiction_code' } : { section: SECTION_SQL, region: 'd.jurisdiction_code' },
        list: `d.id, c.procedure, c.state, d.jurisdiction_code AS region_code, c.id::text AS case_id, d.due_date::text AS on_date, NULL::text AS subject_name, d.title`,
        order: 'd.due_date, d.id',
      };
    }
    case 'ratings':
      return {
        from: 'ratings r JOIN subjects s ON s.id = r.subject_id',
        where: `${scopeSql(scope, p, { region: ['s.region_code'], unit: ['s.id', 's.employer_id'], person: ['s.id'] })} AND ${inRegions(p, 'r.region_code', env.regionCodes)}`,
        // The same buckets as the ratings list's level filter: awaiting determination, not rated, or the level in effect.
        dims: {
          level: `(CASE WHEN r.determination_required AND r.determined_level IS NULL THEN 'pending' ELSE COALESCE(r.determined_level, r.computed_level, 'none') END)`,
          region: 'r.region_code', year: 'r.year::text',
        },
        list: `r.id, NULL::text AS procedure, r.subject_type AS state, r.region_code, NULL::text AS case_id, r.year::text AS on_date, s.name AS subject_name, r.subject_id::text AS title`,
        order: 's.name, r.subject_type, r.id',
      };
    case 'sanctions':
      return {
        from: 'sanctions x JOIN cases c ON c.id = x.case_id JOIN subjects s ON s.id = x.subject_id',
        where: `${scopeSql(scope, p, CASE_SCOPE)} AND ${inRegions(p, 'c.jurisdiction_code', env.regionCodes)}`,
        dims: { severity: 'x.severity', region: 'c.jurisdiction_code' },
        list: `x.id, c.procedure, x.severity AS state, c.jurisdiction_code AS region_code, c.id::text AS case_id, x.decided_date::text AS on_date, s.name AS subject_name, x.misconduct_kind AS title`,
        order: 'x.decided_date DESC, x.id',
      };
    case 'tolerance_outcomes':
      return {
        from: 'cases c',
        where: `c.procedure = 'tolerance' AND c.data->'decision'->>'outcome' IS NOT NULL AND ${scopeSql(scope, p, CASE_SCOPE)} AND ${inRegions(p, 'c.jurisdiction_code', env.regionCodes)}`,
        dims: { outcome: `(c.data->'decision'->>'outcome')`, region: 'c.jurisdiction_code' },
        list: `c.id, c.procedure, c.state, c.jurisdiction_code AS region_code, c.id::text AS case_id, c.updated_at::date::text AS on_date, NULL::text AS subject_name, NULL::text AS title`,
        order: 'c.updated_at DESC, c.id',
      };
  }
}

export type FigureKey = Partial<Record<Dimension, string>>;

/** The figure: its filter grouped by every dimension it declares. */
export async function countFigure(db: Sql, figure: FigureId, scope: DataScope, env: FigureEnv): Promise<Array<{ key: FigureKey; count: number }>> {
  const p = new Params();
  const f = figureFilter(figure, scope, p, env);
  const dims = FIGURE_DIMENSIONS[figure] as readonly Dimension[];
  const rows = await db.query<Record<string, string> & { n: number }>(
    `SELECT ${dims.map((d, i) => `${f.dims[d]} AS k${i}`).join(', ')}, count(*)::int AS n FROM ${f.from} WHERE ${f.where} GROUP BY ${dims.map((_, i) => i + 1).join(', ')} ORDER BY ${dims.map((_, i) => i + 1).join(', ')}`, p.values);
  return rows.map((r) => ({ key: Object.fromEntries(dims.map((d, i) => [d, String(r[`k${i}`])])) as FigureKey, count: Number(r.n) }));
}

export interface DrillRow { id: string; procedure: string | null; state: string | null; region_code: string; case_id: string | null; on_date: string | null; subject_name: string | null; title: string | null; total: number }

/** The list behind a bar: the figure's filter with each given dimension fixed (those not given stay open). */
export async function listFigure(db: Sql, figure: FigureId, scope: DataScope, env: FigureEnv, key: FigureKey): Promise<{ total: number; rows: DrillRow[] }> {
  const p = new Params();
  const f = figureFilter(figure, scope, p, env);
  const w = [f.where];
  for (const d of FIGURE_DIMENSIONS[figure] as readonly Dimension[]) if (key[d] !== undefined) w.push(`${f.dims[d]} = ${p.add(key[d])}`);
  const rows = await db.query<DrillRow>(
    `SELECT ${f.list}, count(*) OVER ()::int AS total FROM ${f.from} WHERE ${w.join(' AND ')} ORDER BY ${f.order} LIMIT ${DRILL_LIST_CAP}`, p.values);
  return { total: rows.length ? Number(rows[0].total) : 0, rows };
}
