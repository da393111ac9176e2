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
import { BREAK_LABEL, verifyAuditChain, type VerifyOptions, type VerifyResult } from './verify-audit-chain';
import { appendAudit } from './append-audit';

export interface Checkpoint { seq: number; hash: string; at: string; publicKey: string; signature: string }

export type CheckpointProblem = 'bad_signature' | 'foreign_key' | 'missing' | 'hash_differs' | 'unreadable' | 'absent_from_file';

export const CHECKPOINT_PROBLEM_LABEL: Record<CheckpointProblem, string> = {
  bad_signature: '签名无效', foreign_key: '不是本系统的签名密钥', missing: '数据库中已没有该条记录（被截断或恢复了旧数据库）',
  hash_differs: '该条记录的哈希与检查点不符', unreadable: '检查点文件中有无法解析的行',
  absent_from_file: '审计日志记着写过这个检查点，检查点文件中却没有（文件被删除、清空或改写）',
};

const FILE = 'checkpoints.jsonl';
const signedText = (c: Pick<Checkpoint, 'seq' | 'hash' | 'at'>) => `kexin-audit-checkpoint|v1|${c.seq}|${c.hash}|${c.at}`;

/**
 * Signs the chain's current head and appends it to the checkpoint file (flushed to disk before
 * returning), then records in the chain itself that it did (audit.checkpoint, issue 16 M7): a
 * checkpoint file deleted or emptied later no longer passes for a first run, because the log says
 * which checkpoints it should hold, and those records cannot be taken out of the chain unseen.
 */
export async function writeCheckpoint(app: Pick<AppContext, 'db' | 'clock' | 'auditSeal' | 'config'>): Promise<Checkpoint | null> {
  const [head] = await app.db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1');
  if (!head) return null;
  head.seq = Number(head.seq);
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
  await app.db.transaction((tx) => appendAudit(tx, app, { actor: null, action: 'audit.checkpoint', objectType: 'audit', after: { seq: cp.seq, hash: cp.hash, at: cp.at } }));
  return cp;
}

