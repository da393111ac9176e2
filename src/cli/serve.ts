/** `kexin serve`: the HTTP server with its sweeper, until SIGINT or SIGTERM. */
import { roleLabel } from '../core/access/roles';
import { businessDate } from '../core/time/clock';
import { createApp } from '../server/app';
import { loadConfig } from '../server/config';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../server/demo/load-demo';
import { buildServer } from '../server/http/server';
import { checkpointIfDue, writeCheckpoint } from '../server/modules/audit/checkpoints';
import { startSweeper } from '../server/jobs/sweeper';
import { sweepReminders } from '../server/modules/deadlines/sweep-reminders';
import { sweepExpiries } from '../server/modules/integrity/sweep-expiries';
import { sweepMilestones } from '../server/modules/supervision/sweep-milestones';
import { sweepObligations } from '../server/modules/obligations/sweep-obligations';
import { deliverMail } from '../server/modules/mail/deliver-mail';

export async function serve(): Promise<number> {
  const config = loadConfig();
  const started = Date.now();
  const app = await createApp(config, { progress: (zh) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${zh}`) });
  const server = await buildServer(app);
  // Issue 16 M7: a checkpoint at start, written before the first request is accepted, and one on shutdown.
  const checkpoint = () => writeCheckpoint(app).catch((e) => server.log.error(e));
  await checkpoint();
  const address = await server.listen({ port: config.port, host: config.host });
  const stopSweeper = config.sweepSeconds > 0 ? startSweeper(app, config.sweepSeconds * 1000, (e) => server.log.error(e), [sweepReminders, sweepMilestones, sweepExpiries, sweepObligations, deliverMail, checkpointIfDue]) : () => {};
  const stop = async () => {
    stopSweeper();
    await server.close();
    await checkpoint();
    await app.db.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  console.log(`科信 Kexin 已启动：${address}  （数据库：${app.db.kind}，用时 ${Date.now() - started} ms）`);
  for (const line of startBanner(address, { trainingDay: config.trainingClock ? businessDate(app.clock) : null, trainingSetting: process.env.KEXIN_TODAY ?? null, demo: config.loadDemo })) console.log(line);
  return new Promise(() => {}); // runs until a signal stops it
}

/** What `kexin serve` prints after its address: the API docs, the public pages, the training day and the demo accounts. */
export function startBanner(address: string, o: { trainingDay: string | null; trainingSetting: string | null; demo: boolean }): string[] {
  const lines = [`接口文档：${address}/api/docs`, `公开页面（无需登录）：公开名单 ${address}/public  投诉举报 ${address}/public/complaint`];
  if (o.trainingDay) lines.push(`培训模式：系统日期 ${o.trainingDay}（KEXIN_TODAY=${o.trainingSetting}；每个页面显示此横幅）`);
  if (o.demo) {
    lines.push(`演示账号（密码均为 ${DEMO_PASSWORD}）：`);
    for (const a of DEMO_ACCOUNTS) lines.push(`  ${a.username.padEnd(14)} ${roleLabel(a.role)}（${a.displayName}）`);
  }
  return lines;
}
