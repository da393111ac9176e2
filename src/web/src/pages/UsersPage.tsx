import { Card, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api';

interface User { id: string; username: string; displayName: string; roleLabel: string; regionCode: string | null; disabled: boolean }

export default function UsersPage() {
  const { data } = useQuery({ queryKey: ['users'], queryFn: () => api<{ items: User[] }>('/api/users') });
  return (
    <Card title="账号管理">
      <Table<User> rowKey="id" size="small" dataSource={data?.items} pagination={false}
        columns={[
          { title: '用户名', dataIndex: 'username' }, { title: '姓名', dataIndex: 'displayName' }, { title: '角色', dataIndex: 'roleLabel' },
          { title: '区划', dataIndex: 'regionCode' }, { title: '状态', dataIndex: 'disabled', render: (d: boolean) => (d ? <Tag color="red">停用</Tag> : <Tag color="green">启用</Tag>) },
        ]} />
    </Card>
  );
}
