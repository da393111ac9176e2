/**
 * The initial PGlite snapshot `npm run build` makes (scripts/build.mjs): a cluster migrated once, so a
 * first start extracts it instead of running initdb and every migration. Apart from pglite-snapshot.ts,
 * which database.ts reads at start, so that the two never import each other.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGLITE_SNAPSHOT_DIR } from '../paths';
import { openPglite } from './database';
import { migrate } from './migrate';
import { snapshotFile } from './pglite-snapshot';

/** Made by `npm run build` (scripts/build.mjs): an in-memory cluster, migrated, dumped. Older snapshots are removed. */
export async function makeInitialSnapshot(): Promise<{ file: string; made: boolean }> {
  const file = snapshotFile();
  if (fs.existsSync(file)) return { file, made: false };
  const db = await openPglite(null);
  try {
    await migrate(db);
    await db.exec('CHECKPOINT');
    fs.mkdirSync(PGLITE_SNAPSHOT_DIR, { recursive: true });
    for (const old of fs.readdirSync(PGLITE_SNAPSHOT_DIR)) fs.rmSync(path.join(PGLITE_SNAPSHOT_DIR, old), { force: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, await db.dumpDataDir!('gzip'));
    fs.renameSync(tmp, file);
    return { file, made: true };
  } finally {
    await db.close();
  }
}
