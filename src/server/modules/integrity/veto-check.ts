/**
 * 一票否决 (CI-10, CI-13): for each applicant of a call — unit, leader, members — whether it is banned
 * on the application date (derived from the sanctions' dates), its rating in effect that day, and the records
 * behind both. An active ban or a C rating vetoes, and so does a ban in force from an external record
 * received from the province's or the national database (CI-13), with its external basis in the reasons. Every region is searched, since a ban anywhere
 * bars the application (CI-13), but what is said depends on who asks:
 *  - a subject within the caller's data scope is shown with its name, masked ID number, bans and rating;
 *  - any other answer says only vetoed or not (issue 16 H1, M3): a subject outside the scope and one
 *    not in the database at all read alike ("本辖区内无此主体的失信记录" unless vetoed).
 * A person is found only by name and ID number together; the ID number is matched through its blind
 * index and never echoed back. A batch names its call (callRef) and holds at most VETO_BATCH_CAP
 * applicants. Unmatched ID numbers are remembered per caller and masked form (area code and last
 * four digits): past VETO_PROBE_LIMIT distinct ones within a day the request is refused before any
 * answer and a security alert is written, since that is what recovering an ID number from its masked
 * form looks like. The audit event of every query records the blind index of each ID number asked.
 */
import { inScope } from '../../../core/access/policy';
import type { Level } from '../../../core/rating/criteria';
import { incentivesFor } from '../../../core/rating/incentives';
import { AppError } from '../../../core/errors';
import { creditCodeRefusal } from '../../../core/identity/credit-code';
import { idNumberRefusal, maskIdNumber, normaliseIdNumber } from '../../../core/identity/id-number';
import { MEASURE_LABEL, SEVERITY_LABEL, type Measure, type Severity } from '../../../core/sanctions/sanctions';
import type { AppContext, CallerContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { inEffectOn, LEVEL_IN_EFFECT } from '../rules/rating-in-effect';
import { subjectForPolicy } from '../subjects/subjects-repo';
import { EXTERNAL_SOURCE_LABEL, externalBanInForce, externalVetoReason } from '../../../core/sanctions/external-records';
import { banInForceSql } from './ban-in-force';
import { externalRecordsFor } from './external-records-repo';
import { countRecentProbes, recordProbes } from './veto-probes-repo';

/** Applicants in one request: a call's units, leaders and members, not a population. */
export const VETO_BATCH_CAP = 1_000;
/** Distinct unmatched ID numbers of one masked form a caller may ask about within VETO_PROBE_WINDOW_HOURS. */
export const VETO_PROBE_LIMIT = 3;
export const VETO_PROBE_WINDOW_HOURS = 24;

export interface Applicant { ref: string; creditCode?: string; idNumber?: string; name?: string }
export interface VetoResult {
  ref: string;
  vetoed: boolean;
  /** shown: a subject of the caller's area, with its records; withheld: outside the area or not in the database. */
  detail: 'shown' | 'withheld';
  found: boolean;
  subjectId: string | null; name: string | null; idNumberMasked: string | null;
  reasons: string[];
  bans: Array<{ caseId: string; severity: string; measures: string[]; start: string; end: string | null; clause: string }>;
  rating: { year: number; level: string | null } | null;
  /**
   * CI-13: bans in force decided elsewhere (external records from the province's or the national
   * database), each with its source; shown results only.
   */
  externalBans?: Array<{ id: string; source: string; sender: string; documentNo: string; decidedBy: string; decidedOn: string; measures: string[]; start: string; end: string | null; clause: 'CI-13' }>;
  /** CI-9: the date the integrity commitment for this call was signed, when a call is named. */
  commitmentSignedOn?: string | null;
  /** CI-21.1: priority at equal merit from the rating in effect (good credit, AA or A); not said for a subject outside the area. */
  priorityAtEqualMerit: boolean | null;
}

/** A person's name as people type it: no spaces, one kind of middle dot (少数民族姓名). */
export const normaliseName = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').replace(/[·•・‧]/g, '·');

const WITHHELD_CLEAN = '本辖区内无此主体的失信记录';
const WITHHELD_VETOED = 'CI-10：该主体有在期的取消申报资格处理或 C 级信用评价（辖区外的记录只告知审查结论，详情请向其所在科技部门查询）';

export async function vetoCheck(app: AppContext, req: CallerContext, on: string, applicants: readonly Applicant[], callRef: string | null = null): Promise<VetoResult[]> {
  if (applicants.length > VETO_BATCH_CAP) throw new AppError('PAYLOAD_TOO_LARGE', { field: 'applicants', zh: `一次最多审查 ${VETO_BATCH_CAP} 个主体` });
  if (applicants.length > 1 && !callRef) throw new AppError('VALIDATION_FAILED', { field: 'callRef', zh: '批量审查须注明申报批次（callRef）' });
  applicants.forEach((a, i) => {
    if (!a.creditCode && !a.idNumber) throw new AppError('VALIDATION_FAILED', { field: `applicants/${i}`, zh: '每个申报主体须提供统一社会信用代码或身份证号' });
    if (a.idNumber && !a.name?.trim()) throw new AppError('VALIDATION_FAILED', { field: `applicants/${i}/name`, zh: '按身份证号审查个人时须同时提供姓名' });
    // A mistyped number is refused, never answered as "not in the database" (a pass).
    const code = a.creditCode && creditCodeRefusal(a.creditCode);
    if (code) throw new AppError('INVALID_CREDIT_CODE', { field: `applicants/${i}/creditCode`, zh: code });
    const id = a.idNumber && idNumberRefusal(a.idNumber);
    if (id) throw new AppError('INVALID_ID_NUMBER', { field: `applicants/${i}/idNumber`, zh: id });
  });
  const codes = applicants.flatMap((a) => (a.creditCode ? [a.creditCode.toUpperCase()] : []));
  const indexOf = (a: Applicant) => app.cipher.blindIndex(normaliseIdNumber(a.idNumber!));
  const indexes = applicants.map((a) => (a.idNumber ? indexOf(a) : null));
  const subjects = await app.db.query<{ id: string; kind: 'organization' | 'person'; name: string; credit_code: string | null; id_number_index: string | null; id_number_masked: string | null; region_code: string; employer_id: string | null }>(
    `SELECT id, kind, name, credit_code, id_number_index, id_number_masked, region_code, employer_id FROM subjects WHERE credit_code = ANY($1::text[]) OR id_number_index = ANY($2::text[])`,
    [codes, indexes.filter((x): x is string => x !== null)]);
  const byCode = new Map(subjects.filter((s) => s.credit_code).map((s) => [s.credit_code!, s]));
  const byIndex = new Map(subjects.filter((s) => s.id_number_index).map((s) => [s.id_number_index!, s]));
  const matchOf = (a: Applicant, i: number) => {
    if (a.creditCode) return byCode.get(a.creditCode.toUpperCase());
    const s = byIndex.get(indexes[i]!);
    // A person is the pair of name and number: a number alone, or a name that does not go with it, matches nobody.
    return s && normaliseName(s.name) === normaliseName(a.name!) ? s : undefined;
  };
  const matches = applicants.map(matchOf);

  // Unmatched ID numbers, by masked form: remembered per caller, and too many of one form refuse the request.
  // Each number once: the same number twice in one request (two names tried with it) is one probe, and one row.
  const unmatched = [...new Map(applicants.flatMap((a, i) => (a.idNumber && !matches[i] ? [[indexes[i]!, { masked: maskIdNumber(normaliseIdNumber(a.idNumber)), index: indexes[i]! }] as const] : []))).values()];
  const since = new Date(app.clock.now().getTime() - VETO_PROBE_WINDOW_HOURS * 3_600_000).toISOString();
  const probing = await app.db.transaction(async (tx) => {
    if (unmatched.length === 0) return null;
    await recordProbes(tx, req.actor.userId, unmatched, app.clock.now().toISOString());
    const counts = await countRecentProbes(tx, req.actor.userId, [...new Set(unmatched.map((u) => u.masked))], since);
    const over = counts.filter((c) => c.n > VETO_PROBE_LIMIT);
    if (over.length === 0) return null;
    await appendAudit(tx, app, {
      actor: req.actor, ip: req.ip, action: 'security.alert', objectType: 'user', objectId: req.actor.userId, outcome: 'failure',
      after: { kind: 'veto_id_number_probe', clause: 'CI-10', maskedForms: over.map((c) => ({ masked: c.masked, distinctUnmatched: c.n })), windowHours: VETO_PROBE_WINDOW_HOURS, limit: VETO_PROBE_LIMIT, callRef, applicants: applicants.length },
    });
    return over;
  });
  if (probing) {
    throw new AppError('PROBING_REFUSED', { field: 'applicants', zh: `同一脱敏号码（${probing.map((c) => c.masked).join('、')}）下查无此人的身份证号已超过 ${VETO_PROBE_LIMIT} 个，本次审查不予答复，已通知安全管理员` });
  }

  const ids = [...new Set(matches.flatMap((s) => (s ? [s.id] : [])))];
  const bans = await app.db.query<{ subject_id: string; case_id: string; severity: Severity; measures: Measure[]; ban_start: string; ban_end: string | null; clause: string }>(
    `SELECT subject_id, case_id, severity, measures, ban_start, ban_end, clause FROM sanctions
      WHERE subject_id = ANY($1::uuid[]) AND ${banInForceSql('', '$2')}`, [ids, on]);
  // CI-10 reads the rating in effect on the application day: a rating still in its comment window does not veto.
  const ratings = await app.db.query<{ subject_id: string; year: number; level: string | null }>(
    `SELECT DISTINCT ON (r.subject_id) r.subject_id, r.year, ${LEVEL_IN_EFFECT} AS level FROM ratings r
      WHERE r.subject_id = ANY($1::uuid[]) AND ${inEffectOn('$2')} ORDER BY r.subject_id, r.year DESC, ${LEVEL_IN_EFFECT} DESC NULLS LAST`,
    [ids, on]);
  const ratingOf = new Map(ratings.map((r) => [r.subject_id, r]));
  // CI-13: a ban decided elsewhere and received as an external record bars too, matched as applicants are
  // (a unit by its credit code; a person by ID number and name together), in the register or not.
  const external = (await externalRecordsFor(app.db, codes, indexes.filter((x): x is string => x !== null)))
    .filter((e) => externalBanInForce({ banStart: e.ban_start, banEnd: e.ban_end, banLife: e.ban_life }, on));
  const externalOf = (a: Applicant, i: number) => external.filter((e) => (a.creditCode
    ? e.credit_code === a.creditCode.toUpperCase()
    : e.id_number_index === indexes[i] && normaliseName(e.name) === normaliseName(a.name!)));
  const commitments = callRef
    ? new Map((await app.db.query<{ subject_id: string; signed_on: string }>('SELECT subject_id, min(signed_on) AS signed_on FROM commitments WHERE call_ref = $1 AND subject_id = ANY($2::uuid[]) GROUP BY subject_id', [callRef, ids])).map((c) => [c.subject_id, c.signed_on]))
    : null;
  const results = applicants.map((a, i): VetoResult => {
    const s = matches[i];
    const own = s ? bans.filter((b) => b.subject_id === s.id) : [];
    const rating = s ? ratingOf.get(s.id) : undefined;
    const ext = externalOf(a, i);
    const reasons = [
      ...own.map((b) => `${b.clause}：${SEVERITY_LABEL[b.severity]}，取消申报资格至${b.ban_end ?? '永久'}（${on} 在期限内）`),
      ...ext.map((e) => externalVetoReason({ source: e.source, sender: e.sender, documentNo: e.document_no, decidedBy: e.decided_by, decidedOn: e.decided_on, banEnd: e.ban_end, banLife: e.ban_life }, on)),
      ...(rating?.level === 'C' ? [`CI-10：${rating.year} 年度信用评价为 C 级（严重失信）`] : []),
    ];
    const vetoed = reasons.length > 0;
    if (!s || !inScope(req.scope, subjectForPolicy(s))) {
      return { ref: a.ref, vetoed, detail: 'withheld', found: false, subjectId: null, name: null, idNumberMasked: null, reasons: [vetoed ? WITHHELD_VETOED : WITHHELD_CLEAN], bans: [], rating: null, priorityAtEqualMerit: null };
    }
    return {
      ref: a.ref, vetoed, detail: 'shown', found: true, subjectId: s.id, name: s.name, idNumberMasked: s.id_number_masked,
      reasons: vetoed ? reasons : ['无在期的取消资格处理，信用等级不为 C'],
      bans: own.map((b) => ({ caseId: b.case_id, severity: SEVERITY_LABEL[b.severity], measures: b.measures.map((m) => MEASURE_LABEL[m] ?? m), start: b.ban_start, end: b.ban_end, clause: b.clause })),
      rating: rating ? { year: rating.year, level: rating.level } : null,
      priorityAtEqualMerit: incentivesFor((rating?.level ?? null) as Level | null, on, app.policies.registry).priorityAtEqualMerit,
      externalBans: ext.map((e) => ({ id: e.id, source: EXTERNAL_SOURCE_LABEL[e.source], sender: e.sender, documentNo: e.document_no, decidedBy: e.decided_by, decidedOn: e.decided_on, measures: e.measures, start: e.ban_start!, end: e.ban_life ? null : e.ban_end, clause: 'CI-13' as const })),
      ...(commitments ? { commitmentSignedOn: commitments.get(s.id) ?? null } : {}),
    };
  });
  await app.db.transaction((tx) => appendAudit(tx, app, {
    actor: req.actor, ip: req.ip, action: 'veto.check', objectType: 'call', objectId: callRef,
    after: {
      on, callRef, applicants: applicants.length, matched: matches.filter(Boolean).length, shown: results.filter((r) => r.detail === 'shown').length,
      vetoed: results.filter((r) => r.vetoed).length,
      // The ID numbers asked about, as their blind index: who looked up whom can be traced without keeping a number.
      idNumberIndexes: indexes.filter((x): x is string => x !== null),
    },
  }));
  return results;
}
