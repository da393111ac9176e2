/**
 * Sanctions for misconduct (CI-23 to CI-26): the measures, the severity judged on the six factors
 * of CI-24, the range each severity allows (CI-25, dated parameters), and bans derived from dates.
 */
import { DEFAULT_REGISTRY, type PolicyRegistry, type VersionLookup } from '../policy/registry';
import { isIsoDate, parseIsoDate, formatIsoDate, daysInMonth, type IsoDate } from '../time/iso-date';

/** CI-23: measures that may be combined. */
export const MEASURES = ['warning', 'integrity_talk', 'suspension_rectification', 'termination_clawback', 'revoke_awards', 'ban'] as const;
export type Measure = (typeof MEASURES)[number];
export const MEASURE_LABEL: Record<Measure, string> = {
  warning: '警告', integrity_talk: '科研诚信诫勉谈话', suspension_rectification: '暂停财政资助项目和活动并限期整改',
  termination_clawback: '终止或撤销项目并收回经费', revoke_awards: '撤销奖励荣誉并收回奖金', ban: '取消申报资格',
};

/** CI-24: the six factors recorded with every finding of misconduct. */
export const SEVERITY_FACTORS = ['deviation', 'intent_obstruction', 'social_impact', 'repeat', 'attitude', 'other'] as const;
export const SEVERITY_FACTOR_LABEL: Record<(typeof SEVERITY_FACTORS)[number], string> = {
  deviation: '偏离公认行为准则的程度', intent_obstruction: '故意造假、销毁证据、干扰调查或打击报复', social_impact: '造成不良社会影响的程度',
  repeat: '首次还是屡次发生', attitude: '对调查处理的态度', other: '其他需要考虑的因素',
};

