/**
 * Administrative regions (行政区划) and how two of them relate. Data scope for bureau staff is
 * "my region and every region below it", so this relation decides most permission checks.
 */
export type RegionLevel = 'province' | 'prefecture' | 'county';

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  /** false for divisions a local government set up outside GB/T 2260, such as a high-tech zone. */
  standardCode: boolean;
}

export type RegionRelation = 'own' | 'below' | 'above' | 'sibling' | 'unrelated';

export const REGION_LEVEL_LABEL: Record<RegionLevel, string> = {
  province: '省级',
  prefecture: '州（市）级',
  county: '县（市、区）级',
};

export class RegionTree {
  private readonly byCode = new Map<string, Region>();
  private readonly children = new Map<string, Region[]>();

  constructor(regions: readonly Region[]) {
    for (const r of regions) this.byCode.set(r.code, r);
    for (const r of regions) {
      if (r.parentCode === null) continue;
      if (!this.byCode.has(r.parentCode)) throw new Error(`region ${r.code} has unknown parent ${r.parentCode}`);
      const list = this.children.get(r.parentCode) ?? [];
      list.push(r);
      this.children.set(r.parentCode, list);
    }
  }

  get(code: string): Region | undefined {
    return this.byCode.get(code);
  }

  all(): Region[] {
    return [...this.byCode.values()];
  }

  childrenOf(code: string): Region[] {
    return this.children.get(code) ?? [];
  }

  /** The region itself and every region below it. */
  subtree(code: string): string[] {
    const out: string[] = [];
    const stack = [code];
    while (stack.length) {
      const c = stack.pop()!;
      if (!this.byCode.has(c)) continue;
      out.push(c);
      for (const ch of this.childrenOf(c)) stack.push(ch.code);
    }
    return out;
  }

  ancestors(code: string): string[] {
    const out: string[] = [];
    let r = this.byCode.get(code);
    while (r && r.parentCode) {
      out.push(r.parentCode);
      r = this.byCode.get(r.parentCode);
    }
    return out;
  }

  /** How `other` stands to `viewer`: the viewer's own region, one below it, above it, … */
  relation(viewer: string, other: string): RegionRelation {
    if (viewer === other) return 'own';
    if (this.ancestors(other).includes(viewer)) return 'below';
    if (this.ancestors(viewer).includes(other)) return 'above';
    const a = this.byCode.get(viewer);
    const b = this.byCode.get(other);
    if (a && b && a.parentCode !== null && a.parentCode === b.parentCode) return 'sibling';
    return 'unrelated';
  }

  /** The region and every region above it: what a local overlay or a policy's jurisdiction is matched against. */
  lineage(code: string): string[] {
    return [code, ...this.ancestors(code)];
  }

  /** 云南省 / 楚雄彝族自治州 / 楚雄市 */
  path(code: string): string {
    return [...this.ancestors(code).reverse(), code].map((c) => this.byCode.get(c)?.name ?? c).join(' / ');
  }
}
