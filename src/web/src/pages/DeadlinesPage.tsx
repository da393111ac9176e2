import { useState } from 'react';
import { Space, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, query } from '../api';
import { CLOCK_STATUS, ClockDrawer, type Clock } from '../components/ClockDrawer';
import { ListPage } from '../components/ListPage';
import { useListParams } from '../components/useListParams';

export default function DeadlinesPage() {
  const lp = useListParams();
  const [openId, setOpenId] = useState<string | null>(null);
  const params = { page: lp.page, pageSize: lp.pageSize };
  const { data, isFetching } = useQuery({ queryKey: ['deadlines', params], queryFn: () => api<{ total: number; items: Clock[] }>(`/api/deadlines${query(params)}`) });
  return (
    <ListPage<Clock> title="办理时限" lp={lp} data={data} loading={isFetching} rowKey="id" size="small"
        columns={[
          { title: '事项', dataIndex: 'title', render: (v, r) => <a onClick={() => setOpenId(r.id)}>{v}</a> },
          { title: '依据', dataIndex: 'limitId' },
          { title: '办理机关', dataIndex: 'jurisdictionName' },
          { title: '起算', dataIndex: 'startDate' },
          { title: '到期日', dataIndex: 'dueDate', render: (v, r) => <Space>{v}{r.provisional && <Tag color="orange">暂定</Tag>}{r.overdue && <Tag color="red">已逾期</Tag>}</Space> },
          { title: '状态', dataIndex: 'status', render: (s: string) => <Tag color={CLOCK_STATUS[s][1]}>{CLOCK_STATUS[s][0]}</Tag> },
        ]}>
      {openId && <ClockDrawer id={openId} onClose={() => setOpenId(null)} />}
    </ListPage>
  );
}

