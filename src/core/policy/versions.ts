/**
 * Version lookup by document and date over the default registry. The registry in
 * registry.ts holds the versions, their parameters, extensions and successors.
 */
import type { IsoDate } from '../time/iso-date';
import { DEFAULT_REGISTRY, type DocumentId, type PolicyRegistry, type PolicyVersion } from './registry';

export type { DocumentId, PolicyVersion };

export interface VersionLookup {
  version: PolicyVersion;
  inForce: boolean;
  /** Present when the reference date lies outside the version's dates. */
  warning: string | null;
}

export function versionFor(document: DocumentId, on: IsoDate, registry: PolicyRegistry = DEFAULT_REGISTRY, regionPath: readonly string[] = []): VersionLookup {
  const r = registry.versionFor(document, on, regionPath);
  return { version: r.version, inForce: r.inForce, warning: r.warning };
}
