/**
 * The policy documents and the dates each version is in force. A computation names the
 * version in force on its reference date; a date outside every version is never silent.
 * (The full registry with extensions and successors is built on this in the rules engine.)
 */
import type { IsoDate } from '../time/iso-date';

export type DocumentId = 'YT' | 'CI';

export interface PolicyVersion {
  document: DocumentId;
  docNo: string;
  title: string;
  /** Region the document governs. */
  jurisdiction: string;
  inForceFrom: IsoDate;
  /** Last day in force (inclusive). */
  inForceTo: IsoDate;
  basis: string;
}

export const POLICY_VERSIONS: readonly PolicyVersion[] = [
  {
    document: 'YT', docNo: '云科规〔2023〕1号', title: '云南省科技创新容错纠错实施办法（试行）', jurisdiction: '530000',
    inForceFrom: '2023-02-09', inForceTo: '2025-02-09', basis: 'YT-17：自 2023 年 2 月 9 日起施行，有效期至 2025 年 2 月 9 日',
  },
  {
    document: 'CI', docNo: '楚科规〔2022〕5号', title: '楚雄州科研诚信管理办法（试行）', jurisdiction: '532300',
    inForceFrom: '2023-02-01', inForceTo: '2026-01-31', basis: 'CI-34：自 2023 年 2 月 1 日起施行，有效期至 2026 年 1 月 31 日止',
  },
];

export interface VersionLookup {
  version: PolicyVersion;
  inForce: boolean;
  /** Present when the reference date lies outside the version's dates. */
  warning: string | null;
}

/** The version of a document that governs a reference date, with a warning when none is in force. */
export function versionFor(document: DocumentId, on: IsoDate, versions: readonly PolicyVersion[] = POLICY_VERSIONS): VersionLookup {
  const all = versions.filter((v) => v.document === document).sort((a, b) => (a.inForceFrom < b.inForceFrom ? -1 : 1));
  const inForce = all.find((v) => v.inForceFrom <= on && on <= v.inForceTo);
  if (inForce) return { version: inForce, inForce: true, warning: null };
  const before = all.filter((v) => v.inForceTo < on).pop();
  const version = before ?? all[0];
  const warning = before
    ? `${on} 不在任何有效版本内：${version.docNo} 已于 ${version.inForceTo} 到期，尚未登记延续执行或新版本；暂按该版本计算。`
    : `${on} 早于 ${version.docNo} 施行日 ${version.inForceFrom}；暂按该版本计算。`;
  return { version, inForce: false, warning };
}
