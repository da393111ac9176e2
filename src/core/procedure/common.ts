/**
 * What the declarations share: who handles cases at a bureau, the step history, and the input fields
 * steps ask for. Fields are TypeBox schemas with a Chinese `title`, so the server's refusals and the
 * web client's form labels say the same words; `x-widget` tells the generic step form how to draw a
 * field when its type alone does not (a long text, a list of names, the case's own conditions).
 */
import { Type, type TLiteral, type TOptional, type TSchema, type TUnion } from 'typebox';

export const CASE_OFFICERS = ['business_officer', 'county_officer'] as const;
export const APPLICANTS = ['researcher', 'unit_admin'] as const;
/** Bureau staff who handle cases and issue their documents: the business sections, county bureaus and the integrity section. */
export const CASE_HANDLERS = ['integrity_officer', 'business_officer', 'county_officer'] as const;
export const handlesCases = (role: string) => (CASE_HANDLERS as readonly string[]).includes(role);

export interface WithHistory { history: Array<{ step: string; note: string }> }

/** The case data with one more line in its history (what the timeline shows beside the step). */
export const withNote = <D extends WithHistory>(d: D, step: string, note: unknown): D => ({ ...d, history: [...d.history, { step, note: String(note ?? '') }] });

export const hasText = (v: unknown, min = 2): v is string => typeof v === 'string' && v.trim().length >= min;

export type Widget = 'textarea' | 'names' | 'conditionFindings' | 'responsiblePersons' | 'planItem' | 'banYears' | 'subject' | 'project';

/** A text that must say something: at least `min` characters that are not blanks. */
export const Text = (title: string, min = 2, opts: { max?: number; widget?: Widget; description?: string } = {}) =>
  Type.String({ title, minLength: min, maxLength: opts.max ?? (opts.widget === 'textarea' ? 4000 : 200), pattern: `^(?:\\s*\\S){${min}}`, 'x-min-chars': min, ...(opts.widget ? { 'x-widget': opts.widget } : {}), ...(opts.description ? { description: opts.description } : {}) });
/** A longer text drawn as a text area. */
export const LongText = (title: string, min = 5, description?: string) => Text(title, min, { widget: 'textarea', description });
/** A business date (YYYY-MM-DD, a day that exists); the form offers today unless the date is a fact to be found (when something happened). */
export const DateField = (title: string, description?: string, offerToday = true) => Type.String({ title, format: 'date', ...(description ? { description } : {}), ...(offerToday ? { 'x-default': 'today' } : {}) });
/** Names of persons or bodies, at least one. */
export const Names = (title: string, minItems = 1) => Type.Array(Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }), { title, minItems, maxItems: 50, 'x-widget': 'names' });
/** One of a closed vocabulary, each value with its Chinese label. */
export const Choice = <const V extends readonly string[]>(title: string, values: V, labels: Record<V[number], string>) =>
  Type.Union(values.map((v) => Type.Literal(v, { title: labels[v as V[number]] })), { title }) as unknown as TUnion<{ -readonly [K in keyof V]: TLiteral<V[K]> }>;
/** Several of a closed vocabulary. */
export const Choices = <const V extends readonly string[]>(title: string, values: V, labels: Record<V[number], string>, minItems = 0) =>
  Type.Array(Choice(title, values, labels), { title, minItems, uniqueItems: true });
/** A step that asks for nothing but the case's version. */
export const NoInput = Type.Object({}, { additionalProperties: false });
/** A step that asks only for a reason. */
export const ReasonInput = (title = '理由', min = 5) => Type.Object({ reason: LongText(title, min) }, { additionalProperties: false });
/** An object keyed by some of a closed vocabulary (e.g. a finding for each condition claimed), each key optional. */
export const Keyed = <const K extends readonly string[], V extends TSchema>(title: string, keys: K, labels: Record<K[number], string>, value: V, opts: { minProperties?: number; widget?: Widget } = {}) =>
  Type.Object(Object.fromEntries(keys.map((k) => [k, Type.Optional({ ...value, title: `${k} ${labels[k as K[number]]}` } as V)])) as { [P in K[number]]: TOptional<V> },
    { title, additionalProperties: false, ...(opts.minProperties ? { minProperties: opts.minProperties } : {}), ...(opts.widget ? { 'x-widget': opts.widget } : {}) });
