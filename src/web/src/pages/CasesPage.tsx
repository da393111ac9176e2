import { useEffect, useRef, useState } from 'react';
import dayjs from 'dayjs';
import { App, Button, Card, Checkbox, DatePicker, Form, Input, Modal, Select, Space, Statistic, Table, Tag, Typography, type FormInstance } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { api, query, type Page, type Project } from '../api';
import { useAuth } from '../auth';
import { CIRCUMSTANCES, CIRCUMSTANCE_LABEL, CONDITIONS, CONDITION_LABEL } from '../../../core/procedure/tolerance-case';
import { showServerError } from '../components/formErrors';
import { useListParams } from '../components/useListParams';
import { PROCEDURES } from '../../../core/procedure/procedures';
import { SupervisionStart } from '../components/SupervisionStart';

interface CaseItem {
  id: string; procedure: string; title: string; caseNo: string; stateLabel: string; state: string; jurisdictionName: string; nextDue: string | null; overdue: boolean;
  projectCode: string | null; projectName: string | null; unitName: string | null; data: { failure?: string };
}
interface Stats {
  byState: Array<{ procedure: string; title: string; state: string; stateLabel: string; jurisdictionCode: string; jurisdictionName: string; count: number }>;
  clocks: Array<{ limitId: string; met: number; late: number; running: number; overdue: number }>;
}
const PROCEDURE_OPTIONS = [{ value: 'tolerance', label: '容错免责认定' }, { value: 'correction', label: '纠错' }, { value: 'failure_report', label: '失败分析报告' },
  { value: 'inspection', label: '政策落实情况督查' }, { value: 'midterm_check', label: '项目中期检查' }, { value: 'major_change', label: '重大事项变更报告' },
  { value: 'misconduct', label: '科研失信行为调查' }, { value: 'complaint', label: '投诉举报核查' }, { value: 'listing', label: '列入失信惩戒名单' }];

export default function CasesPage() {
  const { me } = useAuth();
  const nav = useNavigate();
  const lp = useListParams();
  const [mode, setMode] = useState<'apply' | 'exOfficio' | null>(null);
  const [inspecting, setInspecting] = useState(false);
  const filters = { procedure: lp.get('procedure'), state: lp.get('state'), overdue: lp.get('overdue'), page: lp.page, pageSize: lp.pageSize };
  // States of the chosen procedure, e.g. a unit administrator's review queue is 容错免责认定 · 单位审核中.
  const states = filters.procedure ? PROCEDURES[filters.procedure]?.states ?? [] : [];
  const { data, isFetching } = useQuery({ queryKey: ['cases', filters], queryFn: () => api<Page<CaseItem>>(`/api/cases${query(filters)}`) });
  const canApply = me?.role === 'researcher' || me?.role === 'unit_admin';
  const canOpen = me?.role === 'business_officer' || me?.role === 'county_officer';
  const staff = !!me && !['researcher', 'unit_admin', 'expert'].includes(me.role);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {staff && <CaseStats />}
      <Card title="案件办理（云科规〔2023〕1号）" extra={<Space>
        {canApply && <Button type="primary" onClick={() => setMode('apply')}>申请容错免责</Button>}
        {canOpen && <Button onClick={() => setMode('exOfficio')}>依职权启动</Button>}
        {canOpen && <Button onClick={() => setInspecting(true)}>开展督查</Button>}
        {canOpen && <Button href="/api/exports/exemption-marks?format=xlsx">导出免责标注（Excel）</Button>}
        {canOpen && <Button href="/api/exports/exemption-marks?format=json">导出免责标注（JSON）</Button>}
        {me?.role === 'business_officer' && <Button href="/api/exports/credit-list?format=json">报送失信惩戒名单（JSON）</Button>}
      </Space>}>
        <Space style={{ marginBottom: 12 }} wrap>
          <Select allowClear placeholder="程序" style={{ width: 180 }} value={filters.procedure} options={PROCEDURE_OPTIONS} onChange={(v) => lp.set({ procedure: v, state: undefined })} data-testid="filter-procedure" />
          <Select allowClear placeholder="状态" style={{ width: 180 }} value={filters.state} disabled={!filters.procedure} options={states.map((x) => ({ value: x.id, label: x.label }))} onChange={(v) => lp.set({ state: v })} />
          <Checkbox checked={filters.overdue === 'true'} onChange={(e) => lp.set({ overdue: e.target.checked ? 'true' : undefined })}>只看已逾期</Checkbox>
        </Space>
        <Table<CaseItem> rowKey="id" size="small" loading={isFetching} dataSource={data?.items}
          rowClassName={(c) => (c.overdue ? 'row-overdue' : '')}
          pagination={{ current: lp.page, pageSize: lp.pageSize, total: data?.total, showTotal: (n) => (data?.totalCapped ? `超过 ${n.toLocaleString('zh-CN')} 件，请按区划或阶段筛选` : `共 ${n} 件`), onChange: (page, pageSize) => lp.set({ page: String(page), pageSize: String(pageSize) }, false) }}
          columns={[
            { title: '案件', render: (_, c) => <Link to={`/cases/${c.id}`}>{c.title} {c.caseNo}</Link> },
            { title: '项目', render: (_, c) => (c.projectCode ? `${c.projectCode} ${c.projectName}` : '—') },
            { title: '承担单位', dataIndex: 'unitName' },
            { title: '状态', dataIndex: 'stateLabel', render: (v) => <Tag>{v}</Tag> },
            { title: '办理机关', dataIndex: 'jurisdictionName' },
            { title: '最近到期', dataIndex: 'nextDue', render: (d: string | null, c) => d ? <span style={{ color: c.overdue ? '#cf1322' : undefined }} data-overdue={c.overdue}>{d}{c.overdue ? '（已逾期）' : ''}</span> : '—' },
          ]} />
        {inspecting && <SupervisionStart kind="inspection" onClose={() => setInspecting(false)} />}
        {mode && <ApplyForm exOfficio={mode === 'exOfficio'} onClose={() => setMode(null)} onSaved={(id) => nav(`/cases/${id}`)} />}
      </Card>
    </Space>
  );
}

