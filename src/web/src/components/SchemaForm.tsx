/**
 * The one form for every declared start and step: drawn from the declaration's own input schema
 * (TypeBox → JSON Schema), labelled with the schema's Chinese titles, and turned back into the input the
 * server checks against the same schema. A field the form does not know how to draw from its type says
 * so with `x-widget` (a long text, a list of names, the case's own conditions, its plan items …).
 */
import { Checkbox, DatePicker, Form, Input, InputNumber, Select, Space, Typography, Button, type FormInstance } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api, query, type Page, type Project } from '../api';
import { SubjectSelect } from './SubjectSelect';
import { SEVERITIES, banEnd, rangeFor, type Severity } from '../../../core/sanctions/sanctions';
import { DEFAULT_REGISTRY } from '../../../core/policy/registry';
import { useSystemToday } from '../systemClock';

export interface JsonSchema {
  type?: string; title?: string; description?: string; format?: string; properties?: Record<string, JsonSchema>; required?: string[];
  items?: JsonSchema; anyOf?: JsonSchema[]; const?: unknown; minLength?: number; maxLength?: number; minItems?: number; minimum?: number; maximum?: number;
  'x-widget'?: string; 'x-min-chars'?: number; [k: string]: unknown;
}

/** What a field may need from the case it is asked on. */
export interface FieldContext {
  /** The case data (claimed conditions, the rectification plan, who is under investigation). */
  data?: Record<string, any>;
}

type Name = Array<string | number>;

const literals = (s: JsonSchema) => (s.anyOf && s.anyOf.length > 0 && s.anyOf.every((b) => b.const !== undefined) ? s.anyOf : null);
/** `X | null` written as a union: the field is X, left empty when absent. */
const unwrapNull = (s: JsonSchema): JsonSchema => (s.anyOf && s.anyOf.some((b) => b.type === 'null') && s.anyOf.filter((b) => b.type !== 'null').length === 1
  ? { ...s.anyOf.find((b) => b.type !== 'null')!, title: s.title ?? s.anyOf.find((b) => b.type !== 'null')!.title } : s);
const optionsOf = (s: JsonSchema) => (literals(s) ?? []).map((b) => ({ value: b.const as string, label: (b.title as string) ?? String(b.const) }));
const isDate = (s: JsonSchema) => s.type === 'string' && s.format === 'date';

function rulesFor(s: JsonSchema, required: boolean, label: string) {
  const rules: Array<Record<string, unknown>> = [];
  if (required && s.type !== 'boolean') rules.push({ required: true, message: `请填写${label}` });
  const min = s['x-min-chars'];
  if (typeof min === 'number' && min > 1) rules.push({ validator: (_: unknown, v: unknown) => (typeof v !== 'string' || !v || v.replace(/\s/g, '').length >= min ? Promise.resolve() : Promise.reject(new Error(`${label}至少 ${min} 个字`))) });
  if (typeof s.maxLength === 'number') rules.push({ max: s.maxLength, message: `${label}不能超过 ${s.maxLength} 个字` });
  return rules;
}

function ProjectSelect(props: { value?: string; onChange?: (v: string) => void; id?: string }) {
  const projects = useQuery({ queryKey: ['pickable-projects'], queryFn: () => api<Page<Project>>(`/api/projects${query({ pageSize: 100, sort: '-startDate' })}`) });
  return <Select id={props.id} showSearch optionFilterProp="label" value={props.value} onChange={props.onChange} placeholder="选择项目"
    options={(projects.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))} />;
}

/** CI-25: the ban lengths the chosen severity allows (none, a number of years, or for good), with the ban's start and end shown. */
function BanYearsField({ name, label, form }: { name: Name; label: string; form: FormInstance }) {
  const severity = Form.useWatch('severity', form) as Severity | undefined;
  const decidedOn = Form.useWatch('decidedOn', form) as Dayjs | undefined;
  const years = Form.useWatch(name, form) as number | 'life' | undefined;
  // A notice of the intended decision (行政处罚法第四十四条) has no decision date: it is dated the system's today.
  const today = useSystemToday().format('YYYY-MM-DD');
  const day = decidedOn?.format?.('YYYY-MM-DD') ?? today;
  const range = severity && SEVERITIES.includes(severity) && day ? rangeFor(severity, DEFAULT_REGISTRY.versionFor('CI', day, ['532300', '530000'])) : null;
  const first = range ? Math.max(1, range.minYears) : 1;
  const last = range ? (range.maxYears === 'life' ? Math.max(first, 10) : range.maxYears) : 0;
  const options = !range || range.noBan ? [] : [
    ...Array.from({ length: Math.max(0, last - first + 1) }, (_, k) => first + k).map((y) => ({ value: y, label: `${y} 年` })),
    ...(range.maxYears === 'life' ? [{ value: 'life', label: '永久' }] : []),
  ];
  const end = day && years ? (years === 'life' ? '永久' : banEnd(day, years)) : null;
  return (
    <Form.Item label={label} name={name} extra={!range ? '先选择情节和处理决定日期' : range.noBan ? `${range.clause}：情节较轻的不取消申报资格` : end ? `${range.clause}：自 ${day} 起至 ${end}` : `${range.clause} 允许的期限`}>
      <Select disabled={!range || options.length === 0} options={options} placeholder={range?.noBan ? '不取消申报资格' : '选择期限'} allowClear />
    </Form.Item>
  );
}

