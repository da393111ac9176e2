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

export async function sweepExpiries(app: AppContext): Promise<Array<{ sanctionId?: string; listingId?: string; removedOn: string }>> {
  const today = businessDate(app.clock);
  const due = await app.db.query<{ id: string; subject_id: string; public_until: string; name: string; jurisdiction_code: string }>(
    `SELECT x.id, x.subject_id, x.public_until, s.name, c.jurisdiction_code FROM sanctions x JOIN subjects s ON s.id = x.subject_id JOIN cases c ON c.id = x.case_id
      WHERE x.public_list AND x.public_until < $1::date AND x.repaired_on IS NULL AND x.revoked_on IS NULL AND NOT EXISTS (SELECT 1 FROM sanction_removals r WHERE r.sanction_id = x.id)
      ORDER BY x.public_until LIMIT 5000`, [today]);
  const done: Array<{ sanctionId?: string; listingId?: string; removedOn: string }> = [];
  for (const x of due) {
    const removedOn = addCalendarDays(x.public_until, 1);
    const won = await app.db.transaction(async (tx) => {
      const claim = await tx.query(`INSERT INTO sanction_removals (sanction_id, removed_on, raised_at, raised_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING sanction_id`,
        [x.id, removedOn, app.clock.now().toISOString(), app.instanceId]);
      if (claim.length === 0) return false;
      const m = { kind: 'list_removal', title: `移出公开名单：${x.name}`, body: `公开期限已于 ${x.public_until} 届满，自 ${removedOn} 起不再公开（CI-28）。` };
      await notify(tx, app, { staffRoles: ['integrity_officer'], jurisdictionCode: x.jurisdiction_code }, m);
      // The subject hears of its own matter by mail too; staff read it in the system.
      await notify(tx, app, { personId: x.subject_id, unitId: x.subject_id }, { ...m, mail: { kind: 'case_notice' } });
      await appendAudit(tx, app, { actor: null, action: 'sanction.expire', objectType: 'subject', objectId: x.subject_id, after: { sanction: x.id, removedOn, clause: 'CI-28', by: app.instanceId } });
      return true;
    });
    if (won) done.push({ sanctionId: x.id, removedOn });
  }
  const ended = await app.db.query<{ id: string; subject_id: string; until: string; name: string; jurisdiction_code: string }>(
    `SELECT l.id, l.subject_id, l.until, s.name, l.jurisdiction_code FROM listings l JOIN subjects s ON s.id = l.subject_id
      WHERE l.until < $1::date AND l.removed_on IS NULL AND l.repaired_on IS NULL ORDER BY l.until LIMIT 5000`, [today]);
  for (const l of ended) {
    const removedOn = addCalendarDays(l.until, 1);
    const won = await app.db.transaction(async (tx) => {
      const claim = await tx.query('UPDATE listings SET removed_on = $2 WHERE id = $1 AND removed_on IS NULL RETURNING id', [l.id, removedOn]);
      if (claim.length === 0) return false;
      const m = { kind: 'list_removal', title: `移出失信惩戒名单：${l.name}`, body: `名单期限已于 ${l.until} 届满，自 ${removedOn} 起移出失信惩戒名单（CI-28）。` };
      await notify(tx, app, { staffRoles: ['integrity_officer'], jurisdictionCode: l.jurisdiction_code }, m);
      await notify(tx, app, { personId: l.subject_id, unitId: l.subject_id }, { ...m, mail: { kind: 'case_notice' } });
      await appendAudit(tx, app, { actor: null, action: 'listing.expire', objectType: 'subject', objectId: l.subject_id, after: { listing: l.id, removedOn, clause: 'CI-28', by: app.instanceId } });
      return true;
    });
    if (won) done.push({ listingId: l.id, removedOn });
  }
  return done;
}
