/**
 * How long a sanction stays on the list and how long it is published (CI-27, CI-28, with the national
 * credit-repair rules, document CR: 国家发展改革委令2025年第36号). Every entry has an end:
 * - on the list (失信惩戒名单, CI-27): until the sanction's period ends (CI-28) where it has one (a ban
 *   of n years); otherwise — no ban, or a ban for life — for the longest publication period of its
 *   tier (CR chapter 2);
 * - published (public page, credit-platform export): never longer than the tier's longest period,
 *   counted from the decision date (CR: 自认定之日起计算), and never after the entry leaves the list;
 *   a minor tier is not published (CR: 原则上不予公示; a bureau setting).
 * CI severities map to the CR tiers through dated settings (tier.CI-25.x), so the reading is data.
 * The ban itself (CI-10, CI-13) is not shortened: the veto reads the sanction's own dates.
 * Pure; every figure comes from the registry, with its basis in the explanation.
 */
import { addMonths } from '../deadlines/compute-deadline';
import { DEFAULT_REGISTRY, type PolicyRegistry } from '../policy/registry';
import type { IsoDate } from '../time/iso-date';
import { SEVERITY_CLAUSE, SEVERITY_LABEL, type Severity } from './sanctions';

export const PUBLICATION_TIERS = ['minor', 'general', 'serious'] as const;
export type PublicationTier = (typeof PUBLICATION_TIERS)[number];
export const TIER_LABEL: Record<PublicationTier, string> = { minor: '轻微失信信息', general: '一般失信信息', serious: '严重失信信息' };

export interface PublicationInput {
  severity: Severity;
  /** The decision date: publication periods count from it. */
  decidedOn: IsoDate;
  /** Last day of the ban, null for none or for life. */
  banEnd: IsoDate | null;
  banLife: boolean;
}

export interface PublicationEnds {
  tier: PublicationTier;
  /** Last day on the list (inclusive). */
  listUntil: IsoDate;
  /** Last day published (inclusive); null when the tier is not published. */
  publicUntil: IsoDate | null;
  /** The longest publication period of the tier, in months, and its last day counted from the decision. */
  maxMonths: number;
  capDate: IsoDate;
  /** How the two ends were reached, in Chinese, with the documents cited. */
  basis: string;
  /** The CR version applied; a warning when the decision date lies outside it (X-3). */
  versionId: string;
  warning: string | null;
}

const min = (a: IsoDate, b: IsoDate) => (a < b ? a : b);

/** The tier of a severity under the settings in force on the decision date. */
export function tierOf(severity: Severity, on: IsoDate, registry: PolicyRegistry = DEFAULT_REGISTRY): PublicationTier {
  const t = registry.valueOn('CR', `tier.${SEVERITY_CLAUSE[severity]}`, on);
  if (!(PUBLICATION_TIERS as readonly unknown[]).includes(t)) throw new RangeError(`tier.${SEVERITY_CLAUSE[severity]} is not a publication tier: ${String(t)}`);
  return t as PublicationTier;
}

export function publicationEnds(i: PublicationInput, registry: PolicyRegistry = DEFAULT_REGISTRY): PublicationEnds {
  const lookup = registry.versionFor('CR', i.decidedOn);
  const tier = tierOf(i.severity, i.decidedOn, registry);
  const maxMonths = registry.numberOn('CR', `publication.${tier}.maxMonths`, i.decidedOn);
  const published = tier !== 'minor' || registry.valueOn('CR', 'publication.minor.published', i.decidedOn) !== 'not_published';
  const capDate = addMonths(i.decidedOn, maxMonths).date;
  const finiteBan = !i.banLife && i.banEnd !== null;
  const listUntil = finiteBan ? i.banEnd! : capDate;
  const publicUntil = published ? min(listUntil, capDate) : null;
  const doc = lookup.version.docNo;
  const sev = `${SEVERITY_LABEL[i.severity]}（${SEVERITY_CLAUSE[i.severity]}）对应${TIER_LABEL[tier]}`;
  const listPart = finiteBan
    ? `名单期限至处理期限届满之日 ${listUntil}（CI-28）`
    : `${i.banLife ? '永久取消资格' : '无取消资格期限'}，名单期限按${TIER_LABEL[tier]}最长公示期 ${maxMonths} 个月至 ${listUntil}（${doc}）`;
  const publicPart = publicUntil === null
    ? `${TIER_LABEL[tier]}原则上不予公示，本局不公开（${doc}，设置）`
    : `公开至 ${publicUntil}：最长公示期 ${maxMonths} 个月，自处理决定日 ${i.decidedOn} 起算至 ${capDate}${publicUntil < capDate ? '，名单期限先届满' : ''}（${doc}）`;
  return { tier, listUntil, publicUntil, maxMonths, capDate, basis: `${sev}；${listPart}；${publicPart}。${lookup.warning ? `注意：${lookup.warning}` : ''}`, versionId: lookup.version.id, warning: lookup.warning };
}
