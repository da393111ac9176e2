/** Regions, bureaus and sections: seeded from core data on first start, read into a RegionTree. */
import { RegionTree, type Region } from '../../../core/regions/region-tree';
import { YUNNAN_REGIONS, bureauFor } from '../../../core/regions/yunnan';
import type { Database, Sql } from '../../db/database';
import { appendAudit, type AuditContext } from '../audit/append-audit';

export async function loadRegionTree(db: Sql): Promise<RegionTree> {
  const rows = await db.query<{ code: string; name: string; level: Region['level']; parent_code: string | null; standard_code: boolean }>(
    'SELECT code, name, level, parent_code, standard_code FROM regions ORDER BY code',
  );
  return new RegionTree(rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code, standardCode: r.standard_code })));
}

/** Seeds the Yunnan regions with one bureau each and its three kinds of section, once. */
export async function seedRegions(db: Database, audit: AuditContext): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [{ n }] = await tx.query<{ n: number }>('SELECT count(*) AS n FROM regions');
    if (n > 0) return false;
    for (const r of YUNNAN_REGIONS) {
      await tx.query('INSERT INTO regions (code, name, level, parent_code, standard_code) VALUES ($1, $2, $3, $4, $5)', [r.code, r.name, r.level, r.parentCode, r.standardCode]);
      const b = bureauFor(r);
      await tx.query('INSERT INTO bureaus (region_code, name, leadership_body) VALUES ($1, $2, $3)', [r.code, b.name, b.leadershipBody]);
      const sections: Array<[string, string]> = [['business', '业务科室'], ['integrity', '科研诚信管理科室'], ['leadership', b.leadershipBody]];
      for (const [kind, name] of sections) {
        await tx.query('INSERT INTO sections (id, bureau_region_code, kind, name) VALUES ($1, $2, $3, $4)', [`${r.code}:${kind}`, r.code, kind, name]);
      }
    }
    await appendAudit(tx, audit, { actor: null, action: 'region.seed', objectType: 'region', after: { count: YUNNAN_REGIONS.length } });
    return true;
  });
}

export async function listBureaus(db: Sql) {
  return db.query<{ region_code: string; name: string; leadership_body: string }>('SELECT region_code, name, leadership_body FROM bureaus ORDER BY region_code');
}

export async function listSections(db: Sql, regionCode: string) {
  return db.query<{ id: string; kind: string; name: string }>('SELECT id, kind, name FROM sections WHERE bureau_region_code = $1 ORDER BY kind', [regionCode]);
}
