/** What every command and query receives: the application's parts and, per request, the actor. */
import type { Actor, DataScope } from '../core/access/policy';
import type { RegionTree } from '../core/regions/region-tree';
import type { Clock } from '../core/time/clock';
import type { Config } from './config';
import type { AuditSeal } from './crypto/audit-seal';
import type { FieldCipher } from './crypto/sm';
import type { Database } from './db/database';
import type { CalendarState } from './modules/calendar/calendar-state';
import type { PolicyState } from './modules/rules/policy-repo';

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
}

export interface RequestContext {
  actor: Actor;
  scope: DataScope;
  ip: string | null;
}
