/**
 * 统计简报 (YT-12): the figures of a period and a region (the caller's own region by default; the
 * server answers only within the caller's scope), shown as a table and downloaded as the DOCX brief
 * for the leadership group and 纪委监委. Shown to whoever holds `briefing.generate`.
 */
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError, query } from '../api';
import { useAuth } from '../auth';

interface Figures {
  regionCode: string; regionName: string; from: string; to: string; toleranceReceived: number; toleranceDecided: Record<string, number>;
  correctionsStarted: number; sanctions: Record<string, number>; listings: number; externalRecords: number;
}
const OUTCOMES: Array<[string, string]> = [['exempt', '免除责任'], ['lighter', '从轻处理'], ['mitigated', '减轻处理'], ['not_tolerated', '不予容错']];
const SEVERITIES: Array<[string, string]> = [['minor', '情节较轻'], ['moderate', '情节较重'], ['serious', '情节严重'], ['grave', '情节特别严重']];

export default function BriefingPage() {
  const { me } = useAuth();
  const year = new Date().getFullYear();
  const [params, setParams] = useState({ regionCode: me?.regionCode ?? '', from: `${year}-01-01`, to: `${year}-12-31` });
  const { data, error, isFetching } = useQuery({
    queryKey: ['briefing', params], enabled: /^\d{6}$/.test(params.regionCode),
    queryFn: () => api<Figures>(`/api/briefings/yt12${query(params)}`),
  });
  return (
    <Card title="统计简报（YT-12）">
      <Form layout="inline" initialValues={params} onFinish={(v) => setParams(v)} style={{ marginBottom: 16 }}>
        <Form.Item label="区划代码" name="regionCode" rules={[{ required: true, pattern: /^\d{6}$/, message: '请输入 6 位区划代码' }]}><Input style={{ width: 120 }} /></Form.Item>
        <Form.Item label="起始日" name="from" rules={[{ required: true }]}><Input type="date" /></Form.Item>
        <Form.Item label="截止日" name="to" rules={[{ required: true }]}><Input type="date" /></Form.Item>
        <Space><Button type="primary" htmlType="submit" loading={isFetching}>统计</Button>
          <a href={`/api/briefings/yt12${query({ ...params, format: 'docx' })}`} download>下载简报（Word）</a></Space>
      </Form>
      {error && <Alert type="error" message={error instanceof ApiError ? error.message : '统计失败'} />}
      {data && (
        <Descriptions bordered size="small" column={1} title={`${data.regionName}（${data.regionCode}）${data.from} 至 ${data.to}`}>
          <Descriptions.Item label="受理容错免责申请">{data.toleranceReceived} 件</Descriptions.Item>
          <Descriptions.Item label="作出认定">{OUTCOMES.map(([k, l]) => `${l} ${data.toleranceDecided[k] ?? 0} 件`).join('，')}</Descriptions.Item>
          <Descriptions.Item label="启动纠错">{data.correctionsStarted} 件</Descriptions.Item>
          <Descriptions.Item label="失信行为处理">{SEVERITIES.map(([k, l]) => `${l} ${data.sanctions[k] ?? 0} 件`).join('，')}</Descriptions.Item>
          <Descriptions.Item label="列入失信惩戒名单">{data.listings} 件</Descriptions.Item>
          <Descriptions.Item label="外部失信记录">{data.externalRecords} 条</Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}