/** The checkpoints the chain says were written (audit.checkpoint events), oldest first. */
async function recordedCheckpoints(db: Sql): Promise<Array<{ seq: number; hash: string }>> {
  const rows = await db.query<{ seq: string; hash: string }>(`SELECT after->>'seq' AS seq, after->>'hash' AS hash FROM audit_events WHERE action = 'audit.checkpoint' ORDER BY seq`);
  return rows.map((r) => ({ seq: Number(r.seq), hash: r.hash }));
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

export interface CheckpointReport {
  checked: number;
  problems: { seq: number | null; line?: number; reason: CheckpointProblem }[];
  /** Checkpoints the chain records as written. */
  recorded: number;
  /** No checkpoint has ever been written, in the file or by the chain's own record: the first run. */
  firstRun: boolean;
  /** The newest event a valid checkpoint covers, or null. */
  protectedUpTo: number | null;
}

/**
 * Every checkpoint must be signed by this installation's key and name an event still there with the
 * same hash; and every checkpoint the chain records as written must be in the file (issue 16 M7).
 */
export async function verifyCheckpoints(db: Sql, seal: AuditSeal, dir: string): Promise<CheckpointReport> {
  const { checkpoints, unreadableLines } = readCheckpoints(dir);
  const problems: CheckpointReport['problems'] = unreadableLines.map((line) => ({ seq: null, line, reason: 'unreadable' as const }));
  const recorded = await recordedCheckpoints(db);
  const inFile = new Set(checkpoints.map((c) => `${c.seq}|${c.hash}`));
  for (const r of recorded) if (!inFile.has(`${r.seq}|${r.hash}`)) problems.push({ seq: r.seq, reason: 'absent_from_file' });
  let protectedUpTo: number | null = null;
  const rows = await db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_events WHERE seq = ANY($1::bigint[])', [checkpoints.map((c) => c.seq)]);
  const stored = new Map(rows.map((r) => [Number(r.seq), r.hash]));
  for (const c of checkpoints) {
    if (c.publicKey !== seal.publicKey) problems.push({ seq: c.seq, reason: 'foreign_key' });
    else if (!seal.verify(signedText(c), c.signature)) problems.push({ seq: c.seq, reason: 'bad_signature' });
    else if (!stored.has(c.seq)) problems.push({ seq: c.seq, reason: 'missing' });
    else if (stored.get(c.seq) !== c.hash) problems.push({ seq: c.seq, reason: 'hash_differs' });
    else protectedUpTo = Math.max(protectedUpTo ?? 0, c.seq);
  }
  return { checked: checkpoints.length, problems, recorded: recorded.length, firstRun: checkpoints.length === 0 && recorded.length === 0 && unreadableLines.length === 0, protectedUpTo };
}

/**
 * For the sweeper: a checkpoint when the last one in this folder is older than the minutes setting,
 * or when the events written since pass the count setting (KEXIN_AUDIT_CHECKPOINT_EVENTS); none when
 * nothing but the last checkpoint's own record came after it.
 */
export async function checkpointIfDue(app: AppContext): Promise<Checkpoint | null> {
  const minutes = app.config.auditCheckpointMinutes;
  const events = app.config.auditCheckpointEvents;
  if (minutes <= 0 && events <= 0) return null;
  const last = readCheckpoints(app.config.auditCheckpointDir).checkpoints.at(-1);
  const [head] = await app.db.query<{ seq: number }>('SELECT seq FROM audit_events ORDER BY seq DESC LIMIT 1');
  if (!head) return null;
  const since = last ? Number(head.seq) - last.seq : Infinity;
  if (last && since <= 1) return null; // only the record of that checkpoint itself
  const byTime = minutes > 0 && (!last || app.clock.now().getTime() - Date.parse(last.at) >= minutes * 60_000);
  const byCount = events > 0 && since >= events;
  return byTime || byCount ? writeCheckpoint(app) : null;
}


export interface AuditLogReport extends Omit<VerifyResult, 'ok'> {
  ok: boolean; checkpoints: CheckpointReport; summary: string;
  /** Events after the newest valid checkpoint: what a deletion could still take unseen. */
  unprotectedTail: number;
}

/**
 * The chain and the checkpoints together, with one sentence in Chinese saying what was found. With
 * no checkpoint at all it fails, unless the chain too records none (the first run), which the
 * sentence then says; it always says how many events no checkpoint covers yet (issue 16 M7).
 */
export async function verifyAuditLog(db: Sql, seal: AuditSeal, checkpointDir: string, opts: VerifyOptions = {}): Promise<AuditLogReport> {
  const chain = await verifyAuditChain(db, seal, opts);
  const checkpoints = await verifyCheckpoints(db, seal, checkpointDir);
  const noCheckpoint = checkpoints.checked === 0 && chain.lastSeq > 0;
  const unprotectedTail = Math.max(0, chain.lastSeq - (checkpoints.protectedUpTo ?? 0));
  const parts = [chain.ok
    ? `哈希链完整：已校验 ${chain.checked} 条，链尾第 ${chain.lastSeq} 条${chain.ranges > 1 ? `（分 ${chain.ranges} 段并行校验）` : ''}`
    : `哈希链在第 ${chain.firstBroken!.seq} 条处断链（${BREAK_LABEL[chain.firstBroken!.reason]}）；此前 ${chain.checked} 条完整`];
  if (checkpoints.problems.length > 0) {
    parts.push(`签名检查点不符：${checkpoints.problems.map((p) => `${p.seq === null ? `第 ${p.line} 行` : `第 ${p.seq} 条`}${CHECKPOINT_PROBLEM_LABEL[p.reason]}`).join('；')}`);
  } else if (noCheckpoint && checkpoints.firstRun) {
    parts.push(`首次运行：尚未写过签名检查点（审计日志中也没有写过的记录），全部 ${chain.lastSeq} 条尚无检查点保护；请运行 kexin audit checkpoint`);
  } else if (noCheckpoint) {
    parts.push(`检查点文件缺失或为空（${checkpointDir}）`);
  } else {
    parts.push(`签名检查点 ${checkpoints.checked} 个全部吻合`);
  }
  parts.push(`最后一个有效检查点之后还有 ${unprotectedTail} 条记录未受检查点保护`);
  const ok = chain.ok && checkpoints.problems.length === 0 && (!noCheckpoint || checkpoints.firstRun);
  return { ...chain, ok, checkpoints, unprotectedTail, summary: parts.join('；') };
}
