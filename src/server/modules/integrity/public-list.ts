/**
 * 公开名单 (CI-25.4, CI-26, CI-28): the sanctions published to everyone, in force on the day asked
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
  const w = ['x.public_list', `x.ban_start <= ${p.add(today)}::date`, `(x.ban_end IS NULL OR x.ban_end >= ${p.add(today)}::date)`];
  if (q) w.push(`(s.name LIKE ${p.add(likeText(q))} OR s.credit_code = ${p.add(q.toUpperCase())} OR o.name LIKE ${p.add(likeText(q))})`);
  const from = `FROM sanctions x JOIN subjects s ON s.id = x.subject_id LEFT JOIN subjects o ON o.id = x.responsible_for WHERE ${w.join(' AND ')}`;
  const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total ${from}`, p.values);
  const rows = await db.query<any>(
    `SELECT x.id, s.name, s.kind, s.credit_code, o.name AS org_name, x.responsible_role, x.misconduct_kind, x.severity, x.clause, x.measures, x.decided_date, x.ban_end, x.ban_life
       ${from} ORDER BY x.decided_date DESC, x.id ${pageClause(p, page, pageSize)}`, p.values);
  return {
    total,
    items: rows.map((r) => ({
      id: r.id, name: r.name, kind: r.kind, creditCode: r.kind === 'organization' ? r.credit_code : null,
      answersFor: r.org_name ? `${r.org_name}${ROLE_LABEL[r.responsible_role] ?? ''}` : null,
      misconduct: MISCONDUCT_KIND_LABEL[r.misconduct_kind as MisconductKind] ?? r.misconduct_kind, severity: SEVERITY_LABEL[r.severity as Severity], clause: r.clause,
      measures: (r.measures as Measure[]).map((m) => MEASURE_LABEL[m] ?? m), decidedOn: r.decided_date, banUntil: r.ban_life ? null : r.ban_end,
      removedOn: r.ban_life ? null : addCalendarDays(r.ban_end, 1),
    })),
  };
}
