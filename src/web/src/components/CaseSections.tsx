/** The sections a case page may have: its materials (YT-6.1, YT-6.3), its documents, its obligations. */
import { beijingDateTime } from '../time';
import { useSystemToday } from '../systemClock';
import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { api, ApiError } from '../api';
import { FILE_KIND_LABEL, MATERIALS } from '../../../core/procedure/tolerance-case';
import { overdueItems, type RectificationItem } from '../../../core/procedure/rectification';
import { errorText, useFormSubmit } from './useFormSubmit';
import { Alert } from 'antd';

export interface FileInfo { id: string; kind: string; kindLabel?: string; fileName: string; sizeBytes: number; sm3: string; createdAt: string; uploadedBy: string; clause: string | null }
export interface Obligation { id: string; kind: string; clause: string; description: string; status: 'open' | 'fulfilled' | 'waived'; amountYuan: string | null; settledOn: string | null; settlementNote: string | null; version: number }
const OBLIGATION_STATUS = { open: ['待履行', 'orange'], fulfilled: ['已履行', 'green'], waived: ['已免除', 'default'] } as const;
export function PlanTable({ plan }: { plan: RectificationItem[] }) {
  const today = useSystemToday().format('YYYY-MM-DD');
  const overdue = new Set(overdueItems({ plan }, today));
  return (
    <Table size="small" pagination={false} rowKey="item" dataSource={plan} columns={[
      { title: '内容', dataIndex: 'item' }, { title: '期限', dataIndex: 'dueDate' }, { title: '验证方式', dataIndex: 'verification' },
      { title: '状态', render: (_, x, i) => (x.verifiedOn ? `已验证（${x.verifiedOn}）` : overdue.has(i) ? <Tag color="red">逾期未整改</Tag> : '整改中') }]} />
  );
}

async function uploadFile(caseId: string, kind: string, file: File) {
  const res = await fetch(`/api/cases/${caseId}/materials?kind=${kind}&fileName=${encodeURIComponent(file.name)}`, {
    method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/octet-stream' }, body: file,
  });
  if (!res.ok) {
    const e = (await res.json().catch(() => null))?.error;
    throw new ApiError(res.status, e?.code ?? 'INTERNAL', e?.message ?? `上传失败（${res.status}）`, e?.field ?? null);
  }
}

export function Materials({ c, onChange }: { c: { id: string; materials: FileInfo[]; abilities: { addMaterialKinds: string[] } }; onChange: () => void }) {
  const { message } = App.useApp();
  const rows = Object.entries(FILE_KIND_LABEL)
    .map(([kind, label]) => ({ kind, label, required: kind in MATERIALS, files: c.materials.filter((f) => f.kind === kind), mayAdd: c.abilities.addMaterialKinds.includes(kind) }))
    .filter((r) => r.required || r.files.length || r.mayAdd);
  return (
    <Card title="申请及调查材料（YT-6.1、YT-6.3）">
      <Table size="small" rowKey="kind" pagination={false} dataSource={rows} columns={[
        { title: '材料', render: (_, r) => <Space>{r.label}{r.required && (r.files.length ? <Tag color="green">已上传</Tag> : <Tag color="red">未上传</Tag>)}</Space> },
        { title: '文件', render: (_, r) => <Space direction="vertical" size={0}>{r.files.map((f) => <a key={f.id} href={`/api/files/${f.id}`} download>{f.fileName}（{Math.ceil(f.sizeBytes / 1024)} KB）</a>)}</Space> },
        { title: '', width: 120, render: (_, r) => r.mayAdd && (
          <Upload showUploadList={false} accept=".pdf,.ofd,.jpg,.jpeg,.png,.docx,.xlsx" customRequest={async ({ file, onSuccess, onError }) => {
            try { await uploadFile(c.id, r.kind, file as File); message.success('已上传'); onSuccess?.({}); onChange(); } catch (e) { message.error(errorText(e, '上传失败')); onError?.(e as Error); }
          }}><Button size="small" data-testid={`upload-${r.kind}`}>上传</Button></Upload>) },
      ]} />
      <Typography.Text type="secondary">接受 PDF、OFD、JPEG、PNG、Word（.docx）、Excel（.xlsx）；按文件内容识别类型，不接受可执行文件、压缩包和带宏的文件。</Typography.Text>
    </Card>
  );
}

