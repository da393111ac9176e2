/** What every command and query receives: the application's parts and, per request, the actor. */
import type { Actor, DataScope } from '../core/access/policy';
import type { ApiClientRole, ApiScope } from '../core/access/api-clients';
import type { Role } from '../core/access/roles';
import type { RegionTree } from '../core/regions/region-tree';
import type { Clock } from '../core/time/clock';
import type { Config } from './config';
import type { AuditSeal } from './crypto/audit-seal';
import type { FieldCipher } from './crypto/sm';
import type { Database } from './db/database';
import type { CalendarState } from './modules/calendar/calendar-state';
import type { PolicyState } from './modules/rules/policy-repo';

import type { SmsGateway } from './modules/notifications/sms-gateway';

export interface AppContext {
  db: Database;
  clock: Clock;
  cipher: FieldCipher;
  /** The audit log's keys (HMAC-SM3 chaining, SM2 checkpoints), held outside the database. */
  auditSeal: AuditSeal;
  regions: RegionTree;
  config: Config;
  calendar: CalendarState;
  policies: PolicyState;
  /** Names this process in reminder claims (several servers may share one database). */
  instanceId: string;
  /** The bureau's SMS gateway (KEXIN_SMS_GATEWAY_MODULE), when it plugged one in; none by default (modules/notifications/sms-gateway.ts). */
  smsGateway?: SmsGateway | null;
}

export interface RequestContext {
  actor: Actor;
  scope: DataScope;
  ip: string | null;
}

/**
 * Who is calling, where a person or a registered API client may call (the veto check, the exemption
 * marks): the client is named in audit events by its id, the role `api_client` and its region.
 */
export interface CallerContext {
  actor: Pick<Actor, 'userId' | 'regionCode'> & { role: Role | ApiClientRole };
  scope: DataScope;
  ip: string | null;
  /** Set for an API client: its scopes for this token (RFC 6749 3.3). */
  apiScopes?: readonly ApiScope[];
}
