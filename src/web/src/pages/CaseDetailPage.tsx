import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, DatePicker, Descriptions, Form, Input, Modal, Select, Space, Table, Tag, Timeline, Typography, Upload } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import dayjs from 'dayjs';
import { api, ApiError } from '../api';
import { useAuth } from '../auth';
import { CIRCUMSTANCE_LABEL, CONDITION_LABEL, INVESTIGATION_MATERIALS, MATERIALS, OUTCOME_LABEL, materialRefusal } from '../../../core/procedure/tolerance-case';
import { ESCALATION_LABEL, overdueItems, type CorrectionCaseData } from '../../../core/procedure/correction-case';
import { SCIENTIFIC_VALUE_LABEL } from '../../../core/procedure/failure-report';
import { CHANGE_KIND_LABEL } from '../../../core/procedure/supervision';
import { MEASURE_LABEL, SEVERITY_FACTOR_LABEL, SEVERITY_LABEL } from '../../../core/sanctions/sanctions';
import { ClockDrawer } from '../components/ClockDrawer';
import { useStartCase } from '../components/useStartCase';
import { SubjectSelect } from '../components/SubjectSelect';
import { showServerError } from '../components/formErrors';
import { fieldName, fieldsFor, stepInput, type StepField } from '../components/stepFields';

interface FileInfo { id: string; kind: string; kindLabel?: string; fileName: string; sizeBytes: number; sm3: string; createdAt: string; uploadedBy: string; clause: string | null }
interface Obligation { id: string; kind: string; clause: string; description: string; status: 'open' | 'fulfilled' | 'waived'; amountYuan: string | null; settledOn: string | null; settlementNote: string | null; version: number }
interface CaseDetail {
  id: string; procedure: string; title: string; caseNo: string; state: string; stateLabel: string; version: number; jurisdictionName: string; projectId: string | null;
  data: Record<string, any>;
  steps: Array<{ id: string; label: string; clause: string }>;
  timeline: Array<{ seq: number; step: string; label: string; clause: string; to: string; on: string; at: string; by: string; input: Record<string, unknown> }>;
  clocks: Array<{ id: string; limitId: string; title: string; startDate: string; dueDate: string; provisional: boolean; derivation: string; status: string; stoppedDate: string | null }>;
  materials: FileInfo[]; documents: FileInfo[]; documentsAvailable: Array<{ kind: string; title: string }>;
  related: Array<{ id: string; relation: 'parent' | 'child'; title: string; stateLabel: string }>;
  obligations: Obligation[];
  /** The declaration's facts in order (shown for procedures without a page of their own). */
  facts?: Array<{ label: string; clause: string | null; value: string }>;
  recordCorrections?: Array<{ subject: string; label: string; from: string; to: string; on: string; reason: string; clause: string }>;
}

/** Procedures whose facts this page lays out by hand; any other is shown from its declaration's facts. */
const OWN_LAYOUT = ['tolerance', 'correction', 'failure_report', 'inspection', 'midterm_check', 'major_change', 'listing', 'misconduct'];

const today = () => dayjs().format('YYYY-MM-DD');
const OBLIGATION_STATUS = { open: ['待履行', 'orange'], fulfilled: ['已履行', 'green'], waived: ['已免除', 'default'] } as const;

