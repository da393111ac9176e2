/** 一票否决审查 (CI-10): one applicant at a time, or a whole call from an Excel sheet. */
import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Space, Table, Tag, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { api } from '../api';
import { creditCodeRefusal } from '../../../core/identity/credit-code';
import { idNumberRefusal } from '../../../core/identity/id-number';
import { errorText, useFormSubmit } from '../components/useFormSubmit';
import { useSystemToday } from '../systemClock';

interface Result { ref: string; detail: 'shown' | 'withheld'; found: boolean; name: string | null; idNumberMasked: string | null; vetoed: boolean; reasons: string[]; rating: { year: number; level: string | null } | null; priorityAtEqualMerit: boolean | null; commitmentSignedOn?: string | null }

/** A number of 18 digits (or 17 and X) is read as an ID number, anything else as a credit code. */
const looksLikeIdNumber = (v: string) => /^[0-9]{17}[0-9X]$/.test(v) || /^[0-9]{15,19}$/.test(v);

export default function VetoPage() {
  const [form] = Form.useForm();
  // The server names applicants/0/idNumber and the like: the form has the one number field and the name.
  const one = useFormSubmit(form, { fieldOf: (f) => (f.startsWith('applicants/0') ? (f.endsWith('/name') ? 'personName' : 'code') : f) });
  const today = useSystemToday();
  const [picked, setOn] = useState<dayjs.Dayjs | null>(null);
  const on = picked ?? today;
  const [results, setResults] = useState<Result[]>([]);
  const [shown, setShown] = useState<'one' | 'batch' | null>(null);
  const [batch, setBatch] = useState<{ text: string; url: string } | null>(null);
  const [batchError, setBatchError] = useState<string | null>(null);
  const [callRef, setCallRef] = useState('');
  const date = on.format('YYYY-MM-DD');
  const checkOne = () => one.run(async (v) => {
    setResults([]);
    setShown(null);
    const code = String(v.code).trim().toUpperCase();
    const name = String(v.personName ?? '').trim();
    const isPerson = looksLikeIdNumber(code);
    // Check digits first, on the field: a mistyped number is never answered as "not in the database".
    const refusal = isPerson ? idNumberRefusal(code) : creditCodeRefusal(code);
    if (refusal) { form.setFields([{ name: 'code', errors: [refusal] }]); return; }
    // A person is checked by name and ID number together (issue 16 H1).
    if (isPerson && !name) { form.setFields([{ name: 'personName', errors: ['按身份证号审查个人时须同时填写姓名'] }]); return; }
    const applicant = isPerson ? { ref: name, name, idNumber: code } : { ref: code, creditCode: code };
    const r = await api<{ results: Result[] }>('/api/veto-check', { method: 'POST', json: { on: date, applicants: [applicant] } });
    setResults(r.results);
    setShown('one');
  });
  const checkSheet = async (file: File) => {
    setBatchError(null);
    setBatch(null);
    setResults([]);
    setShown(null);
    if (!callRef.trim()) { setBatchError('批量审查须填写申报批次'); return; }
    try {
      const r = await api<{ vetoed: number; results: Result[]; xlsxBase64: string }>(`/api/veto-check/xlsx?on=${date}&callRef=${encodeURIComponent(callRef.trim())}&format=json`,
        { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: file });
      const bytes = Uint8Array.from(atob(r.xlsxBase64), (ch) => ch.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
      setResults(r.results);
      setShown('batch');
      setBatch({ text: `已审查 ${r.results.length} 个主体，否决 ${r.vetoed} 个；结果见下表，也可下载。`, url });
    } catch (e) {
      setBatchError(errorText(e, '审查未完成，请稍后重试'));
    }
  };
  return (
    <Card title="申报资格一票否决审查（楚科规〔2022〕5号 第十条）">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Form form={form} layout="inline" onValuesChange={() => { one.clear(); setResults([]); setShown(null); }}>
          <Form.Item label="申报日期"><DatePicker value={on} onChange={(v) => v && setOn(v)} allowClear={false} /></Form.Item>
          <Form.Item name="code" rules={[{ required: true, whitespace: true, message: '请填写统一社会信用代码或身份证号' }]}>
            <Input style={{ width: 280 }} placeholder="统一社会信用代码或身份证号" onPressEnter={checkOne} data-testid="veto-code" autoComplete="off" />
          </Form.Item>
          <Form.Item name="personName"><Input style={{ width: 140 }} placeholder="姓名（个人必填）" onPressEnter={checkOne} data-testid="veto-name" /></Form.Item>
          <Form.Item><Button type="primary" onClick={checkOne} loading={one.busy}>审查</Button></Form.Item>
        </Form>
        {one.error && <Alert type="error" showIcon title={one.error} data-testid="form-error" />}
        <Space wrap>
          <Input style={{ width: 180 }} placeholder="申报批次（批量必填）" value={callRef} onChange={(e) => setCallRef(e.target.value)} data-testid="veto-call" />
          <Upload showUploadList={false} accept=".xlsx" customRequest={async ({ file, onSuccess }) => { await checkSheet(file as File); onSuccess?.({}); }}>
            <Button>上传 Excel 批量审查</Button>
          </Upload>
        </Space>
        <Typography.Text type="secondary">Excel 第一行为表头；第 1 列为单位名称或个人姓名，第 2 列为统一社会信用代码或身份证号；只读第 1 个工作表，一次最多 1,000 个主体。在取消申报资格期内或信用等级为 C 的，一票否决。本辖区以外的主体只告知审查结论。</Typography.Text>
        {batchError && <Alert type="error" showIcon title={batchError} data-testid="batch-error" />}
        {batch && <Alert type="info" showIcon data-testid="batch-result" title={batch.text}
          action={<a href={batch.url} download={`一票否决审查-${date}.xlsx`}>下载结果 Excel</a>} />}
        {shown && <Table<Result> rowKey={(r) => `${r.ref}|${r.idNumberMasked ?? ''}`} size="small" pagination={false} dataSource={results} data-testid="veto-results" columns={[
          { title: '主体', render: (_, r) => r.name ?? r.ref }, { title: '身份证号', dataIndex: 'idNumberMasked', render: (v) => v ?? '—' },
          { title: '范围', render: (_, r) => (r.detail === 'shown' ? '本辖区' : <Tag>只告知结论</Tag>) },
          { title: '结论', render: (_, r) => (r.vetoed ? <Tag color="red">否决</Tag> : <Tag color="green">通过</Tag>) },
          { title: '最近信用等级', render: (_, r) => (r.rating ? `${r.rating.year} 年 ${r.rating.level ?? '未评级'}` : '—') },
          { title: '同等条件下优先（CI-21）', render: (_, r) => (r.priorityAtEqualMerit === null ? '—' : r.priorityAtEqualMerit ? <Tag color="green">优先</Tag> : '否') },
          { title: '诚信承诺书（CI-9）', render: (_, r) => (r.commitmentSignedOn === undefined ? '—' : r.commitmentSignedOn ? `${r.commitmentSignedOn} 已签署` : <Tag color="orange">未签署</Tag>) },
          { title: '依据', render: (_, r) => r.reasons.join('；') },
        ]} />}
      </Space>
    </Card>
  );
}
