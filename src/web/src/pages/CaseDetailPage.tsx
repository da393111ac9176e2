/**
 * 案件详情: one page for every procedure, drawn from what the server sends for this reader — the
 * parties, the facts the procedure's declaration lists, the steps this reader may take (each blocked
 * step with what the text still requires), who takes the case on next, the clocks, the timeline, and
 * the sections the declaration names. Nothing here branches on a procedure or a role.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Space, Table, Tag, Timeline, Tooltip, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api } from '../api';
import { errorText } from '../components/useFormSubmit';
import { beijingDate, beijingDateTime } from '../time';
import { useSystemClock } from '../systemClock';
import { PROCEDURES } from '../../../core/procedure/procedures';
import { ClockDrawer } from '../components/ClockDrawer';
import { StartCaseModal, StepModal } from '../components/CaseForms';
import { Documents, Materials, Obligations, PlanTable, type FileInfo, type Obligation } from '../components/CaseSections';
import { describeInput, type JsonSchema } from '../components/SchemaForm';

interface OfferedStep { id: string; label: string; clause: string; to: string; blockedBy: Array<{ id: string; zh: string; clause: string }> }
interface CaseDetail {
  id: string; procedure: string; family: 'tolerance' | 'integrity'; title: string; summary: string | null; caseNo: string; state: string; stateLabel: string; terminal: boolean;
  version: number; jurisdictionName: string; projectId: string | null; data: Record<string, any>;
  parties: Array<{ label: string; kind: 'subject' | 'project' | 'case' | 'listing'; id: string; name: string; detail?: string }>;
  facts: Array<{ label: string; clause: string | null; value: string }>;
  sections: string[];
  steps: OfferedStep[];
  next: Array<{ id: string; label: string; clause: string; by: string }>;
  followOns: Array<{ procedure: string; start: string; label: string; clause: string; fixed: Record<string, unknown> }>;
  abilities: { addMaterialKinds: string[]; issueDocuments: boolean; settleObligations: boolean };
  timeline: Array<{ seq: number; step: string; label: string; clause: string; to: string; on: string; at: string; by: string; byRole: string; input: Record<string, unknown> }>;
  clocks: Array<{ id: string; limitId: string; title: string; startDate: string; dueDate: string; provisional: boolean; derivation: string; status: string; stoppedDate: string | null }>;
  materials: FileInfo[]; documents: FileInfo[]; documentsAvailable: Array<{ kind: string; title: string }>;
  related: Array<{ id: string; relation: 'parent' | 'child'; title: string; stateLabel: string }>;
  obligations: Obligation[];
  /** CI-27: what an upheld objection corrected in the record, with the old value kept. */
  recordCorrections?: Array<{ subject: string; label: string; from: string; to: string; on: string; reason: string; clause: string }>;
}

const PARTY_LINK: Record<string, (id: string) => string | null> = { subject: (id) => `/subjects/${id}`, project: (id) => `/projects/${id}`, case: (id) => `/cases/${id}`, listing: () => null };
/** States a case ends in against its party (refused, referred, escalated…): the steps leading there are drawn in red. */
const ADVERSE = new Set(['refused', 'referred', 'escalated', 'dismissed', 'rejected']);

