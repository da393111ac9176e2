/**
 * 复查 (国科发监〔2022〕221号): a review that changes or revokes a misconduct decision corrects the sanction
 * rows of that decision and what rests on them, in the review step's transaction:
 * - a revoked sanction is not in force from the review's day (`revoked_on`, read by ban-in-force.ts);
 *   its publication and listing end the day before;
 * - a changed one takes the new severity, measures, ban (still from the decision's day) and
 *   publication, its publication and listing ends worked out again from the tier (CR) — never longer
 *   than they were;
 * - CI-26: persons answer for an organisation only on the serious list, so a change below it revokes theirs;
 * - CI-5, CI-15: the rating findings the decision recorded go with a revoked decision, and the ratings
 *   they counted in are recomputed;
 * - CI-23: a clawback or revocation of awards no longer decided is waived.
 * Every changed field is a row in sanction_corrections (the same history an upheld objection writes,
 * correct-record.ts), so the record shows it wherever it is shown; every change is audited.
 */
import type { MisconductCaseData } from '../../../core/procedure/misconduct-case';
import type { MisconductReviewData } from '../../../core/procedure/misconduct-review-case';
import { AppError } from '../../../core/errors';
import { goesOnPublicList, onSeriousList } from '../../../core/sanctions/misconduct';
import { SEVERITY_CLAUSE, banEnd, type Measure, type Severity } from '../../../core/sanctions/sanctions';
import { addCalendarDays } from '../../../core/time/iso-date';
import type { AppContext, RequestContext } from '../../context';
import type { Sql } from '../../db/database';
import { appendAudit } from '../audit/append-audit';
import { findingsFromCase, withdrawFindingIn } from '../rules/correct-finding';
import { getSubject } from '../subjects/subjects-repo';
import { insertCorrections, type CorrectionField } from './correct-record';
import { endsOfSanction } from './publication-ends';

const RULE = '国科发监〔2022〕221号';

interface Row {
  id: string; subject_id: string; responsible_role: string | null; severity: Severity; measures: Measure[]; ban_years: number | null; ban_life: boolean;
  ban_start: string | null; ban_end: string | null; decided_date: string; public_disclosure: boolean; public_list: boolean; public_until: string | null; clause: string;
}

/** The earlier of two last days, null standing for no end. */
const earlier = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);
const banOf = (x: { ban_years: number | null; ban_life: boolean; ban_start: string | null; ban_end: string | null }) =>
  ({ years: x.ban_life ? 'life' : x.ban_years, start: x.ban_start, end: x.ban_life ? null : x.ban_end });

