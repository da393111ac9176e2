/**
 * YT-3 and YT-6.1 as pure readings of a project's facts. YT-3: the policy covers S&T activities on
 * the province's fiscal S&T funds (reading: the funds of the province, its prefectures and counties
 * alike, since YT-6.1 routes applications to the bureau of each level that assigned the project);
 * other state funds only where the bureau has decided to apply it (YT-3 "可参照", a dated setting);
 * self-raised funds never. YT-6.1: an application is made while the project is being carried out, or
 * within 20 working days after the accountability procedure started.
 */
import { FUNDING_SOURCE_LABEL, type FundingSource, type ProjectStatus } from '../domain/vocabulary';
import type { PolicyRegistry } from '../policy/registry';

export interface ScopeReading { inScope: boolean; zh: string }

export function toleranceScope(source: FundingSource, registry: PolicyRegistry, on?: string): ScopeReading {
  const label = FUNDING_SOURCE_LABEL[source] ?? source;
  if (source === 'provincial_fiscal' || source === 'prefecture_fiscal' || source === 'county_fiscal') return { inScope: true, zh: `${label}项目适用（YT-3）` };
  if (source === 'other_state') {
    const optIn = registry.valueOn('YT', 'YT-3.otherStateFunds', on) === 'apply';
    return optIn ? { inScope: true, zh: `${label}项目：本局已决定参照执行（YT-3）` } : { inScope: false, zh: `${label}项目：本局未决定参照本办法执行（YT-3）` };
  }
  return { inScope: false, zh: `${label}项目不适用容错免责（YT-3 只适用于使用财政科技资金的活动）` };
}

/** YT-6.1 "项目实施过程中": from approval until acceptance, termination or conclusion. */
export const inImplementation = (status: ProjectStatus | string) => status === 'approved' || status === 'in_progress' || status === 'acceptance_applied';
