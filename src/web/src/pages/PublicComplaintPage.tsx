/** 投诉举报 (CI-29), for anyone: submit, get a receipt code, follow progress with it. */
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Layout, Radio, Space, Typography, Upload, type UploadFile } from 'antd';
import { Link } from 'react-router';
import { api } from '../api';
import { errorText, useFormSubmit } from '../components/useFormSubmit';
import { beijingDateTime } from '../time';
import { creditCodeRefusal } from '../../../core/identity/credit-code';
import { solveWork } from '../../../core/challenge/proof-of-work';

/** As the server takes them (modules/complaints/submit-complaint.ts); the server decides by content. */
const MAX_FILES = 5;
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx';

/**
 * The anti-automation check (modules/complaints/complaint-challenge.ts): the server's challenge is
 * answered here by searching for the nonce, a few thousand tries at a time so that the page stays
 * responsive; nothing is asked of the person.
 */
async function answerChallenge(): Promise<{ challenge: string; nonce: string }> {
  const c = await api<{ challenge: string; bits: number }>('/api/public/complaints/challenge');
  for (let from = 0; from < 1 << 28; from += 4096) {
    const nonce = solveWork(c.challenge, c.bits, 4096, from);
    if (nonce !== null) return { challenge: c.challenge, nonce };
    await new Promise((r) => setTimeout(r, 0));
  }
  throw new Error('人机校验未能完成');
}

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Shows what the check does; the field exists so that a refusal of the check is said under it. */
function ChallengeNote(_: { value?: string }) {
  return <Typography.Text type="secondary" data-testid="challenge-note">提交时由浏览器自动完成一次计算校验，无需操作（用于防止程序批量提交）</Typography.Text>;
}