export default function CaseDetailPage() {
  const { id } = useParams();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [step, setStep] = useState<{ id: string; label: string; clause: string } | null>(null);
  const [clockId, setClockId] = useState<string | null>(null);
  const { me } = useAuth();
  const [form] = Form.useForm();
  const { data: c, error } = useQuery({ queryKey: ['case', id], queryFn: () => api<CaseDetail>(`/api/cases/${id}`) });
  const refresh = () => qc.invalidateQueries({ queryKey: ['case', id] });
  if (error) return <Card>{error instanceof ApiError ? error.message : '加载失败'}</Card>;
  if (!c) return <Card loading />;
  const fields = step ? fieldsFor(c.procedure, step.id) : [];
  const take = async () => {
    const v = await form.validateFields();
    try {
      await api(`/api/cases/${c.id}/steps/${step!.id}`, { method: 'POST', json: { version: c.version, ...stepInput(fields, v) } });
      setStep(null);
      form.resetFields();
      message.success(`已${step!.label}`);
      await refresh();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') { message.error(e.message); setStep(null); await refresh(); return; }
      showServerError(form, e, message.error);
    }
  };
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={<span data-testid="case-title">{c.title}{c.data.failure ? `：${c.data.failure}` : ''}</span>} extra={<Space wrap>
        {c.steps.map((s) => <Button key={s.id} type={['accept', 'decide', 'send_notice', 'close'].includes(s.id) ? 'primary' : 'default'} danger={['refer_misconduct', 'escalate'].includes(s.id)}
          onClick={() => { form.resetFields(); setStep(s); }}>{s.label}</Button>)}
        <Link to="/cases">返回</Link>
      </Space>}>
        <Descriptions bordered size="small" column={2}>
          <Descriptions.Item label="状态"><Tag color="blue" data-testid="case-state">{c.stateLabel}</Tag></Descriptions.Item>
          <Descriptions.Item label="案件编号">{c.caseNo}</Descriptions.Item>
          <Descriptions.Item label="办理机关">{c.jurisdictionName}</Descriptions.Item>
          <Descriptions.Item label="项目">{c.projectId ? <Link to={`/projects/${c.projectId}`}>查看项目</Link> : '—'}</Descriptions.Item>
          {c.related.map((r) => <Descriptions.Item key={r.id} label={r.relation === 'parent' ? '来源案件' : '后续案件'}><Link to={`/cases/${r.id}`}>{r.title}</Link> <Tag>{r.stateLabel}</Tag></Descriptions.Item>)}
        </Descriptions>
        {c.procedure === 'tolerance' && <ToleranceFacts c={c} />}
        {c.procedure === 'correction' && <CorrectionFacts d={c.data as CorrectionCaseData} />}
        {c.procedure === 'failure_report' && <Descriptions bordered size="small" column={1} style={{ marginTop: 12 }}>
          <Descriptions.Item label="年度">{c.data.year}</Descriptions.Item>
          {c.data.report && <Descriptions.Item label="失败原因分析">{c.data.report.causes}</Descriptions.Item>}
          {c.data.report && <Descriptions.Item label="经验教训">{c.data.report.lessons}</Descriptions.Item>}
          {c.data.report?.findings && <Descriptions.Item label="阶段性认识或数据">{c.data.report.findings}</Descriptions.Item>}
          {c.data.assessment && <Descriptions.Item label="省厅评估">{SCIENTIFIC_VALUE_LABEL[c.data.assessment.value as keyof typeof SCIENTIFIC_VALUE_LABEL]}：{c.data.assessment.opinion}</Descriptions.Item>}
        </Descriptions>}
        {['inspection', 'midterm_check', 'major_change'].includes(c.procedure) && <SupervisionFacts d={c.data} />}
        {c.procedure === 'listing' && <Descriptions bordered size="small" column={1} style={{ marginTop: 12 }}>
          <Descriptions.Item label="列入依据（CI-27）">{c.data.grounds} <Link to={`/cases/${c.data.misconductCaseId}`}>处理决定</Link></Descriptions.Item>
          {c.data.objection && <Descriptions.Item label="异议">{c.data.objection.statement}</Descriptions.Item>}
          {c.data.review && <Descriptions.Item label="异议审查">{c.data.review.upheld ? '异议成立' : '异议不成立'}：{c.data.review.opinion}{c.data.review.correction ? `；更正：${c.data.review.correction}` : ''}</Descriptions.Item>}
          {c.data.meeting && <Descriptions.Item label="局办公会">{c.data.meeting.date} {c.data.meeting.approved ? '同意列入' : '不同意列入'}：{c.data.meeting.minutes}</Descriptions.Item>}
        </Descriptions>}
        {c.procedure === 'misconduct' && c.state === 'decided' && me?.role === 'business_officer' && <ProposeListing c={c} />}
        {c.procedure === 'misconduct' && <Descriptions bordered size="small" column={1} style={{ marginTop: 12 }}>
          <Descriptions.Item label="来源">{({ tolerance_referral: '容错免责申请移送（YT-14、X-2）', complaint: '投诉举报', audit: '审计', spot_check: '抽查' } as Record<string, string>)[c.data.source] ?? c.data.source}</Descriptions.Item>
          <Descriptions.Item label="线索">{c.data.grounds}</Descriptions.Item>
          {c.data.factors && <Descriptions.Item label="情节因素（CI-24）">{Object.entries(c.data.factors).map(([k, v]) => <div key={k}>{SEVERITY_FACTOR_LABEL[k as keyof typeof SEVERITY_FACTOR_LABEL]}：{String(v)}</div>)}</Descriptions.Item>}
          {c.data.decision && <Descriptions.Item label="处理决定（CI-25）">
            {SEVERITY_LABEL[c.data.decision.severity as keyof typeof SEVERITY_LABEL]}；{c.data.decision.measures.map((m: string) => MEASURE_LABEL[m as keyof typeof MEASURE_LABEL]).join('、')}
            {c.data.decision.banYears ? `；取消申报资格 ${c.data.decision.banYears === 'life' ? '永久' : `${c.data.decision.banYears} 年`}` : ''}{c.data.decision.publicDisclosure ? '；向社会公布' : ''}
            <div><Typography.Text type="secondary">{c.data.decision.policyReason}</Typography.Text></div>
          </Descriptions.Item>}
        </Descriptions>}
        {!OWN_LAYOUT.includes(c.procedure) && (c.facts?.length ?? 0) > 0 && <Descriptions bordered size="small" column={1} style={{ marginTop: 12 }} data-testid="case-facts">
          {c.facts!.map((f) => <Descriptions.Item key={f.label} label={f.clause ? `${f.label}（${f.clause}）` : f.label}><span style={{ whiteSpace: 'pre-wrap' }}>{f.value}</span></Descriptions.Item>)}
        </Descriptions>}
      </Card>
      {(c.recordCorrections?.length ?? 0) > 0 && <Card title="处理记录的更正（CI-27：经核查属实的，及时更正）" data-testid="record-corrections">
        <Table size="small" rowKey={(k) => `${k.subject}${k.label}${k.on}`} pagination={false} dataSource={c.recordCorrections}
          columns={[{ title: '主体', dataIndex: 'subject' }, { title: '更正事项', dataIndex: 'label' }, { title: '原记录', dataIndex: 'from' }, { title: '更正为', dataIndex: 'to' },
            { title: '更正日期', dataIndex: 'on' }, { title: '理由', dataIndex: 'reason' }]} />
      </Card>}
      {c.procedure === 'tolerance' && <Materials c={c} onChange={refresh} />}
      <Documents c={c} onChange={refresh} />
      {c.obligations.length > 0 && <Obligations items={c.obligations} onChange={refresh} />}
      <Card title="办理时限" extra={<Typography.Text type="secondary">点事项可暂停（专家评估、听证）、恢复或由领导批准延长</Typography.Text>}>
        <Table size="small" rowKey="id" pagination={false} dataSource={c.clocks}
          expandable={{ expandedRowRender: (k) => <Typography.Text>{k.derivation}</Typography.Text> }}
          columns={[{ title: '依据', dataIndex: 'limitId' }, { title: '事项', dataIndex: 'title', render: (v: string, k) => <a onClick={() => setClockId(k.id)}>{v}</a> }, { title: '起算', dataIndex: 'startDate' },
            { title: '到期日', dataIndex: 'dueDate', render: (d: string, k) => <Space>{d}{k.provisional && <Tag color="orange">暂定</Tag>}</Space> },
            { title: '状态', render: (_, k) => (k.status === 'stopped' ? `已办结（${k.stoppedDate}）${k.stoppedDate! > k.dueDate ? '，逾期' : ''}` : k.dueDate < today() ? <Tag color="red">已逾期</Tag> : k.status === 'paused' ? '暂停中' : '计时中') }]} />
        {clockId && <ClockDrawer id={clockId} onClose={() => setClockId(null)} onChanged={refresh} />}
      </Card>
      <Card title="办理经过">
        <Timeline items={c.timeline.map((e) => ({ children: <span>{e.on} {e.by}：{e.label}（{e.clause}）{['opinion', 'reason', 'statement', 'reasons'].map((k) => e.input[k]).filter(Boolean).join('；')}</span> }))} />
      </Card>
      <Modal open={!!step} title={step ? `${step.label}（${step.clause}）` : ''} onCancel={() => setStep(null)} onOk={take} okText="确认" width={fields.length > 3 ? 720 : 520}>
        <Form form={form} layout="vertical">
          {fields.map((f) => <StepFieldInput key={f.path} f={f} data={c.data} />)}
          {fields.length === 0 && <Typography.Text>确认{step?.label}？</Typography.Text>}
        </Form>
      </Modal>
    </Space>
  );
}

