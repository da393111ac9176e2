import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, DatePicker, Descriptions, Form, Input, Modal, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import dayjs from 'dayjs';
import { api, ApiError } from '../api';
import { CIRCUMSTANCES, CIRCUMSTANCE_LABEL, CONDITION_LABEL, OUTCOMES, OUTCOME_LABEL } from '../../../core/procedure/tolerance-case';
import { showServerError } from '../components/formErrors';

interface CaseDetail {
  id: string; title: string; state: string; stateLabel: string; version: number; jurisdictionName: string; projectId: string;
  data: { failure: string; conditions: Record<string, string>; circumstances: string[]; accountabilityStartedOn: string | null; exOfficio: boolean;
    window: { dueDate: string; derivation: string } | null; decision?: { outcome: keyof typeof OUTCOME_LABEL; reasons: string } };
  steps: Array<{ id: string; label: string; clause: string }>;
  timeline: Array<{ seq: number; step: string; label: string; clause: string; to: string; on: string; at: string; by: string; input: Record<string, unknown> }>;
  clocks: Array<{ id: string; limitId: string; title: string; startDate: string; dueDate: string; provisional: boolean; derivation: string; status: string; stoppedDate: string | null }>;
}

const NOTE_FIELD: Record<string, [string, string]> = {
  unit_vouch: ['opinion', '审核意见'], unit_return: ['reason', '退回理由'], refuse: ['reason', '不予受理的理由'], record_defence: ['statement', '申辩内容'],
};

