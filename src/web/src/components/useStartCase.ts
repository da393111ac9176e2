import type { FormInstance } from 'antd';
import { App } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../api';
import { showServerError } from './formErrors';

/** Opens a case from a form and goes to it; a refusal is shown on the field the server names. */
export function useStartCase(form: FormInstance) {
  const { message } = App.useApp();
  const nav = useNavigate();
  return async (url: string, json: (values: Record<string, any>) => unknown) => {
    const values = await form.validateFields();
    try {
      const c = await api<{ id: string }>(url, { method: 'POST', json: json(values) });
      nav(`/cases/${c.id}`);
    } catch (e) { showServerError(form, e, message.error); }
  };
}
