/** Opens the database, migrates, seeds regions (and demo data when asked) and builds the context. */
import { loadSmsGateway } from './modules/notifications/sms-gateway';
import { systemClock, trainingClock, type Clock } from '../core/time/clock';
import type { Config } from './config';
import type { AppContext } from './context';
import { loadFieldCipher, type FieldCipher } from './crypto/sm';
import { loadAuditSeal, type AuditSeal } from './crypto/audit-seal';
import path from 'node:path';
import { openDatabase, type Database } from './db/database';
import { migrate } from './db/migrate';
import { loadDemo } from './demo/load-demo';
import { loadDemoCases } from './demo/load-demo-cases';
import { loadRegionTree, seedRegions } from './modules/regions/regions-repo';
import { completeBureauProfiles } from './modules/regions/complete-bureau-profiles';
import { seedCalendar } from './modules/calendar/calendar-repo';
import { CalendarState } from './modules/calendar/calendar-state';
import { PolicyState, seedPolicies } from './modules/rules/policy-repo';
import { backfillPublicationEnds } from './modules/integrity/publication-ends';
import { backfillObligationDueDates } from './modules/obligations/backfill-due-dates';
import os from 'node:os';

export interface StartOptions {
  clock?: Clock;
  db?: Database;
  cipher?: FieldCipher;
  auditSeal?: AuditSeal;
  /** Load the demo data set when the database has no accounts yet. */
  demo?: boolean;
  instanceId?: string;
  /** Told what start-up is doing, step by step (`kexin serve` prints it: a first start is not silent). */
  progress?: (zh: string) => void;
}

export async function createApp(config: Config, opts: StartOptions = {}): Promise<AppContext & { demoLoaded: boolean }> {
  // The training clock (KEXIN_TODAY, embedded demo only, checked in config.ts) moves the system's day.
  const clock = opts.clock ?? (config.trainingClock ? trainingClock(systemClock, config.trainingClock) : systemClock);
  const say = opts.progress ?? (() => {});
  say(config.databaseUrl ? '连接 PostgreSQL 数据库…' : `打开内置数据库（PGlite，${config.dataDir}）…`);
  const db = opts.db ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, pgliteSharedBuffersMb: config.pgliteSharedBuffersMb }));
  try {
    say('检查并升级数据库结构，载入区划、节假日安排和政策版本…');
    await migrate(db);
    const auditSeal = opts.auditSeal ?? loadAuditSeal(path.dirname(config.keyFile));
    await seedRegions(db, { clock, auditSeal });
    await completeBureauProfiles(db, { clock, auditSeal });
    await seedCalendar(db, { clock, auditSeal });
    await seedPolicies(db, { clock, auditSeal });
    const regions = await loadRegionTree(db);
    const cipher = opts.cipher ?? loadFieldCipher({ dataKeyHex: config.dataKeyHex, keyFile: config.keyFile });
    const calendar = await CalendarState.load(db);
    const policies = await PolicyState.load(db);
    // Rows written before migration 0023 get their list and publication ends from the registry (CI-28, CR).
    await backfillPublicationEnds({ db, clock, auditSeal, policies });
    // Obligations opened before migration 0045 get their due date from their clause's dated parameter (YT-10, CI-23).
    await backfillObligationDueDates({ db, clock, auditSeal, policies, calendar, regions });
    // No SMS unless the bureau plugs its gateway in (docs/DEPLOYMENT.md, 短信).
    const smsGateway = await loadSmsGateway(config.smsGatewayModule);
    const app: AppContext = { db, clock, cipher, auditSeal, regions, config, calendar, policies, instanceId: opts.instanceId ?? `${os.hostname()}:${process.pid}`, smsGateway };
    const demo = opts.demo ?? config.loadDemo;
    if (demo) say('准备演示数据（首次启动时载入楚雄州演示单位、人员、项目、评价和案件，需要一些时间）…');
    const demoLoaded = demo ? await loadDemo(app) : false;
    // Demo cases are made by the real commands, once, while there are no cases yet.
    if (demo) await loadDemoCases(app);
    return { ...app, demoLoaded };
  } catch (err) {
    if (!opts.db) await db.close();
    throw err;
  }
}
