import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = path.resolve(__dirname, '../../src/core');
/**
 * The one package the core may use: TypeBox builds the schemas a procedure step declares for its input
 * (plain JSON Schema objects) and checks values against them, with no I/O of any kind.
 */
const PURE_PACKAGES = new Set(['typebox', 'typebox/value']);

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('核心层保持纯净', () => {
  it('src/core 只引用 src/core 内部的模块（和构造输入声明的 typebox）：不引用 HTTP、数据库、Node 内置模块或 server/web', () => {
    const offenders: string[] = [];
    for (const f of files(CORE).filter((f) => f.endsWith('.ts'))) {
      const text = fs.readFileSync(f, 'utf8');
      for (const m of text.matchAll(/from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g)) {
        const spec = m[1] ?? m[2];
        const resolved = spec.startsWith('.') ? path.resolve(path.dirname(f), spec) : null;
        if (PURE_PACKAGES.has(spec)) continue;
        if (!resolved || !resolved.startsWith(CORE)) offenders.push(`${path.relative(CORE, f)} → ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