export function Documents({ c, onChange }: { c: { id: string; documents: FileInfo[]; documentsAvailable: Array<{ kind: string; title: string }> }; onChange: () => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  if (c.documentsAvailable.length === 0 && c.documents.length === 0) return null;
  const generate = async (kind: string, format: 'docx' | 'pdf') => {
    setBusy(`${kind}-${format}`);
    try {
      const r = await api<{ warnings: string[] }>(`/api/cases/${c.id}/documents`, { method: 'POST', json: { kind, format } });
      message.success('文书已生成并随案保存');
      for (const w of r.warnings) message.warning(w);
      onChange();
    } catch (e) { message.error(errorText(e, '生成失败')); } finally { setBusy(null); }
  };
  return (
    <Card title="文书">
      <Space wrap style={{ marginBottom: 12 }}>
        {c.documentsAvailable.map((d) => (
          <Space.Compact key={d.kind}>
            <Button disabled>{d.title}</Button>
            <Button loading={busy === `${d.kind}-docx`} onClick={() => generate(d.kind, 'docx')}>生成 Word</Button>
            <Button loading={busy === `${d.kind}-pdf`} onClick={() => generate(d.kind, 'pdf')} data-testid={`generate-${d.kind}-pdf`}>生成 PDF</Button>
          </Space.Compact>
        ))}
      </Space>
      <Table size="small" rowKey="id" pagination={false} dataSource={c.documents} columns={[
        { title: '文书', render: (_, f) => <a href={`/api/files/${f.id}`} download data-testid="document-link">{f.fileName}</a> },
        { title: '依据', dataIndex: 'clause' }, { title: '生成人', dataIndex: 'uploadedBy' },
        { title: '生成时间', dataIndex: 'createdAt', render: (v: string) => beijingDateTime(v) },
        { title: 'SM3 摘要', dataIndex: 'sm3', render: (v: string) => <Typography.Text code copyable={{ text: v }}>{v.slice(0, 12)}…</Typography.Text> },
      ]} />
    </Card>
  );
}

export function Obligations({ items, maySettle, onChange }: { items: Obligation[]; maySettle: boolean; onChange: () => void }) {
  const [settling, setSettling] = useState<Obligation | null>(null);
  const [form] = Form.useForm();
  const submit = useFormSubmit(form);
  const today = useSystemToday();
  const mayRecord = maySettle;
  const save = () => submit.run(async (v) => {
    await api(`/api/obligations/${settling!.id}/settle`, { method: 'POST', json: { version: settling!.version, status: v.status, settledOn: v.settledOn.format('YYYY-MM-DD'), amountYuan: v.amountYuan || undefined, note: v.note } });
    setSettling(null);
    onChange();
  });
  return (
    <Card title="应履行事项">
      <Table size="small" rowKey="id" pagination={false} dataSource={items} columns={[
        { title: '事项', render: (_, o) => `${o.description}（${o.clause}）` },
        { title: '状态', render: (_, o) => <Tag color={OBLIGATION_STATUS[o.status][1]}>{OBLIGATION_STATUS[o.status][0]}</Tag> },
        { title: '金额（元）', dataIndex: 'amountYuan' }, { title: '履行日期', dataIndex: 'settledOn' }, { title: '说明', dataIndex: 'settlementNote' },
        { title: '', render: (_, o) => mayRecord && o.status === 'open' && <Button size="small" onClick={() => { form.resetFields(); setSettling(o); }}>登记履行情况</Button> },
      ]} />
      <Modal open={!!settling} title="登记履行情况" onCancel={() => setSettling(null)} onOk={save} okText="保存">
        <Form form={form} layout="vertical" initialValues={{ status: 'fulfilled', settledOn: today }}>
          {submit.error && <Alert type="error" showIcon title={submit.error} style={{ marginBottom: 12 }} />}
          <Form.Item label="结果" name="status"><Select options={[{ value: 'fulfilled', label: '已履行' }, { value: 'waived', label: '免除' }]} /></Form.Item>
          <Form.Item label="日期" name="settledOn" rules={[{ required: true }]}><DatePicker /></Form.Item>
          <Form.Item label="金额（元）" name="amountYuan"><Input /></Form.Item>
          <Form.Item label="说明及凭证" name="note" rules={[{ required: true, message: '请填写' }]}><Input.TextArea rows={2} /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
