import { useState } from 'react';
import { App, Button, Card, Checkbox, DatePicker, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { api, query, type Page, type Project } from '../api';
import { useAuth } from '../auth';
import { CIRCUMSTANCES, CIRCUMSTANCE_LABEL, CONDITIONS, CONDITION_LABEL } from '../../../core/procedure/tolerance-case';
import { showServerError } from '../components/formErrors';

interface CaseItem { id: string; title: string; stateLabel: string; state: string; jurisdictionName: string; nextDue: string | null; data: { failure: string } }

export default function CasesPage() {
  const { me } = useAuth();
  const nav = useNavigate();
  const [mode, setMode] = useState<'apply' | 'exOfficio' | null>(null);
  const { data, isFetching } = useQuery({ queryKey: ['cases'], queryFn: () => api<{ items: CaseItem[] }>('/api/cases') });
  const today = new Date().toISOString().slice(0, 10);
  const canApply = me?.role === 'researcher' || me?.role === 'unit_admin';
  const canOpen = me?.role === 'business_officer' || me?.role === 'county_officer';
  return (
    <Card title="容错免责（云科规〔2023〕1号）" extra={<Space>
      {canApply && <Button type="primary" onClick={() => setMode('apply')}>申请容错免责</Button>}
      {canOpen && <Button onClick={() => setMode('exOfficio')}>依职权启动</Button>}
    </Space>}>
      <Table<CaseItem> rowKey="id" size="small" loading={isFetching} dataSource={data?.items} pagination={false}
        columns={[
          { title: '案件', render: (_, c) => <Link to={`/cases/${c.id}`}>{c.data.failure}</Link> },
          { title: '状态', dataIndex: 'stateLabel', render: (v) => <Tag>{v}</Tag> },
          { title: '办理机关', dataIndex: 'jurisdictionName' },
          { title: '最近到期', dataIndex: 'nextDue', render: (d: string | null) => d ? <span style={{ color: d < today ? '#cf1322' : undefined }}>{d}{d < today ? '（已逾期）' : ''}</span> : '—' },
        ]} />
      {mode && <ApplyForm exOfficio={mode === 'exOfficio'} onClose={() => setMode(null)} onSaved={(id) => nav(`/cases/${id}`)} />}
    </Card>
  );
}

function ApplyForm({ exOfficio, onClose, onSaved }: { exOfficio: boolean; onClose: () => void; onSaved: (id: string) => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const projects = useQuery({ queryKey: ['my-projects'], queryFn: () => api<Page<Project>>(`/api/projects${query({ pageSize: 100, sort: '-startDate' })}`) });
  const chosen: string[] = Form.useWatch('chosen', form) ?? [];
  const submit = async () => {
    const v = await form.validateFields();
    const conditions = Object.fromEntries(chosen.map((k) => [k, v[`evidence_${k}`]]));
    try {
      const c = await api<{ id: string }>('/api/cases/tolerance', { method: 'POST', json: {
        projectId: v.projectId, failure: v.failure, conditions, circumstances: v.circumstances ?? [],
        accountabilityStartedOn: v.accountabilityStartedOn ? v.accountabilityStartedOn.format('YYYY-MM-DD') : null, exOfficio,
      } });
      onSaved(c.id);
    } catch (e) {
      showServerError(form, e, message.error);
    }
  };
  return (
    <Modal open width={760} title={exOfficio ? '依职权启动容错免责程序（YT-6.2）' : '申请容错免责（YT-6.1）'} onCancel={onClose} onOk={submit} okText="保存">
      <Form form={form} layout="vertical">
        <Form.Item label="项目" name="projectId" rules={[{ required: true, message: '请选择项目' }]}>
          <Select showSearch optionFilterProp="label" options={(projects.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))} />
        </Form.Item>
        <Form.Item label="失败或未达预期的情况" name="failure" rules={[{ required: true, message: '请说明情况' }]}><Input.TextArea rows={3} /></Form.Item>
        <Form.Item label="符合的容错条件（YT-4，逐项附证据）" name="chosen">
          <Checkbox.Group options={CONDITIONS.map((k) => ({ value: k, label: `${k} ${CONDITION_LABEL[k]}` }))} style={{ display: 'grid' }} />
        </Form.Item>
        {chosen.map((k) => (
          <Form.Item key={k} label={`${k} 的证据`} name={`evidence_${k}`} rules={[{ required: true, message: '请说明证据' }]}><Input.TextArea rows={2} /></Form.Item>
        ))}
        <Form.Item label="适用的免责情形（YT-5）" name="circumstances">
          <Select mode="multiple" options={CIRCUMSTANCES.map((k) => ({ value: k, label: `${k} ${CIRCUMSTANCE_LABEL[k]}` }))} />
        </Form.Item>
        <Form.Item label="追责程序启动日（如已启动；据此计算 YT-6.1 的 20 个工作日）" name="accountabilityStartedOn"><DatePicker /></Form.Item>
      </Form>
    </Modal>
  );
}
