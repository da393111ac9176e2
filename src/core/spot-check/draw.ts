/**
 * 随机抽查 (CI-21, YT-8): which projects are inspected, and by whom, drawn at random — reproducibly.
 * The draw depends only on its published inputs (the seed, the ratios, the candidate projects with
 * their units' credit levels, the inspector pool), so anyone holding them can re-run it and get the
 * same result. Good credit (AA, A) is sampled at a lower ratio (CI-21.2, a dated setting); no
 * inspector is drawn for a project of his or her own unit (recusal). Pure.
 */
import type { Level } from '../rating/criteria';
import { spotCheckFactor } from '../rating/incentives';

export interface SpotCheckInput {
  seed: string;
  /** Share of ordinary subjects' projects inspected, 0–1. */
  baseRatio: number;
  /** CI-21.2: the factor applied to good credit (AA, A); 0.5 by default. */
  goodCreditFactor?: number;
  inspectorsPerProject: number;
  projects: ReadonlyArray<{ id: string; unitId: string; level: Level | null }>;
  inspectors: ReadonlyArray<{ id: string; unitId: string | null }>;
  /**
   * CI-21 第（二）项 “降低抽查……频次”: units whose projects were drawn within the interval the dated
   * parameter CI-21.2.goodCreditIntervalMonths sets. A project of such a unit with good credit (AA, A)
   * is not a candidate this time; units of other levels are drawn as often as anyone.
   */
  recentlyDrawnUnits?: readonly string[];
}

export interface SpotCheckResult {
  /** Per credit group: how many candidates, the ratio applied, how many drawn. */
  groups: Array<{ group: 'good' | 'other'; candidates: number; ratio: number; drawn: number }>;
  draws: Array<{ projectId: string; inspectorIds: string[] }>;
  /** Projects for which too few inspectors remained after recusal. */
  shortOfInspectors: string[];
  /** CI-21: good-credit projects left out because their unit was drawn within the interval. */
  skippedForFrequency?: string[];
}

/** FNV-1a over the seed's UTF-16 code units, then mulberry32: small, well known, and easy to re-implement. */
function rng(seed: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) { h ^= seed.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The first n of a Fisher–Yates shuffle of the items (sorted first, so input order never matters). */
function pick<T extends { id: string }>(items: readonly T[], n: number, next: () => number): T[] {
  const a = [...items].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  for (let i = 0; i < Math.min(n, a.length); i++) {
    const j = i + Math.floor(next() * (a.length - i));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, Math.min(n, a.length));
}

export function drawSpotCheck(input: SpotCheckInput): SpotCheckResult {
  if (!(input.baseRatio > 0 && input.baseRatio <= 1)) throw new RangeError('抽查比例应在 0 与 1 之间');
  const factor = input.goodCreditFactor ?? spotCheckFactor().value;
  const next = rng(input.seed);
  const recent = new Set(input.recentlyDrawnUnits ?? []);
  const isGood = (p: { level: Level | null }) => p.level === 'AA' || p.level === 'A';
  const skipped = input.projects.filter((p) => isGood(p) && recent.has(p.unitId)).map((p) => p.id).sort();
  const good = input.projects.filter((p) => isGood(p) && !recent.has(p.unitId));
  const other = input.projects.filter((p) => !(p.level === 'AA' || p.level === 'A'));
  const groups: SpotCheckResult['groups'] = [];
  const drawn: Array<{ id: string; unitId: string }> = [];
  for (const [group, list, ratio] of [['other', other, input.baseRatio], ['good', good, input.baseRatio * factor]] as const) {
    const n = Math.ceil(list.length * ratio);
    const chosen = pick(list, n, next);
    drawn.push(...chosen);
    groups.push({ group, candidates: list.length, ratio, drawn: chosen.length });
  }
  const draws: SpotCheckResult['draws'] = [];
  const shortOfInspectors: string[] = [];
  for (const p of drawn.sort((x, y) => (x.id < y.id ? -1 : 1))) {
    const eligible = input.inspectors.filter((i) => i.unitId !== p.unitId); // recusal: not from the project's own unit
    const chosen = pick(eligible, input.inspectorsPerProject, next);
    if (chosen.length < input.inspectorsPerProject) shortOfInspectors.push(p.id);
    draws.push({ projectId: p.id, inspectorIds: chosen.map((i) => i.id) });
  }
  return { groups, draws, shortOfInspectors, ...(input.recentlyDrawnUnits ? { skippedForFrequency: skipped } : {}) };
}

/**
 * The text a published commitment covers (issue 16 M6): the draw's whole input with a secret salt, as
 * JSON with keys in code-point order at every level, so the same input always gives the same text
 * whatever stored it. Publishing its digest binds the bureau to the candidates and their levels
 * without showing them; the salt keeps a few candidates' levels from being found by trying them.
 */
export function commitmentText(salt: string, input: SpotCheckInput): string {
  const canonical = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
    if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
    return JSON.stringify(v ?? null);
  };
  return canonical({ salt, input });
}
