/**
 * Schema validation errors said in Chinese, naming the field by its label (the schema's `title`)
 * rather than its path, so a person reads "审议日期不是存在的日期" and not "deliberation/date". One
 * reading for every validator that reports JSON-Schema errors (TypeBox in the core and the web client,
 * Ajv at the HTTP edge): keyword, instance path, params, schema path.
 */
export interface SchemaError {
  keyword: string;
  instancePath: string;
  schemaPath?: string;
  params: Record<string, unknown>;
}

export interface FieldProblem {
  /** Slash-separated path of the field at fault ('deliberation/members'), or '' for the whole body. */
  field: string;
  zh: string;
  /** A date that does not exist is its own stable code (INVALID_DATE); everything else is VALIDATION_FAILED. */
  code: 'VALIDATION_FAILED' | 'INVALID_DATE';
}

type Schema = { title?: string; properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[]; [k: string]: unknown };

const TYPE_ZH: Record<string, string> = { string: '文本', integer: '整数', number: '数字', boolean: '是或否', object: '一组字段', array: '列表', null: '空值' };

/** The schema at an instance path (through objects, arrays and the object branches of a union). */
function schemaAt(root: Schema | undefined, path: string[]): Schema | undefined {
  let s = root;
  for (const part of path) {
    if (!s) return undefined;
    if (s.properties?.[part]) s = s.properties[part];
    else if (s.items && /^\d+$/.test(part)) s = s.items;
    else s = s.anyOf?.map((b) => b.properties?.[part]).find(Boolean);
  }
  return s;
}

/** How a person names the field: its title, with the item number inside a list ("第 2 项整改事项的整改期限"). */
export function fieldLabel(root: Schema | undefined, field: string): string {
  const parts = field.split('/').filter(Boolean);
  const labels: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const s = schemaAt(root, parts.slice(0, i + 1));
    if (/^\d+$/.test(parts[i])) { labels.push(`第 ${Number(parts[i]) + 1} 项`); continue; }
    labels.push(s?.title ?? parts[i]);
  }
  return labels.length ? labels.join('的') : '输入';
}

/**
 * A union reports errors from every branch. Branches whose discriminating constant did not match are
 * dropped; of the rest, the deepest path is the most specific.
 */
function mostRelevant(errors: readonly SchemaError[]): SchemaError {
  const branchOf = (e: SchemaError) => /\/anyOf\/(\d+)(\/|$)/.exec(e.schemaPath ?? '')?.[1];
  const mismatched = new Set(errors.filter((e) => e.keyword === 'const' && e.instancePath.split('/').length === 2 && /^#\/anyOf\/\d+\/properties\//.test(e.schemaPath ?? '')).map(branchOf));
  const kept = errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'boolean' && !(branchOf(e) !== undefined && mismatched.has(branchOf(e))));
  const pool = kept.length ? kept : errors;
  // Deepest by segments; of equally deep ones, the first in the schema's own order (a stable sort keeps it).
  const depth = (e: SchemaError) => e.instancePath.split('/').length;
  return [...pool].sort((a, b) => depth(b) - depth(a))[0];
}

export function describeSchemaErrors(errors: readonly SchemaError[], root?: Schema): FieldProblem {
  const e = mostRelevant(errors);
  const base = e.instancePath.replace(/^\//, '');
  const p = e.params;
  const extra = (k: string) => { const v = p[k]; return Array.isArray(v) ? String(v[0]) : String(v); };
  const field = e.keyword === 'required' ? [base, extra('missingProperty') !== 'undefined' ? extra('missingProperty') : extra('requiredProperties')].filter(Boolean).join('/')
    : e.keyword === 'additionalProperties' ? [base, extra('additionalProperty') !== 'undefined' ? extra('additionalProperty') : extra('additionalProperties')].filter(Boolean).join('/')
      : base;
  const label = fieldLabel(root, field);
  const at = (zh: string, code: FieldProblem['code'] = 'VALIDATION_FAILED'): FieldProblem => ({ field, zh, code });
  switch (e.keyword) {
    case 'required': return at(`须填写${label}`);
    case 'additionalProperties': return at(`不接受字段“${field.split('/').pop()}”`);
    case 'type': return at(`${label}应为${TYPE_ZH[String(p.type)] ?? String(p.type)}`);
    case 'maxLength': return at(`${label}不能超过 ${p.limit} 个字`);
    case 'minLength': return at(Number(p.limit) <= 1 ? `须填写${label}` : `${label}至少 ${p.limit} 个字`);
    case 'minimum': case 'exclusiveMinimum': return at(`${label}不能小于 ${p.limit}`);
    case 'maximum': case 'exclusiveMaximum': return at(`${label}不能大于 ${p.limit}`);
    case 'minItems': return at(Number(p.limit) <= 1 ? `${label}至少填一项` : `${label}至少 ${p.limit} 项`);
    case 'maxItems': return at(`${label}最多 ${p.limit} 项`);
    case 'uniqueItems': return at(`${label}有重复项`);
    case 'enum': case 'const': case 'anyOf': return at(`${label}的取值不在允许范围内`);
    case 'pattern': {
      // Texts that must say something carry x-min-chars: N characters that are not blanks.
      const min = schemaAt(root, field.split('/').filter(Boolean))?.['x-min-chars'];
      return at(typeof min === 'number' ? (min <= 1 ? `须填写${label}` : `${label}至少 ${min} 个字`) : `${label}格式不正确`);
    }
    case 'format': return p.format === 'date' ? at(`${label}不是存在的日期（应为 YYYY-MM-DD）`, 'INVALID_DATE') : at(`${label}格式不正确`);
    default: return at(`${label}不符合要求`);
  }
}
