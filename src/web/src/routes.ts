/**
 * Every screen of the web client, declared once: the router (`main.tsx`), the menu and the
 * breadcrumb (`components/AppLayout.tsx`) are all built from this list. Adding a page is one line
 * here (and its module in `pages/`); `test/core/web-routes.test.ts` checks that every menu entry
 * has a route and every page module is routed.
 *
 * Who sees a menu entry is decided only from what the server sent (`access.ts`: permissions), never
 * from a role name.
 */
import { lazy, type ComponentType } from 'react';
import type { Me } from './api';
import { access } from './access';

export type Access = ReturnType<typeof access>;

/** A page module: its default export is the screen. */
type PageModule = Promise<{ default: ComponentType<any> }>;

export interface RouteDecl {
  /** The path; staff pages without a leading slash (under the signed-in layout), '' for 工作台. */
  path: string;
  /** Loads the page's module when first opened. */
  load: () => PageModule;
  /** public: outside the sign-in (login, the public list); staff: behind RequireAuth and AppLayout. */
  area: 'public' | 'staff';
  /** The menu label (Chinese); absent for pages reached from another page (details, 账号安全). */
  menu?: string | ((me: Me | null) => string);
  /** The menu group the entry sits in. */
  group?: MenuGroup;
  /** The entry of `access(me)` that shows this page in the menu; absent = everyone signed in. */
  shows?: keyof Access;
  /** The breadcrumb title when it is not the menu label (a record: 案件详情; 账号安全). */
  crumb?: string;
}

export type MenuGroup = '基础数据' | '业务办理' | '数据交换' | '时限与政策' | '系统管理';

/** Account pages are named by what the holder does there (三员分立). */
const accountsLabel = (me: Me | null) => (me?.permissions.includes('account.authorize') ? '账号授权' : me?.permissions.includes('account.approve') ? '管理员复核' : '账号管理');

export const ROUTES: RouteDecl[] = [
  { path: '/login', area: 'public', load: () => import('./pages/LoginPage') },
  { path: '/public', area: 'public', load: () => import('./pages/PublicListPage') },
  { path: '/public/complaint', area: 'public', load: () => import('./pages/PublicComplaintPage') },
  { path: '/public/credit-report', area: 'public', load: () => import('./pages/PublicCreditReportPage') },
  { path: '', area: 'staff', load: () => import('./pages/HomePage'), menu: '工作台' },
  { path: 'dashboard', area: 'staff', load: () => import('./pages/DashboardPage'), menu: '领导驾驶舱', shows: 'dashboard' },
  { path: 'dashboard/list', area: 'staff', load: () => import('./pages/DashboardListPage'), crumb: '统计清单' },
  { path: 'regions', area: 'staff', load: () => import('./pages/RegionsPage'), menu: '行政区划', group: '基础数据', shows: 'regions' },
  { path: 'subjects', area: 'staff', load: () => import('./pages/SubjectsPage'), menu: '信用主体', group: '基础数据', shows: 'subjects' },
  { path: 'subjects/:id', area: 'staff', load: () => import('./pages/SubjectDetailPage'), crumb: '主体详情' },
  { path: 'projects', area: 'staff', load: () => import('./pages/ProjectsPage'), menu: '科技项目', group: '基础数据', shows: 'projects' },
  { path: 'projects/:id', area: 'staff', load: () => import('./pages/ProjectDetailPage'), crumb: '项目详情' },
  { path: 'cases', area: 'staff', load: () => import('./pages/CasesPage'), menu: '案件办理', group: '业务办理', shows: 'cases' },
  { path: 'cases/:id', area: 'staff', load: () => import('./pages/CaseDetailPage'), crumb: '案件详情' },
  { path: 'ratings', area: 'staff', load: () => import('./pages/RatingsPage'), menu: '信用评价', group: '业务办理', shows: 'ratings' },
  { path: 'veto', area: 'staff', load: () => import('./pages/VetoPage'), menu: '一票否决审查', group: '业务办理', shows: 'veto' },
  { path: 'misconduct-records', area: 'staff', load: () => import('./pages/MisconductRecordsPage'), menu: '异常名录', group: '业务办理', shows: 'veto' },
  { path: 'complaints', area: 'staff', load: () => import('./pages/ComplaintsPage'), menu: '投诉举报', group: '业务办理', shows: 'complaints' },
  { path: 'commitments', area: 'staff', load: () => import('./pages/CommitmentsPage'), menu: '诚信承诺书', group: '业务办理', shows: 'commitments' },
  { path: 'spot-checks', area: 'staff', load: () => import('./pages/SpotChecksPage'), menu: '随机抽查', group: '业务办理', shows: 'spotChecks' },
  { path: 'failure-packages', area: 'staff', load: () => import('./pages/FailurePackagesPage'), menu: '年度失败原因分析报告', group: '业务办理', shows: 'failurePackages' },
  { path: 'briefing', area: 'staff', load: () => import('./pages/BriefingPage'), menu: '统计简报', group: '业务办理', shows: 'briefing' },
  { path: 'imports', area: 'staff', load: () => import('./pages/ImportPage'), menu: '数据导入', group: '数据交换', shows: 'imports' },
  { path: 'credit-exchange', area: 'staff', load: () => import('./pages/CreditExchangePage'), menu: '信用信息报送', group: '数据交换', shows: 'creditExchange' },
  { path: 'policies', area: 'staff', load: () => import('./pages/PoliciesPage'), menu: '政策版本', group: '时限与政策', shows: 'ratings' },
  { path: 'deadlines', area: 'staff', load: () => import('./pages/DeadlinesPage'), menu: '办理时限', group: '时限与政策', shows: 'deadlines' },
  { path: 'obligations', area: 'staff', load: () => import('./pages/ObligationsPage'), menu: '应履行事项', group: '时限与政策', shows: 'obligations' },
  { path: 'calculator', area: 'staff', load: () => import('./pages/DeadlineCalculatorPage'), menu: '时限计算器', group: '时限与政策', shows: 'deadlines' },
  { path: 'calendar', area: 'staff', load: () => import('./pages/CalendarPage'), menu: '节假日日历', group: '时限与政策', shows: 'calendar' },
  { path: 'audit', area: 'staff', load: () => import('./pages/AuditPage'), menu: '审计日志', group: '系统管理', shows: 'audit' },
  { path: 'login-log', area: 'staff', load: () => import('./pages/LoginLogPage'), menu: '登录日志', group: '系统管理', shows: 'loginLog' },
  { path: 'api-clients', area: 'staff', load: () => import('./pages/ApiClientsPage'), menu: '接口客户端', group: '系统管理', shows: 'apiClients' },
  { path: 'users', area: 'staff', load: () => import('./pages/UsersPage'), menu: accountsLabel, group: '系统管理', shows: 'accounts' },
  { path: 'account', area: 'staff', load: () => import('./pages/AccountPage'), crumb: '账号安全' },
];

