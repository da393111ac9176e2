/**
 * Which rating criterion a decided misconduct meets (CI-22 → CI-16.4, CI-17.4, CI-18.4, CI-19.4,
 * CI-20.4): the finding a sanction decision records for the rating, so staff never type it again.
 * A reading (registry parameter rating.misconductFinding): the C-level criteria describe the conduct
 * itself, so a decided misconduct is the C criterion of the subject's capacity that names that kind of
 * conduct, or that capacity's "other" criterion where none names it. Pure.
 */
import type { MisconductKind } from '../sanctions/misconduct';
import { CRITERION_BY_ID, type SubjectType } from './criteria';

/** The "other violations" C criterion of each capacity: what a kind no criterion names falls under. */
const OTHER: Record<SubjectType, string> = { unit: 'CI-16.4.5', leader: 'CI-17.4.6', expert: 'CI-18.4.4', recommender: 'CI-19.4.5', agency: 'CI-20.4.7' };

/** Kinds a criterion of the capacity names, in our reading of each criterion's summary. */
const NAMED: Record<SubjectType, Partial<Record<MisconductKind, string>>> = {
  // CI-16.4.1 不正当手段获取项目资格; CI-16.4.3 截留挤占挪用转移经费.
  unit: { fraud_or_bribery_for_approval: 'CI-16.4.1', ghostwritten_application: 'CI-16.4.1', misappropriate_funds: 'CI-16.4.3' },
  // CI-17.4.1 不正当手段获取承担资格; CI-17.4.2 抄袭剽窃、捏造篡改数据、违反科研伦理; CI-17.4.4 套取挪用贪污经费.
  leader: {
    fraud_or_bribery_for_approval: 'CI-17.4.1', ghostwritten_application: 'CI-17.4.1',
    plagiarism: 'CI-17.4.2', fabrication: 'CI-17.4.2', ethics_violation: 'CI-17.4.2', misappropriate_funds: 'CI-17.4.4',
  },
  // CI-18.4.1 弄虚作假、不如实评价; CI-18.4.2 索贿受贿、恶意串通.
  expert: { fabrication: 'CI-18.4.1', fraud_or_bribery_for_approval: 'CI-18.4.2' },
  // CI-19.4.1 不正当手段获取管理项目资格.
  recommender: { fraud_or_bribery_for_approval: 'CI-19.4.1', ghostwritten_application: 'CI-19.4.1' },
  // CI-20.4.1 不正当手段获取服务资格; CI-20.4.4 造假、串通等不正当竞争.
  agency: { fraud_or_bribery_for_approval: 'CI-20.4.1', false_technology_contract: 'CI-20.4.4' },
};

/** The criterion a decided misconduct of this kind meets for a subject rated in this capacity. */
export function criterionForMisconduct(kind: MisconductKind, capacity: SubjectType): string {
  const id = NAMED[capacity][kind] ?? OTHER[capacity];
  const c = CRITERION_BY_ID.get(id);
  // The table is checked by a test; a criterion renamed in criteria.ts must not pass silently.
  if (!c || c.subject !== capacity || c.level !== 'C' || c.source !== 'finding') throw new RangeError(`${id} is not a C-level finding criterion of ${capacity}`);
  return id;
}
