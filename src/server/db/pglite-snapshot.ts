/**
 * The embedded database's first start without `initdb`: creating a PGlite cluster runs PostgreSQL's
 * initdb in WebAssembly (~5–6 s here, most of a first start). The build makes one pristine cluster,
 * migrated and holding no data (no keys, no audit events: nothing that belongs to an installation),
 * and a first start copies it. It is named by the PGlite version and the migrations it holds, so a
 * build with other migrations or another PGlite never hands out a stale one; without a matching
 * snapshot the start simply runs initdb as before.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';
import { MIGRATIONS_DIR, PGLITE_SNAPSHOT_DIR } from '../paths';

function snapshotKey(): string {
  // The package exports no package.json: find it above its entry point.
  let dir = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  const version = (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  const h = crypto.createHash('sha256').update(`pglite ${version}\0`);
  for (const f of fs.readdirSync(MIGRATIONS_DIR).filter((x) => x.endsWith('.sql')).sort()) h.update(f).update('\0').update(fs.readFileSync(MIGRATIONS_DIR + f)).update('\0');
  return h.digest('hex').slice(0, 16);
}

export const snapshotFile = () => path.join(PGLITE_SNAPSHOT_DIR, `initial-${snapshotKey()}.tar.gz`);

/**
 * Writes this build's snapshot into an empty PGlite folder; false when the build made none. Extracted
 * here with Node's own file writes: PGlite's loadDataDir writes the same 40 MB through its WebAssembly
 * file system at a quarter of the speed. The tar is PGlite's own dump (ustar: regular files and
 * directories, names below the cluster root), so only those two kinds are read; anything else, or a
 * name that would leave the folder, refuses the snapshot.
 */
export function extractInitialSnapshot(folder: string): boolean {
  let gz: Buffer;
  try {
    gz = fs.readFileSync(snapshotFile());
  } catch {
    return false;
  }
  const tar = zlib.gunzipSync(gz);
  const root = path.resolve(folder);
  const field = (at: number, len: number) => tar.toString('latin1', at, at + len).replace(/\0.*$/s, '');
  fs.mkdirSync(root, { recursive: true, mode: 0o700 });
  for (let at = 0; at + 512 <= tar.length;) {
    const name = field(at, 100);
    if (!name) break; // the two empty blocks that end a tar
    const prefix = field(at + 345, 155);
    const size = parseInt(field(at + 124, 12).trim() || '0', 8);
    const type = field(at + 156, 1) || '0';
    const target = path.resolve(root, `./${prefix ? `${prefix}/` : ''}${name}`);
    if (!target.startsWith(root + path.sep) && target !== root) throw new Error(`快照中的文件名越出数据目录：${name}`);
    if (type === '5') fs.mkdirSync(target, { recursive: true, mode: 0o700 });
    else if (type === '0') fs.writeFileSync(target, tar.subarray(at + 512, at + 512 + size), { mode: 0o600 });
    else throw new Error(`快照中有不支持的条目类型 ${type}：${name}`);
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return true;
}
