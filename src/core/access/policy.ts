/**
 * The one place that decides who may see and change which record. Routes call these predicates;
 * list queries turn the same DataScope into SQL; presenters send the resulting abilities to the UI.
 */
import type { RegionTree } from '../regions/region-tree';
import { ROLE_DEFINITIONS, hasPermission, type Role } from './roles';

export interface Actor {
  userId: string;
  role: Role;
  /** Region of the bureau the user works in (staff roles). */
  regionCode: string | null;
  /** Unit the user administers (unit_admin). */
  unitId: string | null;
  /** The subject record of the user as a person (researcher, expert). */
  personId: string | null;
}

export type DataScope =
  | { kind: 'regions'; codes: string[] }
  | { kind: 'unit'; unitId: string }
  | { kind: 'person'; personId: string }
  /** CI-32: an entrusted agency sees what it is entrusted with, nothing of its region or of anyone else. */
  | { kind: 'agency'; agencyId: string }
  | { kind: 'none' };

/** What a record exposes to scope checks: the regions, units and persons it belongs to. */
export interface ScopedRecord {
  regionCodes: readonly string[];
  unitIds: readonly string[];
  personIds: readonly string[];
  /** CI-32: the entrusted agencies that may read it (a project's service agency; a supervision case of that project). None when absent. */
  agencyIds?: readonly string[];
}

/** A record that belongs to a region only (a deadline clock, a bureau's batch run). */
export function regionRecord(code: string): ScopedRecord {
  return { regionCodes: [code], unitIds: [], personIds: [] };
}

export function dataScope(actor: Actor, regions: RegionTree): DataScope {
  const def = ROLE_DEFINITIONS[actor.role];
  switch (def.scope) {
    case 'region':
      return actor.regionCode ? { kind: 'regions', codes: regions.subtree(actor.regionCode) } : { kind: 'none' };
    case 'unit':
      return actor.unitId ? { kind: 'unit', unitId: actor.unitId } : { kind: 'none' };
    case 'self':
      return actor.personId ? { kind: 'person', personId: actor.personId } : { kind: 'none' };
    case 'agency':
      return actor.unitId ? { kind: 'agency', agencyId: actor.unitId } : { kind: 'none' };
    case 'none':
      return { kind: 'none' };
  }
}

export function inScope(scope: DataScope, record: ScopedRecord): boolean {
  switch (scope.kind) {
    case 'regions':
      return record.regionCodes.some((c) => scope.codes.includes(c));
    case 'unit':
      return record.unitIds.includes(scope.unitId);
    case 'person':
      return record.personIds.includes(scope.personId);
    case 'agency':
      return (record.agencyIds ?? []).includes(scope.agencyId);
    case 'none':
      return false;
  }
}

export interface SubjectAbilities {
  read: boolean;
  update: boolean;
  revealIdNumber: boolean;
}

export interface ProjectAbilities {
  read: boolean;
  update: boolean;
}

export interface SubjectForPolicy extends ScopedRecord {
  kind: 'organization' | 'person';
}

export function subjectAbilities(actor: Actor, scope: DataScope, subject: SubjectForPolicy): SubjectAbilities {
  const read = hasPermission(actor.role, 'subject.read') && inScope(scope, subject);
  // A unit administrator keeps the records of the unit's people, not the unit's legal identity.
  const unitMayWrite = actor.role !== 'unit_admin' || subject.kind === 'person';
  return {
    read,
    update: read && hasPermission(actor.role, 'subject.write') && unitMayWrite,
    revealIdNumber: read && subject.kind === 'person' && hasPermission(actor.role, 'subject.revealIdNumber'),
  };
}

export function projectAbilities(actor: Actor, scope: DataScope, project: ScopedRecord): ProjectAbilities {
  const read = hasPermission(actor.role, 'project.read') && inScope(scope, project);
  return { read, update: read && hasPermission(actor.role, 'project.write') };
}

/** May the actor create a record that will belong to these regions / units? */
export function mayCreate(actor: Actor, scope: DataScope, kind: 'subject' | 'project', target: SubjectForPolicy | ScopedRecord): boolean {
  if (kind === 'project') return hasPermission(actor.role, 'project.write') && inScope(scope, target);
  const subject = target as SubjectForPolicy;
  return hasPermission(actor.role, 'subject.write') && inScope(scope, subject) && (actor.role !== 'unit_admin' || subject.kind === 'person');
}
