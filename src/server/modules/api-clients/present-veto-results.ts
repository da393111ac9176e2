/** A client's veto answer: the staff answer as it is, less the integrity-commitment dates unless the token has `commitments.read` (CI-9). */
import type { ApiScope } from '../../../core/access/api-clients';
import type { VetoResult } from '../integrity/veto-check';

export function presentVetoResults(results: VetoResult[], scopes: readonly ApiScope[]): VetoResult[] {
  if (scopes.includes('commitments.read')) return results;
  return results.map(({ commitmentSignedOn: _c, ...r }) => r);
}
