/**
 * 信用信息报送 (issue 20): the integrity section builds the increments for the credit platform
 * (CI-27, CI-28, CI-31) and the provincial project system (YT-6.5), downloads a batch (the same bytes
 * every time), and records the platform's acknowledgement (sequence number and SHA-256). Batches not
 * yet acknowledged come first, marked. Shown to whoever holds `creditExchange.manage`.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { EXCHANGE_OPERATION_LABEL, type ExchangeOperation, type ExchangeTarget } from '../../../core/exchange/credit-exchange';
import { api } from '../api';
import { FormDialog } from '../components/FormDialog';
import { useFormSubmit, useShowError } from '../components/useFormSubmit';
import { beijingDateTime } from '../time';

interface Batch {
  id: string; target: ExchangeTarget; targetLabel: string; jurisdiction: string; seq: number; count: number; operations: Record<string, number>;
  sha256: string; sm3: string; createdAt: string; createdBy: string; acknowledgedAt: string | null; acknowledgedBy: string | null; reference: string | null;
}

export default function CreditExchangePage() {
  const { message } = App.useApp();
  const fail = useShowError('操作失败');
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['credit-exchange'], queryFn: () => api<{ items: Batch[] }>('/api/credit-exchange/batches') });
  const [acking, setAcking] = useState<Batch | null>(null);
  const [form] = Form.useForm();
  // The server names acknowledgements/0/sha256: the form has the one digest field.
  const ack = useFormSubmit(form, { fieldOf: (f) => (f.endsWith('sha256') ? 'sha256' : f) });
  const refresh = () => qc.invalidateQueries({ queryKey: ['credit-exchange'] });
  const build = useMutation({
    mutationFn: (target: ExchangeTarget) => api<{ batch: { seq: number; count: number } | null }>('/api/credit-exchange/batches', { method: 'POST', json: { target } }),
    onSuccess: (r) => { refresh(); message.info(r.batch ? `已生成第 ${r.batch.seq} 批，共 ${r.batch.count} 条` : '自上次已确认的批次以来没有变化，未生成批次'); },
    onError: fail,
  });
  const acknowledge = () => ack.run(async (v) => {
    await api('/api/credit-exchange/acknowledgements', {
      method: 'POST', json: { target: acking!.target, jurisdiction: acking!.jurisdiction, acknowledgements: [{ seq: acking!.seq, sha256: v.sha256.trim(), ...(v.reference ? { reference: v.reference } : {}) }] },
    });
    setAcking(null); form.resetFields(); refresh(); message.success('回执已登记');
  });
  const items = [...(list.data?.items ?? [])].sort((a, b) => Number(!!a.acknowledgedAt) - Number(!!b.acknowledgedAt));
  const open = items.filter((b) => !b.acknowledgedAt);

  return (
    <Card title="信用信息报送" extra={<Space>
      <Button type="primary" loading={build.isPending} onClick={() => build.mutate('credit_platform')} data-testid="exchange-build-credit">生成失信名单增量</Button>
      <Button loading={build.isPending} onClick={() => build.mutate('project_system')} data-testid="exchange-build-marks">生成免责标注增量</Button>
    </Space>}>
      <Typography.Paragraph type="secondary">
        每批只含自上次平台确认以来的变化（新增、移出、信用修复、更正）；批次可原样重新下载发送，字节和摘要不变。平台回执须写明批次序号和 SHA-256 摘要，摘要不符不予登记。
      </Typography.Paragraph>
      {open.length > 0 && <Alert style={{ marginBottom: 16 }} type="warning" showIcon data-testid="exchange-unacknowledged"
        message={`有 ${open.length} 个批次尚未收到平台回执：${open.map((b) => `${b.targetLabel}第 ${b.seq} 批`).join('、')}`} />}
      <Table<Batch> rowKey="id" loading={list.isLoading} dataSource={items} pagination={false} size="small" columns={[
        { title: '接收方', dataIndex: 'targetLabel' },
        { title: '序号', dataIndex: 'seq', width: 70 },
        { title: '内容', render: (_, b) => Object.entries(b.operations).map(([op, n]) => <Tag key={op}>{EXCHANGE_OPERATION_LABEL[op as ExchangeOperation] ?? op} {n}</Tag>) },
        { title: '生成时间', render: (_, b) => `${beijingDateTime(b.createdAt)} ${b.createdBy}` },
        { title: 'SHA-256', dataIndex: 'sha256', render: (h: string) => <Typography.Text copyable={{ text: h }} code>{h.slice(0, 12)}…</Typography.Text> },
        { title: '回执', render: (_, b) => b.acknowledgedAt ? <span>{beijingDateTime(b.acknowledgedAt)} {b.reference ?? ''}</span> : <Tag color="orange">未确认</Tag> },
        { title: '操作', render: (_, b) => <Space>
          <a href={`/api/credit-exchange/batches/${b.id}/body`} download>下载（重发）</a>
          {!b.acknowledgedAt && <a onClick={() => setAcking(b)}>登记回执</a>}
        </Space> },
      ]} />
      <FormDialog open={!!acking} title={acking ? `登记回执：${acking.targetLabel}第 ${acking.seq} 批` : ''} form={form} submit={ack} onCancel={() => { setAcking(null); ack.clear(); }} onOk={acknowledge} okText="登记">
          <Form.Item name="sha256" label="回执中的 SHA-256 摘要" rules={[{ required: true, pattern: /^\s*[0-9a-f]{64}\s*$/, message: '请填写 64 位小写十六进制的摘要' }]}><Input /></Form.Item>
          <Form.Item name="reference" label="平台受理编号（可选）" rules={[{ max: 100 }]}><Input /></Form.Item>
      </FormDialog>
    </Card>
  );
}
