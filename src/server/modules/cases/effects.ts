/**
 * Effects a declared step may name, carried out by the runner inside the step's transaction.
 * Each is small, audited, and keyed by name so declarations stay data.
 */
import { randomUUID } from 'node:crypto';
import type { EffectName } from '../../../core/procedure/effects';
import { grantsTolerance, type ToleranceCaseData } from '../../../core/procedure/tolerance-case';
import type { CorrectionCaseData } from '../../../core/procedure/correction-case';
import type { MisconductCaseData } from '../../../core/procedure/misconduct-case';
import type { FailureReportData } from '../../../core/procedure/failure-report';
import type { MajorChangeData } from '../../../core/procedure/supervision';
import type { ComplaintCaseData } from '../../../core/procedure/complaint-case';
import type { ListingCaseData } from '../../../core/procedure/listing-case';
import type { RepairCaseData } from '../../../core/procedure/repair-case';
import type { RatingReviewData } from '../../../core/procedure/rating-review';
import type { MisconductReviewData } from '../../../core/procedure/misconduct-review-case';
import { TIME_LIMITS } from '../../../core/deadlines/time-limits';
import { criterionForMisconduct } from '../../../core/rating/misconduct-findings';
import { SUBJECT_TYPE_LABEL } from '../../../core/rating/criteria';
import { MISCONDUCT_KIND_LABEL, onSeriousList } from '../../../core/sanctions/misconduct';
import { addCalendarDays } from '../../../core/time/iso-date';
import { notify } from '../notifications/notify';
import { recordFindingIn } from '../rules/record-finding';
import { ratedTypesOf } from '../rules/rating-facts';
import { getSubject } from '../subjects/subjects-repo';
import type { AppContext, RequestContext } from '../../context';
import type { Sql } from '../../db/database';
import { appendAudit } from '../audit/append-audit';
import { changeClockIn } from '../deadlines/change-ledger';
import { openDeadlineIn } from '../deadlines/open-deadline';
import { stopOwnerClocks } from '../deadlines/stop-owner-clocks';
import { goesOnPublicList } from '../../../core/sanctions/misconduct';
import { SEVERITY_CLAUSE, SEVERITY_LABEL, banEnd, type Severity } from '../../../core/sanctions/sanctions';
import { publicationEnds } from '../../../core/sanctions/publication';
import { endsOfSanction } from '../integrity/publication-ends';
import { correctRecord } from '../integrity/correct-record';
import { correctByReview } from '../integrity/review-corrections';
import { AppError } from '../../../core/errors';
import type { ObligationKind } from '../../../core/obligations/obligations';
import { openObligationIn } from '../obligations/open-obligation';
import type { CaseRow } from './cases-repo';
import { procedureOf } from './procedure-of';
import type { RectificationData } from '../../../core/procedure/rectification';
import type { AccountabilityReferralData } from '../../../core/procedure/accountability-referral';
import { changeProjectStatusIn } from '../projects/change-project-status';

export interface EffectContext {
  app: AppContext; tx: Sql; req: RequestContext; c: CaseRow; data: Record<string, unknown>; on: string;
  /** Opens a case that follows from this one, in the same transaction (given by the runner). */
  startFollowOn: (input: { procedure: string; start: string; data: unknown; visibleToParties?: boolean }) => Promise<CaseRow>;
}
type Effect = (e: EffectContext) => Promise<void>;

const decisionOf = (data: Record<string, unknown>) => (data as unknown as ToleranceCaseData).decision;

/** The YT-6.3 decision clock of a tolerance case, still open. */
async function openDecisionClock(tx: Sql, caseId: string) {
  const [clock] = await tx.query<{ id: string }>(`SELECT id FROM deadline_clocks WHERE owner_type = 'case' AND owner_id = $1 AND limit_id = 'YT-6.3' AND status <> 'stopped'`, [caseId]);
  if (!clock) throw new AppError('CLOCK_STOPPED', { zh: '调查期限已办结' });
  return clock;
}

