/**
 * 外部失信记录 (CI-12, CI-13 joint punishment): misconduct decided elsewhere — by the province's or the
 * national research-integrity database — and sent here, so that a ban decided by another organ bars an
 * application here too (CI-10, CI-13). Such a record keeps its source as received (who sent it, the
 * document number, the deciding body, the decision date), is shown as external, and is never edited
 * here: a correction is the sender's, arriving as a new record. Pure: the check of a file or a call
 * sent in (whole, before anything is recorded; the first row at fault refuses it, naming row and
 * field), whether its ban is in force on a day, and the veto reason naming the external basis.
 */
import { AppError } from '../errors';
import { creditCodeRefusal } from '../identity/credit-code';
import { idNumberRefusal, normaliseIdNumber } from '../identity/id-number';
import { isIsoDate } from '../time/iso-date';

export const EXTERNAL_SOURCES = ['province', 'national'] as const;
export type ExternalSource = (typeof EXTERNAL_SOURCES)[number];
export const EXTERNAL_SOURCE_LABEL: Record<ExternalSource, string> = { province: '省级科研诚信信息系统', national: '全国科研诚信信息系统' };

/** Rows in one file or call: a sender's batch, not a whole database. */
export const EXTERNAL_BATCH_CAP = 5_000;

/** One record as sent: the subject by credit code (unit) or name and ID number (person). */
export interface ExternalRecordInput {
  source: ExternalSource;
  /** 报送单位: who sent it (e.g. 云南省科学技术厅). */
  sender: string;
  /** 决定文书号. */
  documentNo: string;
  /** 决定机关. */
  decidedBy: string;
  decidedOn: string;
  subjectKind: 'organization' | 'person';
  name: string;
  creditCode: string | null;
  /** The full number as received: kept only as its blind index and masked form by the server. */
  idNumber: string | null;
  conduct: string;
  measures: string[];
  banStart: string | null;
  banEnd: string | null;
  banLife: boolean;
}

/** The columns of the CSV file (a header row, then one record a row), in this order. */
export const EXTERNAL_CSV_COLUMNS: ReadonlyArray<{ key: keyof ExternalRecordInput; header: string }> = [
  { key: 'source', header: '来源（province/national 或 省级/全国）' }, { key: 'sender', header: '报送单位' }, { key: 'documentNo', header: '决定文书号' },
  { key: 'decidedBy', header: '决定机关' }, { key: 'decidedOn', header: '决定日期' }, { key: 'subjectKind', header: '主体类别（单位/个人）' },
  { key: 'name', header: '名称或姓名' }, { key: 'creditCode', header: '统一社会信用代码' }, { key: 'idNumber', header: '身份证号' },
  { key: 'conduct', header: '失信行为' }, { key: 'measures', header: '处理措施（以；分隔）' }, { key: 'banStart', header: '取消申报资格起始日' },
  { key: 'banEnd', header: '取消申报资格截止日（永久填“永久”）' },
];

const FIELDS = ['source', 'sender', 'documentNo', 'decidedBy', 'decidedOn', 'subjectKind', 'name', 'creditCode', 'idNumber', 'conduct', 'measures', 'banStart', 'banEnd', 'banLife'];

/** A CSV row as the object the machine API takes (Chinese spellings of source and kind accepted). */
export function csvRecord(cells: readonly string[]): Record<string, unknown> {
  const v = (i: number) => (cells[i] ?? '').trim();
  const source = ({ 省级: 'province', 全国: 'national' } as Record<string, string>)[v(0)] ?? v(0);
  const subjectKind = ({ 单位: 'organization', 个人: 'person' } as Record<string, string>)[v(5)] ?? v(5);
  const life = v(12) === '永久';
  return {
    source, sender: v(1), documentNo: v(2), decidedBy: v(3), decidedOn: v(4), subjectKind, name: v(6), creditCode: v(7) || null, idNumber: v(8) || null,
    conduct: v(9), measures: v(10) ? v(10).split(/[；;]/).map((m) => m.trim()).filter(Boolean) : [], banStart: v(11) || null, banEnd: life ? null : v(12) || null, banLife: life,
  };
}

const text = (o: Record<string, unknown>, k: string, max: number) => typeof o[k] === 'string' && (o[k] as string).trim().length > 0 && (o[k] as string).length <= max;

/**
 * The records sent, checked whole: the first row at fault refuses the whole file or call, naming
 * `records[i].field` (or, for a file, the spreadsheet row through `rowLabel`), and nothing is recorded.
 */