export default function CaseDetailPage() {
  const { id } = useParams();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [step, setStep] = useState<{ id: string; label: string; clause: string } | null>(null);
  const [form] = Form.useForm();
  const { data: c, error } = useQuery({ queryKey: ['case', id], queryFn: () => api<CaseDetail>(`/api/cases/${id}`) });
  if (error) return <Card>{error instanceof ApiError ? error.message : '加载失败'}</Card>;
  if (!c) return <Card loading />;
  const submittedOn = c.timeline.find((e) => e.to === 'submitted')?.on;
  const late = c.data.window && submittedOn && submittedOn > c.data.window.dueDate;
  const take = async () => {
    const v = await form.validateFields();
    const input: Record<string, unknown> = { version: c.version };
    if (step!.id === 'decide') {
      Object.assign(input, {
        outcome: v.outcome, circumstances: v.circumstances ?? [], reasons: v.reasons, consultedFinance: !!v.consultedFinance, consultedAudit: !!v.consultedAudit,
        deliberation: { date: v.date.format('YYYY-MM-DD'), members: String(v.members).split(/[，,、\s]+/).filter(Boolean), method: v.method, minutes: v.minutes },
      });
    } else if (NOTE_FIELD[step!.id]) input[NOTE_FIELD[step!.id][0]] = v.note;
    try {
      await api(`/api/cases/${c.id}/steps/${step!.id}`, { method: 'POST', json: input });
      setStep(null);
      form.resetFields();
      message.success(`已${step!.label}`);
      await qc.invalidateQueries({ queryKey: ['case', id] });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') { message.error(e.message); setStep(null); await qc.invalidateQueries({ queryKey: ['case', id] }); return; }
      showServerError(form, e, message.error);
    }
  };
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={<span data-testid="case-title">{c.title}：{c.data.failure}</span>} extra={<Space>
        {c.steps.map((s) => <Button key={s.id} type={s.id === 'accept' || s.id === 'decide' ? 'primary' : 'default'} onClick={() => { form.resetFields(); setStep(s); }}>{s.label}</Button>)}
        <Link to="/cases">返回</Link>
      </Space>}>
        {late && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`申请晚于 YT-6.1 的期限 ${c.data.window!.dueDate}（报送于 ${submittedOn}），请承办人员审查`} description={c.data.window!.derivation} />}
        <Descriptions bordered size="small" column={2}>
          <Descriptions.Item label="状态"><Tag color="blue" data-testid="case-state">{c.stateLabel}</Tag></Descriptions.Item>
          <Descriptions.Item label="办理机关">{c.jurisdictionName}</Descriptions.Item>
          <Descriptions.Item label="项目"><Link to={`/projects/${c.projectId}`}>查看项目</Link></Descriptions.Item>
          <Descriptions.Item label="启动方式">{c.data.exOfficio ? '依职权启动（YT-6.2）' : '申请（YT-6.1）'}</Descriptions.Item>
          <Descriptions.Item label="容错条件（YT-4）" span={2}>{Object.entries(c.data.conditions).map(([k, v]) => <div key={k}><Tag>{k}</Tag>{CONDITION_LABEL[k as keyof typeof CONDITION_LABEL]}：{v}</div>)}</Descriptions.Item>
          <Descriptions.Item label="免责情形（YT-5）" span={2}>{c.data.circumstances.map((k) => <Tag key={k}>{k} {CIRCUMSTANCE_LABEL[k as keyof typeof CIRCUMSTANCE_LABEL]}</Tag>)}</Descriptions.Item>
          {c.data.decision && <Descriptions.Item label="认定结果（YT-6.4）" span={2}>{OUTCOME_LABEL[c.data.decision.outcome]}：{c.data.decision.reasons}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card title="办理时限">
        <Table size="small" rowKey="id" pagination={false} dataSource={c.clocks}
          expandable={{ expandedRowRender: (k) => <Typography.Text>{k.derivation}</Typography.Text> }}
          columns={[{ title: '依据', dataIndex: 'limitId' }, { title: '事项', dataIndex: 'title' }, { title: '起算', dataIndex: 'startDate' },
            { title: '到期日', dataIndex: 'dueDate', render: (d: string, k) => <Space>{d}{k.provisional && <Tag color="orange">暂定</Tag>}</Space> },
            { title: '状态', render: (_, k) => (k.status === 'stopped' ? `已办结（${k.stoppedDate}）` : k.dueDate < dayjs().format('YYYY-MM-DD') ? <Tag color="red">已逾期</Tag> : '计时中') }]} />
      </Card>
      <Card title="办理经过">
        <Timeline items={c.timeline.map((e) => ({ children: <span>{e.on} {e.by}：{e.label}（{e.clause}）{['opinion', 'reason', 'statement', 'reasons'].map((k) => e.input[k]).filter(Boolean).join('；')}</span> }))} />
      </Card>
      <Modal open={!!step} title={step ? `${step.label}（${step.clause}）` : ''} onCancel={() => setStep(null)} onOk={take} okText="确认" width={step?.id === 'decide' ? 720 : 520}>
        <Form form={form} layout="vertical">
          {step && NOTE_FIELD[step.id] && <Form.Item label={NOTE_FIELD[step.id][1]} name="note" rules={[{ required: step.id !== 'unit_vouch', message: '请填写' }]}><Input.TextArea rows={3} /></Form.Item>}
          {step?.id === 'decide' && (
            <>
              <Form.Item label="认定结果" name="outcome" rules={[{ required: true }]}><Select options={OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABEL[o] }))} /></Form.Item>
              <Form.Item label="所依据的免责情形（YT-5）" name="circumstances"><Select mode="multiple" options={CIRCUMSTANCES.map((k) => ({ value: k, label: `${k} ${CIRCUMSTANCE_LABEL[k]}` }))} /></Form.Item>
              <Form.Item label="认定理由" name="reasons" rules={[{ required: true }]}><Input.TextArea rows={2} /></Form.Item>
              <Space>
                <Form.Item name="consultedFinance" valuePropName="checked"><Checkbox>已与财政部门沟通</Checkbox></Form.Item>
                <Form.Item name="consultedAudit" valuePropName="checked"><Checkbox>已与审计部门沟通</Checkbox></Form.Item>
              </Space>
              <Space>
                <Form.Item label="审议日期" name="date" rules={[{ required: true }]} initialValue={dayjs()}><DatePicker /></Form.Item>
                <Form.Item label="方式" name="method" initialValue="consensus"><Select style={{ width: 120 }} options={[{ value: 'consensus', label: '一致同意' }, { value: 'vote', label: '表决' }]} /></Form.Item>
              </Space>
              <Form.Item label="到会人员（用逗号分隔）" name="members" rules={[{ required: true }]}><Input /></Form.Item>
              <Form.Item label="审议纪要" name="minutes" rules={[{ required: true }]}><Input.TextArea rows={3} /></Form.Item>
            </>
          )}
          {step && !NOTE_FIELD[step.id] && step.id !== 'decide' && <Typography.Text>确认{step.label}？</Typography.Text>}
        </Form>
      </Modal>
    </Space>
  );
}
