/**
 * 补齐文书版式: on start, every bureau without a document form (GB/T 9704-2012: organ mark, organ
 * code, printing office, copy-to organs) gets the core defaults, in one audited transaction. A form a
 * bureau has set is never changed (the UPDATE touches empty rows only), so several servers starting at
 * once fill each row once.
 */
import { defaultBureauProfile } from '../../../core/regions/bureau-profile';
import type { Database } from '../../db/database';
import { appendAudit, type AuditContext } from '../audit/append-audit';
import { bureausWithoutProfile, fillBureauProfile, loadRegionTree } from './regions-repo';

export async function completeBureauProfiles(db: Database, audit: AuditContext): Promise<string[]> {
  return db.transaction(async (tx) => {
    const missing = await bureausWithoutProfile(tx);
    if (!missing.length) return [];
    const tree = await loadRegionTree(tx);
    const filled: string[] = [];
    for (const code of missing) {
      const region = tree.get(code);
      if (!region) continue;
      const parent = region.parentCode ? tree.get(region.parentCode) : undefined;
      if (await fillBureauProfile(tx, code, defaultBureauProfile(region, parent))) filled.push(code);
    }
    if (filled.length) await appendAudit(tx, audit, { actor: null, action: 'region.bureau_profiles', objectType: 'region', after: { bureaus: filled } });
    return filled;
  });
}
