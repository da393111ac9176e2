/**
 * What a session opened with a password alone must do first (GB/T 22239-2019 8.1.4.1): bind a TOTP
 * second factor, or change an expired password. Nothing else opens until it is done.
 */
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Space, Steps, Typography } from 'antd';
import { api } from '../api';
import { errorText } from '../components/useFormSubmit';
import { useAuth } from '../auth';
import { ChangePasswordForm } from '../components/ChangePasswordForm';

function EnrollTotp() {
  const { refresh } = useAuth();
  const [setup, setSetup] = useState<{ secret: string; uri: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <Steps size="small" current={setup ? 1 : 0} items={[{ title: '生成密钥' }, { title: '输入动态口令' }]} style={{ marginBottom: 24 }} />
      <Typography.Paragraph>
        工作人员和管理员登录须使用动态口令（双因素认证）。请在手机上安装支持 TOTP 的验证器（如“阿里云 App”“腾讯身份验证器”等），
        添加账号时手工输入下面的密钥，或把 otpauth 链接交给验证器。
      </Typography.Paragraph>
      {!setup && <Button type="primary" onClick={async () => setSetup(await api('/api/auth/totp/setup', { method: 'POST', json: {} }))}>生成密钥</Button>}
      {setup && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>密钥：<Typography.Text code copyable data-testid="totp-secret">{setup.secret}</Typography.Text></Typography.Text>
          <Typography.Text type="secondary" copyable={{ text: setup.uri }}>otpauth 链接（可复制）</Typography.Text>
          {error && <Alert type="error" title={error} showIcon />}
          <Form layout="inline" onFinish={async (v: { code: string }) => {
            setError(null);
            try { await api('/api/auth/totp/enable', { method: 'POST', json: v }); await refresh(); } catch (e) { setError(errorText(e, '绑定失败')); }
          }}>
            <Form.Item name="code" rules={[{ required: true, pattern: /^\d{6}$/, message: '请输入 6 位动态口令' }]}>
              <Input placeholder="验证器显示的 6 位数字" autoComplete="one-time-code" inputMode="numeric" maxLength={6} data-testid="totp-code" />
            </Form.Item>
            <Button type="primary" htmlType="submit">完成绑定</Button>
          </Form>
        </Space>
      )}
    </>
  );
}

export default function SecurityGate({ restriction }: { restriction: 'enroll_totp' | 'change_password' }) {
  const { refresh, logout, me } = useAuth();
  const initial = me?.passwordChangeReason === 'initial';
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5' }}>
      <Card style={{ width: 560 }} title={restriction === 'enroll_totp' ? '绑定动态口令' : initial ? '首次登录，请修改初始密码' : '密码已过期，请修改密码'}
        extra={<Button onClick={() => logout()}>退出</Button>}>
        {restriction === 'enroll_totp' ? <EnrollTotp /> : (
          <>
            {initial && <Typography.Paragraph>初始密码由系统生成、只能使用一次。请设置只有您自己知道的新密码，之后即可使用系统。</Typography.Paragraph>}
            <ChangePasswordForm onDone={refresh} />
          </>
        )}
      </Card>
    </div>
  );
}
