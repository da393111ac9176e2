/** 账号安全: change one's password, see the second factor's state, see and end one's own sessions. */
import { beijingDateTime } from '../time';
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../api';
import { useAuth } from '../auth';

interface SessionView { id: string; createdAt: string; lastSeenAt: string; ip: string | null; userAgent: string | null; current: boolean }

export function ChangePasswordForm({ onDone }: { onDone?: () => void }) {
  const [form] = Form.useForm();
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <Form form={form} layout="vertical" style={{ maxWidth: 420 }} onFinish={async (v: { current: string; next: string }) => {
      try {
        await api('/api/auth/password', { method: 'POST', json: v });
        form.resetFields();
        setResult({ ok: true, text: '密码已修改，其他设备上的登录已结束' });
        onDone?.();
      } catch (e) {
        if (e instanceof ApiError && e.field) form.setFields([{ name: e.field, errors: [e.message] }]);
        else setResult({ ok: false, text: e instanceof Error ? e.message : '修改失败' });
      }
    }}>
      {result && <Alert type={result.ok ? 'success' : 'error'} title={result.text} showIcon style={{ marginBottom: 16 }} />}
      <Form.Item label="原密码" name="current" rules={[{ required: true, message: '请输入原密码' }]}><Input.Password autoComplete="current-password" /></Form.Item>
      <Form.Item label="新密码" name="next" extra="至少 8 位，含大写字母、小写字母、数字、符号中的至少三类；不能是常见密码，不能包含用户名" rules={[{ required: true, message: '请输入新密码' }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit">修改密码</Button>
    </Form>
  );
}

export default function AccountPage() {
  const { me } = useAuth();
  const qc = useQueryClient();
  const { data } = useQuery({ queryKey: ['sessions'], queryFn: () => api<{ items: SessionView[] }>('/api/auth/sessions') });
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card title="我的会话">
        <Table<SessionView> rowKey="id" size="small" pagination={false} dataSource={data?.items} columns={[
          { title: '登录时间', dataIndex: 'createdAt', render: (v: string) => beijingDateTime(v) },
          { title: '最近活动', dataIndex: 'lastSeenAt', render: (v: string) => beijingDateTime(v) },
          { title: '地址', dataIndex: 'ip' },
          { title: '浏览器', dataIndex: 'userAgent', ellipsis: true },
          { title: '', render: (_, s) => (s.current ? <Tag color="blue">当前</Tag>
            : <Button size="small" danger onClick={async () => { await api(`/api/auth/sessions/${s.id}`, { method: 'DELETE' }); await qc.invalidateQueries({ queryKey: ['sessions'] }); }}>结束</Button>) },
        ]} />
      </Card>
      <Card title="修改密码"><ChangePasswordForm /></Card>
      <Card title="动态口令">
        <Typography.Paragraph>{me?.secondFactor ? '已绑定。更换手机或丢失时，请联系安全管理员重置。' : '未绑定（本账号角色登录不要求动态口令）。'}</Typography.Paragraph>
      </Card>
    </Space>
  );
}
