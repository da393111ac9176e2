/**
 * 公开名单 (CI-25.4, CI-26, CI-27, CI-28): the sanctions published to everyone and the serious dishonesty list, published on the day asked
 * about — an entry appears on its decision (or listing) day and leaves by itself the day after its
 * publication ends: its sanction's period or, before that, the longest publication period of its tier
 * under the national credit-repair rules (CR), whichever comes first (derived from stored dates,
 * nothing to switch off). Repaired entries (CI-31) and entries an upheld objection corrected off the
 * list (CI-27) are not shown. Only what the public needs: name, credit code for a unit, the deciding
 * bureau, the decision's number and basis, the measures and the dates; never an ID number.
 */
import { articleOf, sanctionDecisionNo } from '../../../core/documents/templates';
import type { RegionTree } from '../../../core/regions/region-tree';
import { bureauFor } from '../../../core/regions/yunnan';
import { MISCONDUCT_KIND_LABEL, type MisconductKind } from '../../../core/sanctions/misconduct';
import { MEASURE_LABEL, SEVERITY_LABEL, type Measure, type Severity } from '../../../core/sanctions/sanctions';
import { addCalendarDays } from '../../../core/time/iso-date';
import type { Sql } from '../../db/database';
import { Params, pageClause } from '../../db/params';
import { correctionsOf } from './correct-record';

const ROLE_LABEL: Record<string, string> = { legal_representative: '法定代表人', principal: '主要负责人', actual_controller: '实际控制人' };

export interface PublicEntry {
  id: string; name: string; kind: 'organization' | 'person'; creditCode: string | null; answersFor: string | null;
  misconduct: string; severity: string; clause: string; measures: string[]; decidedOn: string;
  /** The bureau that decided, the decision's document number, and what it rests on (document and article). */
  decidedBy: string; decisionNo: string; basis: string;
  /** The ban's last day (null: no ban, or for life, said by banLife); the last day published and the day it stops being shown. */
  banUntil: string | null; banLife: boolean; publicUntil: string; removedOn: string;
  /** Why it is published until then (CI-28, CR), in words. */
  publicationBasis: string | null;
  /** CI-27: what an upheld objection corrected in the record, and when (the corrected values are the ones shown). */
  corrections: Array<{ label: string; on: string }>;
}

/** SQL condition: a sanctions row aliased `x` is published on the day in parameter `t`. */
export const sanctionPublishedSql = (t: string) =>
  `x.public_list AND x.public_until IS NOT NULL AND x.decided_date <= ${t}::date AND x.public_until >= ${t}::date AND (x.repaired_on IS NULL OR x.repaired_on > ${t}::date)`;
/** SQL condition: a listings row aliased `l` is published on the day in parameter `t`. */
export const listingPublishedSql = (t: string) =>
  `l.public_until IS NOT NULL AND l.listed_on <= ${t}::date AND l.public_until >= ${t}::date AND (l.repaired_on IS NULL OR l.repaired_on > ${t}::date)`;

/** Escapes LIKE wildcards so a search for 50% or a_b means exactly that. */
const likeText = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Counting stops here: the page says "more than" rather than counting a million rows for every visitor. */
export const PUBLIC_COUNT_CAP = 10_000;

/**
 * Published entries on a day, optionally only those whose subject (or, for a person who
 * answers for an organisation under CI-26, that organisation) is among the matched subjects `m`.
 * Each branch is a plain indexed lookup, so a search costs what it finds, not the size of the list.
 */
function entriesSql(t: string, matched: boolean): string {
  const subjectIn = (col: string) => (matched ? ` AND ${col} IN (SELECT id FROM m)` : '');
  const sanction = (extra: string) => `
    SELECT x.id, x.subject_id, x.responsible_for, x.responsible_role, x.misconduct_kind, x.severity, x.clause, x.measures, x.decided_date, x.ban_end, x.ban_life,
           false AS listing, x.case_id, x.policy_version_id, x.public_until, x.decided_date AS sanction_decided, x.publication_basis AS end_basis, x.clause AS sanction_clause, x.id AS sanction_id
      FROM sanctions x WHERE ${sanctionPublishedSql(t)}${extra}`;
  // Published sanctions (CI-25.4) and the serious dishonesty list (CI-27), each while it is published (CI-28, CR).
  return [
    sanction(subjectIn('x.subject_id')),
    ...(matched ? [sanction(`${subjectIn('x.responsible_for')} AND x.subject_id NOT IN (SELECT id FROM m)`)] : []),
    `SELECT l.id, l.subject_id, NULL, NULL, x.misconduct_kind, x.severity, 'CI-27', x.measures, l.listed_on, l.until, false, true,
            x.case_id, x.policy_version_id, l.public_until, x.decided_date, l.end_basis, x.clause, x.id
      FROM listings l JOIN sanctions x ON x.id = l.sanction_id
     WHERE ${listingPublishedSql(t)}${subjectIn('l.subject_id')}`,
  ].join('\n    UNION ALL\n');
}