export const SEVERITIES = ['minor', 'moderate', 'serious', 'grave'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_LABEL: Record<Severity, string> = { minor: '情节较轻', moderate: '情节较重', serious: '情节严重', grave: '情节特别严重' };
export const SEVERITY_CLAUSE: Record<Severity, string> = { minor: 'CI-25.1', moderate: 'CI-25.2', serious: 'CI-25.3', grave: 'CI-25.4' };

export interface Sanction {
  severity: Severity;
  measures: readonly Measure[];
  /** Length of the ban in whole years, or 'life'; absent when there is no ban. */
  banYears?: number | 'life' | null;
  publicDisclosure?: boolean;
}

export interface SanctionProblem { clause: string; field: string; zh: string }

export interface SanctionRange { clause: string; noBan: boolean; minYears: number; maxYears: number | 'life'; disclosure: boolean; allowedWithoutBan: readonly Measure[] }

export function rangeFor(severity: Severity, lookup: VersionLookup, registry: PolicyRegistry = DEFAULT_REGISTRY): SanctionRange {
  const p = (n: string) => registry.parameter(lookup, n).value;
  switch (severity) {
    case 'minor': return { clause: 'CI-25.1', noBan: true, minYears: 0, maxYears: 0, disclosure: false, allowedWithoutBan: p('CI-25.1.measures') as Measure[] };
    case 'moderate': return { clause: 'CI-25.2', noBan: false, minYears: 0, maxYears: p('CI-25.2.maxBanYears') as number, disclosure: false, allowedWithoutBan: [] };
    case 'serious': return { clause: 'CI-25.3', noBan: false, minYears: p('CI-25.3.minBanYears') as number, maxYears: p('CI-25.3.maxBanYears') as number, disclosure: false, allowedWithoutBan: [] };
    case 'grave': return { clause: 'CI-25.4', noBan: false, minYears: p('CI-25.4.minBanYears') as number, maxYears: p('CI-25.4.maxBanYears') as number | 'life', disclosure: true, allowedWithoutBan: [] };
  }
}

const yearsText = (y: number | 'life') => (y === 'life' ? '永久' : `${y} 年`);

/** CI-25: a sanction outside the range for its severity is refused, citing the clause it breaks. */
export function checkSanction(s: Sanction, on: IsoDate, registry: PolicyRegistry = DEFAULT_REGISTRY): SanctionProblem[] {
  return checkSanctionUnder(s, registry.versionFor('CI', on, ['532300', '530000']), registry);
}

/** The same check under a chosen version (e.g. the one the lighter-law rule picks). */
export function checkSanctionUnder(s: Sanction, lookup: VersionLookup, registry: PolicyRegistry = DEFAULT_REGISTRY): SanctionProblem[] {
  const r = rangeFor(s.severity, lookup, registry);
  const out: SanctionProblem[] = [];
  const label = SEVERITY_LABEL[s.severity];
  const hasBan = s.banYears !== undefined && s.banYears !== null;
  if (s.measures.length === 0 && !hasBan) out.push({ clause: 'CI-23', field: 'measures', zh: '须至少采取一项处理措施' });
  if (hasBan && !s.measures.includes('ban')) out.push({ clause: 'CI-23', field: 'measures', zh: '有禁止期限时须选择“取消申报资格”措施' });
  if (!hasBan && s.measures.includes('ban')) out.push({ clause: 'CI-23', field: 'banYears', zh: '选择“取消申报资格”时须填写期限' });
  if (hasBan && s.banYears !== 'life' && (!Number.isInteger(s.banYears) || (s.banYears as number) <= 0)) out.push({ clause: r.clause, field: 'banYears', zh: '禁止期限应为正整数年或“永久”' });
  if (out.length) return out;
  if (r.noBan) {
    if (hasBan) out.push({ clause: r.clause, field: 'banYears', zh: `${r.clause}：${label}的，只能警告、诫勉谈话或暂停资助并限期整改，不得取消资格` });
    if (!s.measures.some((m) => r.allowedWithoutBan.includes(m))) out.push({ clause: r.clause, field: 'measures', zh: `${r.clause}：${label}的，应给予警告、诫勉谈话或暂停资助并限期整改中的至少一项` });
  } else {
    const y = s.banYears;
    const rangeText = `${r.minYears > 0 ? `${r.minYears}～` : ''}${yearsText(r.maxYears)}${r.minYears > 0 ? '' : '以内'}`;
    if (!hasBan) out.push({ clause: r.clause, field: 'banYears', zh: `${r.clause}：${label}的，应取消 ${rangeText}的申报资格` });
    else if (y === 'life' && r.maxYears !== 'life') out.push({ clause: r.clause, field: 'banYears', zh: `${r.clause}：${label}的禁止期限为 ${rangeText}，不能永久取消` });
    else if (y !== 'life' && ((y as number) < r.minYears || (r.maxYears !== 'life' && (y as number) > r.maxYears))) {
      out.push({ clause: r.clause, field: 'banYears', zh: `${r.clause}：${label}的禁止期限为 ${rangeText}，${y} 年超出范围` });
    }
    if (r.disclosure && !s.publicDisclosure) out.push({ clause: r.clause, field: 'publicDisclosure', zh: `${r.clause}：${label}的，应向社会公布` });
  }
  return out;
}

const SEVERITY_RANK: Record<Severity, number> = { minor: 0, moderate: 1, serious: 2, grave: 3 };
/** The measures that are lighter or heavier forms of one another (CI-23, CI-25): a talk, a warning, a suspension, a ban. */
const LADDER: Partial<Record<Measure, number>> = { integrity_talk: 0, warning: 1, suspension_rectification: 2, ban: 3 };
const banRank = (y: number | 'life' | null | undefined) => (y === null || y === undefined ? 0 : y === 'life' ? Infinity : y);

/** What a decision imposes, for comparing it with what was notified (and a review's change with the decision). */
export interface SanctionTerms extends Sanction {
  /** CI-26: the persons sanctioned with an organisation. */
  responsiblePersonIds?: readonly string[];
}

/**
 * 行政处罚法第四十四条、第四十五条: a decision may impose only what the party was told it would face;
 * each way this one is heavier than `notified` (a heavier severity, a longer ban, a measure, publication
 * or a person not notified) is returned with its field. Empty when it is not heavier.
 */
export function heavierParts(d: SanctionTerms, notified: SanctionTerms): Array<{ field: string; zh: string }> {
  const out: Array<{ field: string; zh: string }> = [];
  if (SEVERITY_RANK[d.severity] > SEVERITY_RANK[notified.severity]) out.push({ field: 'severity', zh: `情节认定重于告知的“${SEVERITY_LABEL[notified.severity]}”` });
  // Reading: a measure not notified is covered by a heavier one of the same ladder that was (a warning where a
  // ban was notified); clawing back funds and revoking awards restore what was obtained and stand apart.
  const covered = (m: Measure) => LADDER[m] !== undefined && notified.measures.some((n) => (LADDER[n] ?? -1) > LADDER[m]!);
  const extra = d.measures.filter((m) => !notified.measures.includes(m) && !covered(m));
  if (extra.length) out.push({ field: 'measures', zh: `增加了告知中没有的措施：${extra.map((m) => MEASURE_LABEL[m]).join('、')}` });
  if (banRank(d.banYears) > banRank(notified.banYears)) out.push({ field: 'banYears', zh: `取消资格期限长于告知的${notified.banYears ? yearsText(notified.banYears) : '（无）'}` });
  if (d.publicDisclosure && !notified.publicDisclosure) out.push({ field: 'publicDisclosure', zh: '告知中未拟向社会公布' });
  const people = (d.responsiblePersonIds ?? []).filter((p) => !(notified.responsiblePersonIds ?? []).includes(p));
  if (people.length) out.push({ field: 'responsible', zh: '一并处理的单位责任人未经告知' });
  return out;
}

/** 民法典第二百零二条 applied to years: the corresponding day n years later (29 Feb → 28 Feb). */
export function addYears(date: IsoDate, n: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  return formatIsoDate(year + n, month, Math.min(day, daysInMonth(year + n, month)));
}

/**
 * Last day of a ban that starts on `start` (the decision takes effect that day): n years counted
 * from the next day (民法典第二百零一条) end on the corresponding day (第二百零二条). Null for life.
 */
export function banEnd(start: IsoDate, years: number | 'life'): IsoDate | null {
  return years === 'life' ? null : addYears(start, years);
}

/** Whether a ban is in force on a date: derived from its dates, never a stored flag. */
export function banActiveOn(ban: { start: IsoDate; years: number | 'life' }, on: IsoDate): boolean {
  if (!isIsoDate(on) || on < ban.start) return false;
  const end = banEnd(ban.start, ban.years);
  return end === null || on <= end;
}

/**
 * 行政处罚法第三十七条: the rules in force when the conduct occurred apply, unless the rules in force
 * when it is decided are lighter for the same severity (a shorter maximum ban); both dates are kept.
 */
export function versionForMisconduct(conductDate: IsoDate, decisionDate: IsoDate, severity: Severity, registry: PolicyRegistry = DEFAULT_REGISTRY) {
  const atConduct = registry.versionFor('CI', conductDate, ['532300', '530000']);
  const atDecision = registry.versionFor('CI', decisionDate, ['532300', '530000']);
  const max = (l: VersionLookup) => {
    const r = rangeFor(severity, l, registry);
    return r.noBan ? 0 : r.maxYears === 'life' ? Infinity : r.maxYears;
  };
  const lighter = atDecision.content.id !== atConduct.content.id && max(atDecision) < max(atConduct);
  const chosen = lighter ? atDecision : atConduct;
  return {
    lookup: chosen,
    reason: lighter
      ? `行为发生时适用 ${atConduct.version.docNo}，处理时 ${atDecision.version.docNo} 对${SEVERITY_LABEL[severity]}的处理更轻，依行政处罚法第三十七条适用新规定。`
      : `适用行为发生时（${conductDate}）有效的 ${atConduct.version.docNo}。`,
    warnings: [atConduct.warning, atDecision.warning].filter((w): w is string => !!w),
  };
}
