/**
 * 一票否决 (CI-10, CI-13): for each applicant of a call — unit, leader, members — whether it is banned
 * on the application date (derived from the sanctions' dates), its rating in effect that day, and the records
 * behind both. An active ban or a C rating vetoes. Many applicants are checked in three set-wise
 * queries; ID numbers are matched through their blind index and never echoed back.
 */
import { MEASURE_LABEL, SEVERITY_LABEL, type Measure, type Severity } from '../../../core/sanctions/sanctions';
import type { AppContext, RequestContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { inEffectOn, LEVEL_IN_EFFECT } from '../rules/rating-in-effect';
import { banInForceSql } from './ban-in-force';

export interface Applicant { ref: string; creditCode?: string; idNumber?: string }
export interface VetoResult {
  ref: string; found: boolean; subjectId: string | null; name: string | null; idNumberMasked: string | null;
  vetoed: boolean; reasons: string[];
  bans: Array<{ caseId: string; severity: string; measures: string[]; start: string; end: string | null; clause: string }>;
  rating: { year: number; level: string | null } | null;
  /** CI-9: the date the integrity commitment for this call was signed, when a call is named. */
  commitmentSignedOn?: string | null;
}

export async function vetoCheck(app: AppContext, req: RequestContext, on: string, applicants: readonly Applicant[], callRef: string | null = null): Promise<VetoResult[]> {
  const codes = applicants.flatMap((a) => (a.creditCode ? [a.creditCode.toUpperCase()] : []));
  const indexes = new Map(applicants.flatMap((a) => (a.idNumber ? [[a.ref, app.cipher.blindIndex(a.idNumber.toUpperCase())] as const] : [])));
  const subjects = await app.db.query<{ id: string; name: string; credit_code: string | null; id_number_index: string | null; id_number_masked: string | null }>(
    `SELECT id, name, credit_code, id_number_index, id_number_masked FROM subjects WHERE credit_code = ANY($1::text[]) OR id_number_index = ANY($2::text[])`,
    [codes, [...indexes.values()]]);
  const byCode = new Map(subjects.filter((s) => s.credit_code).map((s) => [s.credit_code!, s]));
  const byIndex = new Map(subjects.filter((s) => s.id_number_index).map((s) => [s.id_number_index!, s]));
  const ids = subjects.map((s) => s.id);
  const bans = await app.db.query<{ subject_id: string; case_id: string; severity: Severity; measures: Measure[]; ban_start: string; ban_end: string | null; clause: string }>(
    `SELECT subject_id, case_id, severity, measures, ban_start, ban_end, clause FROM sanctions
      WHERE subject_id = ANY($1::uuid[]) AND ${banInForceSql('', '$2')}`, [ids, on]);
  // CI-10 reads the rating in effect on the application day: a rating still in its comment window does not veto.
  const ratings = await app.db.query<{ subject_id: string; year: number; level: string | null }>(
    `SELECT DISTINCT ON (r.subject_id) r.subject_id, r.year, ${LEVEL_IN_EFFECT} AS level FROM ratings r
      WHERE r.subject_id = ANY($1::uuid[]) AND ${inEffectOn('$2')} ORDER BY r.subject_id, r.year DESC, ${LEVEL_IN_EFFECT} DESC NULLS LAST`,
    [ids, on]);
  const ratingOf = new Map(ratings.map((r) => [r.subject_id, r]));
  const commitments = callRef
    ? new Map((await app.db.query<{ subject_id: string; signed_on: string }>('SELECT subject_id, min(signed_on) AS signed_on FROM commitments WHERE call_ref = $1 AND subject_id = ANY($2::uuid[]) GROUP BY subject_id', [callRef, ids])).map((c) => [c.subject_id, c.signed_on]))
    : null;
  const results = applicants.map((a): VetoResult => {
    const s = (a.creditCode && byCode.get(a.creditCode.toUpperCase())) || (indexes.has(a.ref) ? byIndex.get(indexes.get(a.ref)!) : undefined);
    if (!s) return { ref: a.ref, found: false, subjectId: null, name: null, idNumberMasked: null, vetoed: false, reasons: ['库中无此主体，无失信记录'], bans: [], rating: null };
    const own = bans.filter((b) => b.subject_id === s.id);
    const rating = ratingOf.get(s.id);
    const reasons = [
      ...own.map((b) => `${b.clause}：${SEVERITY_LABEL[b.severity]}，取消申报资格至${b.ban_end ?? '永久'}（${on} 在期限内）`),
      ...(rating?.level === 'C' ? [`CI-10：${rating.year} 年度信用评价为 C 级（严重失信）`] : []),
    ];
    return {
      ref: a.ref, found: true, subjectId: s.id, name: s.name, idNumberMasked: s.id_number_masked, vetoed: reasons.length > 0,
      reasons: reasons.length ? reasons : ['无在期的取消资格处理，信用等级不为 C'],
      bans: own.map((b) => ({ caseId: b.case_id, severity: SEVERITY_LABEL[b.severity], measures: b.measures.map((m) => MEASURE_LABEL[m] ?? m), start: b.ban_start, end: b.ban_end, clause: b.clause })),
      rating: rating ? { year: rating.year, level: rating.level } : null,
      ...(commitments ? { commitmentSignedOn: commitments.get(s.id) ?? null } : {}),
    };
  });
  await app.db.transaction((tx) => appendAudit(tx, app, {
    actor: req.actor, ip: req.ip, action: 'veto.check', objectType: 'call', objectId: null,
    after: { on, applicants: applicants.length, found: results.filter((r) => r.found).length, vetoed: results.filter((r) => r.vetoed).length },
  }));
  return results;
}
