/**
 * Checking an import file row by row, and planning what it would change (issue 19). Pure: the
 * server reads the file, looks up the keys the rows refer to and the records they would change, and
 * hands them in; nothing here touches a database.
 *
 * Three steps, each reporting problems as (row, column, code, Chinese message):
 *  1. `mapColumns`: the header row against the template, through the bureau's column map.
 *  2. `readRecords`: each row on its own — check digits (GB 32100-2015, GB 11643-1999), real dates,
 *     known region codes (GB/T 2260), closed vocabularies, amounts — and keys repeated in the file.
 *  3. `planImport`: references to units and persons that must already be stored, the caller's data
 *     scope, the project's consistency (core/domain/project-facts), and the diff against what is
 *     stored: new, changed (with each field before and after) or unchanged. Re-importing the same
 *     file plans no change at all.
 * Natural keys: a unit by its credit code, a person by ID number (the server matches it through the
 * blind index), a project by its code, a relation by (unit, person, kind, start date).
 */
import { checkCreditCode } from '../identity/credit-code';
import { checkIdNumber, maskIdNumber, normaliseIdNumber } from '../identity/id-number';
import { checkProjectFacts } from '../domain/project-facts';
import {
  FUNDING_SOURCE_LABEL, ORGANIZATION_TYPE_LABEL, PLAN_LEVEL_LABEL, PROJECT_STATUS_LABEL, RELATION_KIND_LABEL, FORM_PROJECT_STATUSES,
  type FundingSource, type OrganizationType, type PlanLevel, type ProjectStatus, type RelationKind,
} from '../domain/vocabulary';
import type { RegionTree } from '../regions/region-tree';
import { isIsoDate, type IsoDate } from '../time/iso-date';
import { MILESTONES_PER_ROW, TEMPLATES, normaliseHeader, type ColumnMap, type ImportKind } from './templates';

/** The closed list of what a row can be refused for. */
export const IMPORT_PROBLEMS = {
  MISSING_COLUMN: '缺少必需的列',
  REQUIRED: '必填项未填写',
  INVALID_CREDIT_CODE: '统一社会信用代码无效',
  INVALID_ID_NUMBER: '居民身份证号码无效',
  INVALID_DATE: '日期不存在或格式不对',
  UNKNOWN_REGION: '行政区划代码不存在',
  UNKNOWN_VALUE: '不是可选的值',
  INVALID_AMOUNT: '金额格式不对',
  TOO_LONG: '内容过长',
  DUPLICATE_IN_FILE: '文件中重复',
  MISSING_REFERENCE: '引用的记录不存在',
  WRONG_REFERENCE: '引用的记录类别不符',
  INCONSISTENT: '数据之间不一致',
  OUT_OF_SCOPE: '超出您的数据范围',
} as const;
export type ImportProblemCode = keyof typeof IMPORT_PROBLEMS;

export interface ImportProblem { row: number; column: string; code: ImportProblemCode; zh: string }

export interface SheetRow { row: number; cells: readonly string[] }

// ---------------------------------------------------------------- 1. columns

export interface ColumnIndex { kind: ImportKind; at: Record<string, number>; headers: Record<string, string> }

export function mapColumns(kind: ImportKind, header: SheetRow | undefined, map: ColumnMap = {}): { columns: ColumnIndex; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const found = new Map<string, number>();
  (header?.cells ?? []).forEach((c, i) => { const h = normaliseHeader(c); if (h && !found.has(h)) found.set(h, i); });
  const at: Record<string, number> = {};
  const headers: Record<string, string> = {};
  for (const col of TEMPLATES[kind]) {
    const wanted = map[col.field]?.trim() || col.header;
    headers[col.field] = wanted;
    const i = found.get(normaliseHeader(wanted));
    if (i !== undefined) at[col.field] = i;
    else if (col.required) problems.push({ row: header?.row ?? 1, column: wanted, code: 'MISSING_COLUMN', zh: `表头中没有“${wanted}”列（${col.header}）` });
  }
  return { columns: { kind, at, headers }, problems };
}

