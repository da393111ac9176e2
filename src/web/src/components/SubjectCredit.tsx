import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Upload } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, uploadRaw } from '../api';
import { CRITERIA, SUBJECT_TYPE_LABEL, type SubjectType } from '../../../core/rating/criteria';
import { LevelTag, RatingExplanation, type RatingResultView } from './RatingCard';
import { RatingComments } from './RatingComments';
import { errorText, useFormSubmit } from './useFormSubmit';

interface Rating { id: string; year: number; subjectType: SubjectType; subjectTypeLabel: string; level: string | null; determinationRequired: boolean; determinedLevel: string | null; result: RatingResultView }
interface Finding { id: string; subjectType: string; clause: string; factDate: string; met: boolean; description: string; sourceDocument: string; recordedBy: string; withdrawn: boolean; withdrawnReason: string | null; corrects: string | null; supersededBy: string | null; sourceFile: { id: string; fileName: string; sm3: string } | null }

const SOURCES = [['application', '申报材料'], ['contract', '合同或任务书'], ['commitment', '承诺书'], ['evaluation', '评估评价'], ['report', '科技报告'], ['audit_report', '审计报告'], ['acceptance', '验收结论'], ['investigation', '调查结果']];

/** A subject's ratings by year with their explanations, its findings, and (for staff) recording and what-if. */
export function SubjectCredit({ subjectId }: { subjectId: string }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [recording, setRecording] = useState(false);
  const [preview, setPreview] = useState<RatingResultView | null>(null);
  const [form] = Form.useForm();
  const ratings = useQuery({ queryKey: ['subject-ratings', subjectId], queryFn: () => api<{ items: Rating[]; ratedTypes: SubjectType[] }>(`/api/subjects/${subjectId}/ratings`) });
  const findings = useQuery({ queryKey: ['subject-findings', subjectId], queryFn: () => api<{ items: Finding[]; ratedTypes: SubjectType[]; abilities: { record: boolean; correct: boolean } }>(`/api/subjects/${subjectId}/findings`) });
  const [fixing, setFixing] = useState<{ finding: Finding; mode: 'withdraw' | 'correct' } | null>(null);
  const [fixForm] = Form.useForm();
  const types = ratings.data?.ratedTypes ?? [];
  const recordingForm = useFormSubmit(form);
  const fixingForm = useFormSubmit(fixForm);
  const submit = () => recordingForm.run(async (v) => {
    {
      await api('/api/findings', { method: 'POST', json: { ...v, subjectId, factDate: v.factDate.format('YYYY-MM-DD'), met: v.met !== 'no' } });
      setRecording(false);
      message.success('已录入；重新评价后生效');
      await qc.invalidateQueries({ queryKey: ['subject-findings', subjectId] });
    }
  });
  // CI-5 CI-15: the integrity section withdraws or corrects a finding with a reason; the ratings it counted in are recomputed and re-enter their comment window.
  const fix = () => fixingForm.run(async (v) => {
    const body = fixing!.mode === 'withdraw' ? { reason: v.reason } : Object.fromEntries(Object.entries({ ...v, factDate: v.factDate?.format('YYYY-MM-DD') }).filter(([, x]) => x !== undefined && x !== ''));
    {
      const r = await api<{ ratings: Array<{ year: number; before: string | null; after: string | null; commentUntil: string }> }>(`/api/findings/${fixing!.finding.id}/${fixing!.mode}`, { method: 'POST', json: body });
      setFixing(null);
      message.success(r.ratings.length ? `已${fixing!.mode === 'withdraw' ? '撤销' : '更正'}；重新评价：${r.ratings.map((x) => `${x.year} 年 ${x.before ?? '—'} → ${x.after ?? '—'}，意见期至 ${x.commentUntil}`).join('；')}` : '已保存');
      await Promise.all([qc.invalidateQueries({ queryKey: ['subject-findings', subjectId] }), qc.invalidateQueries({ queryKey: ['subject-ratings', subjectId] })]);
    }
  });
  const whatIf = async (type: SubjectType, year: number, versionId: string) => {
    try {
      setPreview(await api<RatingResultView>(`/api/subjects/${subjectId}/ratings/preview`, { method: 'POST', json: { subjectType: type, year, versionId } }));
    } catch (e) {
      message.error(errorText(e, '试算失败'));
    }
  };
  const subjectType = Form.useWatch('subjectType', form);
  return (
    <>
      <Card title="信用评价（CI-15～CI-20）">
        <Table<Rating> size="small" rowKey="id" pagination={false} dataSource={ratings.data?.items}
          expandable={{ expandedRowRender: (r) => <><RatingExplanation r={r.result} /><RatingComments ratingId={r.id} /></> }}
          columns={[
            { title: '年度', dataIndex: 'year' }, { title: '类别', dataIndex: 'subjectTypeLabel' },
            { title: '等级', render: (_, r) => <Space><LevelTag level={r.determinedLevel ?? r.level} pending={r.determinationRequired && !r.determinedLevel} />{r.determinedLevel && <Tag>人工认定</Tag>}</Space> },
            { title: '依据', render: (_, r) => r.result.clauses.join('、') },
            { title: '试算', render: (_, r) => <a onClick={() => whatIf(r.subjectType, r.year, 'CI-2023')}>按 CI-2023 试算</a> },
          ]} />
        {preview && <Card size="small" title="试算结果（不保存）" extra={<a onClick={() => setPreview(null)}>关闭</a>} style={{ marginTop: 12 }}><RatingExplanation r={preview} /></Card>}
      </Card>
      <Card title="认定事实（CI-5）" extra={findings.data?.abilities.record && types.length > 0 && <Button onClick={() => { form.resetFields(); form.setFieldsValue({ subjectType: types[0] }); setRecording(true); }}>录入认定事实</Button>}>
        <Table<Finding> size="small" rowKey="id" pagination={false} dataSource={findings.data?.items}
          columns={[
            { title: '日期', dataIndex: 'factDate' }, { title: '条款', dataIndex: 'clause', render: (c: string, f) => <Space><Tag>{c}</Tag>{!f.met && <Tag color="orange">条件不满足</Tag>}</Space> },
            { title: '事实', render: (_, f) => <>{f.withdrawn ? <del>{f.description}</del> : f.description}{f.corrects && <Tag color="blue" style={{ marginLeft: 4 }}>更正后的记录</Tag>}</> },
            { title: '来源文件', render: (_, f) => (
              <Space direction="vertical" size={0}>
                <span>{f.sourceDocument}</span>
                {f.sourceFile ? <a href={`/api/fact-files/${f.sourceFile.id}`} download title={`SM3 ${f.sourceFile.sm3}`}>{f.sourceFile.fileName}</a>
                  : findings.data?.abilities.record && !f.withdrawn && (
                    <Upload showUploadList={false} accept=".pdf,.ofd,.jpg,.jpeg,.png,.docx,.xlsx" customRequest={async ({ file, onSuccess, onError }) => {
                      try {
                        await uploadRaw(`/api/findings/${f.id}/source-file?fileName=${encodeURIComponent((file as File).name)}`, file as File);
                        message.success('来源文件已上传'); onSuccess?.({});
                        await qc.invalidateQueries({ queryKey: ['subject-findings', subjectId] });
                      } catch (e) { message.error(e instanceof ApiError ? e.message : '上传失败'); onError?.(e as Error); }
                    }}><Button size="small" data-testid={`finding-file-${f.id}`}>上传来源文件</Button></Upload>
                  )}
              </Space>
            ) }, { title: '录入人', dataIndex: 'recordedBy' },
            { title: '状态', render: (_, f) => (f.withdrawn ? <Tag title={f.withdrawnReason ?? ''}>{f.supersededBy ? '已更正' : '已撤销'}：{f.withdrawnReason}</Tag>
              : findings.data?.abilities.correct && <Space><a onClick={() => { fixForm.resetFields(); setFixing({ finding: f, mode: 'correct' }); }}>更正</a><a onClick={() => { fixForm.resetFields(); setFixing({ finding: f, mode: 'withdraw' }); }}>撤销</a></Space>) },
          ]} />
      </Card>
      <Modal open={!!fixing} title={fixing?.mode === 'withdraw' ? '撤销认定事实（原记录保留）' : '更正认定事实（原记录保留并指向更正后的记录）'} onCancel={() => setFixing(null)} onOk={fix} okText="提交" confirmLoading={fixingForm.busy} width={640}>
        {fixingForm.error && <Alert type="error" showIcon title={fixingForm.error} style={{ marginBottom: 12 }} data-testid="form-error" />}
        <Form form={fixForm} layout="vertical">
          <Form.Item label="理由" name="reason" rules={[{ required: true, min: 5, message: '请写明理由（至少 5 个字）' }]}><Input.TextArea /></Form.Item>
          {fixing?.mode === 'correct' && <>
            <Form.Item label="更正为评价标准（不改可不选）" name="clause"><Select allowClear showSearch optionFilterProp="label" options={CRITERIA.filter((c) => c.subject === fixing.finding.subjectType && c.source !== 'derived').map((c) => ({ value: c.id, label: `${c.id}（${c.level}）${c.summary}` }))} /></Form.Item>
            <Form.Item label="更正事实日期" name="factDate"><DatePicker /></Form.Item>
            <Form.Item label="更正事实" name="description"><Input.TextArea /></Form.Item>
            <Form.Item label="更正来源文件" name="sourceDocument"><Input /></Form.Item>
          </>}
        </Form>
      </Modal>
      <Modal open={recording} title="录入认定事实" onCancel={() => setRecording(false)} onOk={submit} okText="录入" confirmLoading={recordingForm.busy} width={640}>
        {recordingForm.error && <Alert type="error" showIcon title={recordingForm.error} style={{ marginBottom: 12 }} data-testid="form-error" />}
        <Form form={form} layout="vertical">
          <Form.Item label="评价类别" name="subjectType" rules={[{ required: true }]}><Select options={types.map((t) => ({ value: t, label: SUBJECT_TYPE_LABEL[t] }))} /></Form.Item>
          <Form.Item label="所符合的评价标准" name="clause" rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" options={CRITERIA.filter((c) => c.subject === subjectType && c.source !== 'derived').map((c) => ({ value: c.id, label: `${c.id}（${c.level}）${c.summary}` }))} />
          </Form.Item>
          <Form.Item label="认定为" name="met" initialValue="yes"><Select options={[{ value: 'yes', label: '该情形成立' }, { value: 'no', label: 'A 级条件不满足' }]} /></Form.Item>
          <Form.Item label="事实日期" name="factDate" rules={[{ required: true }]}><DatePicker /></Form.Item>
          <Form.Item label="事实" name="description" rules={[{ required: true }]}><Input.TextArea /></Form.Item>
          <Space>
            <Form.Item label="来源类别" name="sourceKind" rules={[{ required: true }]}><Select style={{ width: 160 }} options={SOURCES.map(([value, label]) => ({ value, label }))} /></Form.Item>
            <Form.Item label="来源文件（文号或名称）" name="sourceDocument" rules={[{ required: true }]}><Input style={{ width: 300 }} /></Form.Item>
          </Space>
        </Form>
      </Modal>
    </>
  );
}
