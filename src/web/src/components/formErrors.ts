import type { FormInstance } from 'antd';
import { ApiError } from '../api';
import { placeOnField } from './useFormSubmit';

/** Puts a server error on the field it names (the server says which field is at fault, in Chinese). */
export function showServerError(form: FormInstance, e: unknown, fallback: (msg: string) => void) {
  // On the field only when the form shows it; a field the form does not have would hide the refusal.
  if (e instanceof ApiError && placeOnField(form, e.field, e.message)) return;
  fallback(e instanceof ApiError ? e.message : '操作未完成，请稍后重试');
}
