/**
 * 科研诚信异常名录 (CI-12): every misconduct record of the area, including those kept off the public list
 * (CI-22); whoever holds `misconduct.importExternal` receives here a file of records decided elsewhere
 * (CI-13: the province's or the national database), checked whole — the row at fault is named.
 */
import { useState } from 'react';
import { Alert, Button, Descriptions, Switch, Tag, Tooltip, Typography, Upload } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { EXTERNAL_CSV_COLUMNS } from '../../../core/sanctions/external-records';
import { api, ApiError, query, uploadRaw } from '../api';
import { access } from '../access';
import { useAuth } from '../auth';
import { ListPage } from '../components/ListPage';
import { useListParams } from '../components/useListParams';

interface Row {
  id: string; name: string; kind: 'organization' | 'person'; creditCode: string | null; idNumberMasked: string | null;
  severity: string; measures: string[]; misconduct: string; decidedOn: string; decidedBy: string; banStart: string | null; banEnd: string | null; banLife: boolean;
  corrections: Array<{ label: string; from: string; to: string; on: string }>;
  banActive: boolean; published: boolean; answersFor: string | null; clause: string;
  caseId: string | null; subjectId: string | null;
  /** 来源: this bureau's decision, or a record received from the province's or the national database (CI-13), not editable here. */
  source: { kind: 'own' | 'external'; label: string; sender: string | null; documentNo: string | null };
  editable: boolean;
}

interface Imported { received: number; created: number; already: number; ids: string[] }
/** A refusal of the file: the spreadsheet row and column it names, and the server's Chinese message. */
interface Refused { row: string | null; column: string | null; message: string }

function refusalOf(e: unknown): Refused {
  if (!(e instanceof ApiError)) return { row: null, column: null, message: '报入未完成，请稍后重试' };
  const key = /^records\[\d+\]\.(\w+)/.exec(e.field ?? '')?.[1];
  return { row: /第 (\d+) 行/.exec(e.message)?.[1] ?? null, column: EXTERNAL_CSV_COLUMNS.find((c) => c.key === key)?.header ?? null, message: e.message };
}

/** CI-13: the upload of an external records file and what the server answered. */
function ExternalRecordsUpload() {
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ file: string; imported?: Imported; refused?: Refused } | null>(null);
  const send = async (file: File) => {
    setBusy(true); setResult(null);
    try {
      const imported = await uploadRaw<Imported>(`/api/misconduct-records/external${query({ fileName: file.name })}`, file);
      setResult({ file: file.name, imported });
      await qc.invalidateQueries({ queryKey: ['misconduct-records'] });
    } catch (e) {
      setResult({ file: file.name, refused: refusalOf(e) });
    } finally { setBusy(false); }
  };
  return (
    <div style={{ marginBottom: 12 }} data-testid="external-upload">
      <Upload showUploadList={false} accept=".xlsx,.csv" customRequest={async ({ file, onSuccess }) => { await send(file as File); onSuccess?.({}); }}>
        <Button loading={busy}>报入外部失信记录（Excel/CSV，CI-13）</Button>
      </Upload>
      <Typography.Paragraph type="secondary" style={{ marginTop: 4, marginBottom: 4 }}>
        首行为表头，列依次为：{EXTERNAL_CSV_COLUMNS.map((c) => c.header).join('、')}。任一行有误整份不予报入；同一报送单位、文书号和主体的记录只记一次。
      </Typography.Paragraph>
      {result?.imported && (
        <Alert type="success" showIcon data-testid="external-result" title={`${result.file}：收到 ${result.imported.received} 条，新报入 ${result.imported.created} 条，此前已报入 ${result.imported.already} 条`} />
      )}
      {result?.refused && (
        <Alert type="error" showIcon data-testid="external-refused" title={`${result.file} 未报入（整份不予报入）`} description={
          <Descriptions size="small" column={1}>
            {result.refused.row && <Descriptions.Item label="行">第 {result.refused.row} 行</Descriptions.Item>}
            {result.refused.column && <Descriptions.Item label="列">{result.refused.column}</Descriptions.Item>}
            <Descriptions.Item label="原因">{result.refused.message}</Descriptions.Item>
          </Descriptions>
        } />
      )}
    </div>
  );
}

export default function MisconductRecordsPage() {
  const { me } = useAuth();
  const mayImport = access(me).externalRecords;
  const lp = useListParams();
  const inForce = lp.get('inForce') === 'true';
  const params = { inForce: inForce || undefined, page: lp.page, pageSize: lp.pageSize };
  const { data, isFetching } = useQuery({ queryKey: ['misconduct-records', params], queryFn: () => api<{ total: number; today: string; items: Row[] }>(`/api/misconduct-records${query(params)}`) });
  return (
    <ListPage<Row> title="科研诚信异常名录（CI-12）" lp={lp} data={data} loading={isFetching} size="small" rowKey="id" locale={{ emptyText: '无失信处理记录' }}
      actions={<span>只看取消资格在期的 <Switch checked={inForce} onChange={(v) => lp.set({ inForce: v ? 'true' : undefined })} /></span>}
        columns={[
          { title: '主体', render: (_, r) => (r.subjectId ? <Link to={`/subjects/${r.subjectId}`}>{r.name}</Link> : r.name) },
          { title: '来源', render: (_, r) => (r.source.kind === 'external'
            ? <Tooltip title={`${r.source.sender}报送，${r.source.documentNo}；按原样保存，本系统不可修改（CI-13）`}><Tag color="blue">{r.source.label}</Tag></Tooltip>
            : r.source.label) },
          { title: '代码/证件号', render: (_, r) => r.creditCode ?? r.idNumberMasked ?? '—' },
          { title: '失信行为', render: (_, r) => <>{r.misconduct}{r.corrections.length > 0 && <Tooltip title={r.corrections.map((k) => `${k.on} ${k.label}：${k.from} → ${k.to}`).join('；')}><Tag color="gold" style={{ marginLeft: 4 }}>已更正（CI-27）</Tag></Tooltip>}</> }, { title: '情节', dataIndex: 'severity', render: (v: string | null) => v ?? '—' }, { title: '措施', render: (_, r) => r.measures.join('；') },
          { title: '决定', render: (_, r) => (r.caseId ? <Link to={`/cases/${r.caseId}`}>{r.decidedBy} {r.decidedOn}</Link> : <>{r.decidedBy} {r.decidedOn}{r.source.documentNo ? ` ${r.source.documentNo}` : ''}</>) },
          { title: '取消资格', render: (_, r) => (r.banStart ? <>{r.banStart} 至 {r.banLife ? '永久' : r.banEnd} {r.banActive ? <Tag color="red">在期</Tag> : <Tag>不在期</Tag>}</> : '—') },
          { title: '作为', dataIndex: 'answersFor', render: (v: string | null) => (v ? `${v}的负责人（CI-26）` : '本人/本单位') },
          { title: '公开', render: (_, r) => (r.source.kind === 'external' ? '—' : r.published ? '是' : <Tag>不公开（CI-22）</Tag>) }, { title: '依据', dataIndex: 'clause' },
        ]}>
      {mayImport && <ExternalRecordsUpload />}
      <Typography.Paragraph type="secondary">本辖区作出或涉及本辖区主体的全部失信处理记录，包括按 CI-22 不公开的轻微并已纠正情形；是否在取消资格期内按 {data?.today ?? '今日'} 推算。</Typography.Paragraph>
    </ListPage>
  );
}
