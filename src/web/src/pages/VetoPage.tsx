/** 一票否决审查 (CI-10): one applicant at a time, or a whole call from an Excel sheet. */
import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Input, Space, Table, Tag, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { api, ApiError } from '../api';

interface Result { ref: string; detail: 'shown' | 'withheld'; found: boolean; name: string | null; idNumberMasked: string | null; vetoed: boolean; reasons: string[]; rating: { year: number; level: string | null } | null }

export default function VetoPage() {
  const { message } = App.useApp();
  const [on, setOn] = useState(dayjs());
  const [code, setCode] = useState('');
  const [personName, setPersonName] = useState('');
  const [callRef, setCallRef] = useState('');
  const [results, setResults] = useState<Result[]>([]);
  const [batch, setBatch] = useState<string | null>(null);
  const date = on.format('YYYY-MM-DD');
  const checkOne = async () => {
    const v = code.trim().toUpperCase();
    const isPerson = /^[0-9]{17}[0-9X]$/.test(v);
    // A person is checked by name and ID number together (issue 16 H1).
    if (isPerson && !personName.trim()) { message.error('按身份证号审查个人时须同时填写姓名'); return; }
    const applicant = isPerson ? { ref: personName.trim(), name: personName.trim(), idNumber: v } : { ref: v, creditCode: v };
    try {
      const r = await api<{ results: Result[] }>('/api/veto-check', { method: 'POST', json: { on: date, applicants: [applicant] } });
      setResults(r.results);
    } catch (e) { message.error(e instanceof ApiError ? e.message : '审查失败'); }
  };
  const checkSheet = async (file: File) => {
    if (!callRef.trim()) { message.error('批量审查须填写申报批次'); return; }
    const res = await fetch(`/api/veto-check/xlsx?on=${date}&callRef=${encodeURIComponent(callRef.trim())}`, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/octet-stream' }, body: file });
    if (!res.ok) { message.error((await res.json().catch(() => null))?.error?.message ?? '审查失败'); return; }
    const blob = await res.blob();
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `一票否决审查-${date}.xlsx`;
    a.click();
    URL.revokeObjectURL(a.href);
    setBatch(`已审查，否决 ${res.headers.get('x-vetoed') ?? 0} 个主体；结果已下载。`);
  };
  return (
    <Card title="申报资格一票否决审查（楚科规〔2022〕5号 第十条）">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          申报日期 <DatePicker value={on} onChange={(v) => v && setOn(v)} allowClear={false} />
          <Input style={{ width: 280 }} placeholder="统一社会信用代码或身份证号" value={code} onChange={(e) => setCode(e.target.value)} onPressEnter={checkOne} data-testid="veto-code" />
          <Input style={{ width: 140 }} placeholder="姓名（个人必填）" value={personName} onChange={(e) => setPersonName(e.target.value)} onPressEnter={checkOne} data-testid="veto-name" />
          <Button type="primary" onClick={checkOne}>审查</Button>
          <Input style={{ width: 180 }} placeholder="申报批次（批量必填）" value={callRef} onChange={(e) => setCallRef(e.target.value)} data-testid="veto-call" />
          <Upload showUploadList={false} accept=".xlsx" customRequest={async ({ file, onSuccess }) => { await checkSheet(file as File); onSuccess?.({}); }}>
            <Button>上传 Excel 批量审查</Button>
          </Upload>
        </Space>
        <Typography.Text type="secondary">Excel 第一行为表头；第 1 列为单位名称或个人姓名，第 2 列为统一社会信用代码或身份证号；只读第 1 个工作表，一次最多 1,000 个主体。在取消申报资格期内或信用等级为 C 的，一票否决。本辖区以外的主体只告知审查结论。</Typography.Text>
        {batch && <Alert type="info" showIcon title={batch} />}
        <Table<Result> rowKey="ref" size="small" pagination={false} dataSource={results} columns={[
          { title: '主体', render: (_, r) => r.name ?? r.ref }, { title: '身份证号', dataIndex: 'idNumberMasked', render: (v) => v ?? '—' },
          { title: '范围', render: (_, r) => (r.detail === 'shown' ? '本辖区' : <Tag>只告知结论</Tag>) },
          { title: '结论', render: (_, r) => (r.vetoed ? <Tag color="red">否决</Tag> : <Tag color="green">通过</Tag>) },
          { title: '最近信用等级', render: (_, r) => (r.rating ? `${r.rating.year} 年 ${r.rating.level ?? '未评级'}` : '—') },
          { title: '依据', render: (_, r) => r.reasons.join('；') },
        ]} />
      </Space>
    </Card>
  );
}