export default function CaseDetailPage() {
  const { id } = useParams();
  const qc = useQueryClient();
  const [step, setStep] = useState<OfferedStep | null>(null);
  const [followOn, setFollowOn] = useState<CaseDetail['followOns'][number] | null>(null);
  // A follow-on case opens on this same page (another id): its start dialog and any step dialog close with the case they were opened on.
  useEffect(() => { setStep(null); setFollowOn(null); }, [id]);
  const [clockId, setClockId] = useState<string | null>(null);
  const { data: c, error } = useQuery({ queryKey: ['case', id], queryFn: () => api<CaseDetail>(`/api/cases/${id}`) });
  const refresh = () => qc.invalidateQueries({ queryKey: ['case', id] });
  // Overdue against the system's day (a training clock's on a training system), not the browser's.
  const systemDay = useSystemClock().data?.today;
  if (error) return <Card>{errorText(error, '加载失败')}</Card>;
  if (!c) return <Card loading />;
  const def = PROCEDURES[c.procedure];
  const stepSchema = (stepId: string) => def.steps.find((s) => s.id === stepId)?.input as unknown as JsonSchema | undefined;
  const blocked = c.steps.filter((s) => s.blockedBy.length > 0);
  const today = systemDay ?? beijingDate(new Date());
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={<span data-testid="case-title">{c.title}{c.summary ? `：${c.summary}` : ''}</span>} extra={<Space className="no-print"><Button onClick={() => window.print()} data-testid="case-print">打印</Button><Link to="/cases">返回</Link></Space>}>
        <Typography.Paragraph className="print-only" type="secondary" data-testid="case-print-line">{c.caseNo} · {c.jurisdictionName} · 打印于 {beijingDateTime(new Date())}（北京时间）</Typography.Paragraph>
        <Space wrap className="no-print" style={{ marginBottom: c.steps.length + c.followOns.length ? 12 : 0 }} data-testid="case-actions">
        {c.steps.map((s) => (
          <Tooltip key={s.id} title={s.blockedBy.length ? s.blockedBy.map((b) => `${b.zh}（${b.clause}）`).join('；') : `${s.clause}`}>
            <Button data-testid={`step-${s.id}`} danger={ADVERSE.has(s.to)} type={s.blockedBy.length === 0 && !ADVERSE.has(s.to) && s.to !== c.state ? 'primary' : 'default'}
              disabled={s.blockedBy.length > 0} onClick={() => setStep(s)}>{s.label}</Button>
          </Tooltip>
        ))}
        {c.followOns.map((f) => <Button key={`${f.procedure}.${f.start}`} onClick={() => setFollowOn(f)}>{f.label}（{f.clause}）</Button>)}
        </Space>
        <Descriptions bordered size="small" column={2}>
          <Descriptions.Item label="状态"><Tag color={c.terminal ? 'default' : 'blue'} data-testid="case-state">{c.stateLabel}</Tag></Descriptions.Item>
          <Descriptions.Item label="案件编号">{c.caseNo}</Descriptions.Item>
          <Descriptions.Item label="办理机关">{c.jurisdictionName}</Descriptions.Item>
          <Descriptions.Item label="依据">{def.clause}</Descriptions.Item>
          {c.parties.map((p) => {
            const to = PARTY_LINK[p.kind](p.id);
            return <Descriptions.Item key={`${p.kind}-${p.id}`} label={p.label}><span data-testid={`party-${p.kind}`}>{to ? <Link to={to}>{p.name}</Link> : p.name}{p.detail ? <Typography.Text type="secondary">（{p.detail}）</Typography.Text> : null}</span></Descriptions.Item>;
          })}
          {c.related.filter((r) => !c.parties.some((p) => p.id === r.id)).map((r) => <Descriptions.Item key={r.id} label={r.relation === 'parent' ? '来源案件' : '后续案件'}><Link to={`/cases/${r.id}`}>{r.title}</Link> <Tag>{r.stateLabel}</Tag></Descriptions.Item>)}
        </Descriptions>
        {blocked.length > 0 && (
          <Alert type="warning" showIcon style={{ marginTop: 12 }} data-testid="blocked-steps" title="依规定须先完成的事项"
            description={<ul style={{ margin: 0, paddingLeft: 20 }}>{blocked.flatMap((s) => s.blockedBy.map((b) => <li key={`${s.id}-${b.id}`}>{s.label}：{b.zh}（{b.clause}）</li>))}</ul>} />
        )}
        {c.next.length > 0 && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }} data-testid="next-steps">
            下一步：{c.next.map((n) => `${n.label}（${n.clause}，由${n.by}办理）`).join('；')}
          </Typography.Paragraph>
        )}
        {c.facts.length > 0 && (
          <Descriptions bordered size="small" column={1} style={{ marginTop: 12 }} data-testid="case-facts">
            {c.facts.map((f) => <Descriptions.Item key={f.label} label={<>{f.label}{f.clause ? <Typography.Text type="secondary">（{f.clause}）</Typography.Text> : null}</>}><span style={{ whiteSpace: 'pre-wrap' }}>{f.value}</span></Descriptions.Item>)}
          </Descriptions>
        )}
        {(c.recordCorrections?.length ?? 0) > 0 && (
          <div style={{ marginTop: 12 }} data-testid="record-corrections">
            <Typography.Title level={5}>记录更正</Typography.Title>
            <Table size="small" rowKey={(r) => `${r.subject}-${r.label}-${r.on}`} pagination={false} dataSource={c.recordCorrections} columns={[
              { title: '主体', dataIndex: 'subject' }, { title: '更正事项', dataIndex: 'label' }, { title: '原记录', dataIndex: 'from' }, { title: '更正为', dataIndex: 'to' },
              { title: '日期', dataIndex: 'on' }, { title: '理由', dataIndex: 'reason' }, { title: '依据', dataIndex: 'clause' }]} />
          </div>
        )}
        {c.data.plan?.length > 0 && <div style={{ marginTop: 12 }}><Typography.Title level={5}>整改事项</Typography.Title><PlanTable plan={c.data.plan} /></div>}
      </Card>
      {c.sections.includes('materials') && <Materials c={c} onChange={refresh} />}
      <Documents c={c} onChange={refresh} />
      {c.obligations.length > 0 && <Obligations items={c.obligations} maySettle={c.abilities.settleObligations} onChange={refresh} />}
      <Card title="办理时限" data-testid="case-clocks" extra={<Typography.Text type="secondary" className="no-print">点事项查看推算过程，经办人员可暂停（专家评估、听证）或恢复</Typography.Text>}>
        <Table size="small" rowKey="id" pagination={false} dataSource={c.clocks}
          expandable={{ expandedRowRender: (k) => <Typography.Text>{k.derivation}</Typography.Text> }}
          columns={[{ title: '依据', dataIndex: 'limitId' }, { title: '事项', dataIndex: 'title', render: (v: string, k) => <a onClick={() => setClockId(k.id)}>{v}</a> }, { title: '起算', dataIndex: 'startDate' },
            { title: '到期日', dataIndex: 'dueDate', render: (d: string, k) => <Space>{d}{k.provisional && <Tag color="orange">暂定</Tag>}</Space> },
            { title: '状态', render: (_, k) => (k.status === 'stopped' ? `已办结（${k.stoppedDate}）${k.stoppedDate! > k.dueDate ? '，逾期' : ''}` : k.dueDate < today ? <Tag color="red">已逾期</Tag> : k.status === 'paused' ? '暂停中' : '计时中') }]} />
        <div className="print-only" style={{ marginTop: 8 }}>{c.clocks.map((k) => <Typography.Paragraph key={k.id} style={{ marginBottom: 4, fontSize: 12 }}>{k.title}：{k.derivation}</Typography.Paragraph>)}</div>
        {clockId && <ClockDrawer id={clockId} onClose={() => setClockId(null)} onChanged={refresh} />}
      </Card>
      <Card title="办理经过" data-testid="case-timeline">
        <Timeline items={c.timeline.map((e) => ({
          children: <div>
            <div>{e.on} {e.by}（{e.byRole}）：{e.label}（{e.clause}）</div>
            {describeInput(e.step === 'start' ? undefined : stepSchema(e.step), e.input).map((line) => <Typography.Text key={line} type="secondary" style={{ display: 'block', whiteSpace: 'pre-wrap' }}>{line}</Typography.Text>)}
          </div>,
        }))} />
      </Card>
      {step && <StepModal c={c} step={step} onClose={() => setStep(null)} onDone={(next) => { setStep(null); qc.setQueryData(['case', id], next); }} />}
      {followOn && <StartCaseModal procedure={followOn.procedure} start={followOn.start} fixed={followOn.fixed} onClose={() => setFollowOn(null)} />}
    </Space>
  );
}