export default function PublicComplaintPage() {
  const [form] = Form.useForm();
  const [receipt, setReceipt] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [progress, setProgress] = useState<Record<string, string | null> | null>(null);
  const sending = useFormSubmit(form);
  const [followError, setFollowError] = useState<string | null>(null);
  const submit = () => sending.run(async (v) => {
    const files = (v.attachments ?? []) as UploadFile[];
    const attachments = await Promise.all(files.map(async (f) => ({ fileName: f.name, contentBase64: await base64Of(f.originFileObj as File) })));
    const proof = await answerChallenge();
    const r = await api<{ receipt: string }>('/api/public/complaints', { method: 'POST', json: {
      accusedName: v.accusedName, accusedKind: v.accusedKind, accusedCreditCode: v.accusedCreditCode || null, content: v.content,
      complainant: { name: v.complainant.name, phone: v.complainant.phone, email: v.complainant.email || null }, attachments, proof,
    } });
    setReceipt(r.receipt);
    form.resetFields();
  });
  // A new question clears the last answer first: a wrong code never leaves another complaint's progress on screen.
  const follow = async () => {
    setProgress(null);
    setFollowError(null);
    if (!code.trim()) { setFollowError('请填写受理码'); return; }
    try { setProgress(await api(`/api/public/complaints/status?receipt=${encodeURIComponent(code.trim().toUpperCase())}`)); } catch (e) { setFollowError(errorText(e, '查询未完成，请稍后重试')); }
  };
  return (
    <Layout style={{ minHeight: '100vh', padding: 24 }}>
      <Space direction="vertical" size="large" style={{ maxWidth: 800, margin: '0 auto', width: '100%' }}>
        <Card title="科研失信行为投诉举报" extra={<Link to="/public">公开名单</Link>}>
          <Typography.Paragraph type="secondary">依据楚科规〔2022〕5号第二十九条受理。举报人信息加密保存，仅受理人员在必要时经登记理由后查阅，不随案件转办，不告知被举报人。</Typography.Paragraph>
          {receipt && <Alert type="success" showIcon style={{ marginBottom: 16 }} title={<>已收到。请记下受理码 <Typography.Text strong copyable data-testid="receipt">{receipt}</Typography.Text>，凭此查询办理进度。</>} />}
          <Form form={form} layout="vertical" initialValues={{ accusedKind: 'person', attachments: [], challenge: '' }}>
            {sending.error && <Alert type="error" showIcon title={sending.error} style={{ marginBottom: 12 }} data-testid="form-error" />}
            <Form.Item label="被举报对象" name="accusedKind"><Radio.Group options={[{ value: 'person', label: '个人' }, { value: 'organization', label: '单位' }]} /></Form.Item>
            <Form.Item label="被举报人或单位名称" name="accusedName" rules={[{ required: true, min: 2, message: '请填写名称' }]}><Input /></Form.Item>
            <Form.Item label="统一社会信用代码（单位，可不填）" name="accusedCreditCode" normalize={(v: string) => v?.toUpperCase()}
              rules={[{ validator: async (_, v: string | undefined) => { const why = v?.trim() ? creditCodeRefusal(v) : null; if (why) throw new Error(why); } }]}><Input maxLength={18} /></Form.Item>
            <Form.Item label="举报内容（时间、事项、线索）" name="content" rules={[{ required: true, min: 10, message: '请写明举报内容（至少 10 个字）' }]}><Input.TextArea rows={5} /></Form.Item>
            <Form.Item label={`证据材料（可不填，最多 ${MAX_FILES} 个：PDF、JPEG、PNG 图片或 Word 文档）`} name="attachments" valuePropName="fileList" getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(0, MAX_FILES)}
              rules={[{ validator: async (_, v: UploadFile[] | undefined) => { if ((v?.length ?? 0) > MAX_FILES) throw new Error(`最多上传 ${MAX_FILES} 个附件`); } }]}>
              <Upload beforeUpload={() => false} multiple accept={ACCEPT} maxCount={MAX_FILES} data-testid="attachments"><Button>选择文件</Button></Upload>
            </Form.Item>
            <Form.Item label="您的姓名" name={['complainant', 'name']} rules={[{ required: true, whitespace: true, message: '请填写您的姓名' }, { max: 50, message: '不超过 50 个字' }]}><Input autoComplete="name" /></Form.Item>
            <Form.Item label="联系电话" name={['complainant', 'phone']} rules={[{ required: true, message: '请填写联系电话' }, { pattern: /^[0-9+\- ]{6,20}$/, message: '联系电话应为 6–20 位数字（可含 +、- 和空格）' }]}><Input autoComplete="tel" /></Form.Item>
            <Form.Item label="电子邮箱（可不填）" name={['complainant', 'email']} rules={[{ type: 'email', message: '电子邮箱格式不正确' }]}><Input autoComplete="email" /></Form.Item>
            <Form.Item label="人机校验" name="challenge"><ChallengeNote /></Form.Item>
            <Button type="primary" onClick={submit} loading={sending.busy}>提交举报</Button>
          </Form>
        </Card>
        <Card title="查询办理进度">
          <Space><Input placeholder="受理码" value={code} onChange={(e) => { setCode(e.target.value); setProgress(null); setFollowError(null); }} onPressEnter={follow} style={{ width: 240 }} data-testid="receipt-code" /><Button onClick={follow}>查询</Button></Space>
          {followError && <Alert type="error" showIcon title={followError} style={{ marginTop: 12 }} data-testid="follow-error" />}
          {progress && <Descriptions data-testid="progress" bordered size="small" column={1} style={{ marginTop: 12 }}>
            <Descriptions.Item label="状态">{progress.status}</Descriptions.Item>
            {progress.progress && <Descriptions.Item label="办理进度">{progress.progress}</Descriptions.Item>}
            {progress.rejectionReason && <Descriptions.Item label="不予受理理由">{progress.rejectionReason}</Descriptions.Item>}
            <Descriptions.Item label="收到时间">{beijingDateTime(progress.submittedAt)}</Descriptions.Item>
          </Descriptions>}
        </Card>
      </Space>
    </Layout>
  );
}
