/**
 * 审计日志 (audit administrator): who did what to which record, in words — the operator by name and
 * username, role, action and object in Chinese, times in Beijing — narrowed by operator, action,
 * object, outcome and Beijing dates (kept in the URL); the Excel export takes the same filters.
 */
import { beijingDateTime } from '../time';
import { useState } from 'react';
import { Alert, Button, Input, Select, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, query, type Page } from '../api';
import { AUDIT_ACTIONS } from '../../../core/audit/events';
import { AUDIT_OBJECT_TYPES } from '../../../core/audit/labels';
import { useListParams } from '../components/useListParams';
import { LogDateRange } from '../components/LogDateRange';
import { ListPage } from '../components/ListPage';

interface AuditEvent {
  seq: number; at: string; actorUserId: string | null; operatorName: string | null; operatorUsername: string | null; roleLabel: string;
  actionLabel: string; objectTypeLabel: string; objectId: string | null; outcome: string; ip: string | null; hash: string;
}
interface Operator { id: string; username: string; displayName: string; roleLabel: string }
interface Verify { ok: boolean; checked: number; firstBroken: { seq: number; reason: string } | null; summary: string }

const ACTION_OPTIONS = Object.entries(AUDIT_ACTIONS).map(([value, label]) => ({ value, label }));
const OBJECT_OPTIONS = Object.entries(AUDIT_OBJECT_TYPES).map(([value, label]) => ({ value, label }));

export default function AuditPage() {
  const lp = useListParams();
  const [verify, setVerify] = useState<Verify | null>(null);
  const filter = { operator: lp.get('operator'), action: lp.get('action'), objectType: lp.get('objectType'), objectId: lp.get('objectId'), outcome: lp.get('outcome'), from: lp.get('from'), to: lp.get('to') };
  const { data, isFetching, error } = useQuery({ queryKey: ['audit', filter, lp.page, lp.pageSize], queryFn: () => api<Page<AuditEvent>>(`/api/audit-events${query({ ...filter, page: lp.page, pageSize: lp.pageSize })}`) });
  const operators = useQuery({ queryKey: ['audit-operators'], queryFn: () => api<{ items: Operator[] }>('/api/audit-events/operators') });
  const filtered = Object.values(filter).some(Boolean);
  return (
    <ListPage<AuditEvent> title="审计日志" className="print-area" lp={lp} data={data} loading={isFetching} rowKey="seq" size="small" data-testid="audit-table"
      actions={<Button onClick={async () => setVerify(await api<Verify>('/api/audit-events/verify'))}>校验审计日志</Button>}
      exportHref={`/api/audit-events/export.xlsx${query(filter)}`} exportTestId="audit-export" exportLabel={filtered ? '按筛选条件导出 Excel' : '导出 Excel'}
      filters={<>
        <Select allowClear showSearch optionFilterProp="label" placeholder="操作人" style={{ width: 280 }} value={filter.operator} data-testid="filter-operator"
          options={operators.data?.items.map((o) => ({ value: o.id, label: `${o.displayName}（${o.username}）` }))} onChange={(v) => lp.set({ operator: v })} />
        <Select allowClear showSearch optionFilterProp="label" placeholder="操作" style={{ width: 240 }} value={filter.action} options={ACTION_OPTIONS} onChange={(v) => lp.set({ action: v })} data-testid="filter-action" />
        <Select allowClear showSearch optionFilterProp="label" placeholder="对象类型" style={{ width: 150 }} value={filter.objectType} options={OBJECT_OPTIONS} onChange={(v) => lp.set({ objectType: v })} data-testid="filter-object-type" />
        <Input.Search allowClear placeholder="对象编号" style={{ width: 220 }} defaultValue={filter.objectId} onSearch={(v) => lp.set({ objectId: v.trim() || undefined })} data-testid="filter-object-id" />
        <Select allowClear placeholder="结果" style={{ width: 100 }} value={filter.outcome} options={[{ value: 'success', label: '成功' }, { value: 'failure', label: '失败' }]} onChange={(v) => lp.set({ outcome: v })} />
        <LogDateRange from={filter.from} to={filter.to} onChange={(from, to) => lp.set({ from, to })} testId="filter-dates" />
        {filtered && <Button type="link" onClick={() => lp.set({ operator: undefined, action: undefined, objectType: undefined, objectId: undefined, outcome: undefined, from: undefined, to: undefined })}>清除筛选</Button>}
      </>}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 70 },
          { title: '时间（北京时间）', dataIndex: 'at', width: 150, render: (v: string) => beijingDateTime(v) },
          { title: '操作人', key: 'operator', render: (_, e) => (e.operatorName
            ? <span data-testid="operator-cell">{e.operatorName}<Typography.Text type="secondary">（{e.operatorUsername}）</Typography.Text></span>
            : <span data-testid="operator-cell">{e.actorUserId ? '已删除的账号' : '系统'}</span>) },
          { title: '角色', dataIndex: 'roleLabel' },
          { title: '操作', dataIndex: 'actionLabel' },
          { title: '对象', key: 'object', render: (_, e) => (e.objectTypeLabel
            ? <span>{e.objectTypeLabel}{e.objectId && <Typography.Text type="secondary" copyable={{ text: e.objectId }} style={{ fontSize: 12 }}> {e.objectId.slice(0, 8)}</Typography.Text>}</span>
            : '—') },
          { title: '结果', dataIndex: 'outcome', render: (v: string) => <Tag color={v === 'success' ? 'green' : 'red'}>{v === 'success' ? '成功' : '失败'}</Tag> },
          { title: 'IP', dataIndex: 'ip' }, { title: '哈希', dataIndex: 'hash', render: (v: string) => <code>{v.slice(0, 12)}…</code> },
        ]}>
      {verify && <Alert style={{ marginBottom: 16 }} type={verify.ok ? 'success' : 'error'} title={verify.ok ? '审计日志完整' : '审计日志异常'} description={verify.summary} />}
      {error && <Alert type="error" style={{ marginBottom: 12 }} title={(error as Error).message} />}
    </ListPage>
  );
}
