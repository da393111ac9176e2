/**
 * The ends of a sanction's publication and of a listing (core/sanctions/publication.ts), worked out
 * from a stored sanction row under the registry in force, and the start-up step that gives rows
 * written before migration 0023 their ends: an open-ended listing (a life ban) gets the end the
 * national credit-repair rules give it, and every published sanction its publication end. Audited
 * once per run with what it changed; rows already worked out are never touched again.
 */
import { publicationEnds, type PublicationEnds } from '../../../core/sanctions/publication';
import type { Severity } from '../../../core/sanctions/sanctions';
import type { PolicyRegistry } from '../../../core/policy/registry';
import type { AppContext } from '../../context';
import type { Sql } from '../../db/database';
import { appendAudit } from '../audit/append-audit';

export interface SanctionDates { severity: Severity; decided_date: string; ban_end: string | null; ban_life: boolean }

export const endsOfSanction = (registry: PolicyRegistry, r: SanctionDates): PublicationEnds =>
  publicationEnds({ severity: r.severity, decidedOn: r.decided_date, banEnd: r.ban_end, banLife: r.ban_life }, registry);

const BATCH = 2000;

export async function backfillPublicationEnds(app: Pick<AppContext, 'db' | 'clock' | 'auditSeal' | 'policies'>): Promise<{ sanctions: number; listings: number }> {
  const registry = app.policies.registry;
  return app.db.transaction(async (tx: Sql) => {
    let sanctions = 0;
    for (;;) {
      const rows = await tx.query<SanctionDates & { id: string }>(
        `SELECT id, severity, decided_date, ban_end, ban_life FROM sanctions WHERE publication_tier IS NULL ORDER BY id LIMIT ${BATCH}`);
      if (rows.length === 0) break;
      const set = rows.map((r) => { const e = endsOfSanction(registry, r); return { id: r.id, tier: e.tier, until: e.publicUntil, basis: e.basis }; });
      await tx.query(`UPDATE sanctions x SET publication_tier = t.tier, public_until = t.until, publication_basis = t.basis
                        FROM jsonb_to_recordset($1::jsonb) AS t(id uuid, tier text, until date, basis text) WHERE x.id = t.id`, [JSON.stringify(set)]);
      sanctions += rows.length;
    }
    const listings = await tx.query<SanctionDates & { id: string; until: string | null }>(
      `SELECT l.id, l.until, x.severity, x.decided_date, x.ban_end, x.ban_life FROM listings l JOIN sanctions x ON x.id = l.sanction_id WHERE l.end_basis IS NULL ORDER BY l.id`);
    const changed: Array<{ listing: string; until: string | null; to: string; publicUntil: string | null }> = [];
    for (const l of listings) {
      const e = endsOfSanction(registry, l);
      await tx.query('UPDATE listings SET until = $2, public_until = $3, end_basis = $4 WHERE id = $1', [l.id, e.listUntil, e.publicUntil, e.basis]);
      changed.push({ listing: l.id, until: l.until, to: e.listUntil, publicUntil: e.publicUntil });
    }
    if (sanctions || changed.length) {
      await appendAudit(tx, app, {
        actor: null, action: 'listing.end_backfill', objectType: 'listing', objectId: null,
        before: { openEnded: changed.filter((c) => c.until === null).map((c) => c.listing) },
        after: { sanctions, listings: changed, clause: 'CI-28', basis: '国家发展改革委令2025年第36号（迁移 0023）' },
      });
    }
    return { sanctions, listings: changed.length };
  });
}