export function checkExternalRecords(input: unknown, rowLabel: (i: number) => string = (i) => `第 ${i + 1} 条`): ExternalRecordInput[] {
  const refuse = (field: string, zh: string): never => { throw new AppError('VALIDATION_FAILED', { field, zh }); };
  if (!Array.isArray(input) || input.length === 0) refuse('records', '至少应有一条外部失信记录');
  const rows = input as unknown[];
  if (rows.length > EXTERNAL_BATCH_CAP) refuse('records', `一次最多报入 ${EXTERNAL_BATCH_CAP} 条外部失信记录`);
  return rows.map((r, i) => {
    const at = `records[${i}]`;
    const n = rowLabel(i);
    if (!r || typeof r !== 'object' || Array.isArray(r)) refuse(at, `${n}不是对象`);
    const o = r as Record<string, unknown>;
    for (const k of Object.keys(o)) if (!FIELDS.includes(k)) refuse(`${at}.${k}`, `${n}含有未定义的字段 ${k}`);
    if (!EXTERNAL_SOURCES.includes(o.source as ExternalSource)) refuse(`${at}.source`, `${n}的来源应为 province（省级）或 national（全国）`);
    for (const [k, label, max] of [['sender', '报送单位', 100], ['documentNo', '决定文书号', 100], ['decidedBy', '决定机关', 100], ['name', '名称或姓名', 200], ['conduct', '失信行为', 500]] as const) {
      if (!text(o, k, max)) refuse(`${at}.${k}`, `${n}缺少${label}（不超过 ${max} 字）`);
    }
    if (typeof o.decidedOn !== 'string' || !isIsoDate(o.decidedOn)) refuse(`${at}.decidedOn`, `${n}的决定日期应为 YYYY-MM-DD`);
    if (o.subjectKind !== 'organization' && o.subjectKind !== 'person') refuse(`${at}.subjectKind`, `${n}的主体类别应为单位（organization）或个人（person）`);
    const person = o.subjectKind === 'person';
    let creditCode: string | null = null;
    let idNumber: string | null = null;
    if (person) {
      if (typeof o.idNumber !== 'string' || !o.idNumber) refuse(`${at}.idNumber`, `${n}是个人，应有身份证号`);
      const why = idNumberRefusal(o.idNumber as string);
      if (why) refuse(`${at}.idNumber`, `${n}：${why}`);
      idNumber = normaliseIdNumber(o.idNumber as string);
    } else {
      if (typeof o.creditCode !== 'string' || !o.creditCode) refuse(`${at}.creditCode`, `${n}是单位，应有统一社会信用代码`);
      const why = creditCodeRefusal(o.creditCode as string);
      if (why) refuse(`${at}.creditCode`, `${n}：${why}`);
      creditCode = (o.creditCode as string).toUpperCase();
    }
    if (!Array.isArray(o.measures) || o.measures.length === 0 || o.measures.some((m) => typeof m !== 'string' || !m.trim() || m.length > 100)) refuse(`${at}.measures`, `${n}应至少有一项处理措施`);
    const banLife = o.banLife === undefined ? false : o.banLife;
    if (typeof banLife !== 'boolean') refuse(`${at}.banLife`, `${n}的 banLife 应为 true 或 false`);
    for (const k of ['banStart', 'banEnd'] as const) if (o[k] !== undefined && o[k] !== null && (typeof o[k] !== 'string' || !isIsoDate(o[k] as string))) refuse(`${at}.${k}`, `${n}的取消申报资格日期应为 YYYY-MM-DD`);
    const banStart = (o.banStart as string | null | undefined) ?? null;
    const banEnd = (o.banEnd as string | null | undefined) ?? null;
    if ((banEnd || banLife) && !banStart) refuse(`${at}.banStart`, `${n}有取消申报资格期限，应有起始日`);
    if (banStart && !banEnd && !banLife) refuse(`${at}.banEnd`, `${n}有取消申报资格起始日，应有截止日或注明永久`);
    if (banLife && banEnd) refuse(`${at}.banEnd`, `${n}注明永久取消申报资格，不应再有截止日`);
    if (banStart && banEnd && banEnd < banStart) refuse(`${at}.banEnd`, `${n}的取消申报资格截止日早于起始日`);
    return {
      source: o.source as ExternalSource, sender: (o.sender as string).trim(), documentNo: (o.documentNo as string).trim(), decidedBy: (o.decidedBy as string).trim(),
      decidedOn: o.decidedOn as string, subjectKind: o.subjectKind as 'organization' | 'person', name: (o.name as string).trim(), creditCode, idNumber,
      conduct: (o.conduct as string).trim(), measures: (o.measures as string[]).map((m) => m.trim()), banStart, banEnd, banLife: banLife as boolean,
    };
  });
}

/** Whether an external record's ban is in force on a day (its dates inclusive), as a sanction's is (CI-13). */
export function externalBanInForce(r: { banStart: string | null; banEnd: string | null; banLife: boolean }, on: string): boolean {
  if (!r.banStart || on < r.banStart) return false;
  return r.banLife || (r.banEnd !== null && on <= r.banEnd);
}

/** The veto's reason for an external ban in force: the external basis named in full (CI-10, CI-13). */
export function externalVetoReason(r: { source: ExternalSource; sender: string; documentNo: string; decidedBy: string; decidedOn: string; banEnd: string | null; banLife: boolean }, on: string): string {
  return `CI-13：外部失信记录（${EXTERNAL_SOURCE_LABEL[r.source]}，${r.sender}报送），${r.decidedBy}${r.decidedOn}《${r.documentNo}》取消申报资格至${r.banLife ? '永久' : r.banEnd}（${on} 在期限内）`;
}
