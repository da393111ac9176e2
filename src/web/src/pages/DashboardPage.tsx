/**
 * 领导驾驶舱 (issue 20): the figures the server gives this user's role for a region of the area, each
 * as a bar chart with its table and its Excel export; clicking a bar (or a row's count) opens the list
 * behind it, which the server reads with the same filter, so the count there is the bar's.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Row, Select, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, query } from '../api';
import { useAuth } from '../auth';
import { EChart, type ChartOption } from '../components/EChart';

type Key = Record<string, string>;
interface FigureRow { key: Key; labels: Key; count: number }
interface Figure { id: string; title: string; clause: string; note: string; total: number; dimensions: Array<{ id: string; label: string }>; rows: FigureRow[] }
export interface Dashboard { regionCode: string; regionName: string; today: string; weekEnd: string; regions: Array<{ code: string; name: string }>; figures: Figure[] }

/** Bars by every dimension but the region, stacked by region. */
function chartOf(f: Figure) {
  const others = f.dimensions.filter((d) => d.id !== 'region');
  const cat = (r: FigureRow) => others.map((d) => r.labels[d.id]).join(' · ');
  const categories = [...new Set(f.rows.map(cat))];
  const regions = [...new Set(f.rows.map((r) => r.labels.region))];
  const keyAt = new Map(f.rows.map((r) => [`${cat(r)}|${r.labels.region}`, r.key]));
  const option: ChartOption = {
    animation: false,
    tooltip: { trigger: 'item', renderMode: 'richText' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, rotate: categories.length > 2 && categories.join('').length > 24 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1, name: '件数' },
    series: regions.map((reg) => ({
      type: 'bar', name: reg, stack: 'region', cursor: 'pointer',
      data: categories.map((c) => f.rows.find((r) => cat(r) === c && r.labels.region === reg)?.count ?? 0),
    })),
  };
  return { option, keyAt };
}

function FigureCard({ f, regionCode, mayExport }: { f: Figure; regionCode: string; mayExport: boolean }) {
  const nav = useNavigate();
  const { option, keyAt } = useMemo(() => chartOf(f), [f]);
  const drill = (key: Key) => nav(`/dashboard/list${query({ figure: f.id, regionCode, ...key })}`);
  return (
    <Card size="small" title={<span data-testid={`figure-title-${f.id}`}>{f.title}</span>} data-testid={`figure-${f.id}`}
      extra={<Space><Typography.Text type="secondary">合计 {f.total} 件</Typography.Text>{mayExport && <Button size="small" href={`/api/dashboard/${f.id}/export.xlsx${query({ regionCode })}`}>导出 Excel</Button>}</Space>}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>{f.note}（{f.clause}）</Typography.Paragraph>
      {f.rows.length === 0 ? <Alert type="info" showIcon title="暂无数据" /> : (
        <>
          <EChart testId={`chart-${f.id}`} option={option} onClick={(e) => { const k = keyAt.get(`${e.name}|${e.seriesName}`); if (k) drill(k); }} />
          <Table<FigureRow> size="small" rowKey={(r) => JSON.stringify(r.key)} dataSource={f.rows} pagination={f.rows.length > 8 ? { pageSize: 8, size: 'small' } : false}
            columns={[
              ...f.dimensions.map((d) => ({ title: d.label, key: d.id, render: (_: unknown, r: FigureRow) => r.labels[d.id] })),
              { title: '件数', key: 'count', align: 'right' as const, render: (_: unknown, r: FigureRow) => <a data-testid={`drill-${f.id}`} onClick={() => drill(r.key)}>{r.count}</a> },
            ]} />
        </>
      )}
    </Card>
  );
}

export default function DashboardPage() {
  const { me } = useAuth();
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const { data, error } = useQuery({ queryKey: ['dashboard', regionCode], queryFn: () => api<Dashboard>(`/api/dashboard${query({ regionCode })}`) });
  const mayExport = !!me?.permissions.includes('list.export');
  if (error) return <Alert type="error" showIcon title={(error as Error).message} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small">
        <Space wrap>
          <Typography.Text strong>领导驾驶舱</Typography.Text>
          <Select data-testid="dashboard-region" style={{ width: 220 }} value={data?.regionCode} onChange={setRegionCode}
            options={(data?.regions ?? []).map((r) => ({ value: r.code, label: r.name }))} />
          {data && <Typography.Text type="secondary">统计日 {data.today}（本周至 {data.weekEnd}）</Typography.Text>}
        </Space>
      </Card>
      <Row gutter={[16, 16]}>
        {data?.figures.map((f) => <Col key={f.id} xs={24} xl={12}><FigureCard f={f} regionCode={data.regionCode} mayExport={mayExport} /></Col>)}
      </Row>
    </Space>
  );
}
