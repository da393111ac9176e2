import { Breadcrumb, Layout, Menu, Button, Space, Typography } from 'antd';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth';
import { useMemo } from 'react';
import { crumbsOf, menuEntries, type MenuEntry } from '../routes';
import { forgetPageTabs, PageTabs } from './PageTabs';

/** The menu's items from the one declaration (`routes.ts`): entries in their groups, a group only when it has one. */
function menuItems(entries: MenuEntry[]) {
  const out: Array<{ key: string; label: string } | { key: string; type: 'group'; label: string; children: Array<{ key: string; label: string }> }> = [];
  for (const e of entries) {
    const item = { key: e.key, label: e.label };
    const last = out[out.length - 1];
    if (!e.group) out.push(item);
    else if (last && 'children' in last && last.label === e.group) last.children.push(item);
    else out.push({ key: `group:${e.group}`, type: 'group', label: e.group, children: [item] });
  }
  return out;
}

export function AppLayout() {
  const { me, logout } = useAuth();
  const nav = useNavigate();
  const loc = useLocation();
  const { selected, crumbs: path } = crumbsOf(loc.pathname, me);
  // The menu's entries, also the tabs' titles (memoised: the tabs re-title on a change of entries).
  const entries = useMemo(() => menuEntries(me), [me]);
  // 工作台 / the section / the record: where this page sits, each level a link back.
  const crumbs = path.map((c) => ({ title: c.to ? <Link to={c.to}>{c.title}</Link> : c.title }));
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={200} theme="dark">
        <div style={{ color: '#fff', fontSize: 18, fontWeight: 600, padding: '18px 20px' }}>科信</div>
        <Menu theme="dark" mode="inline" selectedKeys={selected.length ? selected : ['/']} items={menuItems(entries)} onClick={(e) => nav(e.key)} aria-label="主菜单" />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', display: 'flex', justifyContent: 'space-between', alignItems: 'center', paddingInline: 24 }}>
          <Typography.Text strong>科研诚信与科技创新容错纠错管理系统</Typography.Text>
          <Space>
            <span data-testid="current-user">{me?.displayName}（{me?.roleLabel}{me?.regionName ? ` · ${me.regionName}` : ''}）</span>
            <Button onClick={() => nav('/account')} data-testid="account-link">账号安全</Button>
            <Button onClick={async () => { forgetPageTabs(); await logout(); nav('/login'); }}>退出</Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: '12px 24px 24px' }}>
          <PageTabs sections={entries} />
          <Breadcrumb items={crumbs} style={{ marginBottom: 12 }} data-testid="breadcrumb" />
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
