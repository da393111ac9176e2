/** Regions, bureaus and sections: seeded from core data on first start, read into a RegionTree. */
import { RegionTree, type Region } from '../../../core/regions/region-tree';
import type { BureauProfile } from '../../../core/regions/bureau-profile';
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

interface BureauProfileRow { region_code: string; organ_mark: string | null; doc_prefix: string | null; printer: string | null; copy_to: BureauProfile['copyTo'] | null; date_numerals: BureauProfile['dateNumerals'] | null }

/** Bureaus whose document form (GB/T 9704-2012) has not been filled yet. */
export async function bureausWithoutProfile(db: Sql): Promise<string[]> {
  return (await db.query<{ region_code: string }>('SELECT region_code FROM bureaus WHERE organ_mark IS NULL ORDER BY region_code')).map((r) => r.region_code);
}

/** Fills an empty form only: a bureau's own values are never overwritten. */
export async function fillBureauProfile(db: Sql, regionCode: string, p: BureauProfile): Promise<boolean> {
  const rows = await db.query(
    `UPDATE bureaus SET organ_mark = $2, doc_prefix = $3, printer = $4, copy_to = $5, date_numerals = $6
      WHERE region_code = $1 AND organ_mark IS NULL RETURNING region_code`,
    [regionCode, p.organMark, p.docPrefix, p.printer, JSON.stringify(p.copyTo), p.dateNumerals]);
  return rows.length > 0;
}

/** The form a bureau signs its documents with, or null when it has none. */
export async function bureauProfile(db: Sql, regionCode: string): Promise<BureauProfile | null> {
  const [r] = await db.query<BureauProfileRow>('SELECT region_code, organ_mark, doc_prefix, printer, copy_to, date_numerals FROM bureaus WHERE region_code = $1', [regionCode]);
  if (!r?.organ_mark || !r.doc_prefix || !r.printer || !r.copy_to) return null;
  return { organMark: r.organ_mark, docPrefix: r.doc_prefix, printer: r.printer, copyTo: r.copy_to, dateNumerals: r.date_numerals ?? 'chinese' };
}
