/**
 * 接口客户端: systems of other departments (the project-application system first) that call Kexin
 * without a person behind the call. Each is registered by the security administrator with the scopes
 * it may use, one region whose data scope it reads with (the same reduction as a staff member of that
 * region: records outside it answer only vetoed or not, CI-10), and its own request budget. It proves
 * itself by OAuth 2.0 client credentials (RFC 6749 4.4) and calls with short-lived bearer tokens
 * (RFC 6750). Pure.
 */
import type { DataScope } from './policy';
import type { RegionTree } from '../regions/region-tree';

export const API_SCOPES = ['veto.check', 'exemptions.read', 'commitments.read', 'exchange.acknowledge', 'misconduct.import'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const API_SCOPE_LABEL: Record<ApiScope, string> = {
  'veto.check': '申报一票否决审查（CI-10）',
  'exemptions.read': '读取免责标注（YT-6.5）',
  'commitments.read': '读取诚信承诺书签署情况（CI-9）',
  'exchange.acknowledge': '确认报送批次（信用信息共享平台回执，CI-27、YT-6.5）',
  'misconduct.import': '报入外部失信记录（省级或全国数据库，CI-12、CI-13）',
};

/** The role an audit event names when a client acted (audit actor = the client, never a person). */
export const API_CLIENT_ROLE = 'api_client' as const;
export type ApiClientRole = typeof API_CLIENT_ROLE;

/** Bounds on a client's budget of calls per minute, set by the security administrator per client. */
export const API_RATE_BOUNDS = { min: 1, max: 6_000 } as const;

/** A client reads with the data scope of its region and everything below it, as the region's staff do. */
export function clientScope(regionCode: string, regions: RegionTree): DataScope {
  return { kind: 'regions', codes: regions.subtree(regionCode) };
}

/** The scopes a token asks for (space-separated, RFC 6749 3.3), or the client's all; null when one is not the client's. */
export function grantedScopes(requested: string | undefined, allowed: readonly ApiScope[]): ApiScope[] | null {
  if (!requested?.trim()) return [...allowed];
  const asked = [...new Set(requested.trim().split(/\s+/))];
  return asked.every((s) => (allowed as readonly string[]).includes(s)) ? (asked as ApiScope[]) : null;
}