function StepFieldInput({ f, data }: { f: StepField; data: Record<string, any> }) {
  const rules = f.required ? [{ required: true, message: `请填写${f.label}` }] : [];
  const name = fieldName(f.path);
  const plan = (data as CorrectionCaseData).plan;
  if (f.type === 'banYears') {
    return <Form.Item label={f.label} name={name}><Select allowClear placeholder="不取消资格" options={[...Array.from({ length: 10 }, (_, k) => ({ value: k + 1, label: `${k + 1} 年` })), { value: 'life', label: '永久' }]} /></Form.Item>;
  }
  if (f.type === 'responsible') {
    if (data.subjectKind !== 'organization') return null;
    return (
      <Form.List name={name} initialValue={[{ role: 'legal_representative' }]}>
        {(rows, { add, remove }) => (
          <>
            <Typography.Text>{f.label}</Typography.Text>
            {rows.map((r) => (
              <Space key={r.key} align="start" wrap style={{ display: 'flex' }}>
                <Form.Item name={[r.name, 'role']} rules={[{ required: true, message: '请选择' }]}>
                  <Select style={{ width: 140 }} options={[{ value: 'legal_representative', label: '法定代表人' }, { value: 'principal', label: '主要负责人' }, { value: 'actual_controller', label: '实际控制人' }]} />
                </Form.Item>
                <Form.Item name={[r.name, 'personId']} rules={[{ required: true, message: '请选择人员' }]}><SubjectSelect kind="person" style={{ width: 260 }} /></Form.Item>
                <Button type="link" onClick={() => remove(r.name)}>删除</Button>
              </Space>
            ))}
            <Button onClick={() => add({ role: 'actual_controller' })} style={{ marginBottom: 12 }}>增加责任人</Button>
          </>
        )}
      </Form.List>
    );
  }
  if (f.type === 'conditionFindings') {
    return (
      <>
        {Object.keys(data.conditions ?? {}).map((k) => (
          <Space key={k} align="start" wrap>
            <Form.Item label={`${k} ${CONDITION_LABEL[k as keyof typeof CONDITION_LABEL]}`} name={[...name, k, 'met']} rules={[{ required: true, message: '请选择' }]}>
              <Select style={{ width: 120 }} options={[{ value: true, label: '符合' }, { value: false, label: '不符合' }]} />
            </Form.Item>
            <Form.Item label="核实依据" name={[...name, k, 'basis']} rules={[{ required: true, message: '请填写' }]}><Input style={{ width: 320 }} /></Form.Item>
          </Space>
        ))}
      </>
    );
  }
  if (f.type === 'check') return <Form.Item name={name} valuePropName="checked"><Checkbox>{f.label}</Checkbox></Form.Item>;
  if (f.type === 'items') {
    return (
      <Form.List name={name} initialValue={[{}]}>
        {(rows, { add, remove }) => (
          <>
            {rows.map((r) => (
              <Space key={r.key} align="start" wrap>
                <Form.Item name={[r.name, 'item']} label="整改内容" rules={[{ required: true, message: '请填写' }]}><Input style={{ width: 220 }} /></Form.Item>
                <Form.Item name={[r.name, 'dueDate']} label="期限" rules={[{ required: true, message: '请选择' }]}><DatePicker /></Form.Item>
                <Form.Item name={[r.name, 'verification']} label="验证方式" rules={[{ required: true, message: '请填写' }]}><Input style={{ width: 160 }} /></Form.Item>
                {rows.length > 1 && <Button type="link" onClick={() => remove(r.name)} style={{ marginTop: 30 }}>删除</Button>}
              </Space>
            ))}
            <Button onClick={() => add({})}>增加一项</Button>
          </>
        )}
      </Form.List>
    );
  }
  const input = f.type === 'textarea' ? <Input.TextArea rows={3} />
    : f.type === 'date' ? <DatePicker />
      : f.type === 'select' ? <Select options={f.options} />
        : f.type === 'multi' ? <Select mode="multiple" options={f.options} />
          : f.type === 'planItem' ? <Select options={(plan ?? []).map((x, i) => ({ value: i, label: `${i + 1}．${x.item}${x.verifiedOn ? '（已验证）' : ''}`, disabled: !!x.verifiedOn }))} />
            : <Input />;
  return <Form.Item label={f.label} name={name} rules={rules} initialValue={f.type === 'date' ? dayjs() : f.path === 'deliberation.method' ? 'consensus' : undefined}>{input}</Form.Item>;
}

