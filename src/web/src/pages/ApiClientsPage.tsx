/**
 * 接口客户端 (issue 20): the registered clients of other systems, with their scopes, region and budget;
 * registering one, rotating its secret and revoking it. A new secret is shown once, in a dialog, and
 * never again. Shown to whoever holds `apiClient.manage` (the server decides who that is).
 */
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { API_SCOPES, API_SCOPE_LABEL, API_RATE_BOUNDS } from '../../../core/access/api-clients';
import { api } from '../api';
import { FormDialog } from '../components/FormDialog';
import { useFormSubmit, useShowError } from '../components/useFormSubmit';
import { regionTree, useRegions } from '../components/useRegions';

interface ApiClient {
  id: string; clientId: string; name: string; scopes: string[]; scopeLabels: string[]; regionCode: string; ratePerMinute: number;
  secretVersion: number; createdAt: string; rotatedAt: string | null; revokedAt: string | null; status: 'active' | 'revoked'; version: number;
}
type WithSecret = ApiClient & { secret: string };

export default function ApiClientsPage() {
  const qc = useQueryClient();
  const { data: regions = [] } = useRegions();
  const list = useQuery({ queryKey: ['api-clients'], queryFn: () => api<{ items: ApiClient[] }>('/api/api-clients') });
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<WithSecret | null>(null);
  const [form] = Form.useForm();
  const done = (c: WithSecret | null) => { qc.invalidateQueries({ queryKey: ['api-clients'] }); if (c) setShown(c); };
  const fail = useShowError('操作失败');
  const creation = useFormSubmit(form);
  const create = () => creation.run(async (v) => {
    const c = await api<WithSecret>('/api/api-clients', { method: 'POST', json: v });
    setCreating(false); form.resetFields(); done(c);
  });
  const rotate = useMutation({ mutationFn: (c: ApiClient) => api<WithSecret>(`/api/api-clients/${c.id}/rotate`, { method: 'POST', json: { version: c.version } }), onSuccess: done, onError: fail });
  const revoke = useMutation({ mutationFn: (c: ApiClient) => api<ApiClient>(`/api/api-clients/${c.id}/revoke`, { method: 'POST', json: { version: c.version } }), onSuccess: () => done(null), onError: fail });
  const regionName = (code: string) => regions.find((r) => r.code === code)?.name ?? code;

  return (
    <Card title="接口客户端" extra={<Button type="primary" onClick={() => setCreating(true)} data-testid="api-client-new">登记客户端</Button>}>
      <Typography.Paragraph type="secondary">
        其他系统（如项目申报系统）以客户端编号和密钥向 /api/oauth/token 换取短时有效的访问令牌后调用接口；客户端只能读取允许区划内的详情，区划外的主体只告知是否否决。
      </Typography.Paragraph>
      <Table<ApiClient> rowKey="id" loading={list.isLoading} dataSource={list.data?.items ?? []} pagination={false} columns={[
        { title: '名称', dataIndex: 'name' },
        { title: '客户端编号', dataIndex: 'clientId', render: (v: string) => <Typography.Text code copyable>{v}</Typography.Text> },
        { title: '权限范围', dataIndex: 'scopeLabels', render: (v: string[]) => v.map((s) => <Tag key={s}>{s}</Tag>) },
        { title: '允许区划', dataIndex: 'regionCode', render: regionName },
        { title: '每分钟次数', dataIndex: 'ratePerMinute' },
        { title: '状态', dataIndex: 'status', render: (s: string, c) => (s === 'revoked' ? <Tag color="red">已停用</Tag> : <Tag color="green">使用中（第 {c.secretVersion} 把密钥）</Tag>) },
        { title: '操作', render: (_, c) => c.status === 'active' && (
          <Space>
            <Popconfirm title="更换后旧密钥和已发出的令牌立即失效" onConfirm={() => rotate.mutate(c)}><Button size="small">更换密钥</Button></Popconfirm>
            <Popconfirm title="停用后该客户端的一切请求都将被拒绝" onConfirm={() => revoke.mutate(c)}><Button size="small" danger>停用</Button></Popconfirm>
          </Space>
        ) },
      ]} />
      <FormDialog title="登记接口客户端" open={creating} form={form} submit={creation} onCancel={() => { setCreating(false); creation.clear(); }} onOk={create} destroyOnHidden initialValues={{ scopes: ['veto.check'], ratePerMinute: 60 }}>
          <Form.Item label="名称" name="name" rules={[{ required: true, message: '请填写' }]}><Input maxLength={100} data-testid="api-client-name" /></Form.Item>
          <Form.Item label="权限范围" name="scopes" rules={[{ required: true, message: '请选择' }]}>
            <Select mode="multiple" options={API_SCOPES.map((s) => ({ value: s, label: API_SCOPE_LABEL[s] }))} />
          </Form.Item>
          <Form.Item label="允许区划" name="regionCode" rules={[{ required: true, message: '请选择' }]}><TreeSelect data-testid="api-client-region" treeData={regionTree(regions, false)} treeDefaultExpandedKeys={['530000']} showSearch treeNodeFilterProp="title" /></Form.Item>
          <Form.Item label="每分钟访问次数" name="ratePerMinute" rules={[{ required: true, message: '请填写' }]}><InputNumber min={API_RATE_BOUNDS.min} max={API_RATE_BOUNDS.max} /></Form.Item>
      </FormDialog>
      <Modal title="客户端密钥（只显示这一次）" destroyOnHidden open={!!shown} onCancel={() => setShown(null)} footer={<Button type="primary" onClick={() => setShown(null)}>我已妥善保存</Button>}>
        {shown && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Alert type="warning" showIcon title="关闭后无法再次查看；系统只保存密钥的摘要。遗失时请更换密钥。" />
            <div>客户端编号：<Typography.Text code copyable>{shown.clientId}</Typography.Text></div>
            <div>客户端密钥：<Typography.Text code copyable data-testid="api-client-secret">{shown.secret}</Typography.Text></div>
          </Space>
        )}
      </Modal>
    </Card>
  );
}
