/**
 * 参与记录 on the subject page (issue 19): an expert's review assignments (a call or a project, the
 * day, recusal declared or not) and an agency's services on projects — what CI-18.2 and CI-20.2 rate
 * as taking part in the year. Recorded by staff when the server offers it (`abilities.record`).
 */
import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Radio, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api';
import { useSystemToday } from '../systemClock';
import { ProjectSelect } from './ProjectSelect';
import { useFormSubmit } from './useFormSubmit';

interface Participation { id: string; kind: 'review' | 'service'; callRef: string | null; projectId: string | null; projectCode: string | null; projectName: string | null; onDate: string; recusalDeclared: boolean | null; note: string | null; recordedBy: string | null }
interface Answer { items: Participation[]; activeYears: Array<{ year: number; kind: string }>; recordable: 'review' | 'service' | null; abilities: { record: boolean } }

export function SubjectParticipations({ subjectId }: { subjectId: string }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const today = useSystemToday();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const submit = useFormSubmit(form);
  const { data } = useQuery({ queryKey: ['subject-participations', subjectId], queryFn: () => api<Answer>(`/api/subjects/${subjectId}/participations`) });
  if (!data || (data.recordable === null && data.items.length === 0)) return null;
  const review = data.recordable === 'review';
  const save = () => submit.run(async (v) => {
    await api('/api/participations', { method: 'POST', json: {
      subjectId, kind: data.recordable, onDate: v.onDate.format('YYYY-MM-DD'), projectId: v.projectId || undefined,
      ...(review ? { callRef: v.callRef?.trim() || undefined, recusalDeclared: v.recusalDeclared === 'yes' } : {}), note: v.note?.trim() || undefined,
    } });
    setOpen(false); form.resetFields();
    message.success('已登记；重新评价后计入');
    await qc.invalidateQueries({ queryKey: ['subject-participations', subjectId] });
  });
  return (
    <Card data-testid="subject-participations" title={review ? '评审任务（CI-18）' : '服务项目（CI-20）'} extra={data.abilities.record && <Button onClick={() => setOpen(true)}>{review ? '登记评审任务' : '登记服务项目'}</Button>}>
      <Typography.Paragraph type="secondary">
        评价计入的参与年度：{data.activeYears.length ? data.activeYears.map((y) => `${y.year} 年`).join('、') : '无（当年无参与记录、也无认定事实的，不予评级）'}
      </Typography.Paragraph>
      <Table size="small" rowKey="id" pagination={false} dataSource={data.items}
        columns={[
          { title: '日期', dataIndex: 'onDate' },
          ...(review ? [{ title: '申报批次', dataIndex: 'callRef', render: (v: string | null) => v ?? '—' }] : []),
          { title: '项目', render: (_: unknown, r: Participation) => (r.projectId ? <Link to={`/projects/${r.projectId}`}>{r.projectCode} {r.projectName}</Link> : '—') },
          ...(review ? [{ title: '申明回避', dataIndex: 'recusalDeclared', render: (v: boolean | null) => (v ? <Tag color="blue">已申明回避</Tag> : '未申明') }] : []),
          { title: '备注', dataIndex: 'note', render: (v: string | null) => v ?? '' },
          { title: '登记人', dataIndex: 'recordedBy' },
        ]} />
      <Modal title={review ? '登记评审任务' : '登记服务项目'} open={open} onCancel={() => setOpen(false)} onOk={save} confirmLoading={submit.busy} okText="保存" cancelText="取消" destroyOnClose>
        <Form form={form} layout="vertical" initialValues={{ recusalDeclared: 'no' }}>
          <Form.Item name="onDate" label={review ? '评审日期' : '服务日期'} rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker disabledDate={(d) => d.isAfter(today, 'day')} />
          </Form.Item>
          {review && <Form.Item name="callRef" label="申报批次（指南）"><Input maxLength={100} placeholder="评审的申报批次或指南；评审具体项目时可选项目" /></Form.Item>}
          <Form.Item name="projectId" label="项目" rules={review ? [] : [{ required: true, message: '请选择所服务的项目' }]}><ProjectSelect allowClear /></Form.Item>
          {review && (
            <Form.Item name="recusalDeclared" label="是否申明回避（CI-18.3.2）">
              <Radio.Group options={[{ value: 'no', label: '未申明' }, { value: 'yes', label: '已申明回避' }]} />
            </Form.Item>
          )}
          <Form.Item name="note" label="备注"><Input.TextArea maxLength={500} rows={2} /></Form.Item>
          {submit.error && <Alert type="error" showIcon message={submit.error} />}
        </Form>
      </Modal>
    </Card>
  );
}
