/** 投诉举报 (CI-29), for anyone: submit, get a receipt code, follow progress with it. */
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Layout, Radio, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { api, ApiError } from '../api';
import { showServerError } from '../components/formErrors';

export default function PublicComplaintPage() {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const [receipt, setReceipt] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [progress, setProgress] = useState<Record<string, string | null> | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      const r = await api<{ receipt: string }>('/api/public/complaints', { method: 'POST', json: {
        accusedName: v.accusedName, accusedKind: v.accusedKind, accusedCreditCode: v.accusedCreditCode || null, content: v.content,
        complainant: { name: v.name, phone: v.phone, email: v.email || null },
      } });
      setReceipt(r.receipt);
      form.resetFields();
    } catch (e) { showServerError(form, e, message.error); }
  };
  const follow = async () => {
    try { setProgress(await api(`/api/public/complaints/status?receipt=${encodeURIComponent(code.trim().toUpperCase())}`)); } catch (e) { message.error(e instanceof ApiError ? e.message : '查询失败'); }
  };
  return (
    <Layout style={{ minHeight: '100vh', padding: 24 }}>
      <Space direction="vertical" size="large" style={{ maxWidth: 800, margin: '0 auto', width: '100%' }}>
        <Card title="科研失信行为投诉举报" extra={<Link to="/public">公开名单</Link>}>
          <Typography.Paragraph type="secondary">依据楚科规〔2022〕5号第二十九条受理。举报人信息加密保存，仅受理人员在必要时经登记理由后查阅，不随案件转办，不告知被举报人。</Typography.Paragraph>
          {receipt && <Alert type="success" showIcon style={{ marginBottom: 16 }} title={<>已收到。请记下受理码 <Typography.Text strong copyable data-testid="receipt">{receipt}</Typography.Text>，凭此查询办理进度。</>} />}
          <Form form={form} layout="vertical" initialValues={{ accusedKind: 'person' }}>
            <Form.Item label="被举报对象" name="accusedKind"><Radio.Group options={[{ value: 'person', label: '个人' }, { value: 'organization', label: '单位' }]} /></Form.Item>
            <Form.Item label="被举报人或单位名称" name="accusedName" rules={[{ required: true, min: 2, message: '请填写名称' }]}><Input /></Form.Item>
            <Form.Item label="统一社会信用代码（单位，可不填）" name="accusedCreditCode"><Input /></Form.Item>
            <Form.Item label="举报内容（时间、事项、线索）" name="content" rules={[{ required: true, min: 10, message: '请写明举报内容（至少 10 个字）' }]}><Input.TextArea rows={5} /></Form.Item>
            <Form.Item label="您的姓名" name="name" rules={[{ required: true, message: '请填写' }]}><Input autoComplete="name" /></Form.Item>
            <Form.Item label="联系电话" name="phone" rules={[{ required: true, message: '请填写' }]}><Input autoComplete="tel" /></Form.Item>
            <Form.Item label="电子邮箱（可不填）" name="email"><Input autoComplete="email" /></Form.Item>
            <Button type="primary" onClick={submit}>提交举报</Button>
          </Form>
        </Card>
        <Card title="查询办理进度">
          <Space><Input placeholder="受理码" value={code} onChange={(e) => setCode(e.target.value)} style={{ width: 240 }} /><Button onClick={follow}>查询</Button></Space>
          {progress && <Descriptions bordered size="small" column={1} style={{ marginTop: 12 }}>
            <Descriptions.Item label="状态">{progress.status}</Descriptions.Item>
            {progress.progress && <Descriptions.Item label="办理进度">{progress.progress}</Descriptions.Item>}
            {progress.rejectionReason && <Descriptions.Item label="不予受理理由">{progress.rejectionReason}</Descriptions.Item>}
            <Descriptions.Item label="收到时间">{progress.submittedAt?.slice(0, 10)}</Descriptions.Item>
          </Descriptions>}
        </Card>
      </Space>
    </Layout>
  );
}