export async function correctByReview(app: AppContext, tx: Sql, req: RequestContext, reviewCaseId: string, r: MisconductReviewData, on: string) {
  const o = r.outcome!;
  if (o.kind !== 'changed' && o.kind !== 'revoked') return;
  const dayBefore = addCalendarDays(on, -1);
  const reason = `复查${o.kind === 'revoked' ? '撤销' : '变更'}原处理决定：${o.opinion}`;
  const [mc] = await tx.query<{ data: MisconductCaseData }>('SELECT data FROM cases WHERE id = $1', [r.misconductCaseId]);
  const flags = mc?.data.decision ?? { simpleProcedure: false, minorAndCorrected: false };
  const rows = await tx.query<Row>(
    `SELECT id, subject_id, responsible_role, severity, measures, ban_years, ban_life, ban_start, ban_end, decided_date, public_disclosure, public_list, public_until, clause
       FROM sanctions WHERE case_id = $1 AND revoked_on IS NULL ORDER BY created_at, id FOR UPDATE`, [r.misconductCaseId]);
  if (rows.length === 0) throw new AppError('INCONSISTENT', { field: 'misconductCaseId', zh: '原处理决定没有处理记录可更正', clause: RULE });
  const ch = o.changed;
  for (const x of rows) {
    const revoke = o.kind === 'revoked' || (x.responsible_role !== null && !onSeriousList(ch!.severity));
    const changes: Array<[CorrectionField, unknown, unknown]> = [];
    let listUntil: string | null; let listPublicUntil: string | null;
    if (revoke) {
      const publicUntil = x.public_list ? earlier(x.public_until, dayBefore) : x.public_until;
      changes.push(['revoked_on', null, on]);
      if (publicUntil !== x.public_until) changes.push(['public_until', x.public_until, publicUntil]);
      await tx.query('UPDATE sanctions SET revoked_on = $2, public_until = $3 WHERE id = $1', [x.id, on, publicUntil]);
      listUntil = dayBefore; listPublicUntil = dayBefore;
    } else {
      const years = ch!.banYears;
      const start = years === null ? x.ban_start : x.ban_start ?? x.decided_date;
      // No ban any more: the one that ran ends the day before the review decision.
      const end = years === null ? (x.ban_start ? earlier(x.ban_end, dayBefore) : null) : banEnd(start!, years);
      const ban = { years, start: years === null && !x.ban_start ? null : start, end };
      const publicList = goesOnPublicList({ decided: true, simpleProcedure: !!flags.simpleProcedure, minorAndCorrected: !!flags.minorAndCorrected }) && ch!.publicDisclosure;
      const ends = endsOfSanction(app.policies.registry, { severity: ch!.severity, decided_date: x.decided_date, ban_end: end, ban_life: years === 'life' });
      const publicUntil = publicList ? earlier(x.public_until, ends.publicUntil) : null;
      if (ch!.severity !== x.severity) changes.push(['severity', x.severity, ch!.severity]);
      if ([...ch!.measures].sort().join() !== [...x.measures].sort().join()) changes.push(['measures', x.measures, ch!.measures]);
      if (JSON.stringify(ban) !== JSON.stringify(banOf(x))) changes.push(['ban', banOf(x), ban]);
      if (publicList !== x.public_list) changes.push(['public_list', x.public_list, publicList]);
      if (publicUntil !== x.public_until) changes.push(['public_until', x.public_until, publicUntil]);
      await tx.query(
        `UPDATE sanctions SET severity = $2, measures = $3::text[], ban_years = $4, ban_life = $5, ban_start = $6, ban_end = $7, public_disclosure = $8, public_list = $9,
                clause = $10, publication_tier = $11, public_until = $12, publication_basis = $13 WHERE id = $1`,
        [x.id, ch!.severity, ch!.measures, typeof years === 'number' ? years : null, years === 'life', ban.start, end, ch!.publicDisclosure, publicList,
          SEVERITY_CLAUSE[ch!.severity], ends.tier, publicUntil, ends.basis]);
      listUntil = ends.listUntil; listPublicUntil = ends.publicUntil;
    }
    // CI-27, CI-28: a listing lasts as long as the sanction it rests on; never longer than it was.
    const listings = await tx.query<{ id: string; until: string | null; public_until: string | null }>(
      'SELECT id, until, public_until FROM listings WHERE sanction_id = $1 AND repaired_on IS NULL FOR UPDATE', [x.id]);
    for (const l of listings) {
      const until = earlier(l.until, listUntil);
      const publicUntil = earlier(l.public_until, listPublicUntil);
      if (until === l.until && publicUntil === l.public_until) continue;
      await tx.query('UPDATE listings SET until = $2, public_until = $3 WHERE id = $1', [l.id, until, publicUntil]);
      if (until !== l.until) changes.push(['listed_until', l.until, until]);
    }
    await insertCorrections(app, tx, req, { sanctionId: x.id, byCaseId: reviewCaseId, on, reason, clause: RULE, changes });
    await appendAudit(tx, app, {
      actor: req.actor, ip: req.ip, action: 'sanction.correct', objectType: 'subject', objectId: x.subject_id,
      before: Object.fromEntries(changes.map(([f, from]) => [f, from])), after: { sanction: x.id, ...Object.fromEntries(changes.map(([f, , to]) => [f, to])), byCase: reviewCaseId, reason, clause: RULE },
    });
  }
  // CI-5: the rating finding the decision recorded goes with a revoked decision (a change keeps the kind of misconduct, and so the finding).
  if (o.kind === 'revoked') {
    for (const f of await findingsFromCase(tx, r.misconductCaseId)) {
      const s = await getSubject(tx, f.subject_id);
      if (s) await withdrawFindingIn(app, tx, req, f, s, `${reason}（复查案件 ${reviewCaseId}）`, RULE, reviewCaseId);
    }
  }
  // CI-23: a clawback or revocation of awards no longer decided is waived, not left open.
  const kept: readonly string[] = o.kind === 'changed' ? ch!.measures : [];
  const MEASURE_OF: Record<string, Measure> = { clawback_funds: 'termination_clawback', revoke_awards: 'revoke_awards' };
  const open = await tx.query<{ id: string; kind: string }>(`SELECT id, kind FROM obligations WHERE case_id = $1 AND status = 'open' FOR UPDATE`, [r.misconductCaseId]);
  const now = app.clock.now().toISOString();
  for (const ob of open) {
    if (!MEASURE_OF[ob.kind] || kept.includes(MEASURE_OF[ob.kind])) continue;
    const note = `${reason}，不再履行（复查案件 ${reviewCaseId}）`;
    await tx.query(`UPDATE obligations SET status = 'waived', settled_on = $2, settlement_note = $3, version = version + 1, updated_at = $4 WHERE id = $1`, [ob.id, on, note, now]);
    await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'obligation.settle', objectType: 'obligation', objectId: ob.id, before: { status: 'open' }, after: { status: 'waived', settledOn: on, note, byCase: reviewCaseId, clause: RULE } });
  }
}
