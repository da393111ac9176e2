/**
 * Starts a worker thread from the code beside its caller, wherever that code is. From the sources
 * (development, tests) the file is next to the caller: a plain `.mjs` runs as it is, a `.ts` one runs
 * through tsx, registered in the thread by `worker-boot.mjs`. From the build, the caller sits in a
 * chunk of dist/server, so a URL relative to it would miss the file: scripts/build.mjs compiles every
 * worker (a file named `*-worker.mjs` or `*-worker.ts`) as an entry of its own,
 * `dist/server/workers/<name>.js`, and that is what is started. The
 * production build once shipped no archive worker at all and refused every uploaded Excel or Word
 * file as a zip bomb; `test/server/imports.test.ts` now imports an .xlsx through the compiled CLI.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** dist/server when this module runs from the build, else null. */
function builtServerDir(): string | null {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (path.basename(dir) === 'server' && path.basename(path.dirname(dir)) === 'dist') return dir;
    const up = path.dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

/** Where the worker whose source is `source` (a URL beside the caller) is to be started from, and how. */
export function workerEntry(source: URL): { url: URL; argv?: string[] } {
  const file = fileURLToPath(source);
  const built = builtServerDir();
  if (built) return { url: pathToFileURL(path.join(built, 'workers', `${path.basename(file).replace(/\.(ts|mjs)$/, '')}.js`)) };
  if (!fs.existsSync(file)) throw new Error(`worker file missing: ${file}`);
  if (file.endsWith('.ts')) return { url: new URL('./worker-boot.mjs', import.meta.url), argv: [source.href] };
  return { url: source };
}

export function startWorker(source: URL, options: WorkerOptions = {}): Worker {
  const { url, argv } = workerEntry(source);
  return new Worker(url, argv ? { ...options, argv: [...argv, ...(options.argv ?? [])] } : options);
}
