/** 账号安全: change one's password, see the second factor's state, see and end one's own sessions; 邮件提醒: one's e-mail address, opt-outs and latest mails. */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { checkEmailAddress, EMAIL_PROBLEM_ZH } from '../../../core/notices/email-address';
import { beijingDateTime } from '../time';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import { useFormSubmit } from '../components/useFormSubmit';
import { useAuth } from '../auth';
import { ChangePasswordForm } from '../components/ChangePasswordForm';

interface SessionView { id: string; createdAt: string; lastSeenAt: string; ip: string | null; userAgent: string | null; current: boolean }

interface MailSettings {
  enabled: boolean; email: string | null;
  kinds: Array<{ kind: string; label: string; description: string; optedOut: boolean }>;
  mails: Array<{ id: string; subject: string; status: string; statusLabel: string; attempts: number; createdAt: string; sentAt: string | null; nextAttemptAt: string | null; problem: string | null }>;
}

const STATUS_COLOR: Record<string, string> = { sent: 'green', pending: 'gold', sending: 'blue', failed: 'red', skipped: 'default' };

/** 邮件提醒: the address is checked here as the server checks it (the server's answer is shown on the field). */
export function MailSettingsCard() {
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const saving = useFormSubmit(form);
  const [saved, setSaved] = useState(false);
  const { data } = useQuery({ queryKey: ['mail-settings'], queryFn: () => api<MailSettings>('/api/account/mail') });
  useEffect(() => {
    if (data) form.setFieldsValue({ email: data.email ?? '', receive: data.kinds.filter((k) => !k.optedOut).map((k) => k.kind) });
  }, [data, form]);
  if (!data) return <Card title="邮件提醒" loading />;
  return (
    <Card title="邮件提醒">
      {!data.enabled && <Alert type="info" showIcon style={{ marginBottom: 16 }} title="本系统尚未配置发信服务器，暂不发送邮件；您可以先填写邮箱地址，配置后即按此设置发送。" />}
      <Form form={form} layout="vertical" style={{ maxWidth: 560 }} onFinish={() => { setSaved(false); saving.run(async (v) => {
        const optOut = data.kinds.map((k) => k.kind).filter((k) => !(v.receive ?? []).includes(k));
        await api('/api/account/mail', { method: 'PUT', json: { email: (v.email ?? '').trim() === '' ? null : v.email.trim(), optOut } });
        await qc.invalidateQueries({ queryKey: ['mail-settings'] });
        setSaved(true);
      }); }}>
        {saved && <Alert type="success" title="邮件提醒设置已保存" showIcon style={{ marginBottom: 16 }} />}
        {saving.error && <Alert type="error" title={saving.error} showIcon style={{ marginBottom: 16 }} data-testid="form-error" />}
        <Form.Item label="电子邮箱" name="email" extra="用于接收到期提醒和与您有关的通知；邮件只写明案件和期限，不含身份证号等个人信息。留空则不接收邮件。"
          rules={[{ validator: async (_r, value: string) => { const p = value?.trim() ? checkEmailAddress(value) : null; if (p) throw new Error(EMAIL_PROBLEM_ZH[p]); } }]}>
          <Input autoComplete="email" placeholder="name@example.gov.cn" />
        </Form.Item>
        <Form.Item label="接收以下邮件" name="receive">
          <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
            options={data.kinds.map((k) => ({ value: k.kind, label: <span>{k.label}<Typography.Text type="secondary">（{k.description}）</Typography.Text></span> }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit">保存</Button>
      </Form>
      {data.mails.length > 0 && (
        <Table rowKey="id" size="small" style={{ marginTop: 24 }} pagination={false} dataSource={data.mails} columns={[
          { title: '时间', dataIndex: 'createdAt', render: (v: string) => new Date(v).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }) },
          { title: '邮件', dataIndex: 'subject' },
          { title: '状态', render: (_, m) => <Tag color={STATUS_COLOR[m.status]}>{m.statusLabel}{m.attempts > 1 ? `（第 ${m.attempts} 次）` : ''}</Tag> },
          { title: '说明', render: (_, m) => m.problem ?? (m.nextAttemptAt ? `将于 ${new Date(m.nextAttemptAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })} 重试` : '') },
        ]} />
      )}
    </Card>
  );
}

export default function AccountPage() {
  const { me } = useAuth();
  const qc = useQueryClient();
  const { data } = useQuery({ queryKey: ['sessions'], queryFn: () => api<{ items: SessionView[] }>('/api/auth/sessions') });
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card title="我的会话">
        <Table<SessionView> rowKey="id" size="small" pagination={false} dataSource={data?.items} columns={[
          { title: '登录时间', dataIndex: 'createdAt', render: (v: string) => beijingDateTime(v) },
          { title: '最近活动', dataIndex: 'lastSeenAt', render: (v: string) => beijingDateTime(v) },
          { title: '地址', dataIndex: 'ip' },
          { title: '浏览器', dataIndex: 'userAgent', ellipsis: true },
          { title: '', render: (_, s) => (s.current ? <Tag color="blue">当前</Tag>
            : <Button size="small" danger onClick={async () => { await api(`/api/auth/sessions/${s.id}`, { method: 'DELETE' }); await qc.invalidateQueries({ queryKey: ['sessions'] }); }}>结束</Button>) },
        ]} />
      </Card>
      <Card title="修改密码"><ChangePasswordForm /></Card>
      <MailSettingsCard />
      <Card title="动态口令">
        <Typography.Paragraph>{me?.secondFactor ? '已绑定。更换手机或丢失时，请联系安全管理员重置。' : '未绑定（本账号角色登录不要求动态口令）。'}</Typography.Paragraph>
      </Card>
    </Space>
  );
}
