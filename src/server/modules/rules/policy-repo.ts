/**
 * Policy versions live in the database: seeded from the two documents, then an authorised
 * officer records an extension (延续执行) or a successor. Each process holds the registry in memory
 * and reloads it when the table changes.
 */
import { PolicyRegistry, SEED_VERSIONS, type DocumentId, type PolicyVersion } from '../../../core/policy/registry';
import type { Database, Sql } from '../../db/database';
import { appendAudit, type AuditContext } from '../audit/append-audit';

interface Row {
  id: string; document: DocumentId; doc_no: string; title: string; jurisdiction: string; in_force_from: string; in_force_to: string | null;
  kind: PolicyVersion['kind']; extends: string | null; basis: string; parameters: PolicyVersion['parameters'];
}

const toVersion = (r: Row): PolicyVersion => ({
  id: r.id, document: r.document, docNo: r.doc_no, title: r.title, jurisdiction: r.jurisdiction, inForceFrom: r.in_force_from,
  inForceTo: r.in_force_to, kind: r.kind, extends: r.extends ?? undefined, basis: r.basis, parameters: r.parameters,
});

export async function loadRegistry(db: Sql): Promise<PolicyRegistry> {
  return new PolicyRegistry((await db.query<Row>('SELECT * FROM policy_versions ORDER BY in_force_from, id')).map(toVersion));
}

export async function insertVersion(tx: Sql, v: PolicyVersion, at: string, by: string | null) {
  await tx.query(
    `INSERT INTO policy_versions (id, document, doc_no, title, jurisdiction, in_force_from, in_force_to, kind, extends, basis, parameters, created_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13)`,
    [v.id, v.document, v.docNo, v.title, v.jurisdiction, v.inForceFrom, v.inForceTo, v.kind, v.extends ?? null, v.basis, JSON.stringify(v.parameters), at, by],
  );
}

/**
 * A database seeded by an earlier release keeps its versions as they were (an officer may have relied
 * on them); on start, what a later release added to the seed is completed, audited: seed versions it
 * lacks (e.g. CR-2026, the national credit-repair rules) and parameters missing from the original
 * seed versions (a figure added with its basis). A parameter already present is never changed.
 */
async function completeSeed(tx: Sql, audit: AuditContext) {
  const rows = await tx.query<{ id: string; kind: string; parameters: PolicyVersion['parameters'] }>('SELECT id, kind, parameters FROM policy_versions');
  const byId = new Map(rows.map((r) => [r.id, r]));
  const versionsAdded: string[] = [];
  const parametersAdded: Record<string, string[]> = {};
  for (const v of SEED_VERSIONS) {
    const have = byId.get(v.id);
    if (!have) {
      await insertVersion(tx, v, audit.clock.now().toISOString(), null);
      versionsAdded.push(v.id);
      continue;
    }
    if (have.kind !== 'original') continue;
    const missing = Object.fromEntries(Object.entries(v.parameters).filter(([k]) => !(k in have.parameters)));
    if (Object.keys(missing).length === 0) continue;
    await tx.query('UPDATE policy_versions SET parameters = parameters || $2::jsonb WHERE id = $1', [v.id, JSON.stringify(missing)]);
    parametersAdded[v.id] = Object.keys(missing);
  }
  if (versionsAdded.length || Object.keys(parametersAdded).length) {
    await appendAudit(tx, audit, { actor: null, action: 'policy.seed_complete', objectType: 'policy', after: { versionsAdded, parametersAdded } });
  }
}

export async function seedPolicies(db: Database, audit: AuditContext): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [{ n }] = await tx.query<{ n: number }>('SELECT count(*) AS n FROM policy_versions');
    if (n > 0) { await completeSeed(tx, audit); return false; }
    for (const v of SEED_VERSIONS) await insertVersion(tx, v, audit.clock.now().toISOString(), null);
    await appendAudit(tx, audit, { actor: null, action: 'policy.seed', objectType: 'policy', after: { versions: SEED_VERSIONS.map((v) => v.id) } });
    return true;
  });
}

export class PolicyState {
  private stamp = '';
  constructor(public registry: PolicyRegistry) {}
  static async load(db: Sql) {
    const s = new PolicyState(await loadRegistry(db));
    s.stamp = await PolicyState.currentStamp(db);
    return s;
  }
  private static async currentStamp(db: Sql) {
    const [r] = await db.query<{ n: number; t: Date | null }>('SELECT count(*) AS n, max(created_at) AS t FROM policy_versions');
    return `${r.n}/${r.t ? new Date(r.t).toISOString() : ''}`;
  }
  async refresh(db: Sql) {
    const stamp = await PolicyState.currentStamp(db);
    if (stamp !== this.stamp) { this.registry = await loadRegistry(db); this.stamp = stamp; }
  }
}
