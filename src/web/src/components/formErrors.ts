import type { FormInstance } from 'antd';
import { ApiError } from '../api';

/** Puts a server error on the field it names (the server says which field is at fault, in Chinese). */
export function showServerError(form: FormInstance, e: unknown, fallback: (msg: string) => void) {
  if (e instanceof ApiError && e.field) {
    const name = e.field.split('/').filter(Boolean).map((x) => (/^\d+$/.test(x) ? Number(x) : x));
    if (form.getFieldInstance(name.length === 1 ? name[0] : name) !== undefined || name.length === 1) {
      form.setFields([{ name: name.length === 1 ? name[0] : name, errors: [e.message] }]);
      return;
    }
  }
  fallback(e instanceof ApiError ? e.message : '保存失败');
}
