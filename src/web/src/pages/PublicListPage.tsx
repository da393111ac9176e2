/** 公开名单: what anyone may read without logging in (CI-25.4, CI-26, CI-28). */
import { useState } from 'react';
import { Card, Input, Layout, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, query } from '../api';

interface Entry {
  id: string; name: string; kind: 'organization' | 'person'; creditCode: string | null; answersFor: string | null;
  misconduct: string; severity: string; clause: string; measures: string[]; decidedOn: string; banUntil: string | null; removedOn: string | null;
}

export default function PublicListPage() {
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [hint, setHint] = useState<string | null>(null);
  const { data, isFetching } = useQuery({
    queryKey: ['public', q, page],
    queryFn: () => api<{ today: string; total: number; totalIsLowerBound: boolean; items: Entry[] }>(`/api/public/sanctions${query({ q, page })}`),
  });
  return (
    <Layout style={{ minHeight: '100vh', padding: 24 }}>
      <Card title="科研失信行为处理结果公开名单" extra={<Space><Link to="/public/complaint">投诉举报</Link><Link to="/login">工作人员登录</Link></Space>}>
        <Typography.Paragraph type="secondary">
          依据《楚雄州科研诚信管理办法（试行）》（楚科规〔2022〕5号）第二十五条第（四）项、第二十六条公开；处理期限届满的次日起不再公开（第二十八条）。
          不公开身份证号等个人信息。{data ? `数据截至 ${data.today}。` : ''}
        </Typography.Paragraph>
        <Input.Search placeholder="按单位或个人名称、统一社会信用代码检索" allowClear enterButton="检索" style={{ maxWidth: 480, marginBottom: 16 }}
          status={hint ? 'warning' : undefined}
          onSearch={(v) => {
            // The server searches names by pairs of characters; say so here rather than answer with an error.
            if ([...v.trim()].length === 1) { setHint('请输入至少两个字的名称片段，或完整的统一社会信用代码'); return; }
            setHint(null); setQ(v.trim()); setPage(1);
          }} data-testid="public-search" />
        {hint && <Typography.Paragraph type="warning">{hint}</Typography.Paragraph>}
        <Table<Entry> rowKey="id" size="small" loading={isFetching} dataSource={data?.items}
          pagination={{ current: page, pageSize: 20, total: data?.total, onChange: setPage, showTotal: (n) => (data?.totalIsLowerBound ? `超过 ${n} 条，请输入名称或信用代码缩小范围` : `共 ${n} 条`) }}
          columns={[
            { title: '名称', render: (_, e) => <>{e.name}{e.answersFor && <Typography.Text type="secondary">（{e.answersFor}）</Typography.Text>}</> },
            { title: '统一社会信用代码', dataIndex: 'creditCode', render: (v) => v ?? '—' },
            { title: '失信行为', dataIndex: 'misconduct' },
            { title: '情节', render: (_, e) => <Tag color="red">{e.severity}</Tag> },
            { title: '处理措施', render: (_, e) => e.measures.join('；') },
            { title: '依据', dataIndex: 'clause' },
            { title: '决定日期', dataIndex: 'decidedOn' },
            { title: '公开至', render: (_, e) => (e.banUntil ? `${e.banUntil}（${e.removedOn} 起不再公开）` : '永久') },
          ]} />
      </Card>
      <PublishedResults />
    </Layout>
  );
}

/** Published repair and objection results (CI-27, CI-31). */
function PublishedResults() {
  const { data } = useQuery({ queryKey: ['public-results'], queryFn: () => api<{ repairs: Array<{ name: string; creditCode: string | null; listedOn: string; repairedOn: string }>; objections: Array<{ name: string; creditCode: string | null; correctedOn: string; result: string }> }>('/api/public/results') });
  return (
    <Card title="信用修复与异议复核结果" style={{ marginTop: 16 }}>
      <Typography.Title level={5}>信用修复（第三十一条）</Typography.Title>
      <Table size="small" rowKey={(r) => `${r.name}${r.repairedOn}`} pagination={false} dataSource={data?.repairs} locale={{ emptyText: '暂无' }}
        columns={[{ title: '名称', dataIndex: 'name' }, { title: '统一社会信用代码', dataIndex: 'creditCode', render: (v) => v ?? '—' }, { title: '列入日期', dataIndex: 'listedOn' }, { title: '修复移出日期', dataIndex: 'repairedOn' }]} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>异议复核（第二十七条）</Typography.Title>
      <Table size="small" rowKey={(r) => `${r.name}${r.correctedOn}`} pagination={false} dataSource={data?.objections} locale={{ emptyText: '暂无' }}
        columns={[{ title: '名称', dataIndex: 'name' }, { title: '统一社会信用代码', dataIndex: 'creditCode', render: (v) => v ?? '—' }, { title: '结果', dataIndex: 'result' }, { title: '日期', dataIndex: 'correctedOn' }]} />
    </Card>
  );
}
