import { useState } from 'react';
import { Button, Card, Checkbox, Select, Space, Statistic, Table, Tag } from 'antd';
import { ListPage } from '../components/ListPage';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, query, type Page } from '../api';
import { useAuth } from '../auth';
import { useListParams } from '../components/useListParams';
import { PROCEDURES } from '../../../core/procedure/procedures';
import { mayStart, StartCaseModal } from '../components/CaseForms';

interface CaseItem {
  id: string; procedure: string; title: string; caseNo: string; stateLabel: string; state: string; jurisdictionName: string; nextDue: string | null; overdue: boolean;
  projectCode: string | null; projectName: string | null; unitName: string | null; summary: string | null;
}
interface Stats {
  byState: Array<{ procedure: string; title: string; state: string; stateLabel: string; jurisdictionCode: string; jurisdictionName: string; count: number }>;
  clocks: Array<{ limitId: string; met: number; late: number; running: number; overdue: number }>;
}
const PROCEDURE_OPTIONS = Object.values(PROCEDURES).map((p) => ({ value: p.id, label: p.title }));

export default function CasesPage() {
  const { me } = useAuth();
  const lp = useListParams();
  const [mode, setMode] = useState<'apply' | 'exOfficio' | null>(null);
  const [inspecting, setInspecting] = useState(false);
  const filters = { procedure: lp.get('procedure'), state: lp.get('state'), overdue: lp.get('overdue'), page: lp.page, pageSize: lp.pageSize };
  // States of the chosen procedure, e.g. a unit administrator's review queue is 容错免责认定 · 单位审核中.
  const states = filters.procedure ? PROCEDURES[filters.procedure]?.states ?? [] : [];
  const { data, isFetching } = useQuery({ queryKey: ['cases', filters], queryFn: () => api<Page<CaseItem>>(`/api/cases${query(filters)}`) });
  const canApply = mayStart(me, 'tolerance', 'apply');
  const canOpen = mayStart(me, 'tolerance', 'ex_officio');
  const canInspect = mayStart(me, 'inspection', 'open');
  const staff = !!me?.abilities.seesAreaStatistics;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {staff && <CaseStats />}
      <ListPage<CaseItem> title={filters.procedure && PROCEDURES[filters.procedure] ? `案件办理：${PROCEDURES[filters.procedure].title}` : '案件办理（容错纠错、科研诚信）'}
        lp={lp} data={data} loading={isFetching} rowKey="id" size="small" rowClassName={(c) => (c.overdue ? 'row-overdue' : '')}
        showTotal={(n) => (data?.totalCapped ? `超过 ${n.toLocaleString('zh-CN')} 件，请按区划或阶段筛选` : `共 ${n} 件`)}
        actions={<>
          {canApply && <Button type="primary" onClick={() => setMode('apply')}>申请容错免责</Button>}
          {canOpen && <Button onClick={() => setMode('exOfficio')}>依职权启动</Button>}
          {canInspect && <Button onClick={() => setInspecting(true)}>开展督查</Button>}
          {canOpen && <Button href="/api/exports/exemption-marks?format=xlsx">导出免责标注（Excel）</Button>}
          {canOpen && <Button href="/api/exports/exemption-marks?format=json">导出免责标注（JSON）</Button>}
          {me?.abilities.reportsCreditList && <Button href="/api/exports/credit-list?format=json">报送失信惩戒名单（JSON）</Button>}
        </>}
        filters={<>
          <Select allowClear placeholder="程序" style={{ width: 180 }} value={filters.procedure} options={PROCEDURE_OPTIONS} onChange={(v) => lp.set({ procedure: v, state: undefined })} data-testid="filter-procedure" />
          <Select allowClear placeholder="状态" style={{ width: 180 }} value={filters.state} disabled={!filters.procedure} options={states.map((x) => ({ value: x.id, label: x.label }))} onChange={(v) => lp.set({ state: v })} />
          <Checkbox checked={filters.overdue === 'true'} onChange={(e) => lp.set({ overdue: e.target.checked ? 'true' : undefined })}>只看已逾期</Checkbox>
        </>}
          columns={[
            { title: '案件', render: (_, c) => <Link to={`/cases/${c.id}`}>{c.title} {c.caseNo}</Link> },
            { title: '事由', dataIndex: 'summary', ellipsis: true },
            { title: '项目', render: (_, c) => (c.projectCode ? `${c.projectCode} ${c.projectName}` : '—') },
            { title: '承担单位', dataIndex: 'unitName' },
            { title: '状态', dataIndex: 'stateLabel', render: (v) => <Tag>{v}</Tag> },
            { title: '办理机关', dataIndex: 'jurisdictionName' },
            { title: '最近到期', dataIndex: 'nextDue', render: (d: string | null, c) => d ? <span style={{ color: c.overdue ? '#cf1322' : undefined }} data-overdue={c.overdue}>{d}{c.overdue ? '（已逾期）' : ''}</span> : '—' },
          ]}>
        {inspecting && <StartCaseModal procedure="inspection" start="open" onClose={() => setInspecting(false)} />}
        {mode && <StartCaseModal procedure="tolerance" start={mode === 'exOfficio' ? 'ex_officio' : 'apply'} draftKey={me ? `kexin.draft.tolerance.${mode}.${me.id}` : undefined} onClose={() => setMode(null)} />}
      </ListPage>
    </Space>
  );
}

