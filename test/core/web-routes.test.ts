/**
 * The web client's one declaration of pages (issue 18, `src/web/src/routes.ts`): the router, the menu
 * and the breadcrumb are built from it. Every menu entry any holder of a permission set sees opens a
 * declared page; every page module is routed; every page is reachable (from the menu, or — a record's
 * page — from its list that is in the menu, or named here as opened from the header or the login).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROLES, ROLE_DEFINITIONS } from '../../src/core/access/roles';
import type { Me } from '../../src/web/src/api';
import { ROUTES, crumbsOf, hrefOf, menuEntries } from '../../src/web/src/routes';

const PAGES = path.resolve(__dirname, '../../src/web/src/pages');
const ROUTES_FILE = path.resolve(__dirname, '../../src/web/src/routes.ts');

/** A signed-in user holding exactly `permissions` (the menu decides from permissions only). */
const holder = (permissions: readonly string[]) => ({ permissions: [...permissions] }) as unknown as Me;
const everyHolder = ROLES.map((r) => holder(ROLE_DEFINITIONS[r].permissions));
/** Pages opened otherwise than from the menu: 账号安全 from the header button, the public pages and the login page by address. */
// /public/credit-report is opened from a credit report's QR code, /dashboard/list from a dashboard chart's bar.
const OPENED_ELSEWHERE = new Set(['/account', '/login', '/public', '/public/complaint', '/public/credit-report', '/dashboard/list']);
/** Page modules shown by another component, not by a route: the account's first duty before anything else (RequireAuth). */
const NOT_ROUTED = new Set(['SecurityGate']);

describe('网页的页面声明（issue 18：路由、菜单、面包屑出自同一处）', () => {
  it('任一权限组合所见的每个菜单项都对应一个已声明的页面，且不重复', () => {
    const staffPaths = new Set(ROUTES.filter((r) => r.area === 'staff').map(hrefOf));
    for (const me of everyHolder) {
      const keys = menuEntries(me).map((e) => e.key);
      expect(new Set(keys).size).toBe(keys.length);
      for (const k of keys) expect(staffPaths.has(k), k).toBe(true);
      expect(keys[0]).toBe('/'); // 工作台 for everyone signed in
    }
  });

  it('每个页面都有入口：菜单中的页面至少一种权限可见；记录详情页的列表页在菜单中；其余页面从页眉或地址打开', () => {
    const seen = new Set(everyHolder.flatMap((me) => menuEntries(me).map((e) => e.key)));
    for (const r of ROUTES) {
      const href = hrefOf(r);
      if (r.menu) expect(seen.has(href), `${href} 无人可见`).toBe(true);
      else if (r.path.includes(':')) expect(seen.has(href.slice(0, href.lastIndexOf('/'))), `${href} 的列表页不在菜单中`).toBe(true);
      else expect(OPENED_ELSEWHERE.has(href), `${href} 没有入口`).toBe(true);
    }
    // A page without a menu label names itself in the breadcrumb.
    for (const r of ROUTES.filter((x) => x.area === 'staff' && !x.menu)) expect(r.crumb, r.path).toBeTruthy();
  });

  it('pages/ 中的每个页面模块都由一条路由载入（SecurityGate 由 RequireAuth 显示），每条路由载入一个存在的页面模块', () => {
    const modules = fs.readdirSync(PAGES).filter((f) => f.endsWith('.tsx')).map((f) => f.replace(/\.tsx$/, ''));
    // Which module each route loads, read from the declaration's text in the order the routes stand.
    const loaded = [...fs.readFileSync(ROUTES_FILE, 'utf8').matchAll(/import\('\.\/pages\/(\w+)'\)/g)].map((m) => m[1]);
    expect(loaded).toHaveLength(ROUTES.length);
    for (const m of loaded) expect(modules, m).toContain(m);
    expect(new Set(loaded).size).toBe(loaded.length);
    expect(modules.filter((m) => !loaded.includes(m) && !NOT_ROUTED.has(m))).toEqual([]);
  });

  it('面包屑：工作台 / 栏目 / 记录，按菜单名和声明的详情名', () => {
    const officer = holder(ROLE_DEFINITIONS[ROLES.find((r) => ROLE_DEFINITIONS[r].permissions.includes('project.read'))!].permissions);
    expect(crumbsOf('/', officer).crumbs).toEqual([{ title: '工作台' }]);
    expect(crumbsOf('/cases', officer)).toEqual({ selected: ['/cases'], crumbs: [{ title: '工作台', to: '/' }, { title: '案件办理' }] });
    expect(crumbsOf('/cases/9f1c', officer).crumbs).toEqual([{ title: '工作台', to: '/' }, { title: '案件办理', to: '/cases' }, { title: '案件详情' }]);
    expect(crumbsOf('/projects/9f1c', officer).crumbs.map((c) => c.title)).toEqual(['工作台', '科技项目', '项目详情']);
    expect(crumbsOf('/account', officer).crumbs).toEqual([{ title: '工作台', to: '/' }, { title: '账号安全' }]);
    // 三员分立: the account page is named by what its holder does there.
    expect(menuEntries(holder(['account.authorize'])).find((e) => e.key === '/users')?.label).toBe('账号授权');
    expect(menuEntries(holder(['account.approve'])).find((e) => e.key === '/users')?.label).toBe('管理员复核');
    expect(menuEntries(holder(['account.manage'])).find((e) => e.key === '/users')?.label).toBe('账号管理');
    expect(menuEntries(holder([])).map((e) => e.key)).toEqual(['/']);
  });
});