/** The lazy component of each route, made once (React must see the same component on every render). */
const pages = new Map<RouteDecl, ComponentType>();
export function pageOf(r: RouteDecl): ComponentType {
  let c = pages.get(r);
  if (!c) { c = lazy(r.load); pages.set(r, c); }
  return c;
}

/** The address of a staff route ('' → '/'). */
export const hrefOf = (r: RouteDecl) => (r.area === 'staff' ? `/${r.path}` : r.path);

export interface MenuEntry { key: string; label: string; group?: MenuGroup }

/** The menu entries this user may open, in declaration order. */
export function menuEntries(me: Me | null): MenuEntry[] {
  const a = access(me);
  return ROUTES.filter((r) => r.menu && (!r.shows || a[r.shows]))
    .map((r) => ({ key: hrefOf(r), label: typeof r.menu === 'function' ? r.menu(me) : r.menu!, group: r.group }));
}

export interface Crumb { title: string; to?: string }

/** 工作台 / the section / the record: where `pathname` sits, each level but the last a link back. */
export function crumbsOf(pathname: string, me: Me | null): { selected: string[]; crumbs: Crumb[] } {
  const items = menuEntries(me);
  const selected = items.filter((i) => i.key !== '/' && pathname.startsWith(i.key)).map((i) => i.key);
  const unlisted = ROUTES.find((r) => r.area === 'staff' && !r.menu && r.crumb && !r.path.includes(':') && hrefOf(r) === pathname);
  const section = items.find((i) => i.key === selected[0]) ?? (unlisted ? { key: pathname, label: unlisted.crumb! } : null);
  const detailRoute = section && ROUTES.find((r) => r.area === 'staff' && r.path.includes(':') && hrefOf(r).startsWith(`${section.key}/`));
  const detail = section && pathname.length > section.key.length + 1 ? detailRoute?.crumb ?? '详情' : null;
  const crumbs: Crumb[] = [
    pathname === '/' ? { title: '工作台' } : { title: '工作台', to: '/' },
    ...(section ? [detail ? { title: section.label, to: section.key } : { title: section.label }] : []),
    ...(detail ? [{ title: detail }] : []),
  ];
  return { selected, crumbs };
}