export const EFFECTS: Record<EffectName, Effect> = {
  /**
   * YT-6.5, YT-10, X-1: a decision to exempt marks the project 免责 with a link to the case. YT-5.2: an
   * exemption on that ground, with its expert review and approval, also concludes the project (结题).
   */
  async mark_project_exempt({ app, tx, req, c, data, on }) {
    const d = decisionOf(data);
    if (d?.outcome !== 'exempt' || !c.project_id) return;
    const concludes = d.circumstances.includes('YT-5.2');
    const [before] = await tx.query<{ exempted_on: string | null; status: string }>('SELECT exempted_on, status FROM projects WHERE id = $1 FOR UPDATE', [c.project_id]);
    await tx.query(`UPDATE projects SET exempted_on = $2, exempted_by_case = $5, status = CASE WHEN $4 THEN 'concluded' ELSE status END, concluded_date = CASE WHEN $4 THEN $2::date ELSE concluded_date END,
                      version = version + 1, updated_at = $3 WHERE id = $1`, [c.project_id, on, app.clock.now().toISOString(), concludes, c.id]);
    await appendAudit(tx, app, {
      actor: req.actor, ip: req.ip, action: 'project.update', objectType: 'project', objectId: c.project_id,
      before: { exemptedOn: before?.exempted_on ?? null, status: before?.status }, after: { exemptedOn: on, ...(concludes ? { status: 'concluded', concludedDate: on } : {}), byCase: c.id, clause: concludes ? 'YT-5.2' : 'YT-6.5' },
    });
  },

  /** YT-10: an exempted project's surplus funds are returned to the treasury; tracked until settled. */
  async open_surplus_funds_obligation({ app, tx, req, c, data, on }) {
    if (decisionOf(data)?.outcome !== 'exempt' || !c.project_id) return;
    // The amount of surplus is the finance department's figure: the officer sets it on the obligation.
    await openObligationIn(app, tx, req.actor, { kind: 'return_surplus_funds', caseId: c.id, projectId: c.project_id, subjectId: c.unit_id, jurisdictionCode: c.jurisdiction_code, description: '免责项目的结余资金按规定退回财政', decidedOn: on }, req.ip);
  },

  /** YT-9.1: a decision that grants tolerance starts the correction case, linked to this one. */
  async start_correction(e) {
    const outcome = decisionOf(e.data)?.outcome;
    if (!grantsTolerance(outcome)) return;
    const data: CorrectionCaseData = { projectId: e.c.project_id, toleranceCaseId: e.c.id, outcome: outcome!, history: [] };
    await e.startFollowOn({ procedure: 'correction', start: 'from_tolerance', data });
  },

  /** YT-11: an exempted unit and person submit a failure-analysis report, forwarded to the province by year end. */
  async open_failure_report(e) {
    if (decisionOf(e.data)?.outcome !== 'exempt') return;
    const forwardNeeded = e.app.regions.get(e.c.jurisdiction_code)?.level !== 'province';
    const data: FailureReportData = { projectId: e.c.project_id, toleranceCaseId: e.c.id, year: Number(e.on.slice(0, 4)), forwardNeeded, history: [] };
    await e.startFollowOn({ procedure: 'failure_report', start: 'from_exemption', data });
  },

  /** YT-8: an approved extension moves the project's execution period (CI-16.3.1 then counts it as due on that date). */
  async apply_project_change({ app, tx, req, c, data, on }) {
    const change = data as unknown as MajorChangeData;
    if (change.kind !== 'extension' || !c.project_id || !change.requestedDueDate) return;
    const [before] = await tx.query<{ extended_due_date: string | null; extension_requested_on: string | null }>(
      'SELECT extended_due_date, extension_requested_on FROM projects WHERE id = $1 FOR UPDATE', [c.project_id]);
    await tx.query('UPDATE projects SET extended_due_date = $2, extension_requested_on = $3, version = version + 1, updated_at = $4 WHERE id = $1',
      [c.project_id, change.requestedDueDate, change.reportedOn, app.clock.now().toISOString()]);
    await appendAudit(tx, app, {
      actor: req.actor, ip: req.ip, action: 'project.update', objectType: 'project', objectId: c.project_id,
      before: { extendedDueDate: before?.extended_due_date ?? null, extensionRequestedOn: before?.extension_requested_on ?? null },
      after: { extendedDueDate: change.requestedDueDate, extensionRequestedOn: change.reportedOn, byCase: c.id, clause: 'YT-8' },
    });
    // CI-17.3.4: the three months for applying for acceptance run from the end of the execution period.
    // The extension moves that end, so a clock counting from the old end stops, and one counting from the
    // new end opens when that day has already passed (a later end opens its clock when it comes).
    const cause = `批准延期至 ${change.requestedDueDate}（案件 ${c.id}）`;
    const moved = await stopOwnerClocks(app, tx, req.actor, { type: 'project', id: c.project_id }, ['CI-17.3.4'], on, req.ip, cause);
    if (moved > 0 && change.requestedDueDate < on) {
      const [p] = await tx.query<{ code: string; jurisdiction_code: string }>('SELECT code, jurisdiction_code FROM projects WHERE id = $1', [c.project_id]);
      await openDeadlineIn(app, tx, req.actor, {
        limitId: 'CI-17.3.4', ownerType: 'project', ownerId: c.project_id, title: `项目 ${p.code} 延期后执行期满三个月内申请验收`,
        jurisdictionCode: p.jurisdiction_code, startDate: change.requestedDueDate,
      }, req.ip);
    }
  },

  /** YT-6.3: the department head's approval extends the decision clock once, through its ledger. */
  async extend_decision_clock({ app, tx, req, c, on }) {
    const clock = await openDecisionClock(tx, c.id);
    const [u] = await tx.query<{ display_name: string; username: string }>('SELECT display_name, username FROM users WHERE id = $1', [req.actor.userId]);
    await changeClockIn(app, tx, req, clock.id, { kind: 'extend', approvedBy: `${u.display_name}（${u.username}）`, approvedOn: on });
  },

  /** YT-6.3: evaluation and hearing days are not counted: the decision clock pauses from the day given. */
  async pause_decision_clock({ app, tx, req, c, data }) {
    const p = (data as unknown as ToleranceCaseData).evaluationPause!;
    const clock = await openDecisionClock(tx, c.id);
    await changeClockIn(app, tx, req, clock.id, { kind: 'pause', from: p.from, reason: p.reason, evidence: `案件步骤：开始${p.reason}` });
  },

  /** YT-6.3: the pause ends on the last day of the evaluation or hearing (that day not counted either). */
  async resume_decision_clock({ app, tx, req, c, on }) {
    const [last] = await tx.query<{ input: { to: string } }>(`SELECT input FROM case_events WHERE case_id = $1 AND step = 'resume_after_evaluation' ORDER BY seq DESC LIMIT 1`, [c.id]);
    const clock = await openDecisionClock(tx, c.id);
    await changeClockIn(app, tx, req, clock.id, { kind: 'resume', to: last?.input.to ?? on });
  },

  /**
   * CI-23 to CI-26: the decision becomes sanction rows — the subject, and for an organisation each
   * person who answers for it — with the ban's end computed from its start and length (民法典 201–202).
   */
  async record_sanctions({ app, tx, req, c, data }) {
    const d = (data as unknown as MisconductCaseData).decision!;
    const subjectId = (data as unknown as MisconductCaseData).subjectId;
    if (!subjectId) throw new AppError('INCONSISTENT', { field: 'subjectId', zh: '案件未指明被调查对象' });
    const [filed] = await tx.query<{ on_date: string }>(`SELECT on_date FROM case_events WHERE case_id = $1 AND step = 'file' ORDER BY seq LIMIT 1`, [c.id]);
    const ban = d.banYears ?? null;
    const banEndDate = ban === null ? null : banEnd(d.decidedOn, ban);
    const publicList = goesOnPublicList({ decided: true, simpleProcedure: !!d.simpleProcedure, minorAndCorrected: !!d.minorAndCorrected }) && d.publicDisclosure;
    // CI-26: each person named must be recorded as holding that role in the organisation on the decision date.
    for (const r of d.responsible) {
      const [held] = await tx.query(
        `SELECT 1 FROM subject_relations WHERE organization_id = $1 AND person_id = $2 AND kind = $3 AND (since IS NULL OR since <= $4) AND (until IS NULL OR until >= $4)`,
        [subjectId, r.personId, r.role, d.decidedOn]);
      if (!held) throw new AppError('INCONSISTENT', { field: 'responsible', zh: 'CI-26：所列责任人未登记为该单位的相应负责人，请先在主体关系中登记' });
    }
    const rows: Array<{ subject: string; role: string | null }> = [{ subject: subjectId, role: null }, ...d.responsible.map((r) => ({ subject: r.personId, role: r.role }))];
    // CI-23: clawing back funds and revoking awards are tracked until done, like any obligation a decision creates.
    const OBLIGATIONS: Partial<Record<string, [ObligationKind, string]>> = {
      termination_clawback: ['clawback_funds', '终止或撤销项目，收回已拨付的财政科技资金'], revoke_awards: ['revoke_awards', '撤销奖励、荣誉，收回奖金'],
    };
    for (const m of d.measures) {
      const o = OBLIGATIONS[m];
      if (!o) continue;
      await openObligationIn(app, tx, req.actor, { kind: o[0], caseId: c.id, projectId: c.project_id, subjectId, jurisdictionCode: c.jurisdiction_code, description: o[1], decidedOn: d.decidedOn }, req.ip);
    }
    // CI-25.4 with the national rules (CR): how long the sanction may be published, from its tier and period.
    const ends = publicationEnds({ severity: d.severity, decidedOn: d.decidedOn, banEnd: banEndDate, banLife: ban === 'life' }, app.policies.registry);
    for (const r of rows) {
      const id = randomUUID();
      await tx.query(
        `INSERT INTO sanctions (id, case_id, subject_id, responsible_for, responsible_role, misconduct_kind, severity, measures, conduct_date, filed_date, decided_date,
           ban_years, ban_life, ban_start, ban_end, public_disclosure, public_list, judiciary_referral, policy_version_id, clause, created_at, publication_tier, public_until, publication_basis)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text[], $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)`,
        [id, c.id, r.subject, r.role ? subjectId : null, r.role, d.kind, d.severity, d.measures, d.conductDate, filed?.on_date ?? d.decidedOn, d.decidedOn,
          typeof ban === 'number' ? ban : null, ban === 'life', ban === null ? null : d.decidedOn, banEndDate, d.publicDisclosure, publicList, !!d.judiciaryReferral,
          d.policyVersionId, SEVERITY_CLAUSE[d.severity], app.clock.now().toISOString(), ends.tier, ends.publicUntil, ends.basis]);
      await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'sanction.record', objectType: 'subject', objectId: r.subject,
        after: { sanction: id, case: c.id, severity: d.severity, banYears: ban, banEnd: banEndDate, publicList, publicUntil: publicList ? ends.publicUntil : null, responsibleRole: r.role, clause: SEVERITY_CLAUSE[d.severity] } });
    }
  },

  /** CI-29: a complaint the bureau finds to hold becomes a misconduct case about the accused (staff only). */
  async open_misconduct_from_complaint(e) {
    const d = e.data as unknown as ComplaintCaseData;
    const data: MisconductCaseData = {
      source: 'complaint', sourceCaseId: e.c.id, projectId: null, subjectId: d.accusedId, subjectKind: d.accusedKind,
      grounds: d.report?.findings ?? d.content, history: [],
    };
    await e.startFollowOn({ procedure: 'misconduct', start: 'from_complaint', data, visibleToParties: false });
  },

  /**
   * CI-27, CI-28: the office meeting's approval lists the subject until its sanction's period ends, or,
   * where the sanction has none (no ban, a ban for life), for the longest publication period of its
   * tier under the national credit-repair rules (CR); published no longer than that period either.
   * CI-22: a simple-procedure penalty or a minor violation promptly corrected is never listed, whatever
   * path reaches here (the start refuses it too).
   */
  async list_subject({ app, tx, req, c, data, on }) {
    const d = data as unknown as ListingCaseData;
    const [x] = await tx.query<{ id: string; severity: Severity; decided_date: string; ban_end: string | null; ban_life: boolean }>(
      `SELECT id, severity, decided_date, ban_end, ban_life FROM sanctions WHERE case_id = $1 AND subject_id = $2 ORDER BY decided_date DESC LIMIT 1`, [d.misconductCaseId, d.subjectId]);
    if (!x) throw new AppError('INCONSISTENT', { field: 'misconductCaseId', zh: '拟列入所依据的处理决定中没有该主体的处理记录' });
    const [mc] = await tx.query<{ data: MisconductCaseData }>('SELECT data FROM cases WHERE id = $1', [d.misconductCaseId]);
    const flags = mc?.data.decision;
    if (!goesOnPublicList({ decided: true, simpleProcedure: !!flags?.simpleProcedure, minorAndCorrected: !!flags?.minorAndCorrected })) {
      throw new AppError('PRECONDITION_UNMET', { field: 'misconductCaseId', clause: 'CI-22', requirement: 'not_simple_or_minor', zh: '适用简易程序作出的处罚，或违法行为轻微且主动消除、减轻危害后果的，不纳入失信惩戒名单（CI-22）' });
    }
    const ends = endsOfSanction(app.policies.registry, x);
    if (ends.listUntil < on) throw new AppError('INCONSISTENT', { field: 'misconductCaseId', clause: 'CI-28', zh: `所依据处理的名单期限已于 ${ends.listUntil} 届满，不应再列入（CI-28）` });
    const id = randomUUID();
    await tx.query(`INSERT INTO listings (id, case_id, subject_id, sanction_id, jurisdiction_code, grounds, listed_on, until, public_until, end_basis, created_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [id, c.id, d.subjectId, x.id, c.jurisdiction_code, d.grounds, on, ends.listUntil, ends.publicUntil, ends.basis, app.clock.now().toISOString()]);
    await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'listing.add', objectType: 'subject', objectId: d.subjectId,
      after: { listing: id, case: c.id, until: ends.listUntil, publicUntil: ends.publicUntil, basis: ends.basis, clause: 'CI-27' } });
  },

  /** CI-27 经核查属实的，及时更正: the upheld objection corrects the sanction record it names, keeping the old values. */
  async correct_record({ app, tx, req, c, data, on }) {
    const d = data as unknown as ListingCaseData;
    if (!d.review?.corrections) return;
    await correctRecord(app, tx, req, { misconductCaseId: d.misconductCaseId, byCaseId: c.id, on, reason: `${d.review.opinion}；${d.review.correction ?? ''}`, corrections: d.review.corrections });
  },

  /**
   * CI-15 复核: the review's decision fixes the level — the one the rules give after a finding corrected
   * in the review, or the officer's determination with the review's reasons — in place of the level
   * reviewed, in effect from the day that one took effect; the level it replaced is kept as a revision.
   */
  async decide_rating_review({ app, tx, req, c, data }) {
    const d = data as unknown as RatingReviewData;
    const dec = d.decision!;
    const [r] = await tx.query<{ id: string; computed_level: string | null; determined_level: string | null; published_at: Date | null }>(
      'SELECT id, computed_level, determined_level, published_at FROM ratings WHERE id = $1 FOR UPDATE', [d.ratingId]);
    if (!r) throw new AppError('NOT_FOUND', { field: 'ratingId', zh: '信用评价不存在' });
    const before = r.determined_level ?? r.computed_level;
    if (dec.outcome === 'maintain' && before !== d.levelAtStart) {
      throw new AppError('INCONSISTENT', { field: 'reasons', clause: 'CI-15', zh: `评价已因更正认定事实重新计算为 ${before ?? '未评级'}，与复核的原评价（${d.levelAtStart ?? '未评级'}）不同，应作出变更决定` });
    }
    const now = app.clock.now().toISOString();
    const level = dec.outcome === 'change' ? dec.level : before;
    if (dec.outcome === 'change' && dec.level !== before) {
      await tx.query('UPDATE ratings SET determined_level = $2, determined_reason = $3, determined_by = $4, determined_at = $5, version = version + 1 WHERE id = $1',
        [r.id, dec.level, `信用评价复核（案件 ${c.id}）：${dec.reasons}`, req.actor.userId, now]);
    }
    const publishedAt = r.published_at ? new Date(r.published_at).toISOString() : d.publishedAt ?? now;
    if (!r.published_at) await tx.query('UPDATE ratings SET published_at = $2, version = version + 1 WHERE id = $1', [r.id, publishedAt]);
    await tx.query(`INSERT INTO rating_revisions (id, rating_id, cause, case_id, old_level, new_level, old_published_at, new_published_at, reason, revised_by, revised_at)
                    VALUES ($1, $2, 'review', $3, $4, $5, $6, $7, $8, $9, $10)`,
      [randomUUID(), r.id, c.id, d.levelAtStart, level, d.publishedAt, publishedAt, dec.reasons, req.actor.userId, now]);
    await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'rating.review_decide', objectType: 'rating', objectId: r.id,
      before: { level: d.levelAtStart, current: before, publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null },
      after: { outcome: dec.outcome, level, publishedAt, case: c.id, clause: 'CI-15' } });
  },

  /** CI-31: a repaired subject leaves the list and the public page from the day of the decision; the sanction's other measures stand. */
  async repair_listing({ app, tx, req, c, data, on }) {
    const d = data as unknown as RepairCaseData;
    const [l] = await tx.query<{ id: string; sanction_id: string; repaired_on: string | null }>('SELECT id, sanction_id, repaired_on FROM listings WHERE id = $1 FOR UPDATE', [d.listingId]);
    if (!l) throw new AppError('NOT_FOUND', { field: 'listingId' });
    if (l.repaired_on) throw new AppError('CASE_STATE', { zh: '该名单记录已修复' });
    await tx.query('UPDATE listings SET repaired_on = $2, repair_case_id = $3 WHERE id = $1', [l.id, on, c.id]);
    await tx.query('UPDATE sanctions SET repaired_on = $2 WHERE id = $1', [l.sanction_id, on]);
    await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'listing.repair', objectType: 'subject', objectId: d.subjectId, after: { listing: l.id, case: c.id, repairedOn: on, clause: 'CI-31' } });
  },

  /**
   * 行政处罚法第四十四条: from the notice of the intended decision (or the decision itself, where none was
   * needed) the party sees its case — the person, or the unit's administrators — and is told.
   */
  async disclose_case_to_party({ app, tx, req, c, data }) {
    const d = data as unknown as MisconductCaseData;
    if (!d.subjectId) throw new AppError('INCONSISTENT', { field: 'subjectId', zh: '案件未指明被调查对象' });
    const unitId = d.subjectKind === 'organization' ? d.subjectId : null;
    const personId = d.subjectKind === 'person' ? d.subjectId : null;
    if (c.unit_id !== unitId || c.applicant_person_id !== personId) {
      await tx.query('UPDATE cases SET unit_id = $2, applicant_person_id = $3 WHERE id = $1', [c.id, unitId, personId]);
      await appendAudit(tx, app, {
        actor: req.actor, ip: req.ip, action: 'case.disclose', objectType: 'case', objectId: c.id,
        before: { unitId: c.unit_id, applicantPersonId: c.applicant_person_id }, after: { unitId, applicantPersonId: personId, clause: '行政处罚法第四十四条' },
      });
    }
    const what = d.decision ? '已作出处理决定，请查阅处理决定书' : `本局拟作出处理，请于陈述申辩期内提出陈述、申辩${d.notice?.hearingRight ? '；可在告知后 5 个工作日内要求听证' : ''}`;
    await notify(tx, app, { unitId, personId }, {
      kind: 'case', title: `科研失信行为调查：${d.decision ? '处理决定' : '事先告知'}`, body: `${what}（${d.decision ? 'CI-25' : '行政处罚法第四十四条'}）。`, caseId: c.id,
      // The notice opens the statement window the party owes; the decision is a notice of the party's own matter.
      mail: d.decision ? { kind: 'case_notice' } : { kind: 'window', limitIds: ['CI-22.statement', 'CI-22.hearingRequest'] },
    });
  },

  /** 行政处罚法第六十四条第（一）项: a notice that tells of the right to a hearing opens the five working days to ask for one. */
  async open_hearing_request_window({ app, tx, req, c, data, on }) {
    const d = data as unknown as MisconductCaseData;
    if (!d.notice?.hearingRight) return;
    await openDeadlineIn(app, tx, req.actor, {
      limitId: 'CI-22.hearingRequest', ownerType: 'case', ownerId: c.id, title: `科研失信行为调查：${TIME_LIMITS['CI-22.hearingRequest'].action}`,
      jurisdictionCode: c.jurisdiction_code, startDate: on,
    }, req.ip);
  },

  /**
   * CI-22 → CI-16.4 … CI-20.4: the decided misconduct is recorded as the rating finding of the subject's
   * capacity (core/rating/misconduct-findings.ts), dated on the decision, with the case as its source —
   * the same checks and the same row as a finding staff record (rules/record-finding.ts).
   */
  async record_misconduct_finding({ app, tx, req, c, data }) {
    const m = data as unknown as MisconductCaseData;
    const d = m.decision!;
    if (app.policies.registry.valueOn('CI', 'rating.misconductFinding', d.decidedOn) === 'none') return;
    const s = await getSubject(tx, m.subjectId!);
    if (!s) throw new AppError('NOT_FOUND', { field: 'subjectId' });
    const types = ratedTypesOf(s);
    const capacity = s.kind === 'organization' ? types[0] : (d.ratedAs ?? 'leader');
    if (!types.includes(capacity)) throw new AppError('INCONSISTENT', { field: 'ratedAs', zh: `该人员不是${SUBJECT_TYPE_LABEL[capacity]}，不能按其身份评价`, clause: 'CI-18' });
    const clause = criterionForMisconduct(d.kind, capacity);
    const [project] = m.projectId
      ? await tx.query<{ id: string }>('SELECT id FROM projects WHERE id = $1 AND ($2::uuid IN (undertaking_unit_id, leader_id, recommending_department_id, service_agency_id))', [m.projectId, s.id])
      : [];
    await recordFindingIn(app, tx, req, {
      subjectId: s.id, subjectType: capacity, clause, factDate: d.decidedOn, met: true,
      description: `经调查认定${MISCONDUCT_KIND_LABEL[d.kind]}，${SEVERITY_LABEL[d.severity]}（${SEVERITY_CLAUSE[d.severity]}）`,
      sourceKind: 'investigation', sourceDocument: `科研失信行为处理决定（案件 ${c.id}，${d.decidedOn}）`, projectId: project?.id ?? null,
    }, { caseId: c.id });
  },

  /** 复查 (国科发监〔2022〕221号): a changed or revoked decision corrects its sanctions and what rests on them (integrity/review-corrections.ts). */
  async correct_sanctions({ app, tx, req, c, data, on }) {
    await correctByReview(app, tx, req, c.id, data as unknown as MisconductReviewData, on);
  },

  /**
   * YT-7, YT-8, YT-9.4 给予严肃处理: the escalation opens its next case, linked both ways (parent and
   * child): a referral to the discipline or personnel body (accountability-referral.ts), or, where the
   * officer suspects fraud, a misconduct lead (CI-22) about the person, else the unit, concerned.
   * Both are for staff: the unit and person do not see them through the escalated case.
   */
  async open_escalation_case(e) {
    const esc = (e.data as unknown as RectificationData).escalation;
    if (!esc?.handling) return;
    // The clause the escalation was taken under (YT-7, YT-8, YT-9.4).
    const def = procedureOf(e.c.procedure);
    const clause = def.steps.find((x) => x.id === 'escalate')?.clause ?? def.clause;
    if (esc.handling === 'accountability') {
      const data: AccountabilityReferralData = {
        sourceCaseId: e.c.id, sourceClause: clause, projectId: e.c.project_id, unitId: e.c.unit_id, ground: esc.ground, reason: esc.reason, history: [],
      };
      await e.startFollowOn({ procedure: 'accountability_referral', start: 'from_escalation', data, visibleToParties: false });
      return;
    }
    const subjectId = e.c.applicant_person_id ?? e.c.unit_id;
    const data: MisconductCaseData = {
      source: 'escalation', sourceCaseId: e.c.id, projectId: e.c.project_id, grounds: `${esc.reason}（${clause} 整改不力，涉嫌弄虚作假）`, history: [],
      subjectId, subjectKind: subjectId ? (e.c.applicant_person_id ? 'person' : 'organization') : null,
    };
    await e.startFollowOn({ procedure: 'misconduct', start: 'from_escalation', data, visibleToParties: false });
  },

  /**
   * CI-23 暂停财政资助科研项目和科研活动，限期整改: a decision with that measure puts the project in the
   * 暂停 state with a last day to rectify, tracked as an obligation (the text gives no period: the bureau
   * setting CI-23.suspensionRectifyWorkingDays). Which projects (reading): the case's project where it
   * names one, else every project under way in the case's area that the subject undertakes or leads.
   */
  async suspend_project({ app, tx, req, c, data }) {
    const m = data as unknown as MisconductCaseData;
    const d = m.decision;
    if (!d || !d.measures.includes('suspension_rectification') || !m.subjectId) return;
    const projectId = c.project_id ?? m.projectId;
    const projects = projectId ? [{ id: projectId }] : await tx.query<{ id: string }>(
      `SELECT id FROM projects WHERE (undertaking_unit_id = $1 OR leader_id = $1) AND jurisdiction_code = ANY($2::text[]) AND status IN ('approved', 'in_progress', 'acceptance_applied') ORDER BY code`,
      [m.subjectId, app.regions.subtree(c.jurisdiction_code)]);
    const o = await openObligationIn(app, tx, req.actor, {
      kind: 'rectify_after_suspension', caseId: c.id, projectId: projects.length === 1 ? projects[0].id : null, subjectId: m.subjectId, jurisdictionCode: c.jurisdiction_code,
      description: `暂停财政资助科研项目和科研活动，限期整改${projects.length ? `（暂停项目 ${projects.length} 个）` : ''}`, decidedOn: d.decidedOn,
    }, req.ip);
    for (const p of projects) {
      const [row] = await tx.query<{ status: string }>('SELECT status FROM projects WHERE id = $1', [p.id]);
      if (!row || !['approved', 'in_progress', 'acceptance_applied'].includes(row.status)) continue;
      await changeProjectStatusIn(app, tx, req.actor, {
        projectId: p.id, to: 'suspended', on: d.decidedOn, clause: 'CI-23', caseId: c.id, rectifyBy: o.dueDate,
        reason: `科研失信行为处理决定：暂停财政资助并限期整改，整改期限至 ${o.dueDate}`,
      }, req.ip);
    }
  },

  /** YT-14 / X-2: a malicious or fraudulent application is referred as a misconduct case under CI. */
  async open_misconduct_case(e) {
    // Whose conduct: the applicant person, else the unit that applied.
    const subjectId = e.c.applicant_person_id ?? e.c.unit_id;
    const data: MisconductCaseData = {
      source: 'tolerance_referral', sourceCaseId: e.c.id, projectId: e.c.project_id, grounds: String(e.data.referralReason ?? ''), history: [],
      subjectId, subjectKind: subjectId ? (e.c.applicant_person_id ? 'person' : 'organization') : null,
    };
    // An investigation is for staff: the persons concerned do not see it through the referral.
    await e.startFollowOn({ procedure: 'misconduct', start: 'from_tolerance', data, visibleToParties: false });
  },
};