/** A field declared `x-shown-when: { field, includes }` is drawn only while that other field holds the value (YT-5.2's approval, once YT-5.2 is cited). */
function Field(props: { s: JsonSchema; name: Name; required: boolean; form: FormInstance; ctx: FieldContext }) {
  const when = props.s['x-shown-when'] as { field: string; includes: string } | undefined;
  const watched = Form.useWatch(when ? [when.field] : [], props.form) as unknown;
  if (when && !(Array.isArray(watched) ? watched.includes(when.includes) : watched === when.includes)) return null;
  return <FieldBody {...props} />;
}

function FieldBody({ s: raw, name, required, form, ctx }: { s: JsonSchema; name: Name; required: boolean; form: FormInstance; ctx: FieldContext }) {
  const s = unwrapNull(raw);
  const label = s.title ?? String(name[name.length - 1]);
  const widget = s['x-widget'];
  const rules = rulesFor(s, required, label);
  const help = s.description;
  if (widget === 'banYears') return <BanYearsField name={name} label={label} form={form} />;
  if (widget === 'responsiblePersons') {
    // CI-26: only an organisation on the serious list names who answers for it.
    if (ctx.data?.subjectKind !== 'organization') return null;
    const roles = optionsOf(s.items!.properties!.role);
    return (
      <Form.List name={name}>
        {(rows, { add, remove }) => (
          <div style={{ marginBottom: 12 }}>
            <Typography.Text>{label}</Typography.Text>
            {rows.map((r) => (
              <Space key={r.key} align="start" wrap style={{ display: 'flex' }}>
                <Form.Item name={[r.name, 'role']} rules={[{ required: true, message: '请选择身份' }]}><Select style={{ width: 140 }} options={roles} /></Form.Item>
                <Form.Item name={[r.name, 'personId']} rules={[{ required: true, message: '请选择人员' }]}><SubjectSelect kind="person" style={{ width: 260 }} /></Form.Item>
                <Button type="link" onClick={() => remove(r.name)}>删除</Button>
              </Space>
            ))}
            <div><Button onClick={() => add({ role: 'legal_representative' })}>增加责任人</Button></div>
          </div>
        )}
      </Form.List>
    );
  }
  if (widget === 'conditionFindings') {
    const claimed = Object.keys(ctx.data?.conditions ?? {});
    return (
      <div>
        <Typography.Text>{label}</Typography.Text>
        {claimed.map((k) => (
          <Space key={k} align="start" wrap style={{ display: 'flex' }}>
            <Form.Item label={s.properties?.[k]?.title ?? k} name={[...name, k, 'met']} rules={[{ required: true, message: '请选择' }]}>
              <Select style={{ width: 120 }} options={[{ value: true, label: '符合' }, { value: false, label: '不符合' }]} />
            </Form.Item>
            <Form.Item label="核实依据" name={[...name, k, 'basis']} rules={[{ required: true, message: '请填写核实依据' }]}><Input style={{ width: 320 }} /></Form.Item>
          </Space>
        ))}
      </div>
    );
  }
  if (widget === 'planItem') {
    const plan: Array<{ item: string; verifiedOn?: string }> = ctx.data?.plan ?? [];
    return <Form.Item label={label} name={name} rules={rules}><Select options={plan.map((x, i) => ({ value: i, label: `${i + 1}．${x.item}${x.verifiedOn ? '（已验证）' : ''}`, disabled: !!x.verifiedOn }))} /></Form.Item>;
  }
  if (widget === 'subject') return <Form.Item label={label} name={name} rules={rules} extra={help}><SubjectSelect kind="organization" /></Form.Item>;
  if (widget === 'project') return <Form.Item label={label} name={name} rules={rules} extra={help}><ProjectSelect /></Form.Item>;
  if (s.type === 'object' && s.properties) {
    const keys = Object.keys(s.properties);
    // Keyed by a vocabulary (conditions with their evidence): tick the keys, then say something for each.
    if (keys.length > 0 && keys.every((k) => (s.required ?? []).indexOf(k) < 0) && keys.every((k) => s.properties![k].title?.startsWith(k))) {
      return <KeyedField s={s} name={name} form={form} label={label} />;
    }
    return (
      <fieldset style={{ border: '1px solid #f0f0f0', padding: '8px 12px', marginBottom: 12 }}>
        <legend style={{ fontSize: 14, width: 'auto', margin: 0, padding: '0 4px' }}>{label}</legend>
        {/* An optional group's fields are required only once the group is filled in: the schema check says so then. */}
        {keys.map((k) => <Field key={k} s={s.properties![k]} name={[...name, k]} required={required && (s.required ?? []).includes(k)} form={form} ctx={ctx} />)}
      </fieldset>
    );
  }
  if (s.type === 'array' && s.items) {
    if (literals(s.items)) return <Form.Item label={label} name={name} rules={s.minItems ? [{ required: true, message: `请选择${label}` }] : []} extra={help}><Select mode="multiple" options={optionsOf(s.items)} /></Form.Item>;
    if (widget === 'names') return <Form.Item label={label} name={name} rules={rules} extra="输入后按回车或用逗号分隔"><Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} /></Form.Item>;
    if (s.items.type === 'object' && s.items.properties) {
      const props = s.items.properties;
      return (
        <Form.List name={name} initialValue={[{}]}>
          {(rows, { add, remove }) => (
            <div style={{ marginBottom: 12 }}>
              <Typography.Text>{label}</Typography.Text>
              {rows.map((r) => (
                <Space key={r.key} align="start" wrap style={{ display: 'flex' }}>
                  {Object.keys(props).map((k) => <Field key={k} s={props[k]} name={[r.name, k]} required={(s.items!.required ?? []).includes(k)} form={form} ctx={ctx} />)}
                  {rows.length > 1 && <Button type="link" onClick={() => remove(r.name)} style={{ marginTop: 30 }}>删除</Button>}
                </Space>
              ))}
              <div><Button onClick={() => add({})}>增加一项</Button></div>
            </div>
          )}
        </Form.List>
      );
    }
  }
  if (literals(s)) return <Form.Item label={label} name={name} rules={rules} extra={help}><Select options={optionsOf(s)} /></Form.Item>;
  if (s.type === 'boolean') return <Form.Item name={name} valuePropName="checked" extra={help}><Checkbox>{label}</Checkbox></Form.Item>;
  if (isDate(s)) return <Form.Item label={label} name={name} rules={rules} extra={help}><DatePicker /></Form.Item>;
  if (s.type === 'integer' || s.type === 'number') return <Form.Item label={label} name={name} rules={rules} extra={help}><InputNumber min={s.minimum} max={s.maximum} /></Form.Item>;
  const long = widget === 'textarea' || (s.maxLength ?? 0) > 500;
  return <Form.Item label={label} name={name} rules={rules} extra={help}>{long ? <Input.TextArea rows={3} /> : <Input />}</Form.Item>;
}