function ToleranceFacts({ c }: { c: CaseDetail }) {
  const d = c.data;
  const submittedOn = c.timeline.find((e) => e.to === 'submitted')?.on;
  const late = d.window && submittedOn && submittedOn > d.window.dueDate;
  return (
    <>
      {late && <Alert type="warning" showIcon style={{ marginTop: 12 }} title={`申请晚于 YT-6.1 的期限 ${d.window.dueDate}（报送于 ${submittedOn}），请承办人员审查`} description={d.window.derivation} />}
      <Descriptions bordered size="small" column={1} style={{ marginTop: 12 }}>
        <Descriptions.Item label="启动方式">{d.exOfficio ? '依职权启动（YT-6.2）' : '申请（YT-6.1）'}</Descriptions.Item>
        <Descriptions.Item label="容错条件（YT-4）">{Object.entries(d.conditions ?? {}).map(([k, v]) => <div key={k}><Tag>{k}</Tag>{CONDITION_LABEL[k as keyof typeof CONDITION_LABEL]}：{String(v)}</div>)}</Descriptions.Item>
        <Descriptions.Item label="免责情形（YT-5）">{(d.circumstances ?? []).map((k: string) => <Tag key={k}>{k} {CIRCUMSTANCE_LABEL[k as keyof typeof CIRCUMSTANCE_LABEL]}</Tag>)}</Descriptions.Item>
        {d.decision && <Descriptions.Item label="认定结果（YT-6.4）">{OUTCOME_LABEL[d.decision.outcome as keyof typeof OUTCOME_LABEL]}：{d.decision.reasons}</Descriptions.Item>}
        {d.findings && <Descriptions.Item label="逐项核实（YT-6.3）">{Object.entries(d.findings).map(([k, v]: [string, any]) => <div key={k}><Tag color={v.met ? 'green' : 'red'}>{k} {v.met ? '符合' : '不符合'}</Tag>{v.basis}</div>)}</Descriptions.Item>}
        {d.expertGroup && <Descriptions.Item label="专家组意见（YT-6.3）">{d.expertGroup.members.join('、')}：{d.expertGroup.opinion}</Descriptions.Item>}
        {d.copiedTo && <Descriptions.Item label="抄送（YT-6.4）">{d.copiedTo.on} 抄送 {d.copiedTo.organisation}、{d.copiedTo.personnel}</Descriptions.Item>}
        {d.refusalReason && <Descriptions.Item label="不予受理理由">{d.refusalReason}</Descriptions.Item>}
        {d.referralReason && <Descriptions.Item label="移送失信处理理由（YT-14）">{d.referralReason}</Descriptions.Item>}
      </Descriptions>
    </>
  );
}

