/**
 * CI-28 移出名单: when a published sanction's period has ended, the public page already stops showing
 * it (the list is derived from dates); this sweep records the removal once — the row in
 * sanction_removals is the claim, so however many processes sweep, it happens once — and tells the
 * integrity section and the subject.
 */
import { businessDate } from '../../../core/time/clock';
import { addCalendarDays } from '../../../core/time/iso-date';
import type { AppContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { notify } from '../notifications/notify';

export async function sweepExpiries(app: AppContext): Promise<Array<{ sanctionId: string; removedOn: string }>> {
  const today = businessDate(app.clock);
  const due = await app.db.query<{ id: string; subject_id: string; ban_end: string; name: string; jurisdiction_code: string }>(
    `SELECT x.id, x.subject_id, x.ban_end, s.name, c.jurisdiction_code FROM sanctions x JOIN subjects s ON s.id = x.subject_id JOIN cases c ON c.id = x.case_id
      WHERE x.public_list AND NOT x.ban_life AND x.ban_end < $1::date AND x.repaired_on IS NULL AND NOT EXISTS (SELECT 1 FROM sanction_removals r WHERE r.sanction_id = x.id)
      ORDER BY x.ban_end LIMIT 5000`, [today]);
  const done: Array<{ sanctionId: string; removedOn: string }> = [];
  for (const x of due) {
    const removedOn = addCalendarDays(x.ban_end, 1);
    const won = await app.db.transaction(async (tx) => {
      const claim = await tx.query(`INSERT INTO sanction_removals (sanction_id, removed_on, raised_at, raised_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING sanction_id`,
        [x.id, removedOn, app.clock.now().toISOString(), app.instanceId]);
      if (claim.length === 0) return false;
      await notify(tx, app, { staffRoles: ['integrity_officer'], jurisdictionCode: x.jurisdiction_code, personId: x.subject_id, unitId: x.subject_id },
        { kind: 'list_removal', title: `移出公开名单：${x.name}`, body: `处理期限已于 ${x.ban_end} 届满，自 ${removedOn} 起不再公开（CI-28）。` });
      await appendAudit(tx, app, { actor: null, action: 'sanction.expire', objectType: 'subject', objectId: x.subject_id, after: { sanction: x.id, removedOn, clause: 'CI-28', by: app.instanceId } });
      return true;
    });
    if (won) done.push({ sanctionId: x.id, removedOn });
  }
  return done;
}