/** A vocabulary to tick, and a text for each key ticked (YT-4: the conditions claimed, each with its evidence). */
function KeyedField({ s, name, form, label }: { s: JsonSchema; name: Name; form: FormInstance; label: string }) {
  const chosenName: Name = ['__chosen', ...name];
  const chosen: string[] = Form.useWatch(chosenName, form) ?? [];
  const keys = Object.keys(s.properties!);
  return (
    <>
      <Form.Item label={label} name={chosenName}>
        <Checkbox.Group options={keys.map((k) => ({ value: k, label: s.properties![k].title ?? k }))} style={{ display: 'grid' }} />
      </Form.Item>
      {chosen.map((k) => {
        const v = s.properties![k];
        return <Form.Item key={k} label={`${k} 的${v.title && v.title !== `${k}` ? '证据' : ''}`} name={[...name, k]} rules={[{ required: true, message: `请填写 ${k} 的证据` }]}><Input.TextArea rows={2} /></Form.Item>;
      })}
    </>
  );
}

/** The fields of an input schema, less those the caller fills itself (the project a start is made from). */
export function SchemaFields({ schema, form, ctx = {}, fixed = [] }: { schema: JsonSchema; form: FormInstance; ctx?: FieldContext; fixed?: readonly string[] }) {
  const keys = Object.keys(schema.properties ?? {}).filter((k) => !fixed.includes(k));
  if (keys.length === 0) return null;
  return <>{keys.map((k) => <Field key={k} s={schema.properties![k]} name={[k]} required={(schema.required ?? []).includes(k)} form={form} ctx={ctx} />)}</>;
}

