import { useState } from 'react';
import { App, Button, Card, Descriptions, Space, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, ApiError, query, type Page, type Project, type Subject } from '../api';
import { errorText } from '../components/useFormSubmit';
import { ORGANIZATION_TYPE_LABEL, PROJECT_STATUS_LABEL } from '../labels';
import { SubjectSanctions } from '../components/SubjectSanctions';
import { SubjectCredit } from '../components/SubjectCredit';
import { IssueCreditReport } from '../components/IssueCreditReport';
import { SubjectRelations } from '../components/SubjectRelations';
import { SubjectParticipations } from '../components/SubjectParticipations';
import { useAuth } from '../auth';

export default function SubjectDetailPage() {
  const { id } = useParams();
  const { message } = App.useApp();
  const { me } = useAuth();
  const [fullId, setFullId] = useState<string | null>(null);
  const { data: s, error } = useQuery({ queryKey: ['subject', id], queryFn: () => api<Subject>(`/api/subjects/${id}`) });
  const projectsParams = s ? (s.kind === 'person' ? { leaderId: s.id } : s.orgType === 'undertaking_unit' ? { undertakingUnitId: s.id } : null) : null;
  const projects = useQuery({
    queryKey: ['subject-projects', projectsParams], enabled: !!projectsParams,
    queryFn: () => api<Page<Project>>(`/api/projects${query({ ...projectsParams, pageSize: 50 })}`),
  });
  if (error) return <Card>{errorText(error, '加载失败')}</Card>;
  if (!s) return <Card loading />;
  const reveal = async () => {
    try {
      setFullId((await api<{ idNumber: string }>(`/api/subjects/${s.id}/id-number`)).idNumber);
    } catch (e) {
      message.error(errorText(e, '操作失败'));
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card title={s.name} extra={<Space>{me?.permissions.includes('creditReport.issue') && <IssueCreditReport subjectId={s.id} />}<Link to="/subjects">返回列表</Link></Space>}>
        <Descriptions bordered column={2} size="small">
          <Descriptions.Item label="类别">{s.kind === 'person' ? '个人' : ORGANIZATION_TYPE_LABEL[s.orgType as keyof typeof ORGANIZATION_TYPE_LABEL]}{s.isExpert && <Tag color="blue" style={{ marginLeft: 8 }}>评审专家</Tag>}</Descriptions.Item>
          <Descriptions.Item label="所属区划">{s.regionName}</Descriptions.Item>
          {s.kind === 'organization' && <Descriptions.Item label="统一社会信用代码">{s.creditCode}</Descriptions.Item>}
          {s.kind === 'person' && (
            <Descriptions.Item label="居民身份证号码">
              <Space>{fullId ?? s.idNumberMasked}{s.abilities.revealIdNumber && !fullId && <Button size="small" onClick={reveal}>查看完整号码（留痕）</Button>}</Space>
            </Descriptions.Item>
          )}
          {s.kind === 'person' && <Descriptions.Item label="性别">{s.gender === 'male' ? '男' : '女'}</Descriptions.Item>}
          {s.kind === 'person' && <Descriptions.Item label="工作单位">{s.employerId ? <Link to={`/subjects/${s.employerId}`}>{s.employerName}</Link> : '—'}</Descriptions.Item>}
          {s.kind === 'person' && <Descriptions.Item label="职称">{s.title ?? '—'}</Descriptions.Item>}
          {s.isExpert && <Descriptions.Item label="专家领域">{s.expertField}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <SubjectRelations subject={s} />
      {me?.permissions.includes('rating.read') && <SubjectParticipations subjectId={s.id} />}
      {me?.permissions.includes('rating.read') && <SubjectCredit subjectId={s.id} />}
      <SubjectSanctions subjectId={s.id} mayOpen={!!me?.abilities.handlesCases} />
      {projectsParams && (
        <Card title="相关项目">
          <Table size="small" rowKey="id" dataSource={projects.data?.items} pagination={false}
            columns={[
              { title: '项目编号', dataIndex: 'code', render: (v, r) => <Link to={`/projects/${r.id}`}>{v}</Link> },
              { title: '项目名称', dataIndex: 'name' },
              { title: '状态', dataIndex: 'status', render: (v: string) => PROJECT_STATUS_LABEL[v as keyof typeof PROJECT_STATUS_LABEL] },
            ]} />
        </Card>
      )}
    </Space>
  );
}
