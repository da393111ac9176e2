/**
 * Where the installation's own files are: found from this module's location by walking up to the
 * package root, so the same code finds them whether it runs from `src/` (tests, `npm run dev`) or
 * from the compiled bundle in `dist/server/` (production).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function packageRoot(from: string): string {
  for (let dir = path.dirname(from); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'migrations'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`找不到科信的安装目录（自 ${from} 向上没有 package.json 与 migrations/）`);
  }
}

export const PACKAGE_ROOT = packageRoot(fileURLToPath(import.meta.url));
/** The SQL migrations, applied in name order. */
export const MIGRATIONS_DIR = path.join(PACKAGE_ROOT, 'migrations') + path.sep;
/** The web client built by Vite (`npm run build`). */
export const WEB_DIST = path.join(PACKAGE_ROOT, 'dist', 'web') + path.sep;
/** The pristine embedded database made at build time (an initialised, migrated PGlite cluster; see db/pglite-snapshot.ts). */
export const PGLITE_SNAPSHOT_DIR = path.join(PACKAGE_ROOT, 'dist', 'pglite') + path.sep;