/**
 * 公开名单检索: by a name fragment of two characters or more (bigram index, migration 0016) or by a
 * unit's unified social credit code. With the region tree, each entry names the bureau that decided.
 */
export async function publicList(db: Sql, today: string, q: string | null, page: number, pageSize: number, regions?: RegionTree): Promise<{ total: number; totalIsLowerBound: boolean; items: PublicEntry[] }> {
  const p = new Params();
  const t = p.add(today);
  const matched = q
    ? `WITH m AS MATERIALIZED (
         SELECT id FROM subjects WHERE name_bigrams @> kexin_bigrams(${p.add(q)}) AND lower(name) LIKE lower(${p.add(likeText(q))})
         UNION ALL SELECT id FROM subjects WHERE credit_code = ${p.add(q.toUpperCase())}) `
    : '';
  // The page is chosen on the entries alone; only its twenty rows are joined to the names, the deciding case and the policy version.
  const rows = await db.query<any>(
    `${matched}SELECT e.*, s.name, s.kind, s.credit_code, o.name AS org_name, c.jurisdiction_code, v.doc_no, v.title AS policy_title
       FROM (SELECT e.*${q ? ', count(*) OVER ()::int AS total' : ''} FROM (${entriesSql(t, !!q)}) e
              ORDER BY e.decided_date DESC, e.id ${pageClause(p, page, pageSize)}) e
       JOIN subjects s ON s.id = e.subject_id LEFT JOIN subjects o ON o.id = e.responsible_for
       JOIN cases c ON c.id = e.case_id LEFT JOIN policy_versions v ON v.id = e.policy_version_id
      ORDER BY e.decided_date DESC, e.id`, p.values, { prepared: true });
  // A search finds few entries and counts them in the same statement; browsing counts separately and
  // stops at the cap rather than counting the whole list for every visitor.
  const total = q && rows.length > 0 ? rows[0].total as number
    : (await db.query<{ total: number }>(`${matched}SELECT count(*)::int AS total FROM (SELECT 1 FROM (${entriesSql(t, !!q)}) e LIMIT ${PUBLIC_COUNT_CAP + 1}) c`, p.values.slice(0, -2), { prepared: true }))[0].total;
  const corrections = await correctionsOf(db, rows.map((r) => r.sanction_id));
  return {
    total: Math.min(total, PUBLIC_COUNT_CAP), totalIsLowerBound: total > PUBLIC_COUNT_CAP,
    items: rows.map((r): PublicEntry => {
      const region = regions?.get(r.jurisdiction_code);
      const doc = r.doc_no ? `《${r.policy_title}》（${r.doc_no}）` : '';
      const basis = r.listing
        ? `${doc}${articleOf('CI-27')}（经局办公会研究列入）；所依据的处理：${articleOf(r.sanction_clause)}`
        : `${doc}${articleOf(r.sanction_clause)}${r.responsible_role ? `、${articleOf('CI-26')}` : ''}`;
      return {
        id: r.id, name: r.name, kind: r.kind, creditCode: r.kind === 'organization' ? r.credit_code : null,
        answersFor: r.org_name ? `${r.org_name}${ROLE_LABEL[r.responsible_role] ?? ''}` : null,
        misconduct: MISCONDUCT_KIND_LABEL[r.misconduct_kind as MisconductKind] ?? r.misconduct_kind, severity: SEVERITY_LABEL[r.severity as Severity], clause: r.clause,
        measures: [...(r.listing ? ['列入失信惩戒名单'] : []), ...(r.measures as Measure[]).map((m) => MEASURE_LABEL[m] ?? m)], decidedOn: r.decided_date,
        decidedBy: region ? bureauFor(region).name : r.jurisdiction_code, decisionNo: sanctionDecisionNo(r.case_id, r.sanction_decided), basis,
        banUntil: r.ban_life ? null : r.ban_end, banLife: !!r.ban_life, publicUntil: r.public_until, removedOn: addCalendarDays(r.public_until, 1),
        publicationBasis: r.end_basis ?? null,
        corrections: (corrections.get(r.sanction_id) ?? []).map((k) => ({ label: k.label, on: k.on })),
      };
    }),
  };
}