// ---------------------------------------------------------------- 2. rows

export interface UnitRecord { row: number; name: string; creditCode: string; orgType: OrganizationType; regionCode: string }
export interface PersonRecord {
  row: number; name: string; idNumber: string; regionCode: string | null; employerCreditCode: string | null;
  isExpert: boolean | null; expertField: string | null; title: string | null;
}
export interface MilestoneRecord { name: string; dueDate: IsoDate; completedDate: IsoDate | null }
export interface ProjectRecord {
  row: number; code: string; name: string; planLevel: PlanLevel; jurisdictionCode: string; fundingSource: FundingSource;
  unitCreditCode: string; leaderIdNumber: string; recommenderCreditCode: string | null; agencyCreditCode: string | null;
  startDate: IsoDate; dueDate: IsoDate; extendedDueDate: IsoDate | null; status: ProjectStatus;
  acceptanceAppliedDate: IsoDate | null; acceptedDate: IsoDate | null; terminatedDate: IsoDate | null; concludedDate: IsoDate | null;
  fundsGranted: string; milestones: MilestoneRecord[];
}
export interface RelationRecord { row: number; unitCreditCode: string; personIdNumber: string; kind: RelationKind; since: IsoDate | null; until: IsoDate | null }

export type ImportRecord = UnitRecord | PersonRecord | ProjectRecord | RelationRecord;

const reverse = <K extends string>(labels: Record<K, string>) => new Map(Object.entries(labels).map(([k, v]) => [normaliseHeader(v as string), k as K]));
const ORG_TYPES = reverse(ORGANIZATION_TYPE_LABEL);
const PLAN_LEVELS = reverse(PLAN_LEVEL_LABEL);
const FUNDING = reverse(FUNDING_SOURCE_LABEL);
// CI-19.1.2, CI-23: a decided state (暂缓、暂停、强制中止、验收不通过) comes from its decision, never from a file.
const STATUSES = reverse(Object.fromEntries(FORM_PROJECT_STATUSES.map((k) => [k, PROJECT_STATUS_LABEL[k]])) as Record<(typeof FORM_PROJECT_STATUSES)[number], string>);
const RELATIONS = reverse(RELATION_KIND_LABEL);
// Short forms a provincial export uses.
ORG_TYPES.set(normaliseHeader('承担单位'), 'undertaking_unit');
ORG_TYPES.set(normaliseHeader('推荐部门'), 'recommending_department');
ORG_TYPES.set(normaliseHeader('服务机构'), 'service_agency');
PLAN_LEVELS.set(normaliseHeader('市级'), 'prefecture');

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * A date as a cell holds it: `2026-03-01`, `2026/3/1`, `2026.3.1`, `2026年3月1日`, or an Excel
 * serial day number (days since 1899-12-30; 46082 is 2026-03-01). Returns the ISO string, which may
 * still name no real day (2026-02-30): the caller checks it.
 */
export function readDateCell(raw: string): string {
  const s = raw.trim();
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  if (m) return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  const serial = /^(\d{4,5})(?:\.0+)?$/.exec(s);
  if (serial) return new Date(EXCEL_EPOCH_MS + Number(serial[1]) * 86_400_000).toISOString().slice(0, 10);
  return s;
}

/** An amount in yuan: digits with at most two decimals (thousands separators allowed), written with two decimals as numeric(14,2) stores it. */
export function readAmount(raw: string): string | null {
  const s = raw.trim().replace(/[,，]/g, '');
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return `${BigInt(m[1]).toString()}.${(m[2] ?? '').padEnd(2, '0')}`;
}

export interface ReadEnv { regions: RegionTree }

