/**
 * Starting a case and taking a step, for every procedure, from its declaration: the dialog's fields are
 * the start's or step's input schema, checked here against that schema (the same messages the server
 * gives), then sent; a refusal is shown on its field or as the dialog's error with its clause.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, Form, Modal, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { api, ApiError, type Me } from '../api';
import { inputProblem } from '../../../core/procedure/engine';
import { PROCEDURES } from '../../../core/procedure/procedures';
import { fromInput, SchemaFields, toInput, type FieldContext, type JsonSchema } from './SchemaForm';
import { placeOnField, useFormSubmit } from './useFormSubmit';
import { useSystemToday } from '../systemClock';

/** Checks the input against its schema before sending: the refusal the server would give, on the field. */
function checkLocally(schema: JsonSchema, input: Record<string, unknown>, form: ReturnType<typeof Form.useForm>[0]) {
  const p = inputProblem(schema as never, input);
  if (!p) return;
  if (!placeOnField(form, p.field ?? null, p.zh)) throw Object.assign(new Error(p.zh), { name: 'FieldProblem' });
  throw Object.assign(new Error(p.zh), { name: 'FieldProblem', shown: true });
}

export interface CaseLike { id: string; procedure: string; version: number; data: Record<string, any> }

export function StepModal({ c, step, onDone, onClose }: { c: CaseLike; step: { id: string; label: string; clause: string }; onDone: (next: unknown) => void; onClose: () => void }) {
  const [form] = Form.useForm();
  const submit = useFormSubmit(form);
  const today = useSystemToday().format('YYYY-MM-DD');
  const def = PROCEDURES[c.procedure];
  const schema = def.steps.find((s) => s.id === step.id)!.input as unknown as JsonSchema;
  const hasFields = Object.keys(schema.properties ?? {}).length > 0;
  const take = () => submit.run(async (values) => {
    const input = toInput(schema, values);
    try { checkLocally(schema, input, form); } catch (e) { if ((e as { shown?: boolean }).shown) return; throw e; }
    try {
      onDone(await api(`/api/cases/${c.id}/steps/${step.id}`, { method: 'POST', json: { version: c.version, ...input } }));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') submit.setError(`${e.message}（页面已刷新）`);
      throw e;
    }
  });
  return (
    <Modal open title={`${step.label}（${step.clause}）`} onCancel={onClose} onOk={take} okText="确认" confirmLoading={submit.busy} width={hasFields && Object.keys(schema.properties!).length > 3 ? 760 : 560} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initialValues(schema, today)}>
        {submit.error && <Alert type="error" showIcon title={submit.error} style={{ marginBottom: 12 }} data-testid="form-error" />}
        <SchemaFields schema={schema} form={form} ctx={{ data: c.data }} />
        {!hasFields && <Typography.Text>确认{step.label}？</Typography.Text>}
      </Form>
    </Modal>
  );
}

/** Sensible first values: the system's today for dates, the first choice of a short method list; nothing that decides the case. */
function initialValues(schema: JsonSchema, today: string): Record<string, unknown> {
  const walk = (s: JsonSchema): unknown => {
    if (s.type === 'object' && s.properties) {
      const o: Record<string, unknown> = {};
      // Only what the input must hold: an optional group (a YT-5.2 approval) stays empty until it is wanted.
      for (const [k, v] of Object.entries(s.properties)) { if (!(s.required ?? []).includes(k)) continue; const x = walk(v); if (x !== undefined) o[k] = x; }
      return Object.keys(o).length ? o : undefined;
    }
    if (s.type === 'string' && s.format === 'date' && s['x-default'] === 'today') return fromInput({ properties: { d: s } }, { d: today }).d;
    return undefined;
  };
  return (walk(schema) as Record<string, unknown>) ?? {};
}

/**
 * A start of a procedure as a dialog. `fixed` fills inputs the page already knows (the project it is
 * opened from, the case a listing rests on); `draftKey` keeps what is typed in this browser until it is
 * sent, so a closed dialog or a lost connection loses nothing.
 */
export function StartCaseModal({ procedure, start, fixed = {}, ctx, draftKey, onClose }: { procedure: string; start: string; fixed?: Record<string, unknown>; ctx?: FieldContext; draftKey?: string; onClose: () => void }) {
  const [form] = Form.useForm();
  const nav = useNavigate();
  const submit = useFormSubmit(form);
  const today = useSystemToday().format('YYYY-MM-DD');
  const def = PROCEDURES[procedure];
  const s = def.starts.find((x) => x.id === start);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const schema = (s && s.by === 'request' ? s.input : { properties: {} }) as unknown as JsonSchema;
  useEffect(() => {
    if (!draftKey) return;
    const raw = localStorage.getItem(draftKey);
    if (!raw) return;
    try { form.setFieldsValue(fromInput(schema, JSON.parse(raw))); setSavedAt('已恢复上次未提交的草稿'); } catch { localStorage.removeItem(draftKey); }
  }, [draftKey]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!s || s.by !== 'request') return null;
  const onValuesChange = () => {
    if (!draftKey) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      localStorage.setItem(draftKey, JSON.stringify(toInput(schema, form.getFieldsValue(true))));
      setSavedAt(`草稿已自动保存（${new Date().toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}）`);
    }, 600);
  };
  const go = () => submit.run(async (values) => {
    const input = { ...toInput(schema, values), ...fixed };
    try { checkLocally(schema, input, form); } catch (e) { if ((e as { shown?: boolean }).shown) return; throw e; }
    const c = await api<{ id: string }>('/api/cases', { method: 'POST', json: { procedure, start, input } });
    clearTimeout(timer.current);
    if (draftKey) localStorage.removeItem(draftKey);
    nav(`/cases/${c.id}`);
  });
  return (
    <Modal open title={`${s.label}（${s.clause}）`} onCancel={onClose} onOk={go} okText="保存" confirmLoading={submit.busy} width={760}>
      <Form form={form} layout="vertical" onValuesChange={onValuesChange} initialValues={initialValues(schema, today)}>
        {savedAt && <Typography.Text type="secondary" data-testid="draft-status">{savedAt}</Typography.Text>}
        {submit.error && <Alert type="error" showIcon title={submit.error} style={{ marginBottom: 12 }} data-testid="form-error" />}
        <SchemaFields schema={schema} form={form} ctx={ctx} fixed={Object.keys(fixed)} />
      </Form>
    </Modal>
  );
}

/** Whether this reader may make this start: the server's list of the starts open to him (read from the declarations there). */
export function mayStart(me: Me | null | undefined, procedure: string, start: string): boolean {
  return !!me && me.abilities.starts.includes(`${procedure}.${start}`);
}
