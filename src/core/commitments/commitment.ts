/**
 * 诚信承诺书 (CI-9): who signs for a call for applications — each unit and each person on an
 * application — and the text signed, a dated parameter of the CI version in force on the day of
 * signing (`CI-9.commitmentText`, the bureau's form: CI-9 requires a commitment and gives no wording).
 * With each signer of a call, its priority at equal merit (CI-21.1) from the rating in effect.
 */
import { DEFAULT_REGISTRY, type PolicyRegistry } from '../policy/registry';
import type { IsoDate } from '../time/iso-date';

export const COMMITMENT_ROLES = ['unit', 'leader', 'member', 'expert'] as const;
export type CommitmentRole = (typeof COMMITMENT_ROLES)[number];
export const COMMITMENT_ROLE_LABEL: Record<CommitmentRole, string> = { unit: '申报单位', leader: '项目负责人', member: '项目组成员', expert: '评审专家' };
export const COMMITMENT_METHOD_LABEL = { self: '本人（本单位）在线签署', scan: '工作人员上传签署件扫描件' } as const;

export interface CommitmentTemplate { text: string; versionId: string; docNo: string; basis: string; inForce: boolean; clause: 'CI-9' }

/** The commitment text in force on `on` for the region path (Chuxiong's bureau and the province by default). */
export function commitmentTemplate(on: IsoDate, registry: PolicyRegistry = DEFAULT_REGISTRY, regionPath: readonly string[] = ['532300', '530000']): CommitmentTemplate {
  const lookup = registry.versionFor('CI', on, regionPath);
  const p = registry.parameter(lookup, 'CI-9.commitmentText');
  return { text: String(p.value), versionId: lookup.version.id, docNo: lookup.version.docNo, basis: p.basis, inForce: lookup.inForce, clause: 'CI-9' };
}

/** A unit signs the unit's commitment, a person his own (CI-9). */
export function roleFits(role: CommitmentRole, kind: 'organization' | 'person'): boolean {
  return (role === 'unit') === (kind === 'organization');
}