class RowReader {
  readonly problems: ImportProblem[] = [];
  ok = true;
  constructor(private readonly columns: ColumnIndex, private readonly r: SheetRow) {}
  private fail(field: string, code: ImportProblemCode, zh: string): null {
    this.ok = false;
    this.problems.push({ row: this.r.row, column: this.columns.headers[field], code, zh });
    return null;
  }
  raw(field: string): string {
    const i = this.columns.at[field];
    return i === undefined ? '' : (this.r.cells[i] ?? '').trim();
  }
  text(field: string, required: boolean, max: number): string | null {
    const v = this.raw(field);
    if (!v) return required ? this.fail(field, 'REQUIRED', `“${this.columns.headers[field]}”未填写`) : null;
    if ([...v].length > max) return this.fail(field, 'TOO_LONG', `“${this.columns.headers[field]}”超过 ${max} 个字`);
    return v;
  }
  creditCode(field: string, required: boolean): string | null {
    const v = this.text(field, required, 18 + 10)?.toUpperCase() ?? null;
    if (v === null) return null;
    const problem = checkCreditCode(v);
    if (problem) return this.fail(field, 'INVALID_CREDIT_CODE', `统一社会信用代码 ${v} 无效：${{ length: '应为 18 位', character: '含有不允许的字符（不使用 I、O、Z、S、V）', check: '校验码不正确' }[problem]}`);
    return v;
  }
  idNumber(field: string): string | null {
    const raw = this.text(field, true, 18 + 10);
    if (raw === null) return null;
    const v = normaliseIdNumber(raw);
    const problem = checkIdNumber(v);
    if (problem) return this.fail(field, 'INVALID_ID_NUMBER', `居民身份证号码无效：${{ length: '应为 18 位', character: '前 17 位应为数字，末位为数字或 X', birth_date: '出生日期不存在', check: '校验码不正确' }[problem]}`);
    return v;
  }
  date(field: string, required: boolean): IsoDate | null {
    const v = this.raw(field);
    if (!v) return required ? this.fail(field, 'REQUIRED', `“${this.columns.headers[field]}”未填写`) : null;
    const d = readDateCell(v);
    if (!isIsoDate(d)) return this.fail(field, 'INVALID_DATE', `日期“${v}”不存在或格式不对（应为 YYYY-MM-DD）`);
    return d;
  }
  region(field: string, required: boolean, env: ReadEnv): string | null {
    const v = this.text(field, required, 12);
    if (v === null) return null;
    if (!env.regions.get(v)) return this.fail(field, 'UNKNOWN_REGION', `行政区划代码 ${v} 不存在`);
    return v;
  }
  choice<K extends string>(field: string, options: Map<string, K>, required: boolean): K | null {
    const v = this.raw(field);
    if (!v) return required ? this.fail(field, 'REQUIRED', `“${this.columns.headers[field]}”未填写`) : null;
    const k = options.get(normaliseHeader(v));
    if (!k) return this.fail(field, 'UNKNOWN_VALUE', `“${v}”不是可选的值`);
    return k;
  }
  yesNo(field: string): boolean | null {
    const v = this.raw(field);
    if (!v) return null;
    if (['是', 'Y', 'y', '1', 'TRUE', 'true'].includes(v)) return true;
    if (['否', 'N', 'n', '0', 'FALSE', 'false'].includes(v)) return false;
    return this.fail(field, 'UNKNOWN_VALUE', `“${v}”应为“是”或“否”`);
  }
  amount(field: string): string | null {
    const v = this.raw(field);
    if (!v) return this.fail(field, 'REQUIRED', `“${this.columns.headers[field]}”未填写`);
    return readAmount(v) ?? this.fail(field, 'INVALID_AMOUNT', `金额“${v}”应为不带单位的元数，至多两位小数`);
  }
  /** A problem found after the row's own fields were read (consistency, references). */
  problem(field: string, code: ImportProblemCode, zh: string) { this.fail(field, code, zh); }
}

function readUnit(x: RowReader, row: number, env: ReadEnv): UnitRecord | null {
  const name = x.text('name', true, 100);
  const creditCode = x.creditCode('creditCode', true);
  const orgType = x.choice('orgType', ORG_TYPES, true);
  const regionCode = x.region('regionCode', true, env);
  return x.ok ? { row, name: name!, creditCode: creditCode!, orgType: orgType!, regionCode: regionCode! } : null;
}

