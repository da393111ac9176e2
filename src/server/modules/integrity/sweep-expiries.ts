/**
 * CI-28 移出名单: when a published sanction's publication has ended (its period, or the longest
 * publication period of its tier under the national credit-repair rules, CR), the public page already
 * stops showing it (the list is derived from dates); this sweep records the removal once — the row in
 * sanction_removals is the claim, so however many processes sweep, it happens once — and tells the
 * integrity section and the subject. A listing whose end has passed is taken off the list the same
 * way: the first process to set its removed_on is the one that records and tells.
 */
import { businessDate } from '../../../core/time/clock';
import { addCalendarDays } from '../../../core/time/iso-date';
import type { AppContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { notify } from '../notifications/notify';
import { runClaimedSweep, type ClaimedSweep } from '../../jobs/claimed-sweep';

interface DueSanction { id: string; subject_id: string; public_until: string; name: string; jurisdiction_code: string }
interface EndedListing { id: string; subject_id: string; until: string; name: string; jurisdiction_code: string }

/** A published sanction past its publication end: a row in `sanction_removals` is the claim. */
const PUBLICATION_ENDS: ClaimedSweep<DueSanction, string> = {
  candidates: (app) => app.db.query<DueSanction>(
    `SELECT x.id, x.subject_id, x.public_until, s.name, c.jurisdiction_code FROM sanctions x JOIN subjects s ON s.id = x.subject_id JOIN cases c ON c.id = x.case_id
      WHERE x.public_list AND x.public_until < $1::date AND x.repaired_on IS NULL AND x.revoked_on IS NULL AND NOT EXISTS (SELECT 1 FROM sanction_removals r WHERE r.sanction_id = x.id)
      ORDER BY x.public_until LIMIT 5000`, [businessDate(app.clock)]),
  due: (_app, x) => addCalendarDays(x.public_until, 1),
  async claim(tx, app, x, removedOn) {
    return (await tx.query(`INSERT INTO sanction_removals (sanction_id, removed_on, raised_at, raised_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING sanction_id`,
      [x.id, removedOn, app.clock.now().toISOString(), app.instanceId])).length > 0;
  },
  async act(tx, app, x, removedOn) {
    const m = { kind: 'list_removal', title: `移出公开名单：${x.name}`, body: `公开期限已于 ${x.public_until} 届满，自 ${removedOn} 起不再公开（CI-28）。` };
    await notify(tx, app, { staffRoles: ['integrity_officer'], jurisdictionCode: x.jurisdiction_code }, m);
    // The subject hears of its own matter by mail too; staff read it in the system.
    await notify(tx, app, { personId: x.subject_id, unitId: x.subject_id }, { ...m, mail: { kind: 'case_notice' } });
    await appendAudit(tx, app, { actor: null, action: 'sanction.expire', objectType: 'subject', objectId: x.subject_id, after: { sanction: x.id, removedOn, clause: 'CI-28', by: app.instanceId } });
  },
};

/** A listing past its end: setting `removed_on` while it is still null is the claim. */
const LISTING_ENDS: ClaimedSweep<EndedListing, string> = {
  candidates: (app) => app.db.query<EndedListing>(
    `SELECT l.id, l.subject_id, l.until, s.name, l.jurisdiction_code FROM listings l JOIN subjects s ON s.id = l.subject_id
      WHERE l.until < $1::date AND l.removed_on IS NULL AND l.repaired_on IS NULL ORDER BY l.until LIMIT 5000`, [businessDate(app.clock)]),
  due: (_app, l) => addCalendarDays(l.until, 1),
  async claim(tx, _app, l, removedOn) {
    return (await tx.query('UPDATE listings SET removed_on = $2 WHERE id = $1 AND removed_on IS NULL RETURNING id', [l.id, removedOn])).length > 0;
  },
  async act(tx, app, l, removedOn) {
    const m = { kind: 'list_removal', title: `移出失信惩戒名单：${l.name}`, body: `名单期限已于 ${l.until} 届满，自 ${removedOn} 起移出失信惩戒名单（CI-28）。` };
    await notify(tx, app, { staffRoles: ['integrity_officer'], jurisdictionCode: l.jurisdiction_code }, m);
    await notify(tx, app, { personId: l.subject_id, unitId: l.subject_id }, { ...m, mail: { kind: 'case_notice' } });
    await appendAudit(tx, app, { actor: null, action: 'listing.expire', objectType: 'subject', objectId: l.subject_id, after: { listing: l.id, removedOn, clause: 'CI-28', by: app.instanceId } });
  },
};

export async function sweepExpiries(app: AppContext): Promise<Array<{ sanctionId?: string; listingId?: string; removedOn: string }>> {
  const sanctions = (await runClaimedSweep(app, PUBLICATION_ENDS)).won.map((w) => ({ sanctionId: w.candidate.id, removedOn: w.kind }));
  const listings = (await runClaimedSweep(app, LISTING_ENDS)).won.map((w) => ({ listingId: w.candidate.id, removedOn: w.kind }));
  return [...sanctions, ...listings];
}
