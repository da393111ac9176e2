/**
 * 登录日志 (security administrator): every login attempt, the account by name, the outcome and its
 * reason in Chinese, times in Beijing; narrowed by account, outcome and Beijing dates (kept in the URL).
 * An attempt on an unknown username records no name (what is typed there may be a password).
 */
import { Alert, Input, Select, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, query, type Page } from '../api';
import { beijingDateTime } from '../time';
import { useListParams } from '../components/useListParams';
import { LogDateRange } from '../components/LogDateRange';
import { ListPage } from '../components/ListPage';

interface LoginEvent { seq: number; at: string; username: string | null; displayName: string | null; roleLabel: string; ip: string | null; outcome: 'success' | 'failure'; reason: string }

export default function LoginLogPage() {
  const lp = useListParams();
  const filter = { username: lp.get('username'), outcome: lp.get('outcome'), from: lp.get('from'), to: lp.get('to') };
  const { data, isFetching, error } = useQuery({ queryKey: ['login-log', filter, lp.page, lp.pageSize], queryFn: () => api<Page<LoginEvent>>(`/api/security/login-log${query({ ...filter, page: lp.page, pageSize: lp.pageSize })}`) });
  return (
    <ListPage<LoginEvent> title="登录日志" className="print-area" lp={lp} data={data} loading={isFetching} rowKey="seq" size="small" data-testid="login-log-table"
      filters={<>
        <Input.Search allowClear placeholder="账号（用户名）" style={{ width: 220 }} defaultValue={filter.username} onSearch={(v) => lp.set({ username: v.trim() || undefined })} data-testid="filter-username" />
        <Select allowClear placeholder="结果" style={{ width: 110 }} value={filter.outcome} data-testid="filter-outcome"
          options={[{ value: 'success', label: '成功' }, { value: 'failure', label: '失败' }]} onChange={(v) => lp.set({ outcome: v })} />
        <LogDateRange from={filter.from} to={filter.to} onChange={(from, to) => lp.set({ from, to })} testId="filter-dates" />
      </>}
        columns={[
          { title: '时间（北京时间）', dataIndex: 'at', width: 150, render: (v: string) => beijingDateTime(v) },
          { title: '账号', key: 'account', render: (_, e) => (e.username
            ? <span>{e.displayName ?? e.username}<Typography.Text type="secondary">（{e.username}）</Typography.Text></span>
            : <Typography.Text type="secondary">未知用户名（不记录所输入的名称）</Typography.Text>) },
          { title: '角色', dataIndex: 'roleLabel' },
          { title: '结果', dataIndex: 'outcome', render: (v: string) => <Tag color={v === 'success' ? 'green' : 'red'}>{v === 'success' ? '成功' : '失败'}</Tag> },
          { title: '原因', dataIndex: 'reason' },
          { title: 'IP', dataIndex: 'ip' },
        ]}>
      {error && <Alert type="error" style={{ marginBottom: 12 }} title={(error as Error).message} />}
    </ListPage>
  );
}
