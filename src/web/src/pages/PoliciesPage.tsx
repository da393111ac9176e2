import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../api';
import { FormDialog } from '../components/FormDialog';
import { useAuth } from '../auth';
import { useFormSubmit } from '../components/useFormSubmit';

interface Version { id: string; document: string; docNo: string; title: string; jurisdiction: string; inForceFrom: string; inForceTo: string | null; kind: string; extends?: string; basis: string; inForceToday: boolean; parameters: Record<string, { value: unknown; basis: string }> }
interface Status { document: string; docNo: string; versionId: string; inForce: boolean; warning: string | null }

const KIND: Record<string, string> = { original: '原文件', extension: '延续执行', successor: '新版本' };

export default function PoliciesPage() {
  const { me } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm();
  const { data } = useQuery({ queryKey: ['policies'], queryFn: () => api<{ today: string; versions: Version[]; status: Status[] }>('/api/policies') });
  const canManage = !!me?.permissions.includes('policy.manage');
  const adding_ = useFormSubmit(form);
  const submit = () => adding_.run(async (v) => {
    {
      await api('/api/policies', { method: 'POST', json: { ...v, inForceFrom: v.range[0].format('YYYY-MM-DD'), inForceTo: v.range[1]?.format('YYYY-MM-DD') ?? null, range: undefined } });
      message.success('已登记');
      setAdding(false);
      await qc.invalidateQueries({ queryKey: ['policies'] });
    }
  });
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {data?.status.map((s) => s.warning && <Alert key={s.document} type="warning" showIcon title={`${s.docNo}：今日（${data.today}）不在有效期内`} description={s.warning} />)}
      <Card title="政策版本（X-3）" extra={canManage && <Button type="primary" onClick={() => setAdding(true)}>登记延续执行或新版本</Button>}>
        <Table<Version> rowKey="id" size="small" pagination={false} dataSource={data?.versions}
          expandable={{ expandedRowRender: (v) => (
            <Table size="small" pagination={false} rowKey="name" dataSource={Object.entries(v.parameters).map(([name, p]) => ({ name, value: JSON.stringify(p.value), basis: p.basis }))}
              columns={[{ title: '参数', dataIndex: 'name' }, { title: '取值', dataIndex: 'value' }, { title: '依据', dataIndex: 'basis' }]} />
          ) }}
          columns={[
            { title: '编号', dataIndex: 'id' }, { title: '文号', dataIndex: 'docNo' }, { title: '名称', dataIndex: 'title' },
            { title: '类别', dataIndex: 'kind', render: (k: string, v) => `${KIND[k]}${v.extends ? `（延续 ${v.extends}）` : ''}` },
            { title: '有效期', render: (_, v) => `${v.inForceFrom} 至 ${v.inForceTo ?? '长期'}` },
            { title: '今日', dataIndex: 'inForceToday', render: (b: boolean) => (b ? <Tag color="green">有效</Tag> : <Tag color="red">不在有效期</Tag>) },
            { title: '依据', dataIndex: 'basis' },
          ]} />
      </Card>
      <FormDialog open={adding} title="登记延续执行或新版本" form={form} submit={adding_} onCancel={() => setAdding(false)} onOk={submit} okText="登记"
        initialValues={{ document: 'CI', kind: 'extension', jurisdiction: '532300', extends: 'CI-2023', docNo: '楚科规〔2022〕5号', title: '楚雄州科研诚信管理办法（试行）' }}>
          <Form.Item label="版本编号" name="id" rules={[{ required: true }]}><Input placeholder="如 CI-2026-EXT" /></Form.Item>
          <Space><Form.Item label="文件" name="document"><Select style={{ width: 100 }} options={[{ value: 'CI', label: 'CI' }, { value: 'YT', label: 'YT' }, { value: 'CR', label: 'CR（信用修复管理办法）' }]} /></Form.Item>
            <Form.Item label="类别" name="kind"><Select style={{ width: 140 }} options={[{ value: 'extension', label: '延续执行' }, { value: 'successor', label: '新版本' }]} /></Form.Item>
            <Form.Item label="延续的版本" name="extends"><Input style={{ width: 140 }} /></Form.Item></Space>
          <Form.Item label="文号" name="docNo" rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item label="名称" name="title" rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item label="适用区划" name="jurisdiction" rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item label="有效期" name="range" rules={[{ required: true }]}><DatePicker.RangePicker allowEmpty={[false, true]} /></Form.Item>
          <Form.Item label="依据（延续执行或新版本的文件）" name="basis" rules={[{ required: true }]}><Input.TextArea /></Form.Item>
          <Typography.Text type="secondary">新版本沿用前一版本的参数；参数变化请在接口中提交（每个取值须注明依据）。</Typography.Text>
      </FormDialog>
    </Space>
  );
}