function readPerson(x: RowReader, row: number, env: ReadEnv): PersonRecord | null {
  const name = x.text('name', true, 100);
  const idNumber = x.idNumber('idNumber');
  const regionCode = x.region('regionCode', false, env);
  const employerCreditCode = x.creditCode('employerCreditCode', false);
  const isExpert = x.yesNo('isExpert');
  const expertField = x.text('expertField', false, 100);
  const title = x.text('title', false, 50);
  return x.ok ? { row, name: name!, idNumber: idNumber!, regionCode, employerCreditCode, isExpert, expertField, title } : null;
}

function readProject(x: RowReader, row: number, env: ReadEnv): ProjectRecord | null {
  const code = x.text('code', true, 64);
  const name = x.text('name', true, 200);
  const planLevel = x.choice('planLevel', PLAN_LEVELS, true);
  const jurisdictionCode = x.region('jurisdictionCode', true, env);
  const fundingSource = x.choice('fundingSource', FUNDING, true);
  const unitCreditCode = x.creditCode('unitCreditCode', true);
  const leaderIdNumber = x.idNumber('leaderIdNumber');
  const recommenderCreditCode = x.creditCode('recommenderCreditCode', false);
  const agencyCreditCode = x.creditCode('agencyCreditCode', false);
  const startDate = x.date('startDate', true);
  const dueDate = x.date('dueDate', true);
  const extendedDueDate = x.date('extendedDueDate', false);
  const status = x.choice('status', STATUSES, true);
  const acceptanceAppliedDate = x.date('acceptanceAppliedDate', false);
  const acceptedDate = x.date('acceptedDate', false);
  const terminatedDate = x.date('terminatedDate', false);
  const concludedDate = x.date('concludedDate', false);
  const fundsGranted = x.amount('fundsGranted');
  const milestones: MilestoneRecord[] = [];
  for (let i = 1; i <= MILESTONES_PER_ROW; i++) {
    const mName = x.text(`milestone${i}Name`, false, 200);
    const due = x.raw(`milestone${i}DueDate`) || x.raw(`milestone${i}CompletedDate`) ? x.date(`milestone${i}DueDate`, true) : null;
    const done = x.date(`milestone${i}CompletedDate`, false);
    if (mName === null && due === null) continue;
    if (mName === null) { x.problem(`milestone${i}Name`, 'REQUIRED', `里程碑${i}填写了日期但没有名称`); continue; }
    if (due === null) { if (x.ok) x.problem(`milestone${i}DueDate`, 'REQUIRED', `里程碑${i}没有计划完成日期`); continue; }
    milestones.push({ name: mName, dueDate: due, completedDate: done });
  }
  if (!x.ok) return null;
  return {
    row, code: code!, name: name!, planLevel: planLevel!, jurisdictionCode: jurisdictionCode!, fundingSource: fundingSource!,
    unitCreditCode: unitCreditCode!, leaderIdNumber: leaderIdNumber!, recommenderCreditCode, agencyCreditCode,
    startDate: startDate!, dueDate: dueDate!, extendedDueDate, status: status!, acceptanceAppliedDate, acceptedDate, terminatedDate, concludedDate,
    fundsGranted: fundsGranted!, milestones,
  };
}

function readRelation(x: RowReader, row: number): RelationRecord | null {
  const unitCreditCode = x.creditCode('unitCreditCode', true);
  const personIdNumber = x.idNumber('personIdNumber');
  const kind = x.choice('kind', RELATIONS, true);
  const since = x.date('since', false);
  const until = x.date('until', false);
  if (x.ok && since && until && until < since) x.problem('until', 'INCONSISTENT', '终止日期早于起始日期');
  return x.ok ? { row, unitCreditCode: unitCreditCode!, personIdNumber: personIdNumber!, kind: kind!, since, until } : null;
}

