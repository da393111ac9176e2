/**
 * `npm run bench [-- --quick]`: every benchmark in turn; figures go into BENCHMARKS.md by hand.
 * The quick mode runs a small version of each (under a minute in all on the 2-core machine is the target, issue 17), so a
 * regression shows early; CI runs it without letting it fail the build.
 */
import { spawn, type ChildProcess } from 'node:child_process';

const quick = process.argv.includes('--quick') ? ['--quick'] : [];
// The batch-rating benchmark is run on its own (minutes at full scale): npx tsx bench/batch-rating.ts
const files = ['bench/add-workdays.ts', 'bench/proof-of-work.ts', 'bench/startup.ts', 'bench/veto-check.ts', 'bench/public-search.ts', 'bench/http.ts', 'bench/audit-verify.ts', 'bench/holiday-recompute.ts', 'bench/import.ts'];
const started = performance.now();
// Run asynchronously so that an interrupt reaches the running benchmark, which drops its databases (bench-db.ts).
let current: ChildProcess | null = null;
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => { current?.kill(signal); process.exitCode = 130; });
for (const file of files) {
  if (process.exitCode === 130) break;
  console.log(`\n== ${file}`);
  const t = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...quick], { stdio: 'inherit' });
  current = child;
  const status = await new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  current = null;
  console.log(`(${file}: ${((performance.now() - t) / 1000).toFixed(0)} s)`);
  if (status !== 0 && process.exitCode !== 130) process.exitCode = status ?? 1;
}
console.log(`\nall benchmarks: ${((performance.now() - started) / 1000).toFixed(0)} s`);
