import { useState } from 'react';
import { App, Button, Input, Select, Space, Tag, TreeSelect } from 'antd';
import { useNavigate } from 'react-router';
import { SubjectForm } from '../components/SubjectForm';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, query, type Page, type Subject } from '../api';
import { ORGANIZATION_TYPE_LABEL } from '../labels';
import { regionTree, useRegions } from '../components/useRegions';
import { useListParams } from '../components/useListParams';
import { ListPage, withoutPaging } from '../components/ListPage';

const KIND_OPTIONS = [
  { value: 'undertaking_unit', label: '项目承担单位' },
  { value: 'recommending_department', label: '项目推荐部门' },
  { value: 'service_agency', label: '科技服务机构' },
  { value: 'person', label: '个人' },
  { value: 'expert', label: '评审专家' },
];

/** An ID number typed into the search box: searched through a request body and kept out of the address bar (issue 16 M4). */
const isIdNumber = (v: string | undefined) => !!v && /^\d{17}[\dXx]$/.test(v.trim());

export default function SubjectsPage() {
  const lp = useListParams();
  const [idQuery, setIdQuery] = useState<string | undefined>(undefined);
  const [creating, setCreating] = useState(false);
  const nav = useNavigate();
  const { message } = App.useApp();
  const { data: regions = [] } = useRegions();
  const category = lp.get('category');
  const params = {
    page: lp.page, pageSize: lp.pageSize, q: idQuery ?? lp.get('q'), regionCode: lp.get('regionCode'),
    kind: category === 'person' || category === 'expert' ? 'person' : category ? 'organization' : undefined,
    orgType: category && category !== 'person' && category !== 'expert' ? category : undefined,
    isExpert: category === 'expert' ? true : undefined,
  };
  const { data, isFetching } = useQuery({
    queryKey: ['subjects', params],
    queryFn: () => (idQuery
      ? api<Page<Subject>>('/api/subjects/search', { method: 'POST', json: Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) })
      : api<Page<Subject>>(`/api/subjects${query(params)}`)),
  });
  return (
    <ListPage<Subject> title="信用主体" lp={lp} data={data} loading={isFetching} rowKey="id"
      actions={data?.abilities?.create && <Button type="primary" onClick={() => setCreating(true)}>新增主体</Button>}
      exportHref={data?.abilities?.export && !idQuery && `/api/subjects/export.xlsx${query(withoutPaging(params))}`}
      filters={<>
        <Select allowClear placeholder="主体类别" style={{ width: 160 }} options={KIND_OPTIONS} value={category} onChange={(v) => lp.set({ category: v })} />
        <TreeSelect allowClear placeholder="所属区划" style={{ width: 220 }} treeData={regionTree(regions, true)} treeDefaultExpandAll value={lp.get('regionCode')} onChange={(v) => lp.set({ regionCode: v })} />
        <Input.Search allowClear placeholder="名称、信用代码或身份证号" style={{ width: 280 }} defaultValue={lp.get('q')} data-testid="subject-search"
          onSearch={(v) => { if (isIdNumber(v)) { setIdQuery(v.trim()); lp.set({ q: undefined }); } else { setIdQuery(undefined); lp.set({ q: v }); } }} />
      </>}
        columns={[
          { title: '名称/姓名', dataIndex: 'name', render: (v, r) => <Link to={`/subjects/${r.id}`}>{v}</Link> },
          { title: '类别', render: (_, r) => (r.kind === 'person' ? <Space>个人{r.isExpert && <Tag color="blue">专家</Tag>}</Space> : ORGANIZATION_TYPE_LABEL[r.orgType as keyof typeof ORGANIZATION_TYPE_LABEL]) },
          { title: '统一社会信用代码 / 身份证号', render: (_, r) => r.creditCode ?? r.idNumberMasked },
          { title: '工作单位', dataIndex: 'employerName' },
          { title: '所属区划', dataIndex: 'regionName' },
        ]}>
      <SubjectForm open={creating} onClose={() => setCreating(false)} onSaved={(s) => { setCreating(false); message.success('已保存'); nav(`/subjects/${s.id}`); }} />
    </ListPage>
  );
}
