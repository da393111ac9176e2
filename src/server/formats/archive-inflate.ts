/**
 * Runs the inflating half of reading an untrusted archive (archive-worker.mjs) in a worker thread
 * with a memory limit and a time limit, at most two at once: a bomb that gets past the central
 * directory's caps ends that worker with an error and the request with FILE_REFUSED, while the
 * server goes on answering.
 */
import { startWorker } from '../worker-file';
import { entryData, type ZipEntry } from './zip';

/** What one worker may use: enough for a streamed sheet or a measured document, far from the server's heap. */
export const WORKER_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16, codeRangeSizeMb: 16, stackSizeMb: 4 } as const;
export const WORKER_TIMEOUT_MS = 20_000;
const MAX_WORKERS = 2;

export class ArchiveRefused extends Error {
  constructor(readonly zh: string) { super(zh); }
}

let running = 0;
const waiting: Array<() => void> = [];
async function slot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_WORKERS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** An entry as the worker receives it: its compressed bytes copied out (so the upload itself is not cloned per entry). */
export interface WorkerEntry { name: string; method: number; declared: number; crc32: number; data: Uint8Array; keepText?: boolean }

export function workerEntry(bytes: Uint8Array, e: ZipEntry, keepText = false): WorkerEntry {
  return { name: e.name, method: e.method, declared: e.uncompressedSize, crc32: e.crc32, data: new Uint8Array(entryData(bytes, e)), keepText };
}

/** What a streaming job (imports) may change: its own time and memory limits, and where its batches of rows go. */
export interface StreamOptions {
  onBatch?: (batch: unknown[]) => void;
  timeoutMs?: number;
  resourceLimits?: typeof WORKER_LIMITS | { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number; codeRangeSizeMb: number; stackSizeMb: number };
}

export function runArchiveJob<T>(job: Record<string, unknown>, opts: StreamOptions = {}): Promise<T> {
  return slot(() => new Promise<T>((resolve, reject) => {
    const worker = startWorker(new URL('./archive-worker.mjs', import.meta.url), { workerData: job, resourceLimits: opts.resourceLimits ?? WORKER_LIMITS });
    let settled = false;
    const settle = (fn: () => void) => { if (settled) return; settled = true; clearTimeout(timer); fn(); void worker.terminate(); };
    const timer = setTimeout(() => settle(() => reject(new ArchiveRefused('文件处理超时（结构异常或过于复杂）'))), opts.timeoutMs ?? WORKER_TIMEOUT_MS);
    worker.on('message', (m: { ok: true; result: T } | { ok: false; zh: string } | { batch: unknown[] }) => {
      if ('batch' in m) {
        if (settled) return;
        try { opts.onBatch?.(m.batch); } catch (e) { settle(() => reject(e)); }
        return;
      }
      settle(() => (m.ok ? resolve(m.result) : reject(new ArchiveRefused(m.zh))));
    });
    // ERR_WORKER_OUT_OF_MEMORY and the like: the worker is gone, the server is not.
    worker.on('error', () => settle(() => reject(new ArchiveRefused('文件解压或解析所需内存超过上限（疑似压缩炸弹）'))));
    worker.on('exit', () => settle(() => reject(new ArchiveRefused('文件内容无法读取'))));
  }));
}

export interface MeasuredEntry { name: string; size: number; head: Uint8Array; text: string | null }

/** Every entry inflated and counted; the text of those asked for (small XML parts) comes back too. */
export function measureEntries(entries: WorkerEntry[], maxTextBytes: number): Promise<MeasuredEntry[]> {
  return runArchiveJob({ kind: 'measure', entries, maxTextBytes });
}
