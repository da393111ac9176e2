/**
 * 公开名单 (CI-25.4, CI-26, CI-27, CI-28): the sanctions published to everyone and the serious dishonesty list, in force on the day asked
 * about — an entry appears on its start and leaves by itself the day after its ban ends (derived
 * from dates, nothing to switch off). Only what the public needs: name, credit code for a unit, the
 * clause, the measures and the dates; never an ID number.
 */
import { MISCONDUCT_KIND_LABEL, type MisconductKind } from '../../../core/sanctions/misconduct';
import { MEASURE_LABEL, SEVERITY_LABEL, type Measure, type Severity } from '../../../core/sanctions/sanctions';
import { addCalendarDays } from '../../../core/time/iso-date';
import type { Sql } from '../../db/database';
import { Params, pageClause } from '../../db/params';

const ROLE_LABEL: Record<string, string> = { legal_representative: '法定代表人', principal: '主要负责人', actual_controller: '实际控制人' };

export interface PublicEntry {
  id: string; name: string; kind: 'organization' | 'person'; creditCode: string | null; answersFor: string | null;
  misconduct: string; severity: string; clause: string; measures: string[]; decidedOn: string; banUntil: string | null; removedOn: string | null;
}

/** Escapes LIKE wildcards so a search for 50% or a_b means exactly that. */
const likeText = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function publicList(db: Sql, today: string, q: string | null, page: number, pageSize: number): Promise<{ total: number; items: PublicEntry[] }> {
  const p = new Params();
  const t = p.add(today);
  // Published sanctions (CI-25.4) and the serious dishonesty list (CI-27), each while its period runs (CI-28).
  const entries = `
    SELECT x.id, x.subject_id, x.responsible_for, x.responsible_role, x.misconduct_kind, x.severity, x.clause, x.measures, x.decided_date, x.ban_end, x.ban_life, false AS listing
      FROM sanctions x WHERE x.public_list AND x.ban_start <= ${t}::date AND (x.ban_end IS NULL OR x.ban_end >= ${t}::date) AND (x.repaired_on IS NULL OR x.repaired_on > ${t}::date)
    UNION ALL
    SELECT l.id, l.subject_id, NULL, NULL, x.misconduct_kind, x.severity, 'CI-27', x.measures, l.listed_on, l.until, l.until IS NULL, true
      FROM listings l JOIN sanctions x ON x.id = l.sanction_id WHERE l.listed_on <= ${t}::date AND (l.until IS NULL OR l.until >= ${t}::date) AND (l.repaired_on IS NULL OR l.repaired_on > ${t}::date)`;
  const w: string[] = [];
  if (q) w.push(`(s.name LIKE ${p.add(likeText(q))} OR s.credit_code = ${p.add(q.toUpperCase())} OR o.name LIKE ${p.add(likeText(q))})`);
  const from = `FROM (${entries}) e JOIN subjects s ON s.id = e.subject_id LEFT JOIN subjects o ON o.id = e.responsible_for ${w.length ? `WHERE ${w.join(' AND ')}` : ''}`;
  const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total ${from}`, p.values);
  const rows = await db.query<any>(
    `SELECT e.id, s.name, s.kind, s.credit_code, o.name AS org_name, e.responsible_role, e.misconduct_kind, e.severity, e.clause, e.measures, e.decided_date, e.ban_end, e.ban_life, e.listing
       ${from} ORDER BY e.decided_date DESC, e.id ${pageClause(p, page, pageSize)}`, p.values);
  return {
    total,
    items: rows.map((r) => ({
      id: r.id, name: r.name, kind: r.kind, creditCode: r.kind === 'organization' ? r.credit_code : null,
      answersFor: r.org_name ? `${r.org_name}${ROLE_LABEL[r.responsible_role] ?? ''}` : null,
      misconduct: MISCONDUCT_KIND_LABEL[r.misconduct_kind as MisconductKind] ?? r.misconduct_kind, severity: SEVERITY_LABEL[r.severity as Severity], clause: r.clause,
      measures: [...(r.listing ? ['列入失信惩戒名单'] : []), ...(r.measures as Measure[]).map((m) => MEASURE_LABEL[m] ?? m)], decidedOn: r.decided_date, banUntil: r.ban_life ? null : r.ban_end,
      removedOn: r.ban_life ? null : addCalendarDays(r.ban_end, 1),
    })),
  };
}
