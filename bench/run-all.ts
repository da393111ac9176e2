/** `npm run bench [-- --quick]`: every benchmark in turn; figures go into BENCHMARKS.md by hand. */
import { spawnSync } from 'node:child_process';

const quick = process.argv.includes('--quick') ? ['--quick'] : [];
// The batch-rating benchmark is run on its own (minutes at full scale): npx tsx bench/batch-rating.ts
for (const file of ['bench/add-workdays.ts', 'bench/startup.ts', 'bench/veto-check.ts', 'bench/public-search.ts']) {
  console.log(`\n== ${file}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file, ...quick], { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = r.status ?? 1;
}
