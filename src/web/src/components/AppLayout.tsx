import { Breadcrumb, Layout, Menu, Button, Space, Typography } from 'antd';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth';
import { access } from '../access';

const DETAIL_LABEL: Record<string, string> = { '/cases': '案件详情', '/projects': '项目详情', '/subjects': '主体详情' };

export function AppLayout() {
  const { me, logout } = useAuth();
  const nav = useNavigate();
  const loc = useLocation();
  const a = access(me);
  const items = [
    { key: '/', label: '工作台' },
    a.regions && { key: '/regions', label: '行政区划' },
    a.subjects && { key: '/subjects', label: '信用主体' },
    a.projects && { key: '/projects', label: '科技项目' },
    a.cases && { key: '/cases', label: '案件办理' },
    a.ratings && { key: '/ratings', label: '信用评价' },
    a.veto && { key: '/veto', label: '一票否决审查' },
    a.veto && { key: '/misconduct-records', label: '异常名录' },
    a.complaints && { key: '/complaints', label: '投诉举报' },
    a.spotChecks && { key: '/spot-checks', label: '随机抽查' },
    a.imports && { key: '/imports', label: '数据导入' },
    a.creditExchange && { key: '/credit-exchange', label: '信用信息报送' },
    a.briefing && { key: '/briefing', label: '统计简报' },
    a.ratings && { key: '/policies', label: '政策版本' },
    a.deadlines && { key: '/deadlines', label: '办理时限' },
    a.obligations && { key: '/obligations', label: '应履行事项' },
    a.deadlines && { key: '/calculator', label: '时限计算器' },
    a.calendar && { key: '/calendar', label: '节假日日历' },
    a.audit && { key: '/audit', label: '审计日志' },
    a.loginLog && { key: '/login-log', label: '登录日志' },
    a.apiClients && { key: '/api-clients', label: '接口客户端' },
    a.accounts && { key: '/users', label: me?.permissions.includes('account.authorize') ? '账号授权' : me?.permissions.includes('account.approve') ? '管理员复核' : '账号管理' },
  ].filter(Boolean) as Array<{ key: string; label: string }>;
  const selected = items.filter((i) => i.key !== '/' && loc.pathname.startsWith(i.key)).map((i) => i.key);
  // 工作台 / the section / the record: where this page sits, each level a link back.
  const section = items.find((i) => i.key === selected[0]) ?? (loc.pathname === '/account' ? { key: '/account', label: '账号安全' } : null);
  const detail = section && loc.pathname.length > section.key.length + 1 ? DETAIL_LABEL[section.key] ?? '详情' : null;
  const crumbs = [
    { title: loc.pathname === '/' ? '工作台' : <Link to="/">工作台</Link> },
    ...(section ? [{ title: detail ? <Link to={section.key}>{section.label}</Link> : section.label }] : []),
    ...(detail ? [{ title: detail }] : []),
  ];
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={200} theme="dark">
        <div style={{ color: '#fff', fontSize: 18, fontWeight: 600, padding: '18px 20px' }}>科信</div>
        <Menu theme="dark" mode="inline" selectedKeys={selected.length ? selected : ['/']} items={items} onClick={(e) => nav(e.key)} aria-label="主菜单" />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', display: 'flex', justifyContent: 'space-between', alignItems: 'center', paddingInline: 24 }}>
          <Typography.Text strong>科研诚信与科技创新容错纠错管理系统</Typography.Text>
          <Space>
            <span data-testid="current-user">{me?.displayName}（{me?.roleLabel}{me?.regionName ? ` · ${me.regionName}` : ''}）</span>
            <Button onClick={() => nav('/account')} data-testid="account-link">账号安全</Button>
            <Button onClick={async () => { await logout(); nav('/login'); }}>退出</Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: '12px 24px 24px' }}>
          <Breadcrumb items={crumbs} style={{ marginBottom: 12 }} data-testid="breadcrumb" />
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
