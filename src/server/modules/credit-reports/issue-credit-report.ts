/**
 * 出具信用报告 (issue 20): a subject's credit report on today's records — ratings in effect (CI-15),
 * sanctions in force (CI-23, CI-25), listings (CI-27, CI-28) and repairs (CI-30, CI-31), each with its
 * basis — as a PDF carrying a verification code and its QR code. The code, the PDF's digests (SHA-256,
 * SM3) and the summary of what it says are stored with the audit event in one transaction; the bytes
 * are handed out, not kept. A subject outside the caller's scope answers 404.
 */
import crypto, { randomUUID } from 'node:crypto';
import { verificationCode, type ReportSummary } from '../../../core/credit-report/credit-report';
import { caseNumber, sanctionDecisionNo } from '../../../core/documents/templates';
import { SUBJECT_KIND_LABEL } from '../../../core/domain/vocabulary';
import { AppError } from '../../../core/errors';
import { LEVEL_LABEL, SUBJECT_TYPE_LABEL, type Level, type SubjectType } from '../../../core/rating/criteria';
import { bureauFor } from '../../../core/regions/yunnan';
import { MISCONDUCT_KIND_LABEL, type MisconductKind } from '../../../core/sanctions/misconduct';
import { MEASURE_LABEL, SEVERITY_LABEL, type Measure, type Severity } from '../../../core/sanctions/sanctions';
import { businessDate } from '../../../core/time/clock';
import type { AppContext, RequestContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { loadVisibleSubject } from '../subjects/subject-input';
import { insertCreditReport, listingsOfSubject, ratingsInEffect, sanctionsInForce } from './credit-reports-repo';
import { renderCreditReport } from './render-credit-report';

/** The public verification page a report's QR code opens, with its code. */
export const verifyUrlOf = (base: string, code: string) => `${base.replace(/\/+$/, '')}/public/credit-report?code=${encodeURIComponent(code)}`;

export async function issueCreditReport(app: AppContext, ctx: RequestContext, subjectId: string, origin: string) {
  const subject = await loadVisibleSubject(app.db, ctx.scope, subjectId);
  const region = ctx.actor.regionCode ? app.regions.get(ctx.actor.regionCode) : undefined;
  if (!region) throw new AppError('FORBIDDEN', { zh: '只有科技部门可以出具信用报告' });
  const today = businessDate(app.clock);
  const now = app.clock.now();
  const [ratings, sanctions, listings] = await Promise.all([
    ratingsInEffect(app.db, subject.id), sanctionsInForce(app.db, subject.id, today), listingsOfSubject(app.db, subject.id, today),
  ]);
  const summary: ReportSummary = {
    subject: {
      name: subject.name, kindLabel: SUBJECT_KIND_LABEL[subject.kind],
      // A person's ID number is printed masked, as every page shows it (the report leaves the system).
      identifier: subject.kind === 'organization' ? `统一社会信用代码 ${subject.credit_code ?? '—'}` : `身份证号 ${subject.id_number_masked ?? '—'}`,
    },
    issuer: bureauFor(region).name,
    issuedOn: today,
    ratings: ratings.map((r) => ({
      year: r.year, subjectTypeLabel: SUBJECT_TYPE_LABEL[r.subject_type as SubjectType] ?? r.subject_type, level: r.level, levelLabel: LEVEL_LABEL[r.level as Level] ?? r.level,
      clauses: r.clauses, policy: r.doc_no ? `${r.policy_title ?? ''}（${r.doc_no}）` : r.policy_version_id,
    })),
    sanctions: sanctions.map((x) => ({
      decisionNo: sanctionDecisionNo(x.case_id, x.decided_date), conduct: MISCONDUCT_KIND_LABEL[x.misconduct_kind as MisconductKind] ?? x.misconduct_kind,
      severityLabel: SEVERITY_LABEL[x.severity as Severity] ?? x.severity, measures: x.measures.map((m) => MEASURE_LABEL[m as Measure] ?? m),
      decidedOn: x.decided_date, banUntil: x.ban_end, banLife: x.ban_life, clause: x.clause,
    })),
    // Listings still on the list that day (not repaired, not ended); a repaired one is stated under repairs.
    listings: listings.filter((l) => !l.repaired_on && (l.until === null || l.until >= today)).map((l) => ({
      decisionNo: sanctionDecisionNo(l.sanction_case_id, l.sanction_decided), listedOn: l.listed_on, until: l.until, clause: `CI-27（所依据的处理：${l.sanction_clause}）`,
    })),
    repairs: listings.filter((l) => l.repaired_on && l.repaired_on <= today).map((l) => ({
      repairNo: l.repair_case_id ? `修复案件 ${caseNumber(l.repair_case_id)}` : '信用修复', listingDecisionNo: sanctionDecisionNo(l.sanction_case_id, l.sanction_decided), repairedOn: l.repaired_on!, clause: 'CI-30、CI-31',
    })),
  };
  const code = verificationCode(crypto.randomBytes(16));
  const verifyUrl = verifyUrlOf(app.config.mail?.publicUrl || origin, code);
  const pdf = await renderCreditReport(summary, code, verifyUrl, app.config.cjkFont, now);
  const sha256 = crypto.createHash('sha256').update(pdf).digest('hex');
  const sm3 = crypto.createHash('sm3').update(pdf).digest('hex');
  const id = randomUUID();
  await app.db.transaction(async (tx) => {
    await insertCreditReport(tx, { id, code, subject_id: subject.id, jurisdiction_code: region.code, issued_on: today, issued_at: now.toISOString(), issued_by: ctx.actor.userId, sha256, sm3, summary });
    await appendAudit(tx, app, {
      actor: ctx.actor, ip: ctx.ip, action: 'credit_report.issue', objectType: 'credit_report', objectId: id,
      after: { subjectId: subject.id, code, sha256, sm3, ratings: summary.ratings.length, sanctions: summary.sanctions.length, listings: summary.listings.length, repairs: summary.repairs.length },
    });
  });
  return { id, code, sha256, sm3, pdf, fileName: `信用报告-${subject.name}-${today}.pdf`, verifyUrl };
}
