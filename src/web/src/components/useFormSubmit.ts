/**
 * The one way a form sends what it holds and shows what the server answers: the form's own checks
 * first (a failing check stays on its field, never an uncaught rejection), then the request; a refusal
 * goes on the field it names when the form has that field, and otherwise into the form's own error
 * line with its clause — never a toast that vanishes while the dialog stays open. A button that sends
 * no form (build a batch, rotate a secret) tells its refusal through `useShowError`. Pages do not
 * write their own error handler (issue 18).
 */
import { useState } from 'react';
import { App, type FormInstance } from 'antd';
import { ApiError } from '../api';

/** What a failed request says to a person: the server's Chinese message (with its clause), or `fallback`. */
export function errorText(e: unknown, fallback = '操作未完成，请稍后重试'): string {
  return e instanceof ApiError ? e.message : fallback;
}

/** For an action without a form: shows its refusal in the page's message line. */
export function useShowError(fallback?: string) {
  const { message } = App.useApp();
  return (e: unknown) => { message.error(errorText(e, fallback)); };
}

export interface SubmitOptions {
  /** The form's field for a field the server names, when the two differ (`applicants/0/name` → `personName`); null: none. */
  fieldOf?: (serverField: string) => string | null;
}

export function fieldNameOf(field: string): Array<string | number> {
  return field.split('/').filter(Boolean).map((x) => (/^\d+$/.test(x) ? Number(x) : x));
}

/** Puts an error on the named field if the form shows it; returns false when it does not. */
export function placeOnField(form: FormInstance, field: string | null, message: string): boolean {
  if (!field) return false;
  const name = fieldNameOf(field);
  // getFieldsValue() without arguments holds the fields the form has mounted, and only those.
  let at: unknown = form.getFieldsValue();
  for (const part of name) {
    if (at === null || typeof at !== 'object' || !(part in (at as object))) return false;
    at = (at as Record<string | number, unknown>)[part];
  }
  form.setFields([{ name, errors: [message] }]);
  return true;
}

export function useFormSubmit(form: FormInstance, options: SubmitOptions = {}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Runs `send` with the form's values; resolves to its result, or undefined when the form or the server refused. */
  const run = async <T>(send: (values: Record<string, any>) => Promise<T>): Promise<T | undefined> => {
    setError(null);
    let values: Record<string, any>;
    try {
      values = await form.validateFields();
    } catch {
      return undefined; // antd shows each failing check on its field
    }
    setBusy(true);
    try {
      return await send(values);
    } catch (e) {
      if (e instanceof ApiError) {
        const field = e.field && options.fieldOf ? options.fieldOf(e.field) : e.field;
        if (!placeOnField(form, field, e.message)) setError(e.message);
      } else if (e instanceof Error && e.name === 'FieldProblem') {
        setError(e.message);
      } else {
        setError('操作未完成，请稍后重试');
      }
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { run, error, setError, busy, clear: () => setError(null) };
}

/** The form's values once its own checks pass; null when a check failed (shown on its field, never an uncaught rejection). */
export async function validValues(form: FormInstance): Promise<Record<string, any> | null> {
  try { return await form.validateFields(); } catch { return null; }
}
