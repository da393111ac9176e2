import { useState } from 'react';
import { App, Button, Card, Descriptions, Space, Table, Tag } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { ProjectForm } from '../components/ProjectForm';
import { ProjectStatusModal } from '../components/ProjectStatusModal';
import { mayStart, StartCaseModal } from '../components/CaseForms';
import { useAuth } from '../auth';
import dayjs from 'dayjs';
import { milestoneWarning } from '../../../core/deadlines/milestones';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, type Project } from '../api';
import { errorText } from '../components/useFormSubmit';
import { FUNDING_SOURCE_LABEL, PLAN_LEVEL_LABEL, PROJECT_STATUS_LABEL, STATUS_COLOR } from '../labels';

export default function ProjectDetailPage() {
  const { id } = useParams();
  const { data: p, error } = useQuery({ queryKey: ['project', id], queryFn: () => api<Project>(`/api/projects/${id}`) });
  const [editing, setEditing] = useState(false);
  const [changingStatus, setChangingStatus] = useState(false);
  const [starting, setStarting] = useState<'major_change' | 'midterm_check' | null>(null);
  const { me } = useAuth();
  const qc = useQueryClient();
  const { message } = App.useApp();
  if (error) return <Card>{errorText(error, '加载失败')}</Card>;
  if (!p) return <Card loading />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      {editing && <ProjectForm open project={p} onClose={() => setEditing(false)} onSaved={async () => { setEditing(false); message.success('已保存'); await qc.invalidateQueries({ queryKey: ['project', id] }); }} />}
      <Card title={<span data-testid="project-title">{p.code} {p.name}</span>} extra={<Space>
        {mayStart(me, 'major_change', 'report') && <Button onClick={() => setStarting('major_change')}>报告重大事项变更</Button>}
        {mayStart(me, 'midterm_check', 'open') && <Button onClick={() => setStarting('midterm_check')}>布置中期检查</Button>}
        {p.abilities.update && <Button data-testid="change-status" onClick={() => setChangingStatus(true)}>变更项目状态</Button>}
        {p.abilities.update && <Button onClick={() => setEditing(true)}>修改</Button>}<Link to="/projects">返回列表</Link></Space>}>
        {changingStatus && <ProjectStatusModal project={p} onClose={() => setChangingStatus(false)} onSaved={async () => { setChangingStatus(false); message.success('项目状态已变更'); await qc.invalidateQueries({ queryKey: ['project', id] }); }} />}
        {starting && <StartCaseModal procedure={starting} start={starting === 'major_change' ? 'report' : 'open'} fixed={{ projectId: p.id }} onClose={() => setStarting(null)} />}
        <Descriptions bordered column={2} size="small">
          <Descriptions.Item label="状态"><Tag color={STATUS_COLOR[p.status]}>{PROJECT_STATUS_LABEL[p.status as keyof typeof PROJECT_STATUS_LABEL]}</Tag>{p.overdue && <Tag color="red">逾期未验收</Tag>}</Descriptions.Item>
          {p.statusChange && (
            <Descriptions.Item label={`状态依据（${p.statusChange.clause ?? ''}）`} span={2}>
              <span data-testid="status-change">{p.statusChange.on} {p.statusChange.reason}
                {p.statusChange.rectifyBy && <>；整改期限至 {p.statusChange.rectifyBy}</>}
                {p.statusChange.caseId && <>；决定案件 <Link to={`/cases/${p.statusChange.caseId}`}>{p.statusChange.caseNo}</Link></>}</span>
            </Descriptions.Item>
          )}
          {p.exemption && (
            <Descriptions.Item label="免责标注（YT-6.5）" span={2}>
              <span data-testid="exemption-mark"><Tag color="blue">免责</Tag>{p.exemption.on}
                {p.exemption.caseId ? <>，认定案件 <Link to={`/cases/${p.exemption.caseId}`}>{p.exemption.caseNo}</Link></> : '（无关联案件）'}</span>
            </Descriptions.Item>
          )}
          <Descriptions.Item label="计划层级">{PLAN_LEVEL_LABEL[p.planLevel as keyof typeof PLAN_LEVEL_LABEL]}（{p.jurisdictionName}立项）</Descriptions.Item>
          <Descriptions.Item label="资金来源">{FUNDING_SOURCE_LABEL[p.fundingSource as keyof typeof FUNDING_SOURCE_LABEL]}</Descriptions.Item>
          <Descriptions.Item label="资助经费">{Number(p.fundsGranted).toLocaleString('zh-CN')} 元</Descriptions.Item>
          <Descriptions.Item label="承担单位"><Link to={`/subjects/${p.undertakingUnitId}`}>{p.undertakingUnitName}</Link></Descriptions.Item>
          <Descriptions.Item label="项目负责人"><Link to={`/subjects/${p.leaderId}`}>{p.leaderName}</Link></Descriptions.Item>
          <Descriptions.Item label="推荐部门">{p.recommendingDepartmentName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="科技服务机构">{p.serviceAgencyName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="所属区划">{p.regionName}</Descriptions.Item>
          <Descriptions.Item label="执行期">{p.startDate} 至 {p.dueDate}</Descriptions.Item>
          <Descriptions.Item label="批准延期至">{p.extendedDueDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="应验收日期">{p.acceptanceDueDate}</Descriptions.Item>
          <Descriptions.Item label="验收申请日期">{p.acceptanceAppliedDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="验收/终止日期">{p.acceptedDate ?? p.terminatedDate ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="里程碑（YT-8 到期前预警）">
        <Table size="small" rowKey="id" pagination={false} dataSource={p.milestones}
          columns={[
            { title: '序号', dataIndex: 'seq' }, { title: '节点', dataIndex: 'name' }, { title: '计划完成', dataIndex: 'dueDate' },
            { title: '实际完成', dataIndex: 'completedDate', render: (v) => v ?? <Tag>未完成</Tag> },
            // YT-8: the same early-warning rule the sweep uses.
            { title: '预警', render: (_, m) => { const w = milestoneWarning(m.dueDate, m.completedDate, dayjs().format('YYYY-MM-DD')); return w === 'overdue' ? <Tag color="red">已逾期</Tag> : w === 'approaching' ? <Tag color="orange">即将到期</Tag> : null; } },
          ]} />
      </Card>
    </Space>
  );
}