/** The natural key of a record, and the column it is reported under when repeated. */
export function naturalKey(kind: ImportKind, r: ImportRecord): { key: string; field: string } {
  switch (kind) {
    case 'units': return { key: (r as UnitRecord).creditCode, field: 'creditCode' };
    case 'persons': return { key: (r as PersonRecord).idNumber, field: 'idNumber' };
    case 'projects': return { key: (r as ProjectRecord).code, field: 'code' };
    case 'relations': {
      const x = r as RelationRecord;
      // An employer is one per person; the other relations are one per (unit, person, kind, start).
      return x.kind === 'works_at' ? { key: `works_at|${x.personIdNumber}`, field: 'personIdNumber' } : { key: `${x.unitCreditCode}|${x.personIdNumber}|${x.kind}|${x.since ?? ''}`, field: 'kind' };
    }
  }
}

/** Every row after the header, each on its own, then keys repeated within the file. */
export function readRecords(columns: ColumnIndex, rows: readonly SheetRow[], env: ReadEnv): { records: ImportRecord[]; problems: ImportProblem[] } {
  const kind = columns.kind;
  const records: ImportRecord[] = [];
  const problems: ImportProblem[] = [];
  const firstRow = new Map<string, number>();
  for (const r of rows) {
    const x = new RowReader(columns, r);
    const rec = kind === 'units' ? readUnit(x, r.row, env) : kind === 'persons' ? readPerson(x, r.row, env) : kind === 'projects' ? readProject(x, r.row, env) : readRelation(x, r.row);
    problems.push(...x.problems);
    if (!rec) continue;
    const { key, field } = naturalKey(kind, rec);
    const first = firstRow.get(key);
    if (first !== undefined) {
      problems.push({ row: r.row, column: columns.headers[field], code: 'DUPLICATE_IN_FILE', zh: `与第 ${first} 行重复（${kind === 'relations' ? '同一单位、人员、关系和起始日期' : '同一' + { units: '统一社会信用代码', persons: '身份证号码', projects: '项目编号' }[kind]}）` });
      continue;
    }
    firstRow.set(key, r.row);
    records.push(rec);
  }
  return { records, problems };
}

/** The credit codes and ID numbers the records name (their own keys and their references), for the server to look up. */
export function referencedKeys(kind: ImportKind, records: readonly ImportRecord[]): { creditCodes: string[]; idNumbers: string[]; projectCodes: string[] } {
  const cc = new Set<string>();
  const ids = new Set<string>();
  const codes: string[] = [];
  for (const r of records) {
    if (kind === 'units') cc.add((r as UnitRecord).creditCode);
    else if (kind === 'persons') { const p = r as PersonRecord; ids.add(p.idNumber); if (p.employerCreditCode) cc.add(p.employerCreditCode); }
    else if (kind === 'projects') {
      const p = r as ProjectRecord;
      codes.push(p.code); cc.add(p.unitCreditCode); ids.add(p.leaderIdNumber);
      if (p.recommenderCreditCode) cc.add(p.recommenderCreditCode);
      if (p.agencyCreditCode) cc.add(p.agencyCreditCode);
    } else { const x = r as RelationRecord; cc.add(x.unitCreditCode); ids.add(x.personIdNumber); }
  }
  return { creditCodes: [...cc], idNumbers: [...ids], projectCodes: codes };
}

// ---------------------------------------------------------------- 3. plan

export interface StoredOrganization { id: string; name: string; orgType: OrganizationType; regionCode: string }
export interface StoredPerson { id: string; name: string; regionCode: string; employerId: string | null; isExpert: boolean; expertField: string | null; title: string | null }
export interface StoredProject { id: string; columns: Record<string, string | null>; milestones: MilestoneRecord[] }
export interface StoredRelation { id: string; personId: string; organizationId: string; kind: Exclude<RelationKind, 'works_at'>; since: IsoDate | null; until: IsoDate | null }

export interface Stored {
  organizations: ReadonlyMap<string, StoredOrganization>;
  /** By plain ID number: the server found them through the blind index. */
  persons: ReadonlyMap<string, StoredPerson>;
  projects: ReadonlyMap<string, StoredProject>;
  /** The relations stored between the units and persons the file names. */
  relations: readonly StoredRelation[];
}

