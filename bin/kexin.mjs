#!/usr/bin/env node
// The `kexin` command runs the compiled CLI (dist/server, made by `npm run build`; `npm start` and
// `npm install` build it when it is missing or stale). No TypeScript is compiled at run time.
import fs from 'node:fs';

const main = new URL('../dist/server/main.js', import.meta.url);
if (!fs.existsSync(main)) {
  console.error('科信尚未构建：请先运行 npm run build（或 npm start，它会先构建）。');
  process.exit(2);
}
const { main: run } = await import(main.href);
process.exitCode = await run(process.argv.slice(2));
