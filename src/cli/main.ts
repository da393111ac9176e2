/**
 * kexin CLI: `serve`, `migrate`, `audit verify`, `seed demo`, the legal-time and rules commands. Each
 * command loads only the modules it needs (dynamic imports, split into chunks by the build), so
 * `kexin calendar …` answers without loading the HTTP server or a database driver it does not use.
 * Exit codes: 0 success, 1 a check failed (e.g. a broken audit chain), 2 bad usage or input.
 */
import { ConfigError, loadConfig } from '../server/config';
import type { Database } from '../server/db/database';

const USAGE = `用法 / usage:
  kexin serve               启动服务（默认 PGlite，数据在 ./data；DATABASE_URL=postgres://… 使用 PostgreSQL）
  kexin migrate             对数据库执行迁移
  kexin audit verify [--workers N]
                            校验审计日志：HMAC-SM3 哈希链和库外的 SM2 签名检查点，报告第一处断链；PostgreSQL 上分 N 段并行（默认为 CPU 核数，至多 4）
  kexin audit checkpoint    对审计日志链尾签名，写入库外检查点（服务进程按 KEXIN_AUDIT_CHECKPOINT_MINUTES 自动写）
  kexin audit rotate-key    启用新的审计 HMAC 密钥（旧密钥保留用于校验）
  kexin admin create --role system_admin|security_admin|audit_admin --username 用户名 --name 姓名
                            安装时开设三员账号（仅当该角色尚无人时）；打印一次性初始密码，首次登录须修改。此后新增管理员须经双人复核
  kexin seed demo           载入演示数据（仅在尚无账号时）
  kexin seed --scale quick|province|national [--seed N] [--from F --to F] [--no-audit]
                            载入合成的大规模数据（基准测试与容量评估用，仅限空库；省级：10 万主体、100 万项目、100 万案件、1000 万审计事件）
  kexin keys rotate         启用新的 SM4 数据密钥（旧密钥保留用于解密）
  kexin keys reencrypt      以当前密钥重新加密所有敏感字段，报告各密钥仍保护的数据量
  kexin backup [--out 文件]  备份（PGlite：数据目录打包，须先停服务；PostgreSQL：pg_dump），并写清单（SHA-256、各表行数、审计链尾）
  kexin restore 文件         恢复到空目录或空库，并按清单核对
  kexin rate FILE.json|-    按楚科规〔2022〕5号第十五至二十条评定信用等级，输出 JSON（level、clauses、policy、warnings…）
  kexin sanction-check --severity minor|moderate|serious|grave [--ban-years N|life] [--measures a,b] [--on DATE]
                            检查处理措施是否在 CI-25 规定的范围内（不在范围内时非零退出并说明条款）
  kexin sweep [--at ISO时间]  运行一次到期提醒扫描（时限、里程碑、名单届满、应履行事项；每个提醒只发一次），并投递待发邮件
  kexin import FILE --kind units|persons|projects|relations --as 用户名 [--dry-run] [--map 列映射.json]
                            从 Excel 或 CSV 导入单位、人员、项目（含里程碑）或主体关系（按模板；先 --dry-run 看逐行报告和变更预览）
  kexin calendar load FILE  从文件（national.json 格式）载入节假日安排通知到数据库，并重算受影响的时限
  kexin calendar is-workday DATE                      是否工作日（true/false）
  kexin calendar add-workdays DATE N [--json]         DATE 之后第 N 个工作日（当日不计）
  kexin deadline RULE --start DATE [--pause A..B]… [--extend] [--jurisdiction CODE] [--json]
                            按时限规则（如 YT-6.3）计算到期日`;

async function withDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const { openDatabase } = await import('../server/db/database');
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, pgliteSharedBuffersMb: config.pgliteSharedBuffersMb });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** The whole application (database, migrations, keys, calendar, policies) for the commands that act on data. */
async function withApp<T>(opts: { demo?: boolean; clock?: import('../core/time/clock').Clock; instanceId?: string }, fn: (app: import('../server/context').AppContext & { demoLoaded: boolean }) => Promise<T>): Promise<T> {
  const { createApp } = await import('../server/app');
  const app = await createApp(loadConfig(), { demo: false, ...opts });
  try {
    return await fn(app);
  } finally {
    await app.db.close();
  }
}

const legalFacts = async () => (await import('./legal-facts')).loadLegalFacts(loadConfig(), console.error);