export interface PlanEnv extends ReadEnv {
  /** Whether a record in this region lies within the caller's data scope. */
  inScope(regionCode: string): boolean;
}

export type Change = 'new' | 'changed' | 'unchanged';

export interface PlannedRow {
  row: number;
  /** The natural key as shown (an ID number masked). */
  key: string;
  change: Change;
  /** What is written: `subject`, `project` or `relation`; a works-at row changes the person's subject record. */
  objectType: 'subject' | 'project' | 'relation';
  /** The stored record's id; null for a new one (the server assigns it). */
  objectId: string | null;
  /** Column values to write (database column names). */
  values: Record<string, string | boolean | null>;
  /** For a changed record: each changed column, before and after. */
  changes: Record<string, { before: unknown; after: unknown }>;
  milestones?: MilestoneRecord[];
  /** The plain ID number of a new person, for the server to encrypt and index; never reported. */
  idNumber?: string;
}

/** Column names as a clerk reads them in the diff preview. */
export const COLUMN_LABEL: Record<string, string> = {
  name: '名称', org_type: '单位类别', region_code: '所在行政区划', employer_id: '工作单位', is_expert: '是否评审专家', expert_field: '专业领域', title: '职称',
  plan_level: '计划层级', jurisdiction_code: '立项部门所在区划', funding_source: '资金来源', undertaking_unit_id: '承担单位', leader_id: '项目负责人',
  recommending_department_id: '推荐部门', service_agency_id: '服务机构', start_date: '开始日期', due_date: '执行期截止日期', extended_due_date: '批准延期后的完成日期',
  status: '项目状态', acceptance_applied_date: '申请验收日期', accepted_date: '验收日期', terminated_date: '终止日期', concluded_date: '结题日期', funds_granted: '资助经费（元）',
  milestones: '里程碑', until: '终止日期',
};

function diff(values: Record<string, unknown>, stored: Record<string, unknown>): PlannedRow['changes'] {
  const out: PlannedRow['changes'] = {};
  for (const [k, v] of Object.entries(values)) if ((stored[k] ?? null) !== (v ?? null)) out[k] = { before: stored[k] ?? null, after: v ?? null };
  return out;
}

const sameMilestones = (a: readonly MilestoneRecord[], b: readonly MilestoneRecord[]) =>
  a.length === b.length && a.every((m, i) => m.name === b[i].name && m.dueDate === b[i].dueDate && (m.completedDate ?? null) === (b[i].completedDate ?? null));

function planned(row: number, key: string, objectType: PlannedRow['objectType'], objectId: string | null, values: PlannedRow['values'], stored: Record<string, unknown> | null, extra: Partial<PlannedRow> = {}): PlannedRow {
  const changes = stored ? diff(values, stored) : {};
  const change: Change = !stored ? 'new' : Object.keys(changes).length ? 'changed' : 'unchanged';
  return { row, key, change, objectType, objectId, values, changes, ...extra };
}

