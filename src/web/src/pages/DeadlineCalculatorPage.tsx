import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, InputNumber, Select, Space, Tag, TreeSelect, Typography } from 'antd';
import dayjs from 'dayjs';
import { api } from '../api';
import { TIME_LIMITS, describeLimit } from '../../../core/deadlines/time-limits';
import { regionTree, useRegions } from '../components/useRegions';
import { errorText, validValues } from '../components/useFormSubmit';
import { useSystemToday } from '../systemClock';

interface Result { dueDate: string; clause: string; provisional: boolean; warnings: string[]; derivation: string; localOverlay: boolean; rules: string[] }

export default function DeadlineCalculatorPage() {
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { data: regions = [] } = useRegions();
  const [form] = Form.useForm();
  const today = useSystemToday();
  const limitId = Form.useWatch('limitId', form);
  const limit = limitId && TIME_LIMITS[limitId] ? describeLimit(TIME_LIMITS[limitId]) : null;
  const calc = async () => {
    const v = await validValues(form);
    if (!v) return;
    setError(null);
    try {
      setResult(await api<Result>('/api/deadlines/preview', {
        method: 'POST',
        json: {
          limitId: v.limitId, start: v.start.format('YYYY-MM-DD'), jurisdictionCode: v.jurisdictionCode,
          extensions: v.extensions ?? 0,
          pauses: (v.pauses ?? []).map((p: [dayjs.Dayjs, dayjs.Dayjs]) => ({ from: p[0].format('YYYY-MM-DD'), to: p[1].format('YYYY-MM-DD'), reason: '专家评估' })),
        },
      }));
    } catch (e) {
      setResult(null);
      setError(errorText(e, '计算失败'));
    }
  };
  return (
    <Card title="时限计算器">
      <Form key={today.format('YYYY-MM-DD')} form={form} layout="inline" initialValues={{ limitId: 'YT-6.3', start: today, jurisdictionCode: '532300' }} style={{ rowGap: 12 }}>
        <Form.Item label="时限规则" name="limitId" rules={[{ required: true }]}>
          <Select style={{ width: 320 }} options={Object.values(TIME_LIMITS).map((l) => describeLimit(l)).map((l) => ({ value: l.id, label: `${l.id} ${l.action}（${l.lengthText}）` }))} />
        </Form.Item>
        <Form.Item label={limit?.trigger ?? '起算事件'} name="start" rules={[{ required: true }]}><DatePicker /></Form.Item>
        <Form.Item label="办理机关所在区划" name="jurisdictionCode"><TreeSelect style={{ width: 200 }} treeData={regionTree(regions, false)} treeDefaultExpandedKeys={['530000']} allowClear /></Form.Item>
        {limit?.extension && <Form.Item label="经批准延长次数" name="extensions"><InputNumber min={0} max={2} /></Form.Item>}
        {limit?.pauseReasons && (
          <Form.List name="pauses">
            {(fields, { add, remove }) => (
              <Space wrap>
                {fields.map((f) => (
                  <Space key={f.key}><Form.Item name={f.name} noStyle rules={[{ required: true }]}><DatePicker.RangePicker /></Form.Item><Button size="small" onClick={() => remove(f.name)}>删除</Button></Space>
                ))}
                <Button onClick={() => add()}>增加暂停（评估、听证）</Button>
              </Space>
            )}
          </Form.List>
        )}
        <Button type="primary" onClick={calc}>计算</Button>
      </Form>
      {limit && <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>{limit.id}：{limit.summary}</Typography.Paragraph>}
      {error && <Alert type="error" title={error} style={{ marginTop: 16 }} />}
      {result && (
        <div style={{ marginTop: 16 }} data-testid="deadline-result">
          <Typography.Title level={4}>到期日：{result.dueDate} {result.provisional && <Tag color="orange">暂定</Tag>} {result.localOverlay && <Tag>含地方假日</Tag>}</Typography.Title>
          <Typography.Paragraph>依据：{result.clause}</Typography.Paragraph>
          <Typography.Paragraph copyable style={{ background: '#fafafa', padding: 12 }}>{result.derivation}</Typography.Paragraph>
          {result.warnings.map((w) => <Alert key={w} type="warning" title={w} style={{ marginBottom: 8 }} />)}
        </div>
      )}
    </Card>
  );
}
