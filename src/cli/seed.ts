/**
 * `kexin seed --scale quick|province|national [--seed N] [--from F] [--to F] [--no-audit]`: synthetic data at scale
 * for capacity planning and benchmarks (server/seed). Refuses a database that already holds subjects
 * unless growing a seeded one (--from above 0), so it never mixes invented records into real ones.
 */
import { fixedClock } from '../core/time/clock';
import { createApp } from '../server/app';
import { loadConfig } from '../server/config';
import { SCALES, SEED_PASSWORD, SEED_REFERENCE_DATE, seedScale } from '../server/seed/scale-seed';
import { UsageError } from './legal-time';

function option(argv: string[], name: string): string | undefined {
  const k = argv.indexOf(name);
  return k >= 0 ? argv[k + 1] : undefined;
}

export async function runSeedScale(argv: string[], out: (s: string) => void): Promise<number> {
  const scale = option(argv, '--scale');
  if (!scale || !(scale in SCALES)) throw new UsageError('用法：kexin seed --scale quick|province|national [--seed N] [--from 0..1] [--to 0..1] [--no-audit]');
  const num = (name: string, dflt: number) => {
    const v = option(argv, name);
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new UsageError(`${name} 应为数字`);
    return n;
  };
  const seed = num('--seed', 1);
  const from = num('--from', 0);
  const to = num('--to', 1);
  if (!Number.isInteger(seed) || seed < 1 || seed > 1_000_000) throw new UsageError('--seed 应为 1 至 1000000 的整数');
  if (!(from >= 0 && to <= 1 && from < to)) throw new UsageError('--from 与 --to 应满足 0 ≤ from < to ≤ 1');
  const app = await createApp({ ...loadConfig(), loadDemo: false }, { demo: false, clock: fixedClock(`${SEED_REFERENCE_DATE}T02:00:00Z`) });
  try {
    const [{ n }] = await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM subjects');
    if (from === 0 && n > 0) throw new UsageError(`数据库中已有 ${n} 个主体：合成数据只能载入空库（或以 --from 扩充已载入的合成数据）`);
    out(`载入合成数据（${scale}，种子 ${seed}，${from}–${to}）到 ${app.db.kind}……`);
    // --no-audit leaves out the synthetic audit history (HTTP benchmarks never read it; it is most of the seeding time).
    const size = { ...SCALES[scale as keyof typeof SCALES], ...(argv.includes('--no-audit') ? { auditEvents: 0 } : {}) };
    const r = await seedScale(app, size, { seed, from, to, log: (l) => out(`  ${l}`) });
    out(`完成：共 ${(r.totalMs / 1000).toFixed(1)} s。基准账号 seed_<区划代码>（如 seed_532301），密码 ${SEED_PASSWORD}；仅用于测试和容量评估。`);
    return 0;
  } finally {
    await app.db.close();
  }
}