/** The form's values as the input the schema describes: dates as YYYY-MM-DD, empty optional fields left out. */
export function toInput(schema: JsonSchema, values: Record<string, any>): Record<string, unknown> {
  const convert = (raw: JsonSchema, v: any, chosen?: any): unknown => {
    const s = unwrapNull(raw);
    if (v === undefined || v === null || v === '') return s.type === 'boolean' ? undefined : undefined;
    if (isDate(s)) return dayjs.isDayjs(v) ? v.format('YYYY-MM-DD') : v;
    if (s.type === 'boolean') return !!v;
    if (s.type === 'array' && s.items) return (v as any[]).filter((x) => x !== undefined && x !== null && x !== '').map((x) => convert(s.items!, x)).filter((x) => x !== undefined);
    if (s.type === 'object' && s.properties) {
      const out: Record<string, unknown> = {};
      for (const [k, ps] of Object.entries(s.properties)) {
        if (Array.isArray(chosen) && !chosen.includes(k)) continue;
        const x = convert(ps, v?.[k], chosen?.[k]);
        if (x !== undefined) out[k] = x;
      }
      // An optional group left blank (none of its required fields filled) is absent, not half-filled.
      if ((s.required ?? []).length && (s.required ?? []).every((k) => out[k] === undefined)) return undefined;
      return out;
    }
    return typeof v === 'string' ? v.trim() : v;
  };
  const out: Record<string, unknown> = {};
  for (const [k, ps] of Object.entries(schema.properties ?? {})) {
    const s = unwrapNull(ps);
    let v = values[k];
    // Booleans ticked or not are both an answer.
    if (s.type === 'boolean') { if ((schema.required ?? []).includes(k) || v !== undefined) out[k] = !!v; continue; }
    // A keyed field holds only the keys ticked.
    const x = convert(ps, v, values.__chosen?.[k]);
    if (x !== undefined && !(s.type === 'object' && s.properties && Object.keys(x as object).length === 0 && !(schema.required ?? []).includes(k))) out[k] = x;
  }
  return out;
}

/** The other way, for a draft kept in the browser: dates back to dates, ticked keys back to ticks. */
export function fromInput(schema: JsonSchema, input: Record<string, any>): Record<string, any> {
  const back = (raw: JsonSchema, v: any): any => {
    const s = unwrapNull(raw);
    if (v === undefined || v === null) return undefined;
    if (isDate(s) && typeof v === 'string') return dayjs(v);
    if (s.type === 'array' && s.items && Array.isArray(v)) return v.map((x) => back(s.items!, x));
    if (s.type === 'object' && s.properties && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, s.properties![k] ? back(s.properties![k], x) : x]));
    return v;
  };
  const out: Record<string, any> = { __chosen: {} };
  for (const [k, ps] of Object.entries(schema.properties ?? {})) {
    out[k] = back(ps, input[k]);
    const s = unwrapNull(ps);
    if (s.type === 'object' && s.properties && input[k] && typeof input[k] === 'object') out.__chosen[k] = Object.keys(input[k]);
  }
  return out;
}

/** A step's input as a person reads it in the timeline: each field by its label, choices by their words. */
export function describeInput(schema: JsonSchema | undefined, input: Record<string, unknown>): string[] {
  if (!schema?.properties) return [];
  const say = (raw: JsonSchema, v: unknown): string => {
    const s = unwrapNull(raw);
    if (v === null || v === undefined) return '';
    if (literals(s)) return optionsOf(s).find((o) => o.value === v)?.label ?? String(v);
    if (s.type === 'boolean') return v ? '是' : '否';
    if (s.type === 'array' && Array.isArray(v)) return v.map((x) => say(s.items ?? {}, x)).join('、');
    if (s.type === 'object' && s.properties && typeof v === 'object') return Object.entries(v as object).map(([k, x]) => `${s.properties![k]?.title ?? k}：${say(s.properties![k] ?? {}, x)}`).join('；');
    return String(v);
  };
  return Object.entries(schema.properties).filter(([k]) => input[k] !== undefined && input[k] !== null && input[k] !== '' && k !== 'start')
    .map(([k, ps]) => `${unwrapNull(ps).title ?? k}：${say(ps, input[k])}`);
}
