/** The digest of everything a build is made from: sources, migrations and the files that configure the build. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const INPUTS = ['src', 'migrations', 'package.json', 'package-lock.json', 'scripts/build.mjs'];

function* files(p) {
  const st = fs.statSync(p, { throwIfNoEntry: false });
  if (!st) return;
  if (st.isFile()) { yield p; return; }
  for (const name of fs.readdirSync(p).sort()) yield* files(path.join(p, name));
}

export function sourceDigest(root) {
  const h = crypto.createHash('sha256');
  for (const input of INPUTS) {
    for (const f of files(path.join(root, input))) {
      h.update(path.relative(root, f)).update('\0').update(fs.readFileSync(f)).update('\0');
    }
  }
  return h.digest('hex');
}
