/**
 * The facts the legal-time and rules commands count with: the holiday notices, local holidays and
 * policy versions of the bureau's database when one is configured (so a notice loaded in the UI
 * counts here too, X-3, X-4), else the facts bundled with the system, said so on stderr.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BUNDLED_LOCAL_HOLIDAYS, BUNDLED_NOTICES } from '../core/calendar/bundled';
import { CalendarBook } from '../core/calendar/working-calendar';
import { DEFAULT_REGISTRY, type PolicyRegistry } from '../core/policy/registry';
import type { Config } from '../server/config';

export interface LegalFacts {
  book: CalendarBook;
  registry: PolicyRegistry;
  source: 'postgres' | 'pglite' | 'bundled';
}

const bundled = (): LegalFacts => ({ book: new CalendarBook(BUNDLED_NOTICES, BUNDLED_LOCAL_HOLIDAYS), registry: DEFAULT_REGISTRY, source: 'bundled' });

/** True when the embedded data folder holds a database (it is made by the first `kexin serve`). */
const embeddedExists = (dataDir: string) => fs.existsSync(path.join(dataDir, 'pglite', 'PG_VERSION'));

export async function loadLegalFacts(config: Config, warn: (s: string) => void): Promise<LegalFacts> {
  if (!config.databaseUrl && !embeddedExists(config.dataDir)) {
    warn('提示：未配置数据库（DATABASE_URL）且本机没有内置数据库，按随系统提供的节假日通知和政策版本计算。');
    return bundled();
  }
  const { openDatabase } = await import('../server/db/database');
  let db;
  try {
    db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? null : config.dataDir, pgliteSharedBuffersMb: config.pgliteSharedBuffersMb });
  } catch (e) {
    warn(`提示：无法打开数据库（${(e as Error).message}），按随系统提供的节假日通知和政策版本计算；服务中载入的通知未计入。`);
    return bundled();
  }
  try {
    const [{ loadCalendarBook }, { loadRegistry }] = await Promise.all([import('../server/modules/calendar/calendar-repo'), import('../server/modules/rules/policy-repo')]);
    const [book, registry] = await Promise.all([loadCalendarBook(db), loadRegistry(db)]);
    return { book, registry, source: db.kind };
  } catch (e) {
    warn(`提示：数据库尚未建表（${(e as Error).message}），按随系统提供的节假日通知和政策版本计算。`);
    return bundled();
  } finally {
    await db.close();
  }
}