/** CI-27: from a decided misconduct case, a business section proposes the sanctioned subject for the list. */
function ProposeListing({ c }: { c: CaseDetail }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const start = useStartCase(form);
  const submit = () => start('/api/cases/listing', (v) => ({ subjectId: c.data.subjectId, misconductCaseId: c.id, grounds: v.grounds }));
  return (
    <>
      <Button style={{ marginTop: 12 }} onClick={() => setOpen(true)}>提出拟列入失信惩戒名单（CI-27）</Button>
      <Modal open={open} title="提出拟列入名单及依据" onCancel={() => setOpen(false)} onOk={submit} okText="提出">
        <Form form={form} layout="vertical"><Form.Item label="列入依据" name="grounds" rules={[{ required: true, min: 5, message: '请写明依据' }]}><Input.TextArea rows={3} /></Form.Item></Form>
      </Modal>
    </>
  );
}

function PlanTable({ d }: { d: Pick<CorrectionCaseData, 'plan'> }) {
  const overdue = new Set(overdueItems(d, today()));
  return (
    <Table size="small" pagination={false} rowKey="item" dataSource={d.plan} columns={[
      { title: '内容', dataIndex: 'item' }, { title: '期限', dataIndex: 'dueDate' }, { title: '验证方式', dataIndex: 'verification' },
      { title: '状态', render: (_, x, i) => (x.verifiedOn ? `已验证（${x.verifiedOn}）` : overdue.has(i) ? <Tag color="red">逾期未整改</Tag> : '整改中') }]} />
  );
}

