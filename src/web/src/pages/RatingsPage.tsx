import { useState } from 'react';
import { Alert, App, Button, Card, Drawer, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, query } from '../api';
import { useAuth } from '../auth';
import { LevelTag, RatingExplanation, type RatingResultView } from '../components/RatingCard';
import { errorText, useFormSubmit } from '../components/useFormSubmit';
import { beijingDate } from '../time';

interface Rating {
  id: string; subjectId: string; subjectName: string; subjectTypeLabel: string; year: number; regionName: string; computedLevel: string | null;
  level: string | null; determinationRequired: boolean; determinedLevel: string | null; determinedReason: string | null; policyInForce: boolean;
  result: RatingResultView; version: number; abilities: { determine: boolean }; publishedAt: string | null;
}

interface RunAnswer { rated: number; byLevel: Record<string, number>; warnings: string[]; unchanged: number; changed: number; added: number }

export default function RatingsPage() {
  const { me } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [year, setYear] = useState(2025);
  const [level, setLevel] = useState<string | undefined>();
  const [type, setType] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<Rating | null>(null);
  const [determining, setDetermining] = useState<Rating | null>(null);
  const [form] = Form.useForm();
  const determination = useFormSubmit(form);
  const [confirming, setConfirming] = useState(false);
  const [running, setRunning] = useState(false);
  const [ran, setRan] = useState<{ year: number; answer: RunAnswer } | null>(null);
  const [runError, setRunError] = useState<string | null>(null);
  const params = { year, level, subjectType: type, page, pageSize: 20 };
  const { data, isFetching } = useQuery({ queryKey: ['ratings', params], queryFn: () => api<{ total: number; items: Rating[]; abilities: { run: boolean } }>(`/api/ratings${query(params)}`) });
  // A re-run replaces only results that changed (CI-15): asked first, and what it did stays on the page.
  const run = async () => {
    setRunning(true);
    setRunError(null);
    try {
      const r = await api<RunAnswer>('/api/ratings/run', { method: 'POST', json: { year, regionCode: me?.regionCode } });
      setRan({ year, answer: r });
      setConfirming(false);
      await qc.invalidateQueries({ queryKey: ['ratings'] });
    } catch (e) {
      setRunError(errorText(e, '评价未完成，请稍后重试'));
    } finally {
      setRunning(false);
    }
  };
  // Ratings take effect once the subjects' comment window has closed and every comment is answered.
  const publish = async () => {
    try {
      const r = await api<{ published: number; waitingWindow: number; waitingAnswers: number }>('/api/ratings/publish', { method: 'POST', json: { year } });
      message.success(`生效 ${r.published} 个；意见期未满 ${r.waitingWindow} 个；有意见待答复 ${r.waitingAnswers} 个`);
      await qc.invalidateQueries({ queryKey: ['ratings'] });
    } catch (e) {
      message.error(errorText(e, '操作失败'));
    }
  };
  const determine = () => determination.run(async (v) => {
    await api(`/api/ratings/${determining!.id}/determination`, { method: 'POST', json: { ...v, version: determining!.version } });
    setDetermining(null);
    await qc.invalidateQueries({ queryKey: ['ratings'] });
  });
  return (
    <Card title="信用评价" extra={data?.abilities.run && <Space><Button type="primary" onClick={() => { setRunError(null); setConfirming(true); }}>运行 {year} 年度批量评价</Button><Button onClick={publish}>意见期满的评价生效</Button></Space>}>
      {ran && (
        <Alert type="success" showIcon closable onClose={() => setRan(null)} style={{ marginBottom: 16 }} data-testid="rating-run-result"
          title={`${ran.year} 年度批量评价完成：评价 ${ran.answer.rated} 个主体，结果未变 ${ran.answer.unchanged} 个（保持原状），结果有变化 ${ran.answer.changed} 个（重新进入意见期），新评价 ${ran.answer.added} 个`}
          description={<>{Object.entries(ran.answer.byLevel).map(([k, v]) => `${k} ${v}`).join('，')}{ran.answer.warnings.map((w) => <div key={w}>{w}</div>)}</>} />
      )}
      <Space wrap style={{ marginBottom: 16 }}>
        <InputNumber value={year} min={2023} max={2100} onChange={(v) => v && setYear(v)} addonAfter="年度" />
        <Select allowClear placeholder="主体类别" style={{ width: 150 }} value={type} onChange={setType}
          options={[{ value: 'unit', label: '项目承担单位' }, { value: 'leader', label: '项目负责人' }, { value: 'expert', label: '评审专家' }, { value: 'recommender', label: '推荐部门' }, { value: 'agency', label: '服务机构' }]} />
        <Select allowClear placeholder="等级" style={{ width: 140 }} value={level} onChange={setLevel}
          options={[{ value: 'pending', label: '待认定' }, { value: 'AA', label: 'AA' }, { value: 'A', label: 'A' }, { value: 'B', label: 'B' }, { value: 'C', label: 'C' }, { value: 'none', label: '不予评级' }]} />
      </Space>
      <Table<Rating> rowKey="id" size="small" loading={isFetching} dataSource={data?.items}
        pagination={{ current: page, pageSize: 20, total: data?.total, onChange: setPage, showTotal: (t) => `共 ${t} 条` }}
        columns={[
          { title: '主体', dataIndex: 'subjectName', render: (v, r) => <Link to={`/subjects/${r.subjectId}`}>{v}</Link> },
          { title: '类别', dataIndex: 'subjectTypeLabel' },
          { title: '区划', dataIndex: 'regionName' },
          { title: '等级', render: (_, r) => <Space><LevelTag level={r.level} pending={r.determinationRequired} />{r.determinedLevel && <Tag>人工认定</Tag>}{!r.policyInForce && <Tag color="red">政策到期</Tag>}</Space> },
          { title: '依据', render: (_, r) => r.result.clauses.join('、') },
          { title: '生效', render: (_, r) => (r.publishedAt ? `${beijingDate(r.publishedAt)} 生效` : <Tag>意见期/未生效</Tag>) },
          { title: '', render: (_, r) => <Space><a onClick={() => setOpen(r)}>解释</a>{r.abilities.determine && <a onClick={() => { form.resetFields(); determination.clear(); setDetermining(r); }}>认定等级</a>}</Space> },
        ]} />
      <Drawer open={!!open} width={760} title={open ? `${open.subjectName} ${open.year} 年度（${open.subjectTypeLabel}）` : ''} onClose={() => setOpen(null)}>
        {open && <RatingExplanation r={open.result} />}
        {open?.determinedLevel && <p>人工认定：{open.determinedLevel} 级。理由：{open.determinedReason}</p>}
      </Drawer>
      <Modal open={confirming} title={`运行 ${year} 年度批量评价（CI-15）`} okText="确认运行" onOk={run} confirmLoading={running} onCancel={() => setConfirming(false)}>
        <div data-testid="rating-run-confirm">
          <p>将按现有事实重新计算本辖区全部主体 {year} 年度的信用等级。</p>
          <ul>
            <li>结果与已保存的相同的，保持原状：已生效的继续有效，意见期不重新计算。</li>
            <li>结果有变化的，撤回生效，重新进入意见期（CI-15）；生效前一票否决审查和抽查不采用新结果。</li>
            <li>尚未评价的主体，新评价后进入意见期。</li>
          </ul>
        </div>
        {runError && <Alert type="error" showIcon title={runError} data-testid="form-error" />}
      </Modal>
      <Modal open={!!determining} title="认定信用等级" onCancel={() => setDetermining(null)} onOk={determine} okText="认定" confirmLoading={determination.busy}>
        <p>{determining?.result.determinationReason}</p>
        <Form form={form} layout="vertical">
          {determination.error && <Alert type="error" showIcon title={determination.error} style={{ marginBottom: 12 }} data-testid="form-error" />}
          <Form.Item label="等级" name="level" rules={[{ required: true }]}><Select options={['AA', 'A', 'B', 'C'].map((x) => ({ value: x, label: x }))} /></Form.Item>
          <Form.Item label="理由" name="reason" rules={[{ required: true, min: 5, message: '请写明认定理由' }]}><Input.TextArea rows={4} /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
