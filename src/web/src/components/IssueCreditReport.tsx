/**
 * 出具信用报告 (issue 20): asks the server for the subject's credit report as a PDF (issuing is audited),
 * saves it, and shows its verification code with the link of the public verification page.
 */
import { useState } from 'react';
import { Alert, Button, Space } from 'antd';
import { ApiError } from '../api';

export function IssueCreditReport({ subjectId }: { subjectId: string }) {
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<{ code: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const issue = async () => {
    setBusy(true); setError(null);
    try {
      const res = await fetch(`/api/subjects/${subjectId}/credit-reports`, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: '{}' });
      if (!res.ok) {
        const e = (await res.json().catch(() => null))?.error;
        throw new ApiError(res.status, e?.code ?? 'INTERNAL', e?.message ?? `请求失败（${res.status}）`, e?.field ?? null);
      }
      const code = res.headers.get('x-report-code') ?? '';
      const name = decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? '信用报告.pdf');
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url; a.download = name; a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setIssued({ code });
    } catch (e) { setError((e as Error).message); } finally { setBusy(false); }
  };
  return (
    <Space direction="vertical" size={4}>
      <Button data-testid="issue-credit-report" loading={busy} onClick={issue}>出具信用报告（PDF，留痕）</Button>
      {issued && <Alert data-testid="issued-code" type="success" showIcon title={<>已出具，验证码 <b>{issued.code}</b>；任何人可在 <a href={`/public/credit-report?code=${encodeURIComponent(issued.code)}`} target="_blank" rel="noreferrer">信用报告核验页</a> 核验</>} />}
      {error && <Alert type="error" showIcon title={error} />}
    </Space>
  );
}
