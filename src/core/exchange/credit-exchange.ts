/**
 * 信用信息报送 (issue 20): what leaves for the national credit-sharing platform (the dishonesty list,
 * CI-27; removals, CI-28; repairs, CI-31) and for the provincial project system (exemption marks,
 * YT-6.5) as increments since the last acknowledged batch. Pure: the field map, the shaping of one
 * row, the increment planned from what the platform has acknowledged and what is on record today,
 * the batch's bytes, and the check of an acknowledgement sent back. Digests and storage are the
 * server's (`server/modules/exchange/`).
 */
import { AppError } from '../errors';

export const EXCHANGE_TARGETS = ['credit_platform', 'project_system'] as const;
export type ExchangeTarget = (typeof EXCHANGE_TARGETS)[number];
export const EXCHANGE_TARGET_LABEL: Record<ExchangeTarget, string> = { credit_platform: '全国信用信息共享平台', project_system: '省科技计划项目管理系统' };

/** add: newly on the list; remove: its period ended (CI-28); repair: credit repaired (CI-31); correct: a field sent before has changed. */
export const EXCHANGE_OPERATIONS = ['add', 'remove', 'repair', 'correct'] as const;
export type ExchangeOperation = (typeof EXCHANGE_OPERATIONS)[number];
export const EXCHANGE_OPERATION_LABEL: Record<ExchangeOperation, string> = { add: '新增', remove: '移出', repair: '信用修复', correct: '更正' };

/** Layout version written into every batch, so a platform can tell which field map a file follows. */
export const EXCHANGE_FORMAT = 'kexin-exchange/1';

/** One row of a batch for the credit platform: the data items the national platform asks for, in this order. */
export interface CreditExchangeRow {
  name: string;
  subjectKind: 'organization' | 'person';
  /** 统一社会信用代码 of a unit; null for a person. */
  creditCode: string | null;
  /** A person's 身份证号 masked as the platform allows (never the full number); null for a unit. */
  idNumberMasked: string | null;
  decisionNo: string;
  conduct: string;
  basis: string;
  measures: string[];
  decidedOn: string;
  decidedBy: string;
  /** The last day the entry may be published (CI-28 with the CR tiers); null: not published. */
  publicUntil: string | null;
  listedUntil: string | null;
  /** CI-27 for an entry of the serious dishonesty list; CI-25.4 for a sanction published without a listing. */
  clause: 'CI-27' | 'CI-25.4';
}

/** The field map (docs/credit-exchange.md): each batch field, the platform's data item, and where Kexin takes it from. */
export const CREDIT_FIELD_MAP: ReadonlyArray<{ field: keyof CreditExchangeRow | 'operation' | 'itemId'; item: string; source: string }> = [
  { field: 'operation', item: '操作类型（新增 / 移出 / 信用修复 / 更正）', source: '由上次已确认批次与当前记录比较得出' },
  { field: 'itemId', item: '本系统记录标识', source: 'listings.id；未列入名单的公开处理（CI-25.4）为 sanctions.id' },
  { field: 'name', item: '失信主体名称', source: 'subjects.name' },
  { field: 'subjectKind', item: '主体类别（法人和非法人组织 / 自然人）', source: 'subjects.kind' },
  { field: 'creditCode', item: '统一社会信用代码', source: 'subjects.credit_code（单位）' },
  { field: 'idNumberMasked', item: '身份证件号码（脱敏）', source: 'subjects.id_number_masked（个人）' },
  { field: 'decisionNo', item: '决定文书号', source: '处理决定的发文字号（信处〔年〕号）' },
  { field: 'conduct', item: '失信行为', source: 'sanctions.misconduct_kind 的中文名称' },
  { field: 'basis', item: '认定依据', source: '政策文件名称、文号和条款（CI-27 及所依据的处理条款）' },
  { field: 'measures', item: '惩戒措施', source: '列入失信惩戒名单及 sanctions.measures' },
  { field: 'decidedOn', item: '决定日期', source: 'listings.listed_on（局办公会决定列入之日）' },
  { field: 'decidedBy', item: '决定机关', source: '管辖区划的科技主管部门（bureaus）' },
  { field: 'publicUntil', item: '公示截止日期', source: 'listings.public_until（CI-28、国家发展改革委令2025年第36号）' },
  { field: 'listedUntil', item: '名单期限至', source: 'listings.until' },
  { field: 'clause', item: '列入条款', source: 'CI-27；未列入名单的公开处理为 CI-25.4' },
];

/**
 * The same data items for a sanction published under CI-25.4 that has no CI-27 listing (a ban of five
 * years to life made public, or any sanction on the public list): the platform takes it as a 失信信息
 * record of the decision itself. Where a listing's row reads the listing, this row reads the sanction:
 * `decidedOn` is the decision's date, `measures` the sanction's measures with the ban's period
 * (no 列入失信惩戒名单: it is not on the list), `publicUntil` the sanction's publication end, `listedUntil`
 * null (not listed), `clause` CI-25.4. docs/credit-exchange.md has the table.
 */
