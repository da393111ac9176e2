/** What the security administrator sees of a client: never its secret or the secret's hash. */
import { API_SCOPE_LABEL } from '../../../core/access/api-clients';
import type { ApiClientRow } from './api-clients-repo';

export function presentApiClient(r: ApiClientRow) {
  return {
    id: r.id, clientId: r.client_id, name: r.name, scopes: r.scopes, scopeLabels: r.scopes.map((s) => API_SCOPE_LABEL[s]), regionCode: r.region_code,
    ratePerMinute: r.rate_per_minute, secretVersion: r.secret_version, createdAt: new Date(r.created_at).toISOString(),
    rotatedAt: r.rotated_at ? new Date(r.rotated_at).toISOString() : null, revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
    status: r.revoked_at ? 'revoked' as const : 'active' as const, version: r.version,
  };
}
export type PresentedApiClient = ReturnType<typeof presentApiClient>;
