/**
 * The structure ARCHITECTURE.md states, checked on the source (issue 18):
 * - routes are parse → authorize → one command → present: no SQL, no database import, no transaction;
 * - no business module imports from `http/`;
 * - no import circle anywhere in `src/` (type-only imports count: they tie the files' meanings together);
 * - the web client decides from the abilities and permissions the server sends, never from role names;
 * - every route declares the response schema of its success status (typed end to end; Fastify serialises with it);
 * - a handler never re-checks the permission its route declares (`config.permission`, checked once before the input is read).
 * - a business module never re-checks a permission either (an explicit allow-list names the few that must, each with its reason).
 * - a route naming a subject or project by `:id` declares it (`config.record`); http/records.ts loads it and checks its scope once;
 * - nor decides from a role name: no `role === '…'` / `role !== '…'`, nor a role name compared with anything (allow-list with reasons).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../src/core/access/roles';

const SRC = path.resolve(__dirname, '../../src');
const ROUTES = path.join(SRC, 'server/http/routes');
const MODULES = path.join(SRC, 'server/modules');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .filter((f) => /\.(ts|tsx)$/.test(f) && !f.endsWith('.d.ts'));
}
const rel = (f: string) => path.relative(SRC, f);
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g;

function resolveImport(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), spec);
  for (const c of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx'), base.replace(/\.js$/, '.ts')]) {
    if (fs.existsSync(c) && fs.statSync(c).isFile()) return c;
  }
  return null;
}
function importsOf(f: string): string[] {
  const text = fs.readFileSync(f, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => resolveImport(f, m[1] ?? m[2])).filter((x): x is string => x !== null);
}

describe('模块结构（issue 18）', () => {
  it('路由文件不写 SQL、不引用数据库层、不开事务：只做解析 → 授权 → 调用一个命令 → 呈现', () => {
    const offenders: string[] = [];
    for (const f of files(ROUTES)) {
      const text = fs.readFileSync(f, 'utf8');
      if (/\b(SELECT\s+[\w*(]|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b/.test(text)) offenders.push(`${rel(f)}: SQL`);
      if (/\b(db|tx|sql|client)\.(query|exec|transaction)\s*[<(]/.test(text)) offenders.push(`${rel(f)}: database call`);
      for (const i of importsOf(f)) if (i.startsWith(path.join(SRC, 'server/db'))) offenders.push(`${rel(f)} → ${rel(i)}`);
    }
    expect(offenders).toEqual([]);
  });

  it('路由所指的主体、项目由路由声明（config.record），加载和范围检查只在 http/records.ts 做一次：处理函数不自己按 :id 加载再检查', () => {
    const offenders: string[] = [];
    for (const f of files(ROUTES)) {
      fs.readFileSync(f, 'utf8').split('\n').forEach((line, i) => {
        if (/loadVisibleSubject\([^)]*req\.params\.id|getProject\([^)]*req\.params\.id/.test(line)) offenders.push(`${rel(f)}:${i + 1}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it('业务模块不引用 HTTP 层', () => {
    const offenders = files(MODULES).flatMap((f) => importsOf(f).filter((i) => i.startsWith(path.join(SRC, 'server/http'))).map((i) => `${rel(f)} → ${rel(i)}`));
    expect(offenders).toEqual([]);
  });

  it('src 中没有循环引用（含仅类型的引用）', () => {
    const graph = new Map(files(SRC).map((f) => [f, importsOf(f)]));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (f: string) => {
      state.set(f, 'open');
      stack.push(f);
      for (const g of graph.get(f) ?? []) {
        if (state.get(g) === 'open') cycles.push([...stack.slice(stack.indexOf(g)), g].map(rel).join(' → '));
        else if (!state.has(g)) visit(g);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of graph.keys()) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  it('网页端不按角色名判断：不写角色名，不读当前用户的 role（只用服务器给出的权限和能力）', () => {
    const names = new RegExp(`['"\`](${ROLES.join('|')})['"\`]`);
    const offenders: string[] = [];
    for (const f of files(path.join(SRC, 'web'))) {
      fs.readFileSync(f, 'utf8').split('\n').forEach((line, i) => {
        // A subject's category 评审专家 shares the word 'expert' with the role: only a comparison with a role counts there.
        const text = line.replace(/value: 'expert'|category === 'expert'|category !== 'expert'|'expert', label|type: 'expert'/g, '');
        if (names.test(text) || /\bme\??\.role\b/.test(text)) offenders.push(`${rel(f)}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  /** Each `server.<method>(…)` call of a route file: its text up to the handler, and the handler's body up to the next route. */
  const routesOf = (text: string) => {
    const starts = [...text.matchAll(/server\.(get|post|put|patch|delete)\(\s*([`'][^`']+[`'])/g)];
    return starts.map((m, i) => {
      const handlerAt = text.indexOf('async (', m.index!);
      return { route: `${m[1].toUpperCase()} ${m[2].slice(1, -1)}`, head: text.slice(m.index!, handlerAt), body: text.slice(handlerAt, starts[i + 1]?.index ?? text.length) };
    });
  };

  it('每个接口声明成功状态的应答结构（TypeBox；201 的接口声明 201）', () => {
    const offenders: string[] = [];
    let routes = 0;
    for (const f of files(ROUTES)) {
      for (const r of routesOf(fs.readFileSync(f, 'utf8'))) {
        routes++;
        const success = /\.(status|code)\(201\)/.test(r.body) ? '201' : '200';
        const response = r.head.match(/response:\s*\{([^]*)/);
        if (!response) offenders.push(`${rel(f)}: ${r.route}: no response schema`);
        else if (!new RegExp(`\\b${success}:`).test(response[1])) offenders.push(`${rel(f)}: ${r.route}: no schema for ${success}`);
      }
    }
    expect(routes).toBeGreaterThan(100);
    expect(offenders).toEqual([]);
  });

  it('授权只声明一次：处理函数不再检查路由已声明的权限（不调用 requirePermission / hasPermission）', () => {
    const offenders: string[] = [];
    for (const f of files(ROUTES)) {
      for (const r of routesOf(fs.readFileSync(f, 'utf8'))) {
        if (/\brequirePermission\(/.test(r.body)) offenders.push(`${rel(f)}: ${r.route}: requirePermission`);
      }
    }
    // What a user may do with a record or a list is computed in core/access/record-abilities.ts, not in a route.
    for (const f of files(ROUTES)) if (/\bhasPermission\(/.test(fs.readFileSync(f, 'utf8'))) offenders.push(`${rel(f)}: hasPermission (abilities belong in core/access/record-abilities.ts)`);
    expect(offenders).toEqual([]);
  });
  it('业务模块不再检查权限：权限由路由声明、由 http/auth.ts 的钩子检查一次（保留者各有理由）', () => {
    const allowed: Record<string, string> = {
      // One command for staff (a permission) and an API client (a token scope): the caller decides which is checked.
      'server/modules/integrity/import-external-records.ts': 'staff permission or API client scope, one command',
      'server/modules/exchange/acknowledge-exchange-batches.ts': 'staff permission or API client scope, one command',
    };
    const offenders = files(MODULES).map(rel).filter((f) => /\bhasPermission\(/.test(fs.readFileSync(path.join(SRC, f), 'utf8')) && !(f in allowed));
    expect(offenders).toEqual([]);
  });
  it('业务模块不按角色名判断：账号能做什么由权限和主体身份决定（core/access/record-abilities.ts），不把角色与角色名比较（保留者各有理由）', () => {
    const q = `['"\`]`;
    const comparisons = [
      // `…role === '…'` / `…role !== '…'`, and the same written the other way round.
      new RegExp(`[\\w.?]*\\brole\\s*[!=]==?\\s*${q}[^'"\`]*${q}`, 'g'),
      new RegExp(`${q}[^'"\`]*${q}\\s*[!=]==?\\s*[\\w.?]*\\brole\\b`, 'g'),
      // A role name compared with anything, whatever the variable is called.
      new RegExp(`[\\w.?]+\\s*[!=]==?\\s*${q}(?:${ROLES.join('|')})${q}`, 'g'),
      new RegExp(`${q}(?:${ROLES.join('|')})${q}\\s*[!=]==?\\s*[\\w.?]+`, 'g'),
    ];
    // Each entry: a file and the comparison it may keep (not its line, so an edit elsewhere does not move it), with the reason.
    const allowed: Record<string, string> = {
      // CI-9: the commitment form says who signs, a unit or a person; it is the form's own field, not the account's role.
      "server/modules/integrity/record-commitment.ts: input.role === 'unit'": "the commitment's signer (unit or person, CI-9), not an account role",
      // A step's declared notify roles name an audience: the parties (the case's unit, the applicant) are told by who they are, staff by role and region.
      "server/modules/notifications/notify.ts: r !== 'unit_admin'": 'the audience of a declared step, the unit told through the case',
      "server/modules/notifications/notify.ts: r !== 'researcher'": 'the audience of a declared step, the applicant told in person',
    };
    const found: Array<{ key: string; at: string }> = [];
    for (const f of files(MODULES).map(rel)) {
      fs.readFileSync(path.join(SRC, f), 'utf8').split('\n').forEach((line, i) => {
        if (/^\s*(\/\/|\*)/.test(line)) return;
        for (const h of new Set(comparisons.flatMap((re) => [...line.matchAll(re)].map((m) => m[0])))) found.push({ key: `${f}: ${h}`, at: `${f}:${i + 1}: ${line.trim()}` });
      });
    }
    expect([...new Set(found.filter((x) => !(x.key in allowed)).map((x) => x.at))]).toEqual([]);
    // An entry that no longer matches is removed, so the list says only what is still there.
    expect(Object.keys(allowed).filter((k) => !found.some((x) => x.key === k))).toEqual([]);
  });
});
