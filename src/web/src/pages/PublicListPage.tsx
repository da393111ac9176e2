/** 公开名单: what anyone may read without logging in (CI-25.4, CI-26, CI-27, CI-28, and the national credit-repair rules' publication periods). */
import { useState } from 'react';
import { Card, Descriptions, Input, Layout, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, query } from '../api';

interface Entry {
  id: string; name: string; kind: 'organization' | 'person'; creditCode: string | null; answersFor: string | null;
  misconduct: string; severity: string; clause: string; measures: string[]; decidedOn: string;
  decidedBy: string; decisionNo: string; basis: string;
  banUntil: string | null; banLife: boolean; publicUntil: string; removedOn: string; publicationBasis: string | null;
  corrections: Array<{ label: string; on: string }>;
}
/** One decision is one act: its unit and the persons sanctioned with it (CI-26) are one row. */
interface Act { key: string; main: Entry; others: Entry[] }

function byDecision(items: readonly Entry[]): Act[] {
  const acts = new Map<string, Entry[]>();
  for (const e of items) acts.set(e.decisionNo || e.id, [...(acts.get(e.decisionNo || e.id) ?? []), e]);
  return [...acts.entries()].map(([key, es]) => {
    const main = es.find((e) => e.kind === 'organization') ?? es[0];
    return { key, main, others: es.filter((e) => e !== main) };
  });
}

const nowrap = { style: { whiteSpace: 'nowrap' as const } };

interface Counts { total: number; byYear: Array<{ year: number; count: number }> }

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
          依据《楚雄州科研诚信管理办法（试行）》（楚科规〔2022〕5号）第二十五条第（四）项、第二十六条、第二十七条公开；处理期限届满的次日起不再公开（第二十八条），
          且公开不超过《信用修复管理办法》（国家发展改革委令2025年第36号）规定的最长公示期（严重失信信息 3 年、一般失信信息 1 年，自决定之日起算；轻微失信信息不公开）。
          已信用修复的、异议成立经更正不予列入的，不在名单上。不公开身份证号等个人信息。{data ? `数据截至 ${data.today}。` : ''}
        </Typography.Paragraph>
        <Input.Search placeholder="按单位或个人名称、统一社会信用代码检索" allowClear enterButton="检索" style={{ maxWidth: 480, marginBottom: 16 }}
          status={hint ? 'warning' : undefined}
          onSearch={(v) => {
            // The server searches names by pairs of characters; say so here rather than answer with an error.
            if ([...v.trim()].length === 1) { setHint('请输入至少两个字的名称片段，或完整的统一社会信用代码'); return; }
            setHint(null); setQ(v.trim()); setPage(1);
          }} data-testid="public-search" />
        {hint && <Typography.Paragraph type="warning">{hint}</Typography.Paragraph>}
        <Table<Act> rowKey="key" size="small" loading={isFetching} dataSource={byDecision(data?.items ?? [])} scroll={{ x: 1200 }}
          pagination={{ current: page, pageSize: 20, total: data?.total, onChange: setPage, showTotal: (n) => (data?.totalIsLowerBound ? `超过 ${n} 条，请输入名称或信用代码缩小范围` : `共 ${n} 个主体`) }}
          columns={[
            { title: '被处理的单位或个人', width: 260, render: (_, a) => <Space direction="vertical" size={2} data-testid="public-act">
              {[a.main, ...a.others].map((e) => (
                <div key={e.id}>
                  <Typography.Text strong={e === a.main}>{e.name}</Typography.Text>
                  {e.answersFor && <Typography.Text type="secondary">（{e.answersFor}）</Typography.Text>}
                  {e.creditCode && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>统一社会信用代码 {e.creditCode}</Typography.Text></div>}
                  {e !== a.main && e.measures.join('；') !== a.main.measures.join('；') && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{e.measures.join('；')}</Typography.Text></div>}
                </div>
              ))}
            </Space> },
            { title: '失信行为', width: 200, render: (_, { main: e }) => <>{e.misconduct}{e.corrections.length > 0 && <Tooltip title={e.corrections.map((k) => `${k.on} 更正${k.label}`).join('；')}><Tag color="gold" style={{ marginLeft: 4 }}>经异议核查更正</Tag></Tooltip>}</> },
            { title: '情节', onCell: () => nowrap, render: (_, { main: e }) => <Tag color="red">{e.severity}</Tag> },
            { title: '处理措施', width: 120, render: (_, { main: e }) => e.measures.join('；') },
            { title: '决定机关', width: 120, render: (_, { main: e }) => e.decidedBy },
            { title: '决定书文号', onCell: () => nowrap, render: (_, { main: e }) => e.decisionNo },
            { title: '依据', width: 220, render: (_, { main: e }) => <Typography.Text style={{ fontSize: 12 }}>{e.basis}</Typography.Text> },
            { title: '决定日期', onCell: () => nowrap, onHeaderCell: () => nowrap, render: (_, { main: e }) => e.decidedOn },
            { title: '公开至', onCell: () => nowrap, render: (_, { main: e }) => <Tooltip title={e.publicationBasis}><span>{e.publicUntil}<br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{e.removedOn} 起不再公开</Typography.Text></span></Tooltip> },
          ]} />
      </Card>
      <PublishedResults />
    </Layout>
  );
}

/** Repairs and upheld objections, published as counts only: the subjects are not named (CI-27, CI-31). */
function PublishedResults() {
  const { data } = useQuery({ queryKey: ['public-results'], queryFn: () => api<{ repairs: Counts; objectionsUpheld: Counts; note: string }>('/api/public/results') });
  const line = (c: Counts) => `${c.total} 件${c.byYear.length ? `（${c.byYear.map((y) => `${y.year} 年 ${y.count} 件`).join('，')}）` : ''}`;
  return (
    <Card title="信用修复与异议复核结果（件数）" style={{ marginTop: 16 }} data-testid="public-results">
      <Descriptions bordered size="small" column={1}>
        <Descriptions.Item label="信用修复，移出名单（第三十一条）">{data ? line(data.repairs) : ''}</Descriptions.Item>
        <Descriptions.Item label="异议成立，更正记录、不予列入（第二十七条）">{data ? line(data.objectionsUpheld) : ''}</Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{data?.note}</Typography.Paragraph>
    </Card>
  );
}
