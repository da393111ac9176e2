/**
 * 科研诚信异常名录 (CI-12): every misconduct record in the bureau's area with its sanction, for staff.
 * Unlike the public page (CI-28), it also holds what CI-22 keeps off the public list (minor
 * violations corrected at once, simple-procedure penalties) and bans that have ended, so a bureau
 * sees a subject's whole record. A record is in the area when the deciding bureau or the subject is.
 * Whether a ban is in force is derived from its dates (CI-25), never stored as a flag. Persons appear by
 * name and masked ID number only. Records received from the province's or the national database
 * (CI-13, external-records) are listed beside them with their source (来源) and cannot be edited here.
 */
import { EXTERNAL_SOURCE_LABEL, externalBanInForce, type ExternalSource } from '../../../core/sanctions/external-records';
import { MEASURE_LABEL, SEVERITY_LABEL, type Measure, type Severity } from '../../../core/sanctions/sanctions';
import { MISCONDUCT_KIND_LABEL, type MisconductKind } from '../../../core/sanctions/misconduct';
import { businessDate } from '../../../core/time/clock';
import type { AppContext, RequestContext } from '../../context';
import { pageClause, Params, scopeSql } from '../../db/params';
import { banInForce, banInForceSql } from './ban-in-force';
import { correctionsOf } from './correct-record';

export interface MisconductRecordFilter { inForce?: boolean; page: number; pageSize: number }

/** SQL condition: an external record (alias `e`) bans on the day in parameter `day` (CI-13). */
const externalInForceSql = (day: string) => `e.ban_start IS NOT NULL AND e.ban_start <= ${day}::date AND (e.ban_life OR e.ban_end >= ${day}::date)`;

export async function listMisconductRecords(app: AppContext, req: RequestContext, f: MisconductRecordFilter) {
  const today = businessDate(app.clock);
  const p = new Params();
  const own = [scopeSql(req.scope, p, { region: ['c.jurisdiction_code', 's.region_code'], unit: [], person: [] })];
  const ext = [scopeSql(req.scope, p, { region: ['e.region_code', 's.region_code'], unit: [], person: [] })];
  if (f.inForce) { const t = p.add(today); own.push(banInForceSql('x.', t)); ext.push(externalInForceSql(t)); }
  // CI-12: the bureau's own records and, beside them, those received from the province's or the national database (CI-13), marked by their source.
  const union = `
    SELECT x.id, x.case_id, x.subject_id, s.name, s.kind, s.credit_code, s.id_number_masked, x.severity, x.measures, x.misconduct_kind, x.decided_date,
           x.ban_start, x.ban_end, x.ban_life, x.public_list, x.public_until, x.clause, o.name AS org_name, c.jurisdiction_code, x.revoked_on,
           NULL::text AS source, NULL::text AS sender, NULL::text AS document_no, NULL::text AS decided_by, NULL::text AS conduct
      FROM sanctions x JOIN cases c ON c.id = x.case_id JOIN subjects s ON s.id = x.subject_id LEFT JOIN subjects o ON o.id = x.responsible_for WHERE ${own.join(' AND ')}
    UNION ALL
    SELECT e.id, NULL::uuid, e.subject_id, e.name, e.subject_kind, e.credit_code, e.id_number_masked, NULL, e.measures, NULL, e.decided_on,
           e.ban_start, CASE WHEN e.ban_life THEN NULL ELSE e.ban_end END, e.ban_life, false, NULL::date, 'CI-13', NULL, e.region_code, NULL::date,
           e.source, e.sender, e.document_no, e.decided_by, e.conduct
      FROM external_misconduct_records e LEFT JOIN subjects s ON s.id = e.subject_id WHERE ${ext.join(' AND ')}`;
  const [{ total }] = await app.db.query<{ total: number }>(`SELECT count(*)::int AS total FROM (${union}) u`, p.values);
  const rows = await app.db.query<{
    id: string; case_id: string | null; subject_id: string | null; name: string; kind: 'organization' | 'person'; credit_code: string | null; id_number_masked: string | null;
    severity: Severity | null; measures: string[]; misconduct_kind: MisconductKind | null; decided_date: string; ban_start: string | null; ban_end: string | null;
    ban_life: boolean; public_list: boolean; public_until: string | null; clause: string; org_name: string | null; jurisdiction_code: string; revoked_on: string | null;
    source: ExternalSource | null; sender: string | null; document_no: string | null; decided_by: string | null; conduct: string | null;
  }>(`SELECT * FROM (${union}) u ORDER BY decided_date DESC, id ${pageClause(p, f.page, f.pageSize)}`, p.values);
  const corrections = await correctionsOf(app.db, rows.filter((r) => !r.source).map((r) => r.id));
  return {
    today, total, page: f.page, pageSize: f.pageSize,
    items: rows.map((r) => ({
      id: r.id, caseId: r.case_id, subjectId: r.subject_id, name: r.name, kind: r.kind,
      creditCode: r.kind === 'organization' ? r.credit_code : null, idNumberMasked: r.kind === 'person' ? r.id_number_masked : null,
      severity: r.severity ? SEVERITY_LABEL[r.severity] : null, measures: r.source ? r.measures : r.measures.map((m) => MEASURE_LABEL[m as Measure] ?? m),
      misconduct: r.source ? r.conduct! : MISCONDUCT_KIND_LABEL[r.misconduct_kind!],
      decidedOn: r.decided_date, decidedBy: r.source ? r.decided_by! : app.regions.get(r.jurisdiction_code)?.name ?? r.jurisdiction_code,
      banStart: r.ban_start, banEnd: r.ban_life ? null : r.ban_end, banLife: r.ban_life,
      banActive: r.source ? externalBanInForce({ banStart: r.ban_start, banEnd: r.ban_end, banLife: r.ban_life }, today) : banInForce(r, today),
      published: r.public_list, publicUntil: r.public_list ? r.public_until : null, answersFor: r.org_name, clause: r.clause, revokedOn: r.revoked_on,
      corrections: corrections.get(r.id) ?? [],
      /** 来源: this bureau's own decision, or the external database it came from with who sent it and the document (kept as received, not editable here). */
      source: r.source ? { kind: 'external' as const, label: EXTERNAL_SOURCE_LABEL[r.source], sender: r.sender!, documentNo: r.document_no! } : { kind: 'own' as const, label: '本系统处理决定', sender: null, documentNo: null },
      editable: !r.source,
    })),
  };
}
