/**
 * Signed checkpoints of the audit chain's head, written outside the database (GB/T 22239-2019
 * 8.1.4.3): the chain alone cannot show that its newest events were cut off, or that an older copy
 * of the database was restored, because what remains is still a valid chain. A checkpoint records
 * "event n had hash h at time t", signed with SM2; verification then requires event n to be there
 * with hash h.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AuditSeal } from '../../crypto/audit-seal';
import type { AppContext } from '../../context';
import type { Sql } from '../../db/database';
import { BREAK_LABEL, verifyAuditChain, type VerifyResult } from './audit-repo';

export interface Checkpoint { seq: number; hash: string; at: string; publicKey: string; signature: string }

export type CheckpointProblem = 'bad_signature' | 'foreign_key' | 'missing' | 'hash_differs' | 'unreadable';

export const CHECKPOINT_PROBLEM_LABEL: Record<CheckpointProblem, string> = {
  bad_signature: '签名无效', foreign_key: '不是本系统的签名密钥', missing: '数据库中已没有该条记录（被截断或恢复了旧数据库）',
  hash_differs: '该条记录的哈希与检查点不符', unreadable: '检查点文件中有无法解析的行',
};

const FILE = 'checkpoints.jsonl';
const signedText = (c: Pick<Checkpoint, 'seq' | 'hash' | 'at'>) => `kexin-audit-checkpoint|v1|${c.seq}|${c.hash}|${c.at}`;

/** Signs the chain's current head and appends it to the checkpoint file (flushed to disk before returning). */
export async function writeCheckpoint(app: Pick<AppContext, 'db' | 'clock' | 'auditSeal' | 'config'>): Promise<Checkpoint | null> {
  const [head] = await app.db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1');
  if (!head) return null;
  const at = app.clock.now().toISOString();
  const cp: Checkpoint = { seq: head.seq, hash: head.hash, at, publicKey: app.auditSeal.publicKey, signature: app.auditSeal.sign(signedText({ seq: head.seq, hash: head.hash, at })) };
  fs.mkdirSync(app.config.auditCheckpointDir, { recursive: true, mode: 0o700 });
  const fd = fs.openSync(path.join(app.config.auditCheckpointDir, FILE), 'a', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(cp)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return cp;
}

/** The checkpoints in a folder, oldest first; a line that does not parse is kept as a problem, not skipped. */
export function readCheckpoints(dir: string): { checkpoints: Checkpoint[]; unreadableLines: number[] } {
  const file = path.join(dir, FILE);
  if (!fs.existsSync(file)) return { checkpoints: [], unreadableLines: [] };
  const checkpoints: Checkpoint[] = [];
  const unreadableLines: number[] = [];
  fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const c = JSON.parse(line);
      if (!Number.isSafeInteger(c.seq) || typeof c.hash !== 'string' || typeof c.at !== 'string' || typeof c.signature !== 'string' || typeof c.publicKey !== 'string') throw new Error('shape');
      checkpoints.push(c);
    } catch { unreadableLines.push(i + 1); }
  });
  return { checkpoints, unreadableLines };
}

export interface CheckpointReport { checked: number; problems: { seq: number | null; line?: number; reason: CheckpointProblem }[] }

/** Every checkpoint must be signed by this installation's key and name an event still there with the same hash. */
export async function verifyCheckpoints(db: Sql, seal: AuditSeal, dir: string): Promise<CheckpointReport> {
  const { checkpoints, unreadableLines } = readCheckpoints(dir);
  const problems: CheckpointReport['problems'] = unreadableLines.map((line) => ({ seq: null, line, reason: 'unreadable' as const }));
  const rows = await db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_events WHERE seq = ANY($1::bigint[])', [checkpoints.map((c) => c.seq)]);
  const stored = new Map(rows.map((r) => [Number(r.seq), r.hash]));
  for (const c of checkpoints) {
    if (c.publicKey !== seal.publicKey) problems.push({ seq: c.seq, reason: 'foreign_key' });
    else if (!seal.verify(signedText(c), c.signature)) problems.push({ seq: c.seq, reason: 'bad_signature' });
    else if (!stored.has(c.seq)) problems.push({ seq: c.seq, reason: 'missing' });
    else if (stored.get(c.seq) !== c.hash) problems.push({ seq: c.seq, reason: 'hash_differs' });
  }
  return { checked: checkpoints.length, problems };
}

/** For the sweeper: a checkpoint when the last one in this folder is older than the setting. */
export async function checkpointIfDue(app: AppContext): Promise<Checkpoint | null> {
  const minutes = app.config.auditCheckpointMinutes;
  if (minutes <= 0) return null;
  const last = readCheckpoints(app.config.auditCheckpointDir).checkpoints.at(-1);
  if (last && app.clock.now().getTime() - Date.parse(last.at) < minutes * 60_000) return null;
  return writeCheckpoint(app);
}

export interface AuditLogReport extends Omit<VerifyResult, 'ok'> { ok: boolean; checkpoints: CheckpointReport; summary: string }

/** The chain and the checkpoints together, with one sentence in Chinese saying what was found. */
export async function verifyAuditLog(db: Sql, seal: AuditSeal, checkpointDir: string): Promise<AuditLogReport> {
  const chain = await verifyAuditChain(db, seal);
  const checkpoints = await verifyCheckpoints(db, seal, checkpointDir);
  const parts = [chain.ok
    ? `哈希链完整：已校验 ${chain.checked} 条，链尾第 ${chain.lastSeq} 条`
    : `哈希链在第 ${chain.firstBroken!.seq} 条处断链（${BREAK_LABEL[chain.firstBroken!.reason]}）；此前 ${chain.checked} 条完整`];
  parts.push(checkpoints.problems.length === 0
    ? `签名检查点 ${checkpoints.checked} 个全部吻合`
    : `签名检查点不符：${checkpoints.problems.map((p) => `${p.seq === null ? `第 ${p.line} 行` : `第 ${p.seq} 条`}${CHECKPOINT_PROBLEM_LABEL[p.reason]}`).join('；')}`);
  return { ...chain, ok: chain.ok && checkpoints.problems.length === 0, checkpoints, summary: parts.join('；') };
}
