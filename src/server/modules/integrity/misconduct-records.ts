/**
 * 科研诚信异常名录 (CI-12): every misconduct record in the bureau's area with its sanction, for staff.
 * Unlike the public page (CI-28), it also holds what CI-22 keeps off the public list (minor
 * violations corrected at once, simple-procedure penalties) and bans that have ended, so a bureau
 * sees a subject's whole record. A record is in the area when the deciding bureau or the subject is.
 * Whether a ban is in force is derived from its dates (CI-25), never stored as a flag. Persons appear by
 * name and masked ID number only.
 */
import { MEASURE_LABEL, SEVERITY_LABEL, type Measure, type Severity } from '../../../core/sanctions/sanctions';
import { MISCONDUCT_KIND_LABEL, type MisconductKind } from '../../../core/sanctions/misconduct';
import { businessDate } from '../../../core/time/clock';
import type { AppContext, RequestContext } from '../../context';
import { pageClause, Params, scopeSql } from '../../db/params';
import { banInForce, banInForceSql } from './ban-in-force';
import { correctionsOf } from './correct-record';

export interface MisconductRecordFilter { inForce?: boolean; page: number; pageSize: number }

export async function listMisconductRecords(app: AppContext, req: RequestContext, f: MisconductRecordFilter) {
  const today = businessDate(app.clock);
  const p = new Params();
  const w = [scopeSql(req.scope, p, { region: ['c.jurisdiction_code', 's.region_code'], unit: [], person: [] })];
  if (f.inForce) w.push(banInForceSql('x.', p.add(today)));
  const where = w.join(' AND ');
  const from = 'FROM sanctions x JOIN cases c ON c.id = x.case_id JOIN subjects s ON s.id = x.subject_id LEFT JOIN subjects o ON o.id = x.responsible_for';
  const [{ total }] = await app.db.query<{ total: number }>(`SELECT count(*)::int AS total ${from} WHERE ${where}`, p.values);
  const rows = await app.db.query<{
    id: string; case_id: string; subject_id: string; name: string; kind: 'organization' | 'person'; credit_code: string | null; id_number_masked: string | null;
    severity: Severity; measures: Measure[]; misconduct_kind: MisconductKind; decided_date: string; ban_start: string | null; ban_end: string | null;
    ban_life: boolean; public_list: boolean; public_until: string | null; clause: string; org_name: string | null; jurisdiction_code: string; revoked_on: string | null;
  }>(
    `SELECT x.id, x.case_id, x.subject_id, s.name, s.kind, s.credit_code, s.id_number_masked, x.severity, x.measures, x.misconduct_kind, x.decided_date,
            x.ban_start, x.ban_end, x.ban_life, x.public_list, x.public_until, x.clause, o.name AS org_name, c.jurisdiction_code, x.revoked_on
       ${from} WHERE ${where} ORDER BY x.decided_date DESC, x.id ${pageClause(p, f.page, f.pageSize)}`, p.values);
  const corrections = await correctionsOf(app.db, rows.map((r) => r.id));
  return {
    today, total, page: f.page, pageSize: f.pageSize,
    items: rows.map((r) => ({
      id: r.id, caseId: r.case_id, subjectId: r.subject_id, name: r.name, kind: r.kind,
      creditCode: r.kind === 'organization' ? r.credit_code : null, idNumberMasked: r.kind === 'person' ? r.id_number_masked : null,
      severity: SEVERITY_LABEL[r.severity], measures: r.measures.map((m) => MEASURE_LABEL[m] ?? m), misconduct: MISCONDUCT_KIND_LABEL[r.misconduct_kind],
      decidedOn: r.decided_date, decidedBy: app.regions.get(r.jurisdiction_code)?.name ?? r.jurisdiction_code,
      banStart: r.ban_start, banEnd: r.ban_life ? null : r.ban_end, banLife: r.ban_life, banActive: banInForce(r, today),
      published: r.public_list, publicUntil: r.public_list ? r.public_until : null, answersFor: r.org_name, clause: r.clause, revokedOn: r.revoked_on,
      corrections: corrections.get(r.id) ?? [],
    })),
  };
}