function SupervisionFacts({ d }: { d: Record<string, any> }) {
  return (
    <Descriptions bordered size="small" column={1} style={{ marginTop: 12 }}>
      {d.target && <Descriptions.Item label="督查对象（YT-7）">{d.target}</Descriptions.Item>}
      {d.scope && <Descriptions.Item label="督查内容">{d.scope}</Descriptions.Item>}
      {d.issues && <Descriptions.Item label="发现的问题">{d.issues.found}；整改要求：{d.issues.requirements}</Descriptions.Item>}
      {d.kind && <Descriptions.Item label="变更事项（YT-8）">{CHANGE_KIND_LABEL[d.kind as keyof typeof CHANGE_KIND_LABEL]}{d.requestedDueDate ? `，延长至 ${d.requestedDueDate}` : ''}</Descriptions.Item>}
      {d.description && <Descriptions.Item label="变更内容和理由">{d.description}</Descriptions.Item>}
      {d.selfAssessment && <Descriptions.Item label="单位自查（YT-8）">进展：{d.selfAssessment.progress}；经费：{d.selfAssessment.funds}{d.selfAssessment.problems ? `；问题：${d.selfAssessment.problems}` : ''}</Descriptions.Item>}
      {d.decision && <Descriptions.Item label="审核意见">{d.decision.approved ? '同意' : '不同意'}：{d.decision.opinion}</Descriptions.Item>}
      {d.conclusion && <Descriptions.Item label="结论">{typeof d.conclusion === 'string' ? d.conclusion : d.conclusion.opinion}</Descriptions.Item>}
      {d.plan && <Descriptions.Item label="整改事项"><PlanTable d={d} /></Descriptions.Item>}
      {d.escalation && <Descriptions.Item label="升级处理">{ESCALATION_LABEL[d.escalation.ground as keyof typeof ESCALATION_LABEL]}：{d.escalation.reason}</Descriptions.Item>}
    </Descriptions>
  );
}

