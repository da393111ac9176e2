/** 随机抽查 (CI-21, YT-8): draw projects and inspectors reproducibly; the published record lets anyone re-run it. */
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, Table, Typography } from 'antd';
import { api } from '../api';
import { useFormSubmit } from '../components/useFormSubmit';

interface Drawn { id: string; input: { seed: string; baseRatio: number; projects: unknown[]; inspectors: unknown[] }; result: { groups: Array<{ group: string; candidates: number; ratio: number; drawn: number }>; draws: Array<{ projectId: string; inspectorIds: string[] }>; shortOfInspectors: string[] } }

export default function SpotChecksPage() {
  const [form] = Form.useForm();
  const drawing = useFormSubmit(form);
  const [drawn, setDrawn] = useState<Drawn | null>(null);
  const draw = () => drawing.run(async (v) => {
    setDrawn(await api<Drawn>('/api/spot-checks', { method: 'POST', json: { title: v.title, baseRatio: v.percent / 100, inspectorsPerProject: v.inspectors, seed: v.seed || undefined } }));
  });
  return (
    <Card title="随机抽查（CI-21、YT-8）">
      <Typography.Paragraph type="secondary">信用良好（AA、A 级）单位的项目按一般比例的一半抽取；检查人员从本辖区评审专家中随机抽取，回避被查项目所在单位。公开记录给出种子、比例、各层候选与抽中数、抽中项目及检查人员编号和对全部输入的 SM3 承诺值，不公开候选单位及其信用等级；本辖区工作人员可查看全部输入，复现抽取并核对承诺值。</Typography.Paragraph>
      {drawing.error && <Alert type="error" showIcon title={drawing.error} style={{ marginBottom: 12 }} data-testid="form-error" />}
      <Form form={form} layout="inline" initialValues={{ percent: 10, inspectors: 2 }}>
        <Form.Item label="批次" name="title" rules={[{ required: true, message: '请填写' }]}><Input style={{ width: 200 }} /></Form.Item>
        <Form.Item label="一般抽查比例（%）" name="percent" rules={[{ required: true }]}><InputNumber min={1} max={100} /></Form.Item>
        <Form.Item label="每项检查人员" name="inspectors"><InputNumber min={1} max={9} /></Form.Item>
        <Form.Item label="种子（不填则随机生成）" name="seed"><Input style={{ width: 160 }} /></Form.Item>
        <Button type="primary" onClick={draw} loading={drawing.busy}>抽取</Button>
      </Form>
      {drawn && <>
        <Descriptions bordered size="small" column={2} style={{ marginTop: 16 }}>
          <Descriptions.Item label="种子">{drawn.input.seed}</Descriptions.Item>
          <Descriptions.Item label="公开记录"><a href={`/api/public/spot-checks/${drawn.id}`} target="_blank" rel="noreferrer">/api/public/spot-checks/{drawn.id}</a></Descriptions.Item>
          {drawn.result.groups.map((g) => <Descriptions.Item key={g.group} label={g.group === 'good' ? '信用良好' : '其他'}>候选 {g.candidates} 项，比例 {(g.ratio * 100).toFixed(1)}%，抽中 {g.drawn} 项</Descriptions.Item>)}
        </Descriptions>
        <Table size="small" rowKey="projectId" pagination={false} style={{ marginTop: 12 }} dataSource={drawn.result.draws}
          columns={[{ title: '项目', dataIndex: 'projectId' }, { title: '检查人员（编号）', render: (_, d) => d.inspectorIds.join('、') }]} />
      </>}
    </Card>
  );
}
