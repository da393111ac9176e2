/**
 * 数据导入 (issue 19): download a template, upload a file, read the dry run's row-by-row report and
 * diff preview, then confirm (the same file with the dry run's token). Nothing is written before
 * the confirmation; a file with any problem cannot be confirmed.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Input, Radio, Space, Table, Tag, Typography, Upload } from 'antd';
import { api, ApiError } from '../api';
import { errorText } from '../components/useFormSubmit';

type Kind = 'units' | 'persons' | 'projects' | 'relations';
interface TemplateInfo { kind: Kind; label: string; columns: Array<{ field: string; header: string; required: boolean; example: string; note?: string }> }
interface Problem { row: number; column: string; code: string; zh: string }
interface ChangeRow { row: number; key: string; change: 'new' | 'changed'; fields: Array<{ column: string; label: string; before: unknown; after: unknown }> }
interface Report {
  kind: Kind; fileName: string | null; sha256: string; sm3: string; format: string; rows: number; problemCount: number; problems: Problem[];
  counts: { new: number; changed: number; unchanged: number }; changes: ChangeRow[]; token: string | null;
}
interface Applied { batchId: string | null; counts: { new: number; changed: number; unchanged: number }; sha256: string }

const show = (v: unknown) => (v === null || v === undefined || v === '' ? '（空）' : typeof v === 'object' ? JSON.stringify(v) : String(v));

async function upload<T>(url: string, file: File): Promise<T> {
  const res = await fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/octet-stream' }, body: file });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, body?.error?.code ?? 'INTERNAL', body?.error?.message ?? `请求失败（${res.status}）`, body?.error?.field ?? null);
  return body as T;
}

export default function ImportPage() {
  const { message } = App.useApp();
  const [templates, setTemplates] = useState<TemplateInfo[]>([]);
  const [kind, setKind] = useState<Kind>('units');
  const [map, setMap] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [applied, setApplied] = useState<Applied | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => { api<TemplateInfo[]>('/api/imports/templates').then(setTemplates).catch(() => message.error('模板说明读取失败')); }, [message]);
  const template = templates.find((t) => t.kind === kind);
  const params = (extra = '') => `?fileName=${encodeURIComponent(file?.name ?? '')}${map.trim() ? `&map=${encodeURIComponent(map.trim())}` : ''}${extra}`;

  const dryRun = async (f: File) => {
    setFile(f); setReport(null); setApplied(null); setBusy(true);
    try {
      setReport(await upload<Report>(`/api/imports/${kind}/dry-run?fileName=${encodeURIComponent(f.name)}${map.trim() ? `&map=${encodeURIComponent(map.trim())}` : ''}`, f));
    } catch (e) { message.error(errorText(e, '试运行失败')); } finally { setBusy(false); }
  };
  const confirm = async () => {
    if (!file || !report?.token) return;
    setBusy(true);
    try {
      const r = await upload<Applied>(`/api/imports/${kind}/apply${params(`&token=${report.token}`)}`, file);
      setApplied(r); setReport(null);
      message.success(`已导入：新增 ${r.counts.new}，变更 ${r.counts.changed}`);
    } catch (e) { message.error(errorText(e, '导入失败')); } finally { setBusy(false); }
  };

  return (
    <Card title="数据导入：单位、人员、项目（含里程碑）、主体关系">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          首次导入请依次导入单位、人员、项目和主体关系（后者引用前者）。先试运行：逐行列出问题和将要发生的变更，确认之前不写入任何数据；确认时一次全部写入或全部不写。同一文件再次导入不会重复写入。
        </Typography.Paragraph>
        <Space wrap>
          <Radio.Group value={kind} onChange={(e) => { setKind(e.target.value); setReport(null); setApplied(null); }} optionType="button"
            options={templates.map((t) => ({ value: t.kind, label: t.label }))} data-testid="import-kind" />
          <Button href={`/api/imports/templates/${kind}?format=xlsx`}>下载 Excel 模板</Button>
          <Button href={`/api/imports/templates/${kind}?format=csv`}>下载 CSV 模板</Button>
        </Space>
        {template && (
          <Table rowKey="field" size="small" pagination={false} dataSource={template.columns} columns={[
            { title: '表头', dataIndex: 'header' }, { title: '必填', dataIndex: 'required', render: (v: boolean) => (v ? '是' : '') },
            { title: '示例', dataIndex: 'example' }, { title: '说明', dataIndex: 'note' }, { title: '字段（列映射用）', dataIndex: 'field' },
          ]} />
        )}
        <Input.TextArea rows={2} value={map} onChange={(e) => setMap(e.target.value)} data-testid="import-map"
          placeholder='列映射（可选）：本单位表头与模板不同时填写，如 {"creditCode": "单位统一代码", "name": "单位全称"}' />
        <Upload showUploadList={false} accept=".xlsx,.csv" customRequest={async ({ file: f, onSuccess }) => { await dryRun(f as File); onSuccess?.({}); }}>
          <Button type="primary" loading={busy} data-testid="import-upload">上传文件并试运行</Button>
        </Upload>
        {applied && <Alert type="success" showIcon title={applied.batchId ? `已导入：新增 ${applied.counts.new}，变更 ${applied.counts.changed}，未变 ${applied.counts.unchanged}（文件 SHA-256 ${applied.sha256.slice(0, 16)}…）` : '与库中数据相同，没有写入任何变更'} />}
        {report && (
          <>
            <Descriptions size="small" bordered column={3} items={[
              { key: 'f', label: '文件', children: `${report.fileName ?? ''}（${report.format}，${report.rows} 行）` },
              { key: 'c', label: '试运行结果', children: <span data-testid="import-counts">新增 {report.counts.new}，变更 {report.counts.changed}，未变 {report.counts.unchanged}，问题 {report.problemCount}</span> },
              { key: 'd', label: 'SM3', children: <Typography.Text code>{report.sm3.slice(0, 16)}…</Typography.Text> },
            ]} />
            {report.problemCount > 0 ? (
              <>
                <Alert type="error" showIcon title={`文件中有 ${report.problemCount} 处问题，不能导入。请按下表逐行修正后重新上传试运行。`} />
                <Table<Problem> rowKey={(p) => `${p.row}-${p.column}-${p.code}`} size="small" dataSource={report.problems} data-testid="import-problems" columns={[
                  { title: '行', dataIndex: 'row', width: 70 }, { title: '列', dataIndex: 'column', width: 200 },
                  { title: '代码', dataIndex: 'code', width: 170, render: (v: string) => <Tag>{v}</Tag> }, { title: '说明', dataIndex: 'zh' },
                ]} />
              </>
            ) : (
              <>
                <Table<ChangeRow> rowKey="row" size="small" dataSource={report.changes} data-testid="import-changes" locale={{ emptyText: '没有需要写入的变更' }} columns={[
                  { title: '行', dataIndex: 'row', width: 70 }, { title: '记录', dataIndex: 'key' },
                  { title: '变更', dataIndex: 'change', width: 80, render: (v: string) => (v === 'new' ? <Tag color="green">新增</Tag> : <Tag color="orange">变更</Tag>) },
                  { title: '字段（原值 → 新值）', render: (_, r) => r.fields.map((f) => `${f.label}：${show(f.before)} → ${show(f.after)}`).join('；') },
                ]} />
                <Button type="primary" danger disabled={!report.token} loading={busy} onClick={confirm} data-testid="import-confirm">
                  确认导入（新增 {report.counts.new}，变更 {report.counts.changed}）
                </Button>
              </>
            )}
          </>
        )}
      </Space>
    </Card>
  );
}
