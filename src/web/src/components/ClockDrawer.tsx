/** One clock with its ledger: pause for expert evaluation or a hearing, resume, the leader's one extension, stop (YT-6.3). */
import { beijingDateTime } from '../time';
import { useState } from 'react';
import { Alert, App, Button, DatePicker, Descriptions, Drawer, Input, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api } from '../api';
import { errorText } from './useFormSubmit';
import { useSystemToday } from '../systemClock';

export interface Clock {
  id: string; limitId: string; action: string | null; title: string; jurisdictionName: string; startDate: string; dueDate: string;
  provisional: boolean; status: string; overdue: boolean; derivation: string; abilities: { manage: boolean; extend: boolean };
}
interface ClockDetail extends Clock {
  warnings: string[]; used: number | null; left: number | null; limitSummary: string | null;
  ledger: Array<{ id: string; kind: string; from: string | null; to: string | null; reason: string | null; approvedBy: string | null }>;
  moves: Array<{ cause: string; oldDue: string; newDue: string; at: string }>;
}

export const CLOCK_STATUS: Record<string, [string, string]> = { running: ['计时中', 'processing'], paused: ['暂停中', 'warning'], stopped: ['已办结', 'default'] };

export function ClockDrawer({ id, onClose, onChanged }: { id: string; onClose: () => void; onChanged?: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const today = useSystemToday();
  const [picked, setDate] = useState<dayjs.Dayjs | null>(null);
  const date = picked ?? today;
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState('专家评估');
  const { data: c } = useQuery({ queryKey: ['deadline', id], queryFn: () => api<ClockDetail>(`/api/deadlines/${id}`) });
  const act = async (path: string, json: unknown) => {
    setError(null);
    try {
      await api(`/api/deadlines/${id}/${path}`, { method: 'POST', json });
      await qc.invalidateQueries({ queryKey: ['deadline', id] });
      await qc.invalidateQueries({ queryKey: ['deadlines'] });
      onChanged?.();
      message.success('已记录并重新计算到期日');
    } catch (e) {
      // The refusal stays in the drawer, with its clause, until the next action.
      setError(errorText(e, '操作未完成，请稍后重试'));
    }
  };
  const d = date.format('YYYY-MM-DD');
  return (
    <Drawer open width={720} title={c?.title} onClose={onClose}>
      {c && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions bordered size="small" column={2}>
            <Descriptions.Item label="依据">{c.limitId}</Descriptions.Item>
            <Descriptions.Item label="到期日">{c.dueDate}{c.provisional && <Tag color="orange" style={{ marginLeft: 8 }}>暂定</Tag>}</Descriptions.Item>
            <Descriptions.Item label="已用">{c.used ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="剩余">{c.left ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="规则" span={2}>{c.limitSummary}</Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph style={{ background: '#fafafa', padding: 12 }}>{c.derivation}</Typography.Paragraph>
          {error && <Alert type="error" showIcon title={error} data-testid="form-error" />}
          {c.warnings.map((w) => <Typography.Text key={w} type="warning">{w}</Typography.Text>)}
          {(c.abilities.manage || c.abilities.extend) && (
            <Space wrap>
              <DatePicker value={date} onChange={(v) => v && setDate(v)} />
              {c.abilities.manage && c.status === 'running' && <><Input style={{ width: 120 }} value={reason} onChange={(e) => setReason(e.target.value)} /><Button onClick={() => act('pauses', { from: d, reason })}>暂停</Button></>}
              {c.abilities.manage && c.status === 'paused' && <Button onClick={() => act('resume', { to: d })}>恢复（此日为暂停最后一日）</Button>}
              {c.abilities.extend && <Button onClick={() => act('extensions', { approvedOn: d })}>批准延长</Button>}
              {c.abilities.manage && <Button danger onClick={() => act('stop', { on: d })}>办结</Button>}
            </Space>
          )}
          <Typography.Title level={5}>台账</Typography.Title>
          <Table size="small" rowKey="id" pagination={false} dataSource={c.ledger}
            columns={[{ title: '类别', dataIndex: 'kind', render: (k: string) => (k === 'pause' ? '暂停' : '延长') }, { title: '自', dataIndex: 'from' }, { title: '至', dataIndex: 'to' }, { title: '事由/批准人', render: (_, r) => r.reason ?? r.approvedBy }]} />
          <Typography.Title level={5}>改期记录</Typography.Title>
          <Timeline items={c.moves.map((m) => ({ children: `${beijingDateTime(m.at)} ${m.cause}：${m.oldDue} → ${m.newDue}` }))} />
        </Space>
      )}
    </Drawer>
  );
}