export const SANCTION_FIELD_MAP: ReadonlyArray<{ field: keyof CreditExchangeRow; source: string }> = [
  { field: 'decidedOn', source: 'sanctions.decided_date（处理决定日期）' },
  { field: 'measures', source: 'sanctions.measures 及取消申报资格期限（sanctions.ban_start、ban_end、ban_life）' },
  { field: 'publicUntil', source: 'sanctions.public_until（CI-25.4、CI-28、国家发展改革委令2025年第36号）' },
  { field: 'listedUntil', source: '恒为 null（未列入名单）' },
  { field: 'clause', source: 'CI-25.4' },
];

/** Facts of one published sanction without a listing, as stored. */
export interface SanctionFacts {
  id: string; name: string; kind: 'organization' | 'person'; creditCode: string | null; idNumberMasked: string | null;
  decisionNo: string; conduct: string; basis: string; measures: string[]; decidedOn: string;
  banStart: string | null; banEnd: string | null; banLife: boolean; publicUntil: string | null;
  repairedOn: string | null; revokedOn: string | null;
}

/** The ban's period in words, as the platform's 惩戒措施 reads it. */
export function banPeriodText(f: Pick<SanctionFacts, 'banStart' | 'banEnd' | 'banLife'>): string | null {
  if (f.banLife) return `取消申报资格期限：${f.banStart ?? ''}起永久`;
  if (f.banStart && f.banEnd) return `取消申报资格期限：${f.banStart}至${f.banEnd}`;
  return null;
}

/** One row of the credit batch for a sanction published under CI-25.4 without a CI-27 listing. */
export function sanctionRow(f: SanctionFacts, decidedBy: string): CreditExchangeRow {
  const person = f.kind === 'person';
  const period = banPeriodText(f);
  return {
    name: f.name, subjectKind: f.kind, creditCode: person ? null : f.creditCode, idNumberMasked: person ? f.idNumberMasked : null,
    decisionNo: f.decisionNo, conduct: f.conduct, basis: f.basis, measures: period ? [...f.measures, period] : [...f.measures],
    decidedOn: f.decidedOn, decidedBy, publicUntil: f.publicUntil, listedUntil: null, clause: 'CI-25.4',
  };
}

/**
 * Where a published sanction stands on a day: published (active) from its decision to its publication
 * end; repaired (CI-31) from the repair; removed the day after its publication ends (CI-28) or once the
 * decision is revoked (复查撤销). Before its decision day it is not yet anything.
 */
export function sanctionStatus(f: Pick<SanctionFacts, 'decidedOn' | 'publicUntil' | 'repairedOn' | 'revokedOn'>, today: string): ItemStatus | null {
  if (f.decidedOn > today) return null;
  if (f.repairedOn && f.repairedOn <= today) return 'repaired';
  if ((f.revokedOn && f.revokedOn <= today) || (f.publicUntil !== null && f.publicUntil < today)) return 'removed';
  return 'active';
}

/** Facts of one listing as stored, as the repository reads them. */
export interface ListingFacts {
  id: string; name: string; kind: 'organization' | 'person'; creditCode: string | null; idNumberMasked: string | null;
  decisionNo: string; conduct: string; basis: string; measures: string[]; listedOn: string; until: string | null; publicUntil: string | null;
  repairedOn: string | null; removedOn: string | null;
}

/** One row of the credit batch, in the platform's order; personal data limited to what it takes. */
export function creditRow(f: ListingFacts, decidedBy: string): CreditExchangeRow {
  const person = f.kind === 'person';
  return {
    name: f.name, subjectKind: f.kind, creditCode: person ? null : f.creditCode, idNumberMasked: person ? f.idNumberMasked : null,
    decisionNo: f.decisionNo, conduct: f.conduct, basis: f.basis, measures: ['列入失信惩戒名单', ...f.measures],
    decidedOn: f.listedOn, decidedBy, publicUntil: f.publicUntil, listedUntil: f.until, clause: 'CI-27',
  };
}

/** Where a record stands on a day: on the list (or marked), off it at its end (CI-28), or repaired (CI-31). */
export type ItemStatus = 'active' | 'removed' | 'repaired';

export function listingStatus(f: Pick<ListingFacts, 'listedOn' | 'until' | 'repairedOn' | 'removedOn'>, today: string): ItemStatus | null {
  if (f.listedOn > today) return null;
  if (f.repairedOn && f.repairedOn <= today) return 'repaired';
  if (f.removedOn || (f.until !== null && f.until < today)) return 'removed';
  return 'active';
}