function CaseStats() {
  const { data } = useQuery({ queryKey: ['case-stats'], queryFn: () => api<Stats>('/api/cases/stats') });
  if (!data) return null;
  const byStage = new Map<string, number>();
  for (const r of data.byState) byStage.set(`${r.title}·${r.stateLabel}`, (byStage.get(`${r.title}·${r.stateLabel}`) ?? 0) + r.count);
  // Cases by region and procedure (open = not in a terminal state).
  const byRegion = new Map<string, Record<string, number | string>>();
  for (const r of data.byState) {
    const row = byRegion.get(r.jurisdictionName) ?? { region: r.jurisdictionName, total: 0 };
    row[r.procedure] = (Number(row[r.procedure] ?? 0)) + r.count;
    row.total = Number(row.total) + r.count;
    byRegion.set(r.jurisdictionName, row);
  }
  const procedures = [...new Set(data.byState.map((r) => r.procedure))];
  const titleOf = Object.fromEntries(data.byState.map((r) => [r.procedure, r.title]));
  // YT-11 roll-up: failure-analysis reports by the region that handled them.
  const reports = new Map<string, Record<string, number | string>>();
  for (const r of data.byState.filter((x) => x.procedure === 'failure_report')) {
    const row = reports.get(r.jurisdictionCode) ?? { region: r.jurisdictionName };
    row[r.state] = r.count;
    reports.set(r.jurisdictionCode, row);
  }
  return (
    <Card title="办理情况" size="small">
      <Space wrap size="large">
        {[...byStage].map(([k, n]) => <Statistic key={k} title={k} value={n} />)}
      </Space>
      <Table size="small" rowKey="limitId" pagination={false} style={{ marginTop: 12 }} dataSource={data.clocks} columns={[
        { title: '时限', dataIndex: 'limitId' }, { title: '按期办结', dataIndex: 'met' }, { title: '逾期办结', dataIndex: 'late' },
        { title: '计时中', dataIndex: 'running' }, { title: '已逾期未办', dataIndex: 'overdue', render: (n: number) => <span style={{ color: n ? '#cf1322' : undefined }}>{n}</span> },
      ]} />
      <Table size="small" rowKey="region" pagination={false} style={{ marginTop: 12 }} title={() => '按地区'} dataSource={[...byRegion.values()]} columns={[
        { title: '地区', dataIndex: 'region' }, ...procedures.map((p) => ({ title: titleOf[p], dataIndex: p, render: (v: number | undefined) => v ?? 0 })), { title: '合计', dataIndex: 'total' },
      ]} />
      {reports.size > 0 && <Table size="small" rowKey="region" pagination={false} style={{ marginTop: 12 }} title={() => '失败分析报告（YT-11）按地区'} dataSource={[...reports.values()]} columns={[
        { title: '地区', dataIndex: 'region' }, { title: '待提交', dataIndex: 'due' }, { title: '待汇总报送', dataIndex: 'submitted' },
        { title: '已报送', dataIndex: 'forwarded' }, { title: '已评估', dataIndex: 'assessed' },
      ]} />}
    </Card>
  );
}
