import { useState } from 'react';
import { Card, Space, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import { CLOCK_STATUS, ClockDrawer, type Clock } from '../components/ClockDrawer';


export default function DeadlinesPage() {
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<string | null>(null);
  const { data, isFetching } = useQuery({ queryKey: ['deadlines', page], queryFn: () => api<{ total: number; items: Clock[] }>(`/api/deadlines?page=${page}&pageSize=20`) });
  return (
    <Card title="办理时限">
      <Table<Clock> rowKey="id" size="small" loading={isFetching} dataSource={data?.items}
        pagination={{ current: page, pageSize: 20, total: data?.total, onChange: setPage, showTotal: (t) => `共 ${t} 条` }}
        columns={[
          { title: '事项', dataIndex: 'title', render: (v, r) => <a onClick={() => setOpenId(r.id)}>{v}</a> },
          { title: '依据', dataIndex: 'limitId' },
          { title: '办理机关', dataIndex: 'jurisdictionName' },
          { title: '起算', dataIndex: 'startDate' },
          { title: '到期日', dataIndex: 'dueDate', render: (v, r) => <Space>{v}{r.provisional && <Tag color="orange">暂定</Tag>}{r.overdue && <Tag color="red">已逾期</Tag>}</Space> },
          { title: '状态', dataIndex: 'status', render: (s: string) => <Tag color={CLOCK_STATUS[s][1]}>{CLOCK_STATUS[s][0]}</Tag> },
        ]} />
      {openId && <ClockDrawer id={openId} onClose={() => setOpenId(null)} />}
    </Card>
  );
}

