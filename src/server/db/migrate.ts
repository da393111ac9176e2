/**
 * Plain SQL migrations in /migrations, applied in name order, all pending ones in one transaction
 * under an advisory lock, so several servers starting together migrate once. The SQL keeps to what
 * PostgreSQL 15 has (PGlite is 18).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Database } from './database';

import { MIGRATIONS_DIR } from '../paths';

export { MIGRATIONS_DIR };
const MIGRATION_LOCK = 7_428_001;

export interface MigrationResult {
  applied: string[];
}

export async function migrate(db: Database): Promise<MigrationResult> {
  const files = fs.readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{4}_.+\.sql$/.test(f)).sort();
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Map((await tx.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migrations')).map((r) => [r.name, r.checksum]));
    const applied: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(MIGRATIONS_DIR + file, 'utf8');
      const checksum = crypto.createHash('sha256').update(text).digest('hex');
      const prior = done.get(file);
      if (prior !== undefined) {
        if (prior !== checksum) throw new Error(`migration ${file} was changed after it was applied`);
        continue;
      }
      // Statements split on lines that end with ';' so each runs through the parameterised path both drivers share.
      for (const stmt of splitStatements(text)) await tx.query(stmt);
      await tx.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [file, checksum]);
      applied.push(file);
    }
    return { applied };
  });
}

/** Splits on semicolons at the end of a line, outside $$-quoted bodies. */
export function splitStatements(text: string): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let inDollar = false;
  for (const line of text.split('\n')) {
    if (/^\s*--/.test(line) && current.length === 0) continue;
    current.push(line);
    const dollars = (line.match(/\$\$/g) ?? []).length;
    if (dollars % 2 === 1) inDollar = !inDollar;
    if (!inDollar && /;\s*$/.test(line)) {
      const stmt = current.join('\n').trim();
      if (stmt.replace(/;$/, '').trim()) out.push(stmt);
      current = [];
    }
  }
  const rest = current.join('\n').trim();
  if (rest) out.push(rest);
  return out;
}
