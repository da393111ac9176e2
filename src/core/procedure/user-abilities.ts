/**
 * What the signed-in user may do across the system, computed once from the role table and the
 * procedure declarations and sent with the session (issue 18): the web client decides from these and
 * never from role names.
 */
import { hasPermission, ROLE_DEFINITIONS, type Role } from '../access/roles';
import { handlesCases } from './common';
import { PROCEDURES } from './procedures';

export interface UserAbilities {
  /** The starts this user may request, as `procedure.start` (e.g. `tolerance.apply`), read from the declarations. */
  starts: string[];
  /** Handles cases: issues their documents and opens a misconduct case from a subject's sanctions. */
  handlesCases: boolean;
  /** Bureau staff of an area: sees the case statistics of that area. */
  seesAreaStatistics: boolean;
  /** Approves the one extension YT-6.3 allows (the department head). */
  approvesExtensions: boolean;
  /** A unit or a person: has listings of its own to see and, where listed, to repair (CI-30). */
  hasOwnListings: boolean;
  /** Reports the dishonesty list to the credit-sharing platform (CI-27): case handlers who may check vetoes. */
  reportsCreditList: boolean;
}

export function userAbilities(role: Role): UserAbilities {
  const scope = ROLE_DEFINITIONS[role].scope;
  const starts = Object.values(PROCEDURES).flatMap((p) => p.starts
    .filter((s) => s.by === 'request' && (s.roles as readonly string[]).includes(role))
    .map((s) => `${p.id}.${s.id}`));
  return {
    starts,
    handlesCases: handlesCases(role),
    seesAreaStatistics: scope === 'region',
    approvesExtensions: hasPermission(role, 'deadline.extend'),
    hasOwnListings: scope === 'unit' || scope === 'self',
    reportsCreditList: handlesCases(role) && hasPermission(role, 'veto.check'),
  };
}
