import { useState } from 'react';
import { beijingDateTime } from '../time';
import { Alert, App, Button, Card, Col, Input, List, Modal, Row, Statistic, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { api, ApiError, query, type Page, type Project } from '../api';
import { useAuth } from '../auth';
import { StartCaseModal } from '../components/CaseForms';
import { access } from '../access';

function useCount(params: Record<string, unknown>, enabled: boolean) {
  return useQuery({ queryKey: ['projects-count', params], enabled, queryFn: () => api<Page<Project>>(`/api/projects${query({ ...params, pageSize: 1 })}`).then((r) => r.total) });
}

const NOTE_TAG: Record<string, React.ReactNode> = {
  overdue: <Tag color="red">逾期</Tag>, milestone_overdue: <Tag color="red">逾期</Tag>,
  before_3: <Tag color="orange">将到期</Tag>, before_1: <Tag color="orange">将到期</Tag>, milestone_approaching: <Tag color="orange">将到期</Tag>,
  case: <Tag color="blue">办理</Tag>,
};

function AwaitingApproval() {
  const q = useQuery({ queryKey: ['awaiting-extension'], queryFn: () => api<Page<{ id: string; title: string; caseNo: string; projectName: string | null; summary?: string | null; data?: { extensionRequest?: { reason: string } } }>>('/api/cases?awaiting=extension') });
  return (
    <Card title={`待我审批：延长调查期限（YT-6.3，共 ${q.data?.total ?? 0} 件）`} style={{ marginTop: 16 }} data-testid="awaiting-approval">
      <List size="small" locale={{ emptyText: '暂无待审批事项' }} dataSource={q.data?.items ?? []}
        renderItem={(c) => <List.Item><Link to={`/cases/${c.id}`}>{c.title} {c.caseNo}</Link>{c.projectName ? ` · ${c.projectName}` : ''}：{c.data?.extensionRequest?.reason ?? c.summary ?? ''}</List.Item>} />
    </Card>
  );
}

/** CI-30: a listed person or unit sees its listings and applies for credit repair. */
function MyListings() {
  const q = useQuery({ queryKey: ['my-listings'], queryFn: () => api<{ items: Array<{ id: string; grounds: string; listedOn: string; until: string | null; inForce: boolean }> }>('/api/my-listings') });
  const [applying, setApplying] = useState<string | null>(null);
  const items = (q.data?.items ?? []).filter((x) => x.inForce);
  if (items.length === 0) return null;
  return (
    <Card title="在列的失信惩戒名单记录（CI-27）" style={{ marginTop: 16 }}>
      <List size="small" dataSource={items} renderItem={(x) => <List.Item actions={[<Button key="r" onClick={() => setApplying(x.id)}>申请信用修复</Button>]}>{x.listedOn} 列入，至 {x.until ?? '永久'}：{x.grounds}</List.Item>} />
      {applying && <StartCaseModal procedure="repair" start="apply" fixed={{ listingId: applying }} onClose={() => setApplying(null)} />}
    </Card>
  );
}

export default function HomePage() {
  const { me } = useAuth();
  const a = access(me);
  const all = useCount({}, a.projects);
  const running = useCount({ status: ['in_progress'] }, a.projects);
  const overdue = useCount({ overdue: true }, a.projects);
  const notes = useQuery({ queryKey: ['notifications'], queryFn: () => api<{ items: Array<{ id: string; kind: string; title: string; body: string; createdAt: string; read: boolean; case: { id: string; title: string; caseNo: string } | null }> }>('/api/notifications') });
  const policies = useQuery({ queryKey: ['policies'], enabled: a.ratings, queryFn: () => api<{ today: string; status: Array<{ document: string; docNo: string; warning: string | null }> }>('/api/policies') });
  const clocks = useQuery({ queryKey: ['deadlines-home'], enabled: a.deadlines, queryFn: () => api<{ total: number; items: Array<{ id: string; title: string; dueDate: string; overdue: boolean; provisional: boolean; limitId: string }> }>('/api/deadlines?pageSize=8') });
  return (
    <div>
      <Typography.Title level={4}>工作台</Typography.Title>
      {policies.data?.status.filter((s) => s.warning).map((s) => (
        <Alert key={s.document} type="warning" showIcon style={{ marginBottom: 12 }} title={`${s.docNo} 今日不在有效期内`} description={<>{s.warning} <Link to="/policies">查看政策版本</Link></>} />
      ))}
      <Typography.Paragraph>您好，{me?.displayName}。当前身份：{me?.roleLabel}{me?.regionName ? `（${me.regionName}）` : ''}。</Typography.Paragraph>
      {a.projects && (
        <Row gutter={16}>
          <Col span={8}><Card><Statistic title="可见项目" value={all.data ?? '-'} /><Link to="/projects">查看</Link></Card></Col>
          <Col span={8}><Card><Statistic title="执行中" value={running.data ?? '-'} /><Link to="/projects?status=in_progress">查看</Link></Card></Col>
          <Col span={8}><Card><Statistic title="逾期未验收" value={overdue.data ?? '-'} styles={{ content: { color: '#cf1322' } }} /><Link to="/projects?overdue=true">查看</Link></Card></Col>
        </Row>
      )}
      {me?.abilities.approvesExtensions && <AwaitingApproval />}
      {me?.abilities.hasOwnListings && <MyListings />}
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col span={12}>
          <Card title="我的提醒" data-testid="notifications">
            <List size="small" locale={{ emptyText: '暂无提醒' }} dataSource={notes.data?.items ?? []}
              renderItem={(n) => <List.Item data-testid="notification"><List.Item.Meta
                title={<>{NOTE_TAG[n.kind] ?? <Tag>提醒</Tag>}{n.case ? <Link to={`/cases/${n.case.id}`}>{n.title}</Link> : n.title}</>}
                description={<>{n.case && <Typography.Text type="secondary" style={{ display: 'block' }}>{n.case.title}（案件编号 {n.case.caseNo}）</Typography.Text>}{n.body}<Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{beijingDateTime(n.createdAt)}</Typography.Text></>} /></List.Item>} />
          </Card>
        </Col>
        {a.deadlines && (
          <Col span={12}>
            <Card title={`近期到期（共 ${clocks.data?.total ?? 0} 项未办结）`} extra={<Link to="/deadlines">全部</Link>}>
              <List size="small" dataSource={clocks.data?.items ?? []}
                renderItem={(c) => <List.Item>{c.title}<span style={{ marginLeft: 8, whiteSpace: "nowrap" }}>{c.dueDate}{c.provisional && <Tag color="orange">暂定</Tag>}{c.overdue && <Tag color="red">逾期</Tag>}</span></List.Item>} />
            </Card>
          </Col>
        )}
      </Row>
    </div>
  );
}
