import { useState } from 'react';
import { beijingDateTime } from '../time';
import { Alert, App, Button, Card, Checkbox, Col, Input, List, Modal, Radio, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { api, ApiError, query, type Page, type Project } from '../api';
import { useAuth } from '../auth';
import { StartCaseModal } from '../components/CaseForms';
import { access } from '../access';

function useCount(params: Record<string, unknown>, enabled: boolean) {
  return useQuery({ queryKey: ['projects-count', params], enabled, queryFn: () => api<Page<Project>>(`/api/projects${query({ ...params, pageSize: 1 })}`).then((r) => r.total) });
}

interface ReminderRow { kind: string; kindLabel: string; dueOn: string | null; overdue: boolean; title: string; body: string; count: number; unread: number; lastAt: string; ids: string[]; case: { id: string; title: string; caseNo: string } | null }
interface Reminders { total: number; counts: { unread: number; dueThisWeek: number; overdue: number }; items: ReminderRow[] }

const REMINDER_PAGE = 10;
const rowKey = (r: ReminderRow) => r.ids[0];

/**
 * 我的提醒 (issue 21): identical reminders merged by the server (one row with its count), grouped
 * under their kind and due date, paged on the server; the rows chosen are marked read in one request.
 */
function MyReminders() {
  const qc = useQueryClient();
  const [status, setStatus] = useState<'unread' | 'all'>('unread');
  const [page, setPage] = useState(1);
  const [chosen, setChosen] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const q = useQuery({ queryKey: ['reminders', status, page], queryFn: () => api<Reminders>(`/api/reminders${query({ status, page, pageSize: REMINDER_PAGE })}`) });
  const items = q.data?.items ?? [];
  const chosenIds = Object.values(chosen).flat();
  const toggle = (r: ReminderRow, on: boolean) => setChosen((c) => { const n = { ...c }; if (on) n[rowKey(r)] = r.ids; else delete n[rowKey(r)]; return n; });
  const unreadOnPage = items.filter((r) => r.unread > 0);
  const markRead = async () => {
    setError(null);
    setBusy(true);
    try {
      await api('/api/notifications/read', { method: 'POST', json: { ids: chosenIds } });
      setChosen({});
      await qc.invalidateQueries({ queryKey: ['reminders'] });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '未能标记已读，请稍后重试');
    } finally {
      setBusy(false);
    }
  };
  const heading = (r: ReminderRow) => `${r.kindLabel}${r.dueOn ? ` · ${r.dueOn} 到期` : ''}`;
  const counts = q.data?.counts;
  return (
    <Card title="我的提醒" data-testid="notifications"
      extra={<Radio.Group size="small" value={status} onChange={(e) => { setStatus(e.target.value); setPage(1); setChosen({}); }} options={[{ value: 'unread', label: '未读' }, { value: 'all', label: '全部' }]} optionType="button" />}>
      <Row gutter={8} style={{ marginBottom: 8 }} data-testid="reminder-counts">
        <Col span={8}><Statistic title="未读" value={counts?.unread ?? '-'} /></Col>
        <Col span={8}><Statistic title="本周到期" value={counts?.dueThisWeek ?? '-'} styles={{ content: { color: '#d46b08' } }} /></Col>
        <Col span={8}><Statistic title="已逾期" value={counts?.overdue ?? '-'} styles={{ content: { color: '#cf1322' } }} /></Col>
      </Row>
      <Space style={{ marginBottom: 8 }}>
        <Checkbox data-testid="reminders-choose-page" disabled={unreadOnPage.length === 0} checked={unreadOnPage.length > 0 && unreadOnPage.every((r) => chosen[rowKey(r)])}
          onChange={(e) => unreadOnPage.forEach((r) => toggle(r, e.target.checked))}>选择本页未读</Checkbox>
        <Button size="small" type="primary" disabled={chosenIds.length === 0} loading={busy} onClick={markRead} data-testid="reminders-mark-read">标记已读{chosenIds.length ? `（${Object.keys(chosen).length} 条）` : ''}</Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      <List size="small" loading={q.isFetching} locale={{ emptyText: status === 'unread' ? '暂无未读提醒' : '暂无提醒' }} dataSource={items}
        pagination={{ current: page, pageSize: REMINDER_PAGE, total: q.data?.total ?? 0, onChange: (p) => setPage(p), size: 'small', showTotal: (n) => `共 ${n} 条`, hideOnSinglePage: false }}
        renderItem={(r, i) => (
          <>
            {(i === 0 || heading(items[i - 1]) !== heading(r)) && <Typography.Text strong style={{ display: 'block', padding: '8px 0 2px', color: r.overdue ? '#cf1322' : undefined }} data-testid="reminder-group">{heading(r)}</Typography.Text>}
            <List.Item data-testid="notification">
              <Space align="start">
                <Checkbox aria-label={`选择：${r.title}`} disabled={r.unread === 0} checked={!!chosen[rowKey(r)]} onChange={(e) => toggle(r, e.target.checked)} />
                <List.Item.Meta
                  title={<>{r.overdue ? <Tag color="red">逾期</Tag> : r.dueOn ? <Tag color="orange">待办</Tag> : <Tag color="blue">通知</Tag>}{r.case ? <Link to={`/cases/${r.case.id}`}>{r.title}</Link> : r.title}
                    {r.count > 1 && <Tag style={{ marginLeft: 6 }} data-testid="reminder-count">共 {r.count} 条</Tag>}{r.unread === 0 && <Tag>已读</Tag>}</>}
                  description={<>{r.case && <Typography.Text type="secondary" style={{ display: 'block' }}>{r.case.title}（案件编号 {r.case.caseNo}）</Typography.Text>}{r.body}<Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{beijingDateTime(r.lastAt)}</Typography.Text></>} />
              </Space>
            </List.Item>
          </>
        )} />
    </Card>
  );
}

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
          <MyReminders />
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
