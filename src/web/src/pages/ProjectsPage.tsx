import { useState } from 'react';
import { App, Button, Input, Select, Space, Switch, Tag, TreeSelect } from 'antd';
import { useNavigate } from 'react-router';
import { ProjectForm } from '../components/ProjectForm';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, query, type Page, type Project } from '../api';
import { PLAN_LEVEL_LABEL, PROJECT_STATUS_LABEL, STATUS_COLOR, options } from '../labels';
import { regionTree, useRegions } from '../components/useRegions';
import { useListParams } from '../components/useListParams';
import { ListPage, withoutPaging } from '../components/ListPage';

export default function ProjectsPage() {
  const lp = useListParams();
  const [creating, setCreating] = useState(false);
  const nav = useNavigate();
  const { message } = App.useApp();
  const { data: regions = [] } = useRegions();
  const params = {
    page: lp.page, pageSize: lp.pageSize, q: lp.get('q'), regionCode: lp.get('regionCode'), status: lp.getAll('status'),
    planLevel: lp.get('planLevel'), overdue: lp.get('overdue') === 'true' ? true : undefined, sort: lp.get('sort') ?? 'dueDate',
  };
  const { data, isFetching } = useQuery({ queryKey: ['projects', params], queryFn: () => api<Page<Project>>(`/api/projects${query(params)}`) });
  return (
    <ListPage<Project> title="科技项目" lp={lp} data={data} loading={isFetching} rowKey="id"
      actions={data?.abilities?.create && <Button type="primary" onClick={() => setCreating(true)}>新增项目</Button>}
      exportHref={data?.abilities?.export && `/api/projects/export.xlsx${query(withoutPaging(params))}`}
      filters={<>
        <TreeSelect data-testid="filter-region" allowClear placeholder="所属区划" style={{ width: 220 }} treeData={regionTree(regions, true)} treeDefaultExpandAll value={lp.get('regionCode')} onChange={(v) => lp.set({ regionCode: v })} />
        <Select data-testid="filter-status" mode="multiple" allowClear placeholder="项目状态" style={{ minWidth: 200 }} options={options(PROJECT_STATUS_LABEL)} value={params.status} onChange={(v) => lp.set({ status: v })} />
        <Select allowClear placeholder="计划层级" style={{ width: 120 }} options={options(PLAN_LEVEL_LABEL)} value={params.planLevel} onChange={(v) => lp.set({ planLevel: v })} />
        <Space>逾期未验收<Switch checked={!!params.overdue} onChange={(v) => lp.set({ overdue: v ? 'true' : undefined })} /></Space>
        <Input.Search allowClear placeholder="项目名称或编号" style={{ width: 240 }} defaultValue={lp.get('q')} onSearch={(v) => lp.set({ q: v })} />
      </>}
        columns={[
          { title: '项目编号', dataIndex: 'code', render: (v, r) => <Link to={`/projects/${r.id}`}>{v}</Link> },
          { title: '项目名称', dataIndex: 'name' },
          { title: '承担单位', dataIndex: 'undertakingUnitName' },
          { title: '负责人', dataIndex: 'leaderName' },
          { title: '所属区划', dataIndex: 'regionName' },
          { title: '层级', dataIndex: 'planLevel', render: (v: string) => PLAN_LEVEL_LABEL[v as keyof typeof PLAN_LEVEL_LABEL] },
          { title: '应验收日期', dataIndex: 'acceptanceDueDate', render: (v, r) => <Space>{v}{r.extendedDueDate && <Tag>已延期</Tag>}{r.overdue && <Tag color="red">逾期</Tag>}</Space> },
          { title: '状态', dataIndex: 'status', render: (v: string) => <Tag color={STATUS_COLOR[v]}>{PROJECT_STATUS_LABEL[v as keyof typeof PROJECT_STATUS_LABEL]}</Tag> },
          // YT-6.5: the exemption mark, its date and the case that decided it.
          { title: '免责标注', dataIndex: 'exemption', render: (_, r) => (r.exemption
            ? <Tag color="blue" title={`YT-6.5 免责标注 ${r.exemption.on}${r.exemption.caseNo ? `，认定案件 ${r.exemption.caseNo}` : ''}`} data-testid="exemption-tag">免责 {r.exemption.on}{r.exemption.caseNo ? ` · ${r.exemption.caseNo}` : ''}</Tag>
            : '') },
        ]}>
      {creating && <ProjectForm open onClose={() => setCreating(false)} onSaved={(p) => { setCreating(false); message.success('已保存'); nav(`/projects/${p.id}`); }} />}
    </ListPage>
  );
}