function CorrectionFacts({ d }: { d: CorrectionCaseData }) {
  return (
    <Descriptions bordered size="small" column={1} style={{ marginTop: 12 }}>
      <Descriptions.Item label="容错认定结果">{OUTCOME_LABEL[d.outcome as keyof typeof OUTCOME_LABEL] ?? d.outcome}</Descriptions.Item>
      {d.notice && <Descriptions.Item label="纠错通知（YT-9.2）">原因：{d.notice.reasons}；要求：{d.notice.requirements}</Descriptions.Item>}
      {d.interview && <Descriptions.Item label="谈话问询（YT-9.3）">{d.interview.date}，{d.interview.persons.join('、')}：{d.interview.statements}</Descriptions.Item>}
      {d.plan && <Descriptions.Item label="整改事项（YT-9.4）"><PlanTable d={d} /></Descriptions.Item>}
      {d.improvement && <Descriptions.Item label="原因分析与长效措施（YT-9.5）">{d.improvement.causes}；{d.improvement.measures}</Descriptions.Item>}
      {d.escalation && <Descriptions.Item label="升级处理（YT-9.4）">{ESCALATION_LABEL[d.escalation.ground]}：{d.escalation.reason}</Descriptions.Item>}
    </Descriptions>
  );
}

async function uploadFile(caseId: string, kind: string, file: File) {
  const res = await fetch(`/api/cases/${caseId}/materials?kind=${kind}&fileName=${encodeURIComponent(file.name)}`, {
    method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/octet-stream' }, body: file,
  });
  if (!res.ok) {
    const e = (await res.json().catch(() => null))?.error;
    throw new ApiError(res.status, e?.code ?? 'INTERNAL', e?.message ?? `上传失败（${res.status}）`, e?.field ?? null);
  }
}

function Materials({ c, onChange }: { c: CaseDetail; onChange: () => void }) {
  const { me } = useAuth();
  const { message } = App.useApp();
  const kinds = { ...MATERIALS, ...INVESTIGATION_MATERIALS } as Record<string, string>;
  const rows = Object.entries(kinds)
    .map(([kind, label]) => ({ kind, label, required: kind in MATERIALS, files: c.materials.filter((f) => f.kind === kind), mayAdd: !!me && materialRefusal(c.state, me.role, kind) === null }))
    .filter((r) => r.required || r.files.length || r.mayAdd);
  return (
    <Card title="申请及调查材料（YT-6.1、YT-6.3）">
      <Table size="small" rowKey="kind" pagination={false} dataSource={rows} columns={[
        { title: '材料', render: (_, r) => <Space>{r.label}{r.required && (r.files.length ? <Tag color="green">已上传</Tag> : <Tag color="red">未上传</Tag>)}</Space> },
        { title: '文件', render: (_, r) => <Space direction="vertical" size={0}>{r.files.map((f) => <a key={f.id} href={`/api/files/${f.id}`} download>{f.fileName}（{Math.ceil(f.sizeBytes / 1024)} KB）</a>)}</Space> },
        { title: '', width: 120, render: (_, r) => r.mayAdd && (
          <Upload showUploadList={false} accept=".pdf,.ofd,.jpg,.jpeg,.png,.docx,.xlsx" customRequest={async ({ file, onSuccess, onError }) => {
            try { await uploadFile(c.id, r.kind, file as File); message.success('已上传'); onSuccess?.({}); onChange(); } catch (e) { message.error(e instanceof ApiError ? e.message : '上传失败'); onError?.(e as Error); }
          }}><Button size="small" data-testid={`upload-${r.kind}`}>上传</Button></Upload>) },
      ]} />
      <Typography.Text type="secondary">接受 PDF、OFD、JPEG、PNG、Word（.docx）、Excel（.xlsx）；按文件内容识别类型，不接受可执行文件、压缩包和带宏的文件。</Typography.Text>
    </Card>
  );
}

