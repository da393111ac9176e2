#!/usr/bin/env node
/**
 * `npm run build`: the web client (Vite → dist/web) and the server with its CLI (esbuild → dist/server),
 * then a stamp (dist/build.json) holding the digest of the sources it was built from, so
 * `scripts/ensure-built.mjs` can tell a stale build from a current one.
 *
 * Why esbuild for the server: the sources use bundler-style resolution shared with the web client
 * (extension-less imports, JSON imports), which Node cannot load as they are; esbuild compiles all of
 * it in well under a second, keeps every npm package external (node_modules is resolved at run time
 * as usual), and splits each dynamically imported command into its own chunk, so `kexin calendar …`
 * loads the calendar and nothing of the HTTP server. tsc stays the type checker (`npm run typecheck`).
 */
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceDigest } from './source-digest.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Worker threads' files (named *-worker.mjs or *-worker.ts under src/server), each built as an entry of
// its own at dist/server/workers/<name>.js, where src/server/worker-file.ts starts it from: the chunks
// that start them live elsewhere, so a URL relative to the caller would miss the file.
const WORKERS = fs.readdirSync(path.join(root, 'src/server'), { recursive: true, encoding: 'utf8' })
  .filter((f) => /-worker\.(mjs|ts)$/.test(f))
  .map((f) => [`workers/${path.basename(f).replace(/\.(mjs|ts)$/, '')}`, path.join('src/server', f)]);
const only = process.argv[2]; // 'server' | 'web' | undefined (both)

async function buildServer() {
  const out = path.join(root, 'dist', 'server');
  fs.rmSync(out, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: { main: 'src/cli/main.ts', 'make-snapshot': 'src/server/db/make-snapshot.ts', ...Object.fromEntries(WORKERS) },
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    packages: 'external',
    sourcemap: 'linked',
    chunkNames: 'chunks/[name]-[hash]',
    legalComments: 'none',
    logLevel: 'warning',
  });
}

async function buildWeb() {
  // A production bundle whatever the caller's NODE_ENV (Vitest sets "test"): React and antd otherwise ship their development builds.
  process.env.NODE_ENV = 'production';
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: path.join(root, 'src/web/vite.config.ts'), mode: 'production', logLevel: 'warn' });
}

/** The pristine embedded database a first start copies instead of running initdb (src/server/db/make-snapshot.ts). */
async function buildSnapshot() {
  const { makeInitialSnapshot } = await import(path.join(root, 'dist', 'server', 'make-snapshot.js'));
  const { made } = await makeInitialSnapshot();
  if (made) console.log('已生成内置数据库的初始快照（dist/pglite）');
}

const started = Date.now();
if (only !== 'web') { await buildServer(); await buildSnapshot(); }
if (only !== 'server') await buildWeb();
if (!only) fs.writeFileSync(path.join(root, 'dist', 'build.json'), JSON.stringify({ digest: sourceDigest(root), builtAt: new Date().toISOString() }, null, 2) + '\n');
console.log(`科信已构建（${only ?? 'server + web'}，${Date.now() - started} ms）：dist/server、dist/web`);