/** What the platform holds of an item after the batches it acknowledged: the last operation and row sent. */
export interface Acknowledged { operation: ExchangeOperation; row: string }
export interface CurrentItem { itemId: string; status: ItemStatus; row: Record<string, unknown> }
export interface PlannedItem { itemId: string; operation: ExchangeOperation; row: string }

const heldActive = (a: Acknowledged | undefined) => !!a && (a.operation === 'add' || a.operation === 'correct');

/** Serialises a row once; the same row always gives the same text (key order is the row's own, fixed by its builder). */
export const rowText = (row: Record<string, unknown>) => JSON.stringify(row);

/**
 * The increment: what must be sent so that the platform, holding what it acknowledged, holds what is
 * on record today. A record it holds that has left the current set (an exemption mark withdrawn) is removed.
 */
export function planIncrement(acknowledged: ReadonlyMap<string, Acknowledged>, current: readonly CurrentItem[]): PlannedItem[] {
  const out: PlannedItem[] = [];
  const seen = new Set<string>();
  for (const c of current) {
    seen.add(c.itemId);
    const a = acknowledged.get(c.itemId);
    const row = rowText(c.row);
    if (c.status === 'active') {
      if (!heldActive(a)) out.push({ itemId: c.itemId, operation: 'add', row });
      else if (a!.row !== row) out.push({ itemId: c.itemId, operation: 'correct', row });
    } else if (heldActive(a)) {
      out.push({ itemId: c.itemId, operation: c.status === 'repaired' ? 'repair' : 'remove', row });
    }
  }
  for (const [itemId, a] of [...acknowledged].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    if (!seen.has(itemId) && heldActive(a)) out.push({ itemId, operation: 'remove', row: a.row });
  }
  return out;
}

export interface BatchHeader { target: ExchangeTarget; jurisdiction: string; seq: number; createdAt: string }

/** The batch's bytes: fixed header order, one item per operation with its row; stored once and re-sent as stored. */
export function batchText(h: BatchHeader, items: readonly PlannedItem[]): string {
  const clause = h.target === 'credit_platform' ? 'CI-25.4、CI-27、CI-28、CI-31' : 'YT-6.5';
  const body = items.map((i) => `{"operation":${JSON.stringify(i.operation)},"itemId":${JSON.stringify(i.itemId)},"row":${i.row}}`);
  return `{"format":${JSON.stringify(EXCHANGE_FORMAT)},"target":${JSON.stringify(h.target)},"jurisdiction":${JSON.stringify(h.jurisdiction)},"seq":${h.seq},"createdAt":${JSON.stringify(h.createdAt)},"clause":${JSON.stringify(clause)},"count":${items.length},"items":[${body.join(',')}]}`;
}

export interface AcknowledgementInput { seq: number; sha256: string; reference: string | null }

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * A platform's acknowledgement file, checked whole before anything is recorded: every row must name a
 * batch by its sequence number and its SHA-256; the first row at fault refuses the file, naming row and field.
 */
export function checkAcknowledgements(input: unknown): AcknowledgementInput[] {
  const refuse = (field: string, zh: string) => { throw new AppError('VALIDATION_FAILED', { field, zh }); };
  if (!Array.isArray(input) || input.length === 0) refuse('acknowledgements', '回执应至少包含一条确认记录');
  const rows = input as unknown[];
  if (rows.length > 1000) refuse('acknowledgements', '一次回执最多确认 1000 个批次');
  const seen = new Set<number>();
  return rows.map((r, i) => {
    const at = `acknowledgements[${i}]`;
    if (!r || typeof r !== 'object' || Array.isArray(r)) refuse(at, `第 ${i + 1} 条回执不是对象`);
    const o = r as Record<string, unknown>;
    for (const k of Object.keys(o)) if (!['seq', 'sha256', 'reference'].includes(k)) refuse(`${at}.${k}`, `第 ${i + 1} 条回执含有未定义的字段 ${k}`);
    if (typeof o.seq !== 'number' || !Number.isInteger(o.seq) || o.seq < 1) refuse(`${at}.seq`, `第 ${i + 1} 条回执的批次序号应为正整数`);
    if (seen.has(o.seq as number)) refuse(`${at}.seq`, `第 ${i + 1} 条回执重复确认批次 ${o.seq}`);
    seen.add(o.seq as number);
    if (typeof o.sha256 !== 'string' || !HEX64.test(o.sha256)) refuse(`${at}.sha256`, `第 ${i + 1} 条回执的 SHA-256 摘要应为 64 位小写十六进制`);
    if (o.reference !== undefined && o.reference !== null && (typeof o.reference !== 'string' || o.reference.length > 100)) refuse(`${at}.reference`, `第 ${i + 1} 条回执的平台受理编号应为不超过 100 字的文本`);
    return { seq: o.seq as number, sha256: o.sha256 as string, reference: (o.reference as string | undefined) ?? null };
  });
}
