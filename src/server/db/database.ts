/**
 * One small database interface over two drivers: PGlite (PostgreSQL in WASM, in process) and
 * node-postgres (a PostgreSQL server). Same SQL, same migrations, same type parsing:
 * `date` stays a 'YYYY-MM-DD' string, `int8` becomes a number, `numeric` stays a string, and the
 * session time zone is Asia/Shanghai on both.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export type Row = Record<string, unknown>;

export interface QueryOptions {
  /**
   * Plan once, run many times: for hot, read-only, fixed-shape queries outside a transaction (the
   * public search), where planning costs as much as running. On PostgreSQL the statement is named
   * and runs on a small second pool whose sessions keep generic plans (plan_cache_mode), so no other
   * query's planning changes. PGlite plans each time.
   */
  prepared?: boolean;
}

export interface Sql {
  query<T = Row>(text: string, params?: readonly unknown[], opts?: QueryOptions): Promise<T[]>;
}

export interface Database extends Sql {
  readonly kind: 'pglite' | 'postgres';
  /** PostgreSQL only: the server's address, for work that opens connections of its own (the audit verifier's threads). */
  readonly url?: string;
  /** Runs `fn` in one transaction: all of it commits, or none of it does. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /** Several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the whole data folder as one tar (gzipped unless told otherwise), consistent at the moment it is taken (backups, test templates). */
  dumpDataDir?(compression?: 'gzip' | 'none'): Promise<Buffer>;
}

const OID = { INT8: 20, DATE: 1082, NUMERIC: 1700 } as const;
const TIME_ZONE = 'Asia/Shanghai';

const asString = (v: string) => v;
const asNumber = (v: string) => Number(v);

export async function openPostgres(url: string, opts: { max?: number } = {}): Promise<Database> {
  const pg = (await import('pg')).default;
  const parsers: Record<number, (v: string) => unknown> = { [OID.INT8]: asNumber, [OID.DATE]: asString, [OID.NUMERIC]: asString };
  const makePool = (max: number, settings = '') => new pg.Pool({
    connectionString: url,
    max,
    options: `-c TimeZone=${TIME_ZONE}${settings}`,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        parsers[oid] ?? pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  const pool = makePool(opts.max ?? 10);
  let preparedPool: InstanceType<typeof pg.Pool> | null = null;
  const prepared = () => (preparedPool ??= makePool(3, ' -c plan_cache_mode=force_generic_plan').on('error', () => {}));
  // A connection that dies idle must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  // The statement's name is its text's digest, so one text never meets two names, nor one name two texts.
  const run = async <T>(client: { query: typeof pool.query }, text: string, params?: readonly unknown[], opts?: QueryOptions) =>
    (opts?.prepared
      ? await client.query({ name: `k_${createHash('sha1').update(text).digest('hex')}`, text, values: params as unknown[] })
      : await client.query(text, params as unknown[])).rows as T[];
  return {
    kind: 'postgres',
    url,
    query: (text, params, opts) => run(opts?.prepared ? prepared() : pool, text, params, opts),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({ query: (text, params, opts) => run(client, text, params, opts) });
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async exec(text) {
      await pool.query(text);
    },
    close: async () => { await Promise.all([pool.end(), preparedPool?.end()]); },
  };
}

/**
 * PGlite keeps its data in a folder and has no lock of its own across processes: a lock file
 * holding the owner's pid stops a second process from opening the same folder.
 */
function acquireLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'kexin.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try { fs.unlinkSync(lockPath); } catch { /* already gone */ }
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(fs.readFileSync(lockPath, 'utf8').trim());
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new Error(`数据目录 ${dataDir} 正被进程 ${owner} 使用（${lockPath}）；同一数据目录只能由一个进程打开。`);
      }
      fs.unlinkSync(lockPath); // stale lock left by a process that died
    }
  }
  throw new Error(`cannot lock ${lockPath}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The embedded database's shared buffers unless told otherwise (config.ts, KEXIN_PGLITE_SHARED_BUFFERS_MB, explains why small). */
export const PGLITE_SHARED_BUFFERS_MB = 16;

/** A tar made by dumpDataDir, as PGlite wants it (a bare Blob hangs: it needs a File with the tar's type). */
const dataDirFile = (tar: Buffer) => new File([new Uint8Array(tar)], 'pgdata.tar', { type: tar[0] === 0x1f && tar[1] === 0x8b ? 'application/x-gzip' : 'application/x-tar' });

/**
 * `dataDir` null opens an in-memory database (tests); `loadDataDir` starts it as a copy of a dumped data
 * folder (test templates). A data folder that holds no database yet starts from the build's pristine
 * snapshot when there is one (pglite-snapshot.ts), instead of running initdb.
 */
export async function openPglite(dataDir: string | null, opts: { loadDataDir?: Buffer; sharedBuffersMb?: number } = {}): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const release = dataDir ? acquireLock(dataDir) : () => {};
  try {
    const folder = dataDir ? path.join(dataDir, 'pglite') : undefined;
    if (folder && !opts.loadDataDir && !fs.existsSync(path.join(folder, 'PG_VERSION')) && !(fs.existsSync(folder) && fs.readdirSync(folder).length > 0)) {
      (await import('./pglite-snapshot')).extractInitialSnapshot(folder);
    }
    const db = await PGlite.create(folder, {
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${opts.sharedBuffersMb ?? PGLITE_SHARED_BUFFERS_MB}MB`],
      parsers: { [OID.INT8]: asNumber, [OID.DATE]: asString, [OID.NUMERIC]: asString },
      ...(opts.loadDataDir ? { loadDataDir: dataDirFile(opts.loadDataDir) } : {}),
    });
    await db.exec(`SET TIME ZONE '${TIME_ZONE}'`);
    // PGlite runs one statement at a time; its transaction() holds a mutex that query() also waits on.
    return {
      kind: 'pglite',
      query: async (text, params) => (await db.query(text, params as unknown[])).rows as never,
      transaction: (fn) => db.transaction((tx) => fn({ query: async (text, params) => (await tx.query(text, params as unknown[])).rows as never })),
      async exec(text) {
        await db.exec(text);
      },
      async dumpDataDir(compression = 'gzip') {
        return Buffer.from(await (await db.dumpDataDir(compression)).arrayBuffer());
      },
      async close() {
        await db.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

export async function openDatabase(opts: { databaseUrl: string | null; dataDir: string | null; pgliteSharedBuffersMb?: number }): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(opts.dataDir, { sharedBuffersMb: opts.pgliteSharedBuffersMb });
}

/** Makes a new PGlite data folder from a tar taken by dumpDataDir (restore); the folder must not hold a database yet. */
export async function loadPgliteDataDir(dataDir: string, tar: Buffer): Promise<void> {
  const target = path.join(dataDir, 'pglite');
  if (fs.existsSync(target) && fs.readdirSync(target).length > 0) throw new Error(`数据目录 ${dataDir} 中已有数据库；请恢复到一个空目录`);
  const { PGlite } = await import('@electric-sql/pglite');
  const release = acquireLock(dataDir);
  try {
    const db = await PGlite.create(target, { loadDataDir: dataDirFile(tar) });
    await db.close();
  } finally {
    release();
  }
}
