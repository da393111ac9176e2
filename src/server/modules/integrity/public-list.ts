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
import { banInForceSql } from './ban-in-force';

const ROLE_LABEL: Record<string, string> = { legal_representative: '法定代表人', principal: '主要负责人', actual_controller: '实际控制人' };

export interface PublicEntry {
  id: string; name: string; kind: 'organization' | 'person'; creditCode: string | null; answersFor: string | null;
  misconduct: string; severity: string; clause: string; measures: string[]; decidedOn: string; banUntil: string | null; removedOn: string | null;
}

/** Escapes LIKE wildcards so a search for 50% or a_b means exactly that. */
const likeText = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Counting stops here: the page says "more than" rather than counting a million rows for every visitor. */
export const PUBLIC_COUNT_CAP = 10_000;

/**
 * Published entries in force on a day, optionally only those whose subject (or, for a person who
 * answers for an organisation under CI-26, that organisation) is among the matched subjects `m`.
 * Each branch is a plain indexed lookup, so a search costs what it finds, not the size of the list.
 */
function entriesSql(t: string, matched: boolean): string {
  const subjectIn = (col: string) => (matched ? ` AND ${col} IN (SELECT id FROM m)` : '');
  const sanction = (extra: string) => `
    SELECT x.id, x.subject_id, x.responsible_for, x.responsible_role, x.misconduct_kind, x.severity, x.clause, x.measures, x.decided_date, x.ban_end, x.ban_life, false AS listing
      FROM sanctions x WHERE x.public_list AND ${banInForceSql('x.', t)} AND (x.repaired_on IS NULL OR x.repaired_on > ${t}::date)${extra}`;
  // Published sanctions (CI-25.4) and the serious dishonesty list (CI-27), each while its period runs (CI-28).
  return [
    sanction(subjectIn('x.subject_id')),
    ...(matched ? [sanction(`${subjectIn('x.responsible_for')} AND x.subject_id NOT IN (SELECT id FROM m)`)] : []),
    `SELECT l.id, l.subject_id, NULL, NULL, x.misconduct_kind, x.severity, 'CI-27', x.measures, l.listed_on, l.until, l.until IS NULL, true
      FROM listings l JOIN sanctions x ON x.id = l.sanction_id
     WHERE l.listed_on <= ${t}::date AND (l.until IS NULL OR l.until >= ${t}::date) AND (l.repaired_on IS NULL OR l.repaired_on > ${t}::date)${subjectIn('l.subject_id')}`,
  ].join('\n    UNION ALL\n');
}

/**
 * 公开名单检索: by a name fragment of two characters or more (bigram index, migration 0016) or by a
 * unit's unified social credit code.
 */
export async function publicList(db: Sql, today: string, q: string | null, page: number, pageSize: number): Promise<{ total: number; totalIsLowerBound: boolean; items: PublicEntry[] }> {
  const p = new Params();
  const t = p.add(today);
  const matched = q
    ? `WITH m AS MATERIALIZED (
         SELECT id FROM subjects WHERE name_bigrams @> kexin_bigrams(${p.add(q)}) AND lower(name) LIKE lower(${p.add(likeText(q))})
         UNION ALL SELECT id FROM subjects WHERE credit_code = ${p.add(q.toUpperCase())}) `
    : '';
  // The page is chosen on the entries alone; only its twenty rows are joined to the names.
  const rows = await db.query<any>(
    `${matched}SELECT e.*, s.name, s.kind, s.credit_code, o.name AS org_name
       FROM (SELECT e.*${q ? ', count(*) OVER ()::int AS total' : ''} FROM (${entriesSql(t, !!q)}) e
              ORDER BY e.decided_date DESC, e.id ${pageClause(p, page, pageSize)}) e
       JOIN subjects s ON s.id = e.subject_id LEFT JOIN subjects o ON o.id = e.responsible_for
      ORDER BY e.decided_date DESC, e.id`, p.values, { prepared: true });
  // A search finds few entries and counts them in the same statement; browsing counts separately and
  // stops at the cap rather than counting the whole list for every visitor.
  const total = q && rows.length > 0 ? rows[0].total as number
    : (await db.query<{ total: number }>(`${matched}SELECT count(*)::int AS total FROM (SELECT 1 FROM (${entriesSql(t, !!q)}) e LIMIT ${PUBLIC_COUNT_CAP + 1}) c`, p.values.slice(0, -2), { prepared: true }))[0].total;
  return {
    total: Math.min(total, PUBLIC_COUNT_CAP), totalIsLowerBound: total > PUBLIC_COUNT_CAP,
    items: rows.map((r) => ({
      id: r.id, name: r.name, kind: r.kind, creditCode: r.kind === 'organization' ? r.credit_code : null,
      answersFor: r.org_name ? `${r.org_name}${ROLE_LABEL[r.responsible_role] ?? ''}` : null,
      misconduct: MISCONDUCT_KIND_LABEL[r.misconduct_kind as MisconductKind] ?? r.misconduct_kind, severity: SEVERITY_LABEL[r.severity as Severity], clause: r.clause,
      measures: [...(r.listing ? ['列入失信惩戒名单'] : []), ...(r.measures as Measure[]).map((m) => MEASURE_LABEL[m] ?? m)], decidedOn: r.decided_date, banUntil: r.ban_life ? null : r.ban_end,
      removedOn: r.ban_life ? null : addCalendarDays(r.ban_end, 1),
    })),
  };
}
