/**
 * 备份与恢复 (GB/T 22239-2019 8.1.4.11 data backup and recovery). A backup is the database file
 * plus a manifest: the file's SHA-256, the row count of every table and the audit chain's head. A
 * restore goes only into an empty target, checks the file against its manifest, and then checks the
 * restored counts and audit head against it too.
 * - PGlite: the data folder as one gzipped tar (PGlite's dumpDataDir), taken while this process
 *   holds the folder's lock, so no server is writing.
 * - PostgreSQL: pg_dump's custom format and pg_restore (the server's own tools, online, consistent).
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { loadPgliteDataDir, openPglite, openPostgres, type Sql } from './database';

const run = promisify(execFile);

export interface BackupManifest {
  format: 'kexin-backup-v1';
  kind: 'pglite' | 'postgres';
  takenAt: string;
  sha256: string;
  tables: Record<string, number>;
  auditHead: { seq: number; hash: string } | null;
}

export interface RestoreReport { tables: number; rows: number; mismatches: string[] }

/** Row counts of every table of the application's schema, and the audit chain's head. */
async function census(db: Sql): Promise<Pick<BackupManifest, 'tables' | 'auditHead'>> {
  const names = await db.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`);
  const tables: Record<string, number> = {};
  for (const { name } of names) tables[name] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${name.replace(/"/g, '""')}"`))[0].n;
  const [head] = await db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').catch(() => []);
  return { tables, auditHead: head ? { seq: Number(head.seq), hash: head.hash } : null };
}

const sha256File = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
export const manifestPath = (file: string) => `${file}.manifest.json`;

function writeManifest(file: string, m: BackupManifest) {
  fs.writeFileSync(manifestPath(file), `${JSON.stringify(m, null, 2)}\n`, { mode: 0o600 });
}

export async function backup(target: { databaseUrl: string | null; dataDir: string }, outFile: string, now: Date): Promise<BackupManifest> {
  if (fs.existsSync(outFile)) throw new Error(`备份文件已存在：${outFile}`);
  if (target.databaseUrl) {
    const db = await openPostgres(target.databaseUrl, { max: 1 });
    try {
      const c = await census(db);
      await run('pg_dump', ['--format=custom', '--no-owner', `--file=${outFile}`, target.databaseUrl]);
      const m: BackupManifest = { format: 'kexin-backup-v1', kind: 'postgres', takenAt: now.toISOString(), sha256: sha256File(outFile), ...c };
      writeManifest(outFile, m);
      return m;
    } finally {
      await db.close();
    }
  }
  const db = await openPglite(target.dataDir);
  try {
    const c = await census(db);
    fs.writeFileSync(outFile, await db.dumpDataDir!(), { mode: 0o600, flag: 'wx' });
    const m: BackupManifest = { format: 'kexin-backup-v1', kind: 'pglite', takenAt: now.toISOString(), sha256: sha256File(outFile), ...c };
    writeManifest(outFile, m);
    return m;
  } finally {
    await db.close();
  }
}

export async function restore(target: { databaseUrl: string | null; dataDir: string }, file: string): Promise<RestoreReport> {
  const m = JSON.parse(fs.readFileSync(manifestPath(file), 'utf8')) as BackupManifest;
  if (m.format !== 'kexin-backup-v1') throw new Error('不是科信的备份清单');
  if (sha256File(file) !== m.sha256) throw new Error('备份文件与清单中的 SHA-256 不符，文件可能损坏或被改动');
  if ((m.kind === 'postgres') !== !!target.databaseUrl) throw new Error(`这是 ${m.kind} 的备份，目标数据库类型不同`);
  let db: Awaited<ReturnType<typeof openPglite>>;
  if (target.databaseUrl) {
    db = await openPostgres(target.databaseUrl, { max: 1 });
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`);
    if (n > 0) { await db.close(); throw new Error('目标数据库不是空库；请恢复到新建的空数据库'); }
    try {
      await run('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${target.databaseUrl}`, file]);
    } catch (e) { await db.close(); throw e; }
  } else {
    await loadPgliteDataDir(target.dataDir, fs.readFileSync(file));
    db = await openPglite(target.dataDir);
  }
  try {
    const c = await census(db);
    const mismatches = Object.entries(m.tables).filter(([t, n]) => c.tables[t] !== n).map(([t, n]) => `${t}: 备份 ${n} 行，恢复后 ${c.tables[t] ?? '无此表'}`);
    if (JSON.stringify(c.auditHead) !== JSON.stringify(m.auditHead)) mismatches.push('审计日志链尾与备份时不同');
    return { tables: Object.keys(c.tables).length, rows: Object.values(c.tables).reduce((a, b) => a + b, 0), mismatches };
  } finally {
    await db.close();
  }
}
