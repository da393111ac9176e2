import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useLocation, useNavigate, Link } from 'react-router';
import { api } from '../api';
import { errorText } from '../components/useFormSubmit';
import { useAuth } from '../auth';

export default function LoginPage() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { refresh } = useAuth();
  const nav = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from ?? '/';
  const onFinish = async (v: { username: string; password: string; totp?: string }) => {
    setBusy(true);
    setError(null);
    try {
      await api('/api/auth/login', { method: 'POST', json: { username: v.username, password: v.password, ...(v.totp ? { totp: v.totp } : {}) } });
      await refresh();
      nav(from, { replace: true });
    } catch (e) {
      setError(errorText(e, '登录失败'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5' }}>
      <Card style={{ width: 380 }}>
        <Typography.Title level={3} style={{ textAlign: 'center' }}>科信 · 登录</Typography.Title>
        {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} />}
        <Form layout="vertical" onFinish={onFinish}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input autoComplete="username" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {/* Always asked, never prompted for: the server's answer must not tell whether the password was right (issue 16). */}
          <Form.Item label="动态口令" name="totp" extra="工作人员和管理员绑定后必填：手机验证器中“科信 Kexin”显示的 6 位数字"
            rules={[{ pattern: /^\d{6}$/, message: '动态口令为 6 位数字' }]}>
            <Input autoComplete="one-time-code" inputMode="numeric" maxLength={6} data-testid="login-totp" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>登录</Button>
        </Form>
        <Typography.Paragraph style={{ marginTop: 16, textAlign: 'center' }}><Link to="/public">查看科研失信行为处理结果公开名单</Link></Typography.Paragraph>
      </Card>
    </div>
  );
}
