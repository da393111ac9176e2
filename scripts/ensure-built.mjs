#!/usr/bin/env node
/**
 * Builds when the build is missing or older than the sources (`npm start`, `npm install`, the test
 * setup). In a production install (`npm ci --omit=dev`) the build tools are absent: a package that was
 * built before it was copied starts as it is, and one that was not says what to do instead of failing
 * half-way (npm runs `prepare` under --omit=dev too).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = path.join(root, 'dist', 'build.json');
const stamp = fs.existsSync(stampFile) ? JSON.parse(fs.readFileSync(stampFile, 'utf8')) : null;
const require = createRequire(import.meta.url);
const haveTools = ['esbuild', 'vite'].every((m) => { try { require.resolve(m, { paths: [root] }); return true; } catch { return false; } });
const haveSources = fs.existsSync(path.join(root, 'src', 'cli', 'main.ts'));

if (!haveTools || !haveSources) {
  if (stamp) process.exit(0); // a built package: start it as built
  console.error('科信尚未构建，且本机没有构建工具（生产安装 npm ci --omit=dev）：请在构建机上运行 npm ci && npm run build，再复制含 dist/ 的目录（见 docs/DEPLOYMENT.md）。');
  process.exit(process.argv.includes('--optional') ? 0 : 1);
}
const { sourceDigest } = await import('./source-digest.mjs');
if (stamp?.digest === sourceDigest(root)) process.exit(0);
console.log(stamp ? '源代码已更改，正在重新构建…' : '首次运行，正在构建…');
await import('./build.mjs');
