/**
 * 信用报告核验 (issue 20), for anyone: the verification code printed on a report (its QR code opens this
 * page with it) shows what the report said when it was issued — when, by whom, about whom — and
 * nothing more; a PDF at hand can be checked against the file issued by its SHA-256, computed here in
 * the browser (the file is not uploaded).
 */
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Input, Layout, List, Space, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { api, query } from '../api';

interface Verified {
  code: string; issuedOn: string; issuer: string; subject: { name: string; kindLabel: string; identifier: string }; sentence: string;
  statements: Array<{ heading: string; basis: string; lines: string[] }>; digest: { sha256: string; sm3: string }; fileMatches: boolean | null;
}

async function sha256Of(file: File): Promise<string> {
  const d = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export default function PublicCreditReportPage() {
  const [sp] = useSearchParams();
  const [code, setCode] = useState(sp.get('code') ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<Verified | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const check = async () => {
    setBusy(true); setError(null); setResult(null);
    try {
      const sha256 = file ? await sha256Of(file) : undefined;
      setResult(await api<Verified>(`/api/public/credit-reports/verify${query({ code: code.trim(), sha256 })}`));
    } catch (e) { setError((e as Error).message); } finally { setBusy(false); }
  };
  return (
    <Layout style={{ minHeight: '100vh', padding: 24 }}>
      <Card title="信用报告核验" style={{ maxWidth: 860, margin: '0 auto', width: '100%' }}>
        <Typography.Paragraph type="secondary">输入信用报告上的验证码（或扫描报告右上角的二维码），可核验该报告的出具机关、出具日期、报告对象及所载内容。本页只显示报告本身所载的信息。</Typography.Paragraph>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input data-testid="report-code" style={{ width: 260 }} placeholder="验证码，如 ABCD-EFGH-JKMN-PQRS" value={code} onChange={(e) => setCode(e.target.value)} onPressEnter={check} />
          <input data-testid="report-file" type="file" accept="application/pdf" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          <Button type="primary" data-testid="report-verify" loading={busy} disabled={code.trim().length < 16} onClick={check}>核验</Button>
        </Space>
        {error && <Alert data-testid="report-error" type="error" showIcon title={error} />}
        {result && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Alert data-testid="report-sentence" type="success" showIcon title={result.sentence} />
            {result.fileMatches === true && <Alert type="success" showIcon title="所选文件与出具的报告一致（SHA-256 相同）" />}
            {result.fileMatches === false && <Alert data-testid="report-mismatch" type="error" showIcon title="所选文件与出具的报告不一致：文件可能被修改过，请以本页所示内容为准" />}
            <Descriptions size="small" column={1} bordered items={[
              { key: 'issuer', label: '出具机关', children: result.issuer },
              { key: 'on', label: '出具日期', children: result.issuedOn },
              { key: 'subject', label: '报告对象', children: `${result.subject.name}（${result.subject.kindLabel}）　${result.subject.identifier}` },
            ]} />
            {result.statements.map((s) => (
              <List key={s.heading} size="small" header={<Space><Typography.Text strong>{s.heading}</Typography.Text><Typography.Text type="secondary">{s.basis}</Typography.Text></Space>} bordered dataSource={s.lines} renderItem={(l) => <List.Item>{l}</List.Item>} />
            ))}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>报告文件摘要 SHA-256：{result.digest.sha256}；SM3：{result.digest.sm3}</Typography.Text>
          </Space>
        )}
      </Card>
    </Layout>
  );
}
