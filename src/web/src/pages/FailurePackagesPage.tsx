/**
 * 年度失败原因分析报告 (YT-11; issue 20): a county or prefecture bureau compiles the submitted
 * failure-analysis reports of a year into one package (cover list, reports, summary; DOCX or PDF),
 * downloads it and sees when it last compiled; whoever's area holds other bureaus (the province, a
 * prefecture) sees which of them have sent for the year, and may keep to those that have not.
 * Shown to whoever holds `failureReport.compile`. Whether this user's own bureau compiles is read from
 * the server's answer (its own region is among the bureaus listed), never from a role.
 */
import { useState } from 'react';
import { Alert, Button, Descriptions, Form, InputNumber, Radio, Space, Switch, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, query } from '../api';
import { useAuth } from '../auth';
import { FormDialog } from '../components/FormDialog';
import { ListPage } from '../components/ListPage';
import { useFormSubmit } from '../components/useFormSubmit';
import { useListParams } from '../components/useListParams';
import { beijingDateTime } from '../time';

interface Row { regionCode: string; regionName: string; level: string; sent: boolean; compiledAt: string | null; reports: number }
interface Status { year: number; due: string; items: Row[] }
const LEVEL: Record<string, string> = { prefecture: '州（市）', county: '县（市、区）' };

/** Asks the server to compile the package and saves the file it answers; a refusal becomes an ApiError. */
async function compilePackage(year: number, format: 'docx' | 'pdf'): Promise<{ name: string; reports: number }> {
  const res = await fetch('/api/failure-packages', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ year, format }) });
  if (!res.ok) {
    const e = (await res.json().catch(() => null))?.error;
    throw new ApiError(res.status, e?.code ?? 'INTERNAL', e?.message ?? `汇编失败（${res.status}）`, e?.field ?? null, e?.clause ?? null);
  }
  const name = decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `失败原因分析报告汇编-${year}.${format}`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url; a.download = name; a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { name, reports: Number(res.headers.get('x-report-count') ?? 0) };
}

export default function FailurePackagesPage() {
  const { me } = useAuth();
  const lp = useListParams();
  const year = Number(lp.get('year') ?? new Date().getFullYear());
  const unsent = lp.get('unsent') === 'true';
  const qc = useQueryClient();
  const { data, isFetching, error } = useQuery({
    queryKey: ['failure-packages', year],
    queryFn: () => api<Status>(`/api/failure-packages/status${query({ year })}`),
  });
  const own = data?.items.find((i) => i.regionCode === me?.regionCode) ?? null;
  const shown = unsent ? (data?.items ?? []).filter((i) => !i.sent) : data?.items ?? [];

  const [form] = Form.useForm();
  const submit = useFormSubmit(form, { fieldOf: (f) => (f === 'year' || f === 'format' ? f : null) });
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<{ name: string; reports: number } | null>(null);
  const onOk = async () => {
    const r = await submit.run((v) => compilePackage(v.year, v.format));
    if (!r) return;
    setDone(r); setOpen(false);
    if (form.getFieldValue('year') !== year) lp.set({ year: String(form.getFieldValue('year')) });
    await qc.invalidateQueries({ queryKey: ['failure-packages'] });
  };

  return (
    <ListPage<Row> title={`年度失败原因分析报告（YT-11）${year} 年`} lp={lp} paging="client" size="small" rowKey="regionCode" loading={isFetching}
      data={{ items: shown }} locale={{ emptyText: unsent ? '均已报送' : '无州（市）、县科技部门' }}
      actions={own && <Button type="primary" data-testid="compile-package" onClick={() => { submit.clear(); form.setFieldsValue({ year, format: 'docx' }); setOpen(true); }}>汇编本年度报告</Button>}
      filters={<>
        <span>年度 <InputNumber data-testid="package-year" min={2000} max={2100} value={year} onChange={(v) => v && lp.set({ year: String(v) })} style={{ width: 100 }} /></span>
        <span>只看未报送 <Switch data-testid="unsent-only" checked={unsent} onChange={(v) => lp.set({ unsent: v ? 'true' : undefined })} /></span>
      </>}
      columns={[
        { title: '科技部门', render: (_, r) => `${r.regionName}（${r.regionCode}）` },
        { title: '层级', dataIndex: 'level', render: (v: string) => LEVEL[v] ?? v },
        { title: '报送情况', render: (_, r) => (r.sent ? <Tag color="green">已报送</Tag> : <Tag color="red">未报送</Tag>) },
        { title: '汇编时间', render: (_, r) => beijingDateTime(r.compiledAt) || '—' },
        { title: '已提交报告', dataIndex: 'reports', render: (v: number) => `${v} 份` },
      ]}>
      {error && <Alert type="error" showIcon title={error instanceof ApiError ? error.message : '读取报送情况失败'} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">州（市）、县科技部门每年将本年度已提交的失败原因分析报告汇编（目录、报告正文、汇总情况）报送省科技厅，报送期限 {data?.due ?? `${year}-12-31`}（YT-11）。再次汇编则替换此前的汇编。</Typography.Paragraph>
      {own && (
        <Descriptions bordered size="small" column={3} style={{ marginBottom: 16 }} data-testid="own-package" title={`本部门：${own.regionName}`}>
          <Descriptions.Item label="报送情况">{own.sent ? <Tag color="green">已汇编报送</Tag> : <Tag color="red">尚未汇编</Tag>}</Descriptions.Item>
          <Descriptions.Item label="汇编时间">{beijingDateTime(own.compiledAt) || '—'}</Descriptions.Item>
          <Descriptions.Item label="本年度已提交报告">{own.reports} 份</Descriptions.Item>
        </Descriptions>
      )}
      {done && <Alert type="success" showIcon data-testid="package-done" style={{ marginBottom: 12 }} title={`已汇编 ${done.reports} 份报告并下载：${done.name}`} />}
      {own && open && (
        <FormDialog title="汇编年度失败原因分析报告（YT-11）" form={form} submit={submit} onOk={onOk} onCancel={() => setOpen(false)} okText="汇编并下载" destroyOnHidden>
          <Form.Item label="年度" name="year" rules={[{ required: true, message: '请填写年度' }]}><InputNumber min={2000} max={2100} style={{ width: 120 }} /></Form.Item>
          <Form.Item label="格式" name="format" rules={[{ required: true }]}>
            <Radio.Group options={[{ value: 'docx', label: 'Word（DOCX）' }, { value: 'pdf', label: 'PDF' }]} />
          </Form.Item>
          <Space><Typography.Text type="secondary">汇编本部门该年度已提交的报告；记录汇编时间并留痕。</Typography.Text></Space>
        </FormDialog>
      )}
    </ListPage>
  );
}
