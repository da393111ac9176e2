/** 账号安全: change one's password, see the second factor's state, see and end one's own sessions. */
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import { useAuth } from '../auth';
import { ChangePasswordForm } from '../components/ChangePasswordForm';

interface SessionView { id: string; createdAt: string; lastSeenAt: string; ip: string | null; userAgent: string | null; current: boolean }

export default function AccountPage() {
  const { me } = useAuth();
  const qc = useQueryClient();
  const { data } = useQuery({ queryKey: ['sessions'], queryFn: () => api<{ items: SessionView[] }>('/api/auth/sessions') });
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card title="我的会话">
        <Table<SessionView> rowKey="id" size="small" pagination={false} dataSource={data?.items} columns={[
          { title: '登录时间', dataIndex: 'createdAt', render: (v: string) => new Date(v).toLocaleString('zh-CN') },
          { title: '最近活动', dataIndex: 'lastSeenAt', render: (v: string) => new Date(v).toLocaleString('zh-CN') },
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
