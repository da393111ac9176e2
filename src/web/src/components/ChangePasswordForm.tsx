/** 修改密码: the one form for changing one's password, on the account page and at the first sign-in's gate. */
import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { api } from '../api';
import { useFormSubmit } from './useFormSubmit';

export function ChangePasswordForm({ onDone }: { onDone?: () => void }) {
  const [form] = Form.useForm();
  const changing = useFormSubmit(form);
  const [done, setDone] = useState(false);
  return (
    <Form form={form} layout="vertical" style={{ maxWidth: 420 }} onFinish={() => { setDone(false); changing.run(async (v) => {
      await api('/api/auth/password', { method: 'POST', json: { current: v.current, next: v.next } });
      form.resetFields();
      setDone(true);
      onDone?.();
    }); }}>
      {done && <Alert type="success" title="密码已修改，其他设备上的登录已结束" showIcon style={{ marginBottom: 16 }} />}
      {changing.error && <Alert type="error" title={changing.error} showIcon style={{ marginBottom: 16 }} data-testid="form-error" />}
      <Form.Item label="原密码" name="current" rules={[{ required: true, message: '请输入原密码' }]}><Input.Password autoComplete="current-password" /></Form.Item>
      <Form.Item label="新密码" name="next" extra="至少 8 位，含大写字母、小写字母、数字、符号中的至少三类；不能是常见密码，不能包含用户名" rules={[{ required: true, message: '请输入新密码' }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit">修改密码</Button>
    </Form>
  );
}