function Documents({ c, onChange }: { c: CaseDetail; onChange: () => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  if (c.documentsAvailable.length === 0 && c.documents.length === 0) return null;
  const generate = async (kind: string, format: 'docx' | 'pdf') => {
    setBusy(`${kind}-${format}`);
    try {
      const r = await api<{ warnings: string[] }>(`/api/cases/${c.id}/documents`, { method: 'POST', json: { kind, format } });
      message.success('文书已生成并随案保存');
      for (const w of r.warnings) message.warning(w);
      onChange();
    } catch (e) { message.error(e instanceof ApiError ? e.message : '生成失败'); } finally { setBusy(null); }
  };
  return (
    <Card title="文书">
      <Space wrap style={{ marginBottom: 12 }}>
        {c.documentsAvailable.map((d) => (
          <Space.Compact key={d.kind}>
            <Button disabled>{d.title}</Button>
            <Button loading={busy === `${d.kind}-docx`} onClick={() => generate(d.kind, 'docx')}>生成 Word</Button>
            <Button loading={busy === `${d.kind}-pdf`} onClick={() => generate(d.kind, 'pdf')} data-testid={`generate-${d.kind}-pdf`}>生成 PDF</Button>
          </Space.Compact>
        ))}
      </Space>
      <Table size="small" rowKey="id" pagination={false} dataSource={c.documents} columns={[
        { title: '文书', render: (_, f) => <a href={`/api/files/${f.id}`} download data-testid="document-link">{f.fileName}</a> },
        { title: '依据', dataIndex: 'clause' }, { title: '生成人', dataIndex: 'uploadedBy' },
        { title: '生成时间', dataIndex: 'createdAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
        { title: 'SM3 摘要', dataIndex: 'sm3', render: (v: string) => <Typography.Text code copyable={{ text: v }}>{v.slice(0, 12)}…</Typography.Text> },
      ]} />
    </Card>
  );
}

function Obligations({ items, onChange }: { items: Obligation[]; onChange: () => void }) {
  const { me } = useAuth();
  const { message } = App.useApp();
  const [settling, setSettling] = useState<Obligation | null>(null);
  const [form] = Form.useForm();
  const mayRecord = me?.role === 'business_officer' || me?.role === 'county_officer';
  const save = async () => {
    const v = await form.validateFields();
    try {
      await api(`/api/obligations/${settling!.id}/settle`, { method: 'POST', json: { version: settling!.version, status: v.status, settledOn: v.settledOn.format('YYYY-MM-DD'), amountYuan: v.amountYuan || undefined, note: v.note } });
      setSettling(null);
      onChange();
    } catch (e) { showServerError(form, e, message.error); }
  };
  return (
    <Card title="应履行事项">
      <Table size="small" rowKey="id" pagination={false} dataSource={items} columns={[
        { title: '事项', render: (_, o) => `${o.description}（${o.clause}）` },
        { title: '状态', render: (_, o) => <Tag color={OBLIGATION_STATUS[o.status][1]}>{OBLIGATION_STATUS[o.status][0]}</Tag> },
        { title: '金额（元）', dataIndex: 'amountYuan' }, { title: '履行日期', dataIndex: 'settledOn' }, { title: '说明', dataIndex: 'settlementNote' },
        { title: '', render: (_, o) => mayRecord && o.status === 'open' && <Button size="small" onClick={() => { form.resetFields(); setSettling(o); }}>登记履行情况</Button> },
      ]} />
      <Modal open={!!settling} title="登记履行情况" onCancel={() => setSettling(null)} onOk={save} okText="保存">
        <Form form={form} layout="vertical" initialValues={{ status: 'fulfilled', settledOn: dayjs() }}>
          <Form.Item label="结果" name="status"><Select options={[{ value: 'fulfilled', label: '已履行' }, { value: 'waived', label: '免除' }]} /></Form.Item>
          <Form.Item label="日期" name="settledOn" rules={[{ required: true }]}><DatePicker /></Form.Item>
          <Form.Item label="金额（元）" name="amountYuan"><Input /></Form.Item>
          <Form.Item label="说明及凭证" name="note" rules={[{ required: true, message: '请填写' }]}><Input.TextArea rows={2} /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