/** References, scope, consistency and the diff against what is stored; rows with a problem are left out of the plan. */
export function planImport(columns: ColumnIndex, records: readonly ImportRecord[], stored: Stored, env: PlanEnv): { plan: PlannedRow[]; problems: ImportProblem[] } {
  const kind = columns.kind;
  const plan: PlannedRow[] = [];
  const problems: ImportProblem[] = [];
  const report = (row: number, field: string, code: ImportProblemCode, zh: string) => problems.push({ row, column: columns.headers[field] ?? field, code, zh });
  const org = (row: number, field: string, code: string | null, orgType: OrganizationType | null): StoredOrganization | null | undefined => {
    if (code === null) return null;
    const o = stored.organizations.get(code);
    // A unit outside the caller's scope is answered as one not registered (records out of scope are not found).
    if (!o || !env.inScope(o.regionCode)) { report(row, field, 'MISSING_REFERENCE', `统一社会信用代码为 ${code} 的单位尚未登记或不在您的数据范围内（请先导入单位）`); return undefined; }
    if (orgType && o.orgType !== orgType) { report(row, field, 'WRONG_REFERENCE', `${o.name}登记为${ORGANIZATION_TYPE_LABEL[o.orgType]}，不是${ORGANIZATION_TYPE_LABEL[orgType]}`); return undefined; }
    return o;
  };
  const person = (row: number, field: string, idNumber: string): StoredPerson | undefined => {
    const p = stored.persons.get(idNumber);
    if (!p || !env.inScope(p.regionCode)) { report(row, field, 'MISSING_REFERENCE', `身份证号码为 ${maskIdNumber(idNumber)} 的人员尚未登记或不在您的数据范围内（请先导入人员）`); return undefined; }
    return p;
  };
  const outOfScope = (row: number, field: string, what: string) => report(row, field, 'OUT_OF_SCOPE', `${what}不在您的数据范围内，不能导入`);

  const relationKey = (personId: string, organizationId: string, k: string, since: string | null) => `${personId}|${organizationId}|${k}|${since ?? ''}`;
  const storedRelations = new Map(stored.relations.map((r) => [relationKey(r.personId, r.organizationId, r.kind, r.since), r]));
  for (const rec of records) {
    if (kind === 'units') {
      const u = rec as UnitRecord;
      const s = stored.organizations.get(u.creditCode);
      if (!env.inScope(u.regionCode)) { outOfScope(u.row, 'regionCode', `行政区划 ${u.regionCode}`); continue; }
      if (s && !env.inScope(s.regionCode)) { outOfScope(u.row, 'creditCode', '已登记的该单位'); continue; }
      const values: PlannedRow['values'] = { name: u.name, org_type: u.orgType, region_code: u.regionCode, ...(s ? {} : { credit_code: u.creditCode }) };
      plan.push(planned(u.row, u.creditCode, 'subject', s?.id ?? null, values, s ? { name: s.name, org_type: s.orgType, region_code: s.regionCode } : null));
    } else if (kind === 'persons') {
      const p = rec as PersonRecord;
      const s = stored.persons.get(p.idNumber);
      const employer = org(p.row, 'employerCreditCode', p.employerCreditCode, null);
      if (employer === undefined) continue;
      // An empty optional cell leaves the stored value as it is; a new person takes the defaults.
      const regionCode = p.regionCode ?? employer?.regionCode ?? s?.regionCode ?? null;
      if (regionCode === null) { report(p.row, 'regionCode', 'REQUIRED', '未填写工作单位时须填写所在行政区划代码'); continue; }
      if (!env.inScope(regionCode)) { outOfScope(p.row, 'regionCode', `行政区划 ${regionCode}`); continue; }
      if (s && !env.inScope(s.regionCode)) { outOfScope(p.row, 'idNumber', '已登记的该人员'); continue; }
      const values: PlannedRow['values'] = { name: p.name, region_code: regionCode };
      if (employer || !s) values.employer_id = employer?.id ?? null;
      if (p.isExpert !== null || !s) values.is_expert = p.isExpert ?? false;
      if (p.expertField !== null || !s) values.expert_field = p.expertField;
      if (p.title !== null || !s) values.title = p.title;
      const storedValues = s ? { name: s.name, region_code: s.regionCode, employer_id: s.employerId, is_expert: s.isExpert, expert_field: s.expertField, title: s.title } : null;
      plan.push(planned(p.row, maskIdNumber(p.idNumber), 'subject', s?.id ?? null, values, storedValues, s ? {} : { idNumber: p.idNumber }));
    } else if (kind === 'projects') {
      const p = rec as ProjectRecord;
      const unit = org(p.row, 'unitCreditCode', p.unitCreditCode, 'undertaking_unit');
      const leader = person(p.row, 'leaderIdNumber', p.leaderIdNumber);
      const recommender = org(p.row, 'recommenderCreditCode', p.recommenderCreditCode, 'recommending_department');
      const agency = org(p.row, 'agencyCreditCode', p.agencyCreditCode, 'service_agency');
      if (!unit || !leader || recommender === undefined || agency === undefined) continue;
      const [fact] = checkProjectFacts({
        planLevel: p.planLevel, jurisdictionCode: p.jurisdictionCode, regionCode: unit.regionCode, startDate: p.startDate, dueDate: p.dueDate,
        extendedDueDate: p.extendedDueDate, status: p.status, acceptanceAppliedDate: p.acceptanceAppliedDate, acceptedDate: p.acceptedDate,
        terminatedDate: p.terminatedDate, milestones: p.milestones,
      }, env.regions);
      if (fact) {
        const m = /^milestones\/(\d+)/.exec(fact.field);
        report(p.row, m ? `milestone${Number(m[1]) + 1}DueDate` : fact.field, 'INCONSISTENT', fact.zh);
        continue;
      }
      if ((p.status === 'concluded') !== (p.concludedDate !== null)) { report(p.row, 'concludedDate', 'INCONSISTENT', '“结题”状态须且只须填写结题日期'); continue; }
      if (!env.inScope(unit.regionCode) && !env.inScope(p.jurisdictionCode)) { outOfScope(p.row, 'jurisdictionCode', '该项目（承担单位所在区划和立项部门所在区划）'); continue; }
      const s = stored.projects.get(p.code);
      if (s && !env.inScope(s.columns.region_code ?? '') && !env.inScope(s.columns.jurisdiction_code ?? '')) { outOfScope(p.row, 'code', '已登记的该项目'); continue; }
      const values: PlannedRow['values'] = {
        name: p.name, plan_level: p.planLevel, jurisdiction_code: p.jurisdictionCode, region_code: unit.regionCode, funding_source: p.fundingSource,
        undertaking_unit_id: unit.id, leader_id: leader.id, recommending_department_id: recommender?.id ?? null, service_agency_id: agency?.id ?? null,
        start_date: p.startDate, due_date: p.dueDate, extended_due_date: p.extendedDueDate, status: p.status,
        acceptance_applied_date: p.acceptanceAppliedDate, accepted_date: p.acceptedDate, terminated_date: p.terminatedDate, concluded_date: p.concludedDate,
        funds_granted: p.fundsGranted,
      };
      const row = planned(p.row, p.code, 'project', s?.id ?? null, values, s?.columns ?? null, { milestones: p.milestones });
      if (s && !sameMilestones(s.milestones, p.milestones)) {
        row.changes.milestones = { before: s.milestones, after: p.milestones };
        row.change = 'changed';
      }
      plan.push(row);
    } else {
      const x = rec as RelationRecord;
      const unit = org(x.row, 'unitCreditCode', x.unitCreditCode, null);
      const p = person(x.row, 'personIdNumber', x.personIdNumber);
      if (!unit || !p) continue;
      if (!env.inScope(unit.regionCode)) { outOfScope(x.row, 'unitCreditCode', `${unit.name}`); continue; }
      if (x.kind === 'works_at') {
        if (!env.inScope(p.regionCode)) { outOfScope(x.row, 'personIdNumber', '该人员'); continue; }
        plan.push(planned(x.row, `${maskIdNumber(x.personIdNumber)} ${RELATION_KIND_LABEL.works_at} ${x.unitCreditCode}`, 'subject', p.id, { employer_id: unit.id }, { employer_id: p.employerId }));
        continue;
      }
      const s = storedRelations.get(relationKey(p.id, unit.id, x.kind, x.since));
      const key = `${x.unitCreditCode} ${RELATION_KIND_LABEL[x.kind]} ${maskIdNumber(x.personIdNumber)}${x.since ? ` 自 ${x.since}` : ''}`;
      const values = { person_id: p.id, organization_id: unit.id, kind: x.kind, since: x.since, until: x.until };
      plan.push(planned(x.row, key, 'relation', s?.id ?? null, s ? { until: x.until } : values, s ? { until: s.until } : null));
    }
  }
  return { plan, problems };
}

/** Counts for the report's head. */
export function planCounts(plan: readonly PlannedRow[]): Record<Change, number> {
  const out: Record<Change, number> = { new: 0, changed: 0, unchanged: 0 };
  for (const p of plan) out[p.change]++;
  return out;
}
