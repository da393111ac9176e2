import { beijingDateTime } from '../time';
import { useState } from 'react';
import { Alert, Button, Card, Space, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, query, type Page } from '../api';

interface AuditEvent { seq: number; at: string; actorRole: string | null; actionLabel: string; objectType: string | null; objectId: string | null; outcome: string; ip: string | null; hash: string }
interface Verify { ok: boolean; checked: number; firstBroken: { seq: number; reason: string } | null; summary: string }

export default function AuditPage() {
  const [page, setPage] = useState(1);
  const [verify, setVerify] = useState<Verify | null>(null);
  const { data, isFetching } = useQuery({ queryKey: ['audit', page], queryFn: () => api<Page<AuditEvent>>(`/api/audit-events${query({ page, pageSize: 20 })}`) });
  return (
    <Card title="审计日志" extra={<Space><Button onClick={async () => setVerify(await api<Verify>('/api/audit-events/verify'))}>校验审计日志</Button><Button href="/api/audit-events/export.xlsx">导出 Excel</Button></Space>}>
      {verify && <Alert style={{ marginBottom: 16 }} type={verify.ok ? 'success' : 'error'} title={verify.ok ? '审计日志完整' : '审计日志异常'} description={verify.summary} />}
      <Table<AuditEvent> rowKey="seq" size="small" loading={isFetching} dataSource={data?.items}
        pagination={{ current: page, pageSize: 20, total: data?.total, onChange: setPage, showTotal: (t) => `共 ${t} 条` }}
        columns={[
          { title: '序号', dataIndex: 'seq' }, { title: '时间', dataIndex: 'at', render: (v: string) => beijingDateTime(v) },
          { title: '操作', dataIndex: 'actionLabel' }, { title: '角色', dataIndex: 'actorRole' }, { title: '对象', dataIndex: 'objectType' },
          { title: '结果', dataIndex: 'outcome', render: (v: string) => <Tag color={v === 'success' ? 'green' : 'red'}>{v === 'success' ? '成功' : '失败'}</Tag> },
          { title: 'IP', dataIndex: 'ip' }, { title: '哈希', dataIndex: 'hash', render: (v: string) => <code>{v.slice(0, 12)}…</code> },
        ]} />
    </Card>
  );
}
