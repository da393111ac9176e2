import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, query, type Page, type Project } from '../api';
import { useAuth } from '../auth';
import { access } from '../access';

function useCount(params: Record<string, unknown>, enabled: boolean) {
  return useQuery({ queryKey: ['projects-count', params], enabled, queryFn: () => api<Page<Project>>(`/api/projects${query({ ...params, pageSize: 1 })}`).then((r) => r.total) });
}

export default function HomePage() {
  const { me } = useAuth();
  const a = access(me);
  const all = useCount({}, a.projects);
  const running = useCount({ status: ['in_progress'] }, a.projects);
  const overdue = useCount({ overdue: true }, a.projects);
  return (
    <div>
      <Typography.Title level={4}>工作台</Typography.Title>
      <Typography.Paragraph>您好，{me?.displayName}。当前身份：{me?.roleLabel}{me?.regionName ? `（${me.regionName}）` : ''}。</Typography.Paragraph>
      {a.projects && (
        <Row gutter={16}>
          <Col span={8}><Card><Statistic title="可见项目" value={all.data ?? '-'} /><Link to="/projects">查看</Link></Card></Col>
          <Col span={8}><Card><Statistic title="执行中" value={running.data ?? '-'} /><Link to="/projects?status=in_progress">查看</Link></Card></Col>
          <Col span={8}><Card><Statistic title="逾期未验收" value={overdue.data ?? '-'} styles={{ content: { color: '#cf1322' } }} /><Link to="/projects?overdue=true">查看</Link></Card></Col>
        </Row>
      )}
    </div>
  );
}