export async function main(argv: string[]): Promise<number> {
  const [cmd, sub] = argv;
  try {
    switch (cmd) {
      case 'serve':
        return await (await import('./serve')).serve();
      case 'migrate':
        return await withDb(async (db) => {
          const { migrate } = await import('../server/db/migrate');
          const { applied } = await migrate(db);
          console.log(applied.length ? `已执行迁移：${applied.join(', ')}` : '数据库已是最新结构');
          return 0;
        });
      case 'calendar': {
        if (sub === 'load') {
          const file = argv[2];
          const fs = await import('node:fs');
          if (!file || !fs.existsSync(file)) { console.error(`错误：找不到文件 ${file ?? ''}`); return 2; }
          const [{ noticesFromFile }, { loadHolidayNotice }] = await Promise.all([import('../core/calendar/notice'), import('../server/modules/calendar/load-holiday-notice')]);
          const notices = noticesFromFile(JSON.parse(fs.readFileSync(file, 'utf8')));
          return withApp({}, async (app) => {
            for (const n of notices) {
              const r = await loadHolidayNotice(app, null, n);
              console.log(`${n.year} 年（${n.notice}）已载入${r.replaced ? '（更正）' : ''}；重算 ${r.recomputed} 个时限，改期 ${r.moved.length} 个`);
              for (const m of r.moved) console.log(`  ${m.title}：${m.oldDue}${m.wasProvisional ? '（暂定）' : ''} → ${m.newDue}${m.provisional ? '（暂定）' : ''}`);
            }
            return 0;
          });
        }
        const { guarded, runCalendar } = await import('./legal-time');
        const facts = await legalFacts();
        return guarded(() => runCalendar(argv.slice(1), facts, console.log, console.error), console.error);
      }
      case 'deadline': {
        const { guarded, runDeadline } = await import('./legal-time');
        const facts = await legalFacts();
        return guarded(() => runDeadline(argv.slice(1), facts, console.log, console.error), console.error);
      }
      case 'rate': {
        const [{ guarded }, { runRate }] = await Promise.all([import('./legal-time'), import('./rules')]);
        const facts = await legalFacts();
        return guarded(() => runRate(argv.slice(1), facts, console.log, console.error), console.error);
      }
      case 'sanction-check': {
        const [{ guarded }, { runSanctionCheck }] = await Promise.all([import('./legal-time'), import('./rules')]);
        const facts = await legalFacts();
        return guarded(() => runSanctionCheck(argv.slice(1), facts, console.log, console.error), console.error);
      }
      case 'sweep': {
        const at = argv.indexOf('--at') >= 0 ? argv[argv.indexOf('--at') + 1] : null;
        if (at !== null && Number.isNaN(Date.parse(at))) { console.error(`错误：--at 不是有效时间：${at}`); return 2; }
        const [{ fixedClock }, { sweepReminders }, { sweepMilestones }, { sweepExpiries }, { sweepObligations }, { deliverMail }] = await Promise.all([
          import('../core/time/clock'), import('../server/modules/deadlines/sweep-reminders'), import('../server/modules/supervision/sweep-milestones'), import('../server/modules/integrity/sweep-expiries'),
          import('../server/modules/obligations/sweep-obligations'), import('../server/modules/mail/deliver-mail')]);
        return withApp({ clock: at ? fixedClock(at) : undefined, instanceId: process.env.KEXIN_INSTANCE }, async (app) => {
          const r = await sweepReminders(app);
          const milestones = await sweepMilestones(app);
          const removals = await sweepExpiries(app);
          const obligations = await sweepObligations(app);
          // Mail goes out last, so what this sweep raised is delivered in the same run (nothing when KEXIN_SMTP_URL is unset).
          const mail = await deliverMail(app);
          console.log(JSON.stringify({ examined: r.examined, raised: r.raised.length, reminders: r.raised, milestoneWarnings: milestones, listRemovals: removals, obligationReminders: obligations, mail }));
          return 0;
        });
      }
      case 'audit': {
        const config = loadConfig();
        const [path, { loadAuditSeal, rotateAuditMacKey }] = await Promise.all([import('node:path'), import('../server/crypto/audit-seal')]);
        const seal = () => loadAuditSeal(path.dirname(config.keyFile));
        if (sub === 'checkpoint') {
          const [{ writeCheckpoint }, { systemClock }] = await Promise.all([import('../server/modules/audit/checkpoints'), import('../core/time/clock')]);
          return await withDb(async (db) => {
            const cp = await writeCheckpoint({ db, clock: systemClock, auditSeal: seal(), config });
            console.log(cp ? `已写入签名检查点：第 ${cp.seq} 条，${config.auditCheckpointDir}` : '审计日志为空，未写检查点');
            return 0;
          });
        }
        if (sub === 'rotate-key') {
          console.log(`已启用新的审计密钥 ${rotateAuditMacKey(path.dirname(config.keyFile))}；旧密钥保留，用于校验此前的记录`);
          return 0;
        }
        if (sub !== 'verify') break;
        const w = argv.indexOf('--workers') >= 0 ? Number(argv[argv.indexOf('--workers') + 1]) : undefined;
        if (w !== undefined && !(Number.isInteger(w) && w >= 1 && w <= 16)) { console.error('错误：--workers 须为 1 到 16 的整数'); return 2; }
        const { verifyAuditLog } = await import('../server/modules/audit/checkpoints');
        return await withDb(async (db) => {
          const r = await verifyAuditLog(db, seal(), config.auditCheckpointDir, { workers: w });
          (r.ok ? console.log : console.error)(`审计日志${r.ok ? '完整' : '异常'}：${r.summary}。`);
          return r.ok ? 0 : 1;
        });
      }
      case 'keys': {
        const config = loadConfig();
        if (sub === 'rotate') {
          if (config.dataKeyHex) { console.error('数据密钥来自 KEXIN_DATA_KEY：请在其末尾追加新密钥（逗号分隔，旧的在前），再运行 kexin keys reencrypt'); return 2; }
          const { rotateDataKey } = await import('../server/crypto/sm');
          console.log(`已启用新的数据密钥 ${rotateDataKey(config.keyFile)}；请运行 kexin keys reencrypt 以新密钥重新加密已有数据`);
          return 0;
        }
        if (sub !== 'reencrypt') break;
        const { reencryptAll, valuesByKey } = await import('../server/modules/keys/reencrypt');
        return withApp({}, async (app) => {
          const done = await reencryptAll(app);
          console.log(`已重新加密：${Object.entries(done).map(([k, n]) => `${k} ${n} 项`).join('，')}；各密钥仍保护的数据：${JSON.stringify(await valuesByKey(app))}`);
          return 0;
        });
      }
      case 'backup': {
        const config = loadConfig();
        const { backup, manifestPath } = await import('../server/db/backup');
        const out = argv.indexOf('--out') >= 0 ? argv[argv.indexOf('--out') + 1] : `kexin-backup-${new Date().toISOString().replace(/[:.]/g, '-')}.${config.databaseUrl ? 'dump' : 'tar.gz'}`;
        const m = await backup(config, out, new Date());
        const rows = Object.values(m.tables).reduce((a, b) => a + b, 0);
        console.log(`已备份到 ${out}（${Object.keys(m.tables).length} 张表 ${rows} 行，审计日志至第 ${m.auditHead?.seq ?? 0} 条；SHA-256 ${m.sha256}）；清单 ${manifestPath(out)}`);
        return 0;
      }
      case 'restore': {
        if (!sub) { console.error('用法：kexin restore 备份文件（目标须为空库或空目录）'); return 2; }
        const { restore } = await import('../server/db/backup');
        const r = await restore(loadConfig(), sub);
        if (r.mismatches.length) { console.error(`恢复后与备份清单不符：${r.mismatches.join('；')}`); return 1; }
        console.log(`已恢复：${r.tables} 张表 ${r.rows} 行，与备份清单一致。请再运行 kexin audit verify 校验审计日志。`);
        return 0;
      }
      case 'import':
        return await (await import('./import')).runImport(argv.slice(1));
      case 'admin':
        if (sub !== 'create') break;
        return await (await import('./admin')).createAdministrator(argv.slice(2));
      case 'seed':
        if (sub === '--scale') {
          const [{ runSeedScale }, { UsageError }] = await Promise.all([import('./seed'), import('./legal-time')]);
          try {
            return await runSeedScale(argv.slice(1), console.log);
          } catch (e) {
            if (e instanceof UsageError) { console.error(`错误：${e.message}`); return 2; }
            throw e;
          }
        }
        if (sub !== 'demo') break;
        return withApp({ demo: true }, async (app) => {
          console.log(app.demoLoaded ? '已载入演示数据' : '已有账号，未载入演示数据');
          return 0;
        });
      case undefined:
      case 'help':
      case '--help':
        console.log(USAGE);
        return cmd ? 0 : 2;
    }
    console.error(`未知命令：${argv.join(' ')}\n${USAGE}`);
    return 2;
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`配置错误：${err.message}`);
      return 2;
    }
    console.error(err instanceof Error ? err.message : err);
    return 1;
  }
}
