/**
 * 驾驶舱下钻清单 (issue 20): the records behind one bar of the dashboard, read by the server with the
 * figure's own filter (so "共 N 条" is the bar's number), each linked to its case or subject.
 */
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, query } from '../api';

interface Item { id: string; caseId: string | null; caseNo: string | null; subjectId: string | null; subjectName: string | null; what: string; stateLabel: string; regionCode: string; regionName: string; date: string | null }
interface List { figure: string; title: string; regionCode: string; today: string; weekEnd: string; filter: Record<string, string>; total: number; truncated: boolean; items: Item[] }

const DATE_TITLE: Record<string, string> = { cases: '最近办理', tolerance_outcomes: '最近办理', deadlines_at_risk: '到期日', overdue_by_section: '到期日', ratings: '年度', sanctions: '决定日期' };

export default function DashboardListPage() {
  const [sp] = useSearchParams();
  const { figure, ...rest } = Object.fromEntries(sp.entries());
  const { data, error, isFetching } = useQuery({ queryKey: ['dashboard-list', sp.toString()], queryFn: () => api<List>(`/api/dashboard/${encodeURIComponent(figure ?? '')}/items${query(rest)}`) });
  if (error) return <Alert type="error" showIcon title={(error as Error).message} />;
  return (
    <Card title={data ? `${data.title}：清单` : '清单'} extra={<Link to="/dashboard"><Button size="small">返回驾驶舱</Button></Link>}>
      <Space wrap style={{ marginBottom: 12 }}>
        {data && Object.entries(data.filter).map(([k, v]) => <Tag key={k} color="blue">{v}</Tag>)}
        {data && <Typography.Text data-testid="drill-total">共 {data.total} 条</Typography.Text>}
        {data?.truncated && <Typography.Text type="warning">（仅列出前 {data.items.length} 条）</Typography.Text>}
      </Space>
      <Table<Item> rowKey="id" size="small" loading={isFetching} dataSource={data?.items} pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 条` }}
        columns={[
          { title: '事项', dataIndex: 'what' },
          { title: '案件', dataIndex: 'caseNo', render: (v, r) => (r.caseId ? <Link to={`/cases/${r.caseId}`}>{v}</Link> : null) },
          { title: '主体', dataIndex: 'subjectName', render: (v, r) => (r.subjectId ? <Link to={`/subjects/${r.subjectId}`}>{v}</Link> : v) },
          { title: '阶段 / 情节', dataIndex: 'stateLabel' },
          { title: '区划', dataIndex: 'regionName' },
          { title: DATE_TITLE[figure ?? ''] ?? '日期', dataIndex: 'date' },
        ]} />
    </Card>
  );
}