function CaseStats() {
  const { data } = useQuery({ queryKey: ['case-stats'], queryFn: () => api<Stats>('/api/cases/stats') });
  if (!data) return null;
  const byStage = new Map<string, number>();
  for (const r of data.byState) byStage.set(`${r.title}·${r.stateLabel}`, (byStage.get(`${r.title}·${r.stateLabel}`) ?? 0) + r.count);
  // Cases by region and procedure (open = not in a terminal state).
  const byRegion = new Map<string, Record<string, number | string>>();
  for (const r of data.byState) {
    const row = byRegion.get(r.jurisdictionName) ?? { region: r.jurisdictionName, total: 0 };
    row[r.procedure] = (Number(row[r.procedure] ?? 0)) + r.count;
    row.total = Number(row.total) + r.count;
    byRegion.set(r.jurisdictionName, row);
  }
  const procedures = [...new Set(data.byState.map((r) => r.procedure))];
  const titleOf = Object.fromEntries(data.byState.map((r) => [r.procedure, r.title]));
  // YT-11 roll-up: failure-analysis reports by the region that handled them.
  const reports = new Map<string, Record<string, number | string>>();
  for (const r of data.byState.filter((x) => x.procedure === 'failure_report')) {
    const row = reports.get(r.jurisdictionCode) ?? { region: r.jurisdictionName };
    row[r.state] = r.count;
    reports.set(r.jurisdictionCode, row);
  }
  return (
    <Card title="办理情况" size="small">
      <Space wrap size="large">
        {[...byStage].map(([k, n]) => <Statistic key={k} title={k} value={n} />)}
      </Space>
      <Table size="small" rowKey="limitId" pagination={false} style={{ marginTop: 12 }} dataSource={data.clocks} columns={[
        { title: '时限', dataIndex: 'limitId' }, { title: '按期办结', dataIndex: 'met' }, { title: '逾期办结', dataIndex: 'late' },
        { title: '计时中', dataIndex: 'running' }, { title: '已逾期未办', dataIndex: 'overdue', render: (n: number) => <span style={{ color: n ? '#cf1322' : undefined }}>{n}</span> },
      ]} />
      <Table size="small" rowKey="region" pagination={false} style={{ marginTop: 12 }} title={() => '按地区'} dataSource={[...byRegion.values()]} columns={[
        { title: '地区', dataIndex: 'region' }, ...procedures.map((p) => ({ title: titleOf[p], dataIndex: p, render: (v: number | undefined) => v ?? 0 })), { title: '合计', dataIndex: 'total' },
      ]} />
      {reports.size > 0 && <Table size="small" rowKey="region" pagination={false} style={{ marginTop: 12 }} title={() => '失败分析报告（YT-11）按地区'} dataSource={[...reports.values()]} columns={[
        { title: '地区', dataIndex: 'region' }, { title: '待提交', dataIndex: 'due' }, { title: '待汇总报送', dataIndex: 'submitted' },
        { title: '已报送', dataIndex: 'forwarded' }, { title: '已评估', dataIndex: 'assessed' },
      ]} />}
    </Card>
  );
}

/** The application form keeps a draft in this browser as it is typed, so a closed tab or a lost connection loses nothing. */
function useAutosave(form: FormInstance, key: string | null) {
  const [savedAt, setSavedAt] = useState<string | null>(null);
  useEffect(() => {
    if (!key) return;
    const raw = localStorage.getItem(key);
    if (!raw) return;
    try {
      const { accountabilityStartedOn, ...rest } = JSON.parse(raw);
      form.setFieldsValue({ ...rest, accountabilityStartedOn: accountabilityStartedOn ? dayjs(accountabilityStartedOn) : undefined });
      setSavedAt('已恢复上次未提交的草稿');
    } catch { localStorage.removeItem(key); }
  }, [form, key]);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const onValuesChange = () => {
    if (!key) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const v = form.getFieldsValue(true);
      localStorage.setItem(key, JSON.stringify({ ...v, accountabilityStartedOn: v.accountabilityStartedOn ? v.accountabilityStartedOn.format('YYYY-MM-DD') : null }));
      setSavedAt(`草稿已自动保存（${dayjs().format('HH:mm:ss')}）`);
    }, 800);
  };
  return { savedAt, onValuesChange, clear: () => { clearTimeout(timer.current); if (key) localStorage.removeItem(key); } };
}

function ApplyForm({ exOfficio, onClose, onSaved }: { exOfficio: boolean; onClose: () => void; onSaved: (id: string) => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const { me } = useAuth();
  const draft = useAutosave(form, me ? `kexin.draft.${exOfficio ? 'exofficio' : 'tolerance'}.${me.id}` : null);
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
      draft.clear();
      onSaved(c.id);
    } catch (e) {
      showServerError(form, e, message.error);
    }
  };
  return (
    <Modal open width={760} title={exOfficio ? '依职权启动容错免责程序（YT-6.2）' : '申请容错免责（YT-6.1）'} onCancel={onClose} onOk={submit} okText="保存">
      <Form form={form} layout="vertical" onValuesChange={draft.onValuesChange}>
        {draft.savedAt && <Typography.Text type="secondary" data-testid="draft-status">{draft.savedAt}</Typography.Text>}
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
