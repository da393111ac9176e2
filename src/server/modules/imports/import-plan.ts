/**
 * Shared by the dry run and the confirmed import (issue 19): the file's bytes to rows (Excel through
 * the streamed, capped sheet reader; CSV decoded as UTF-8 or GB18030), then the pure checks and the
 * plan of core/imports/rows.ts against the stored records the rows name. The token commits to the
 * file, the column map and the plan: confirming with it writes exactly what the dry run showed, and
 * is refused if the file or the stored data changed in between.
 */
import crypto from 'node:crypto';
import { inScope } from '../../../core/access/policy';
import { AppError } from '../../../core/errors';
import { sniff } from '../../../core/files/sniff';
import { parseCsv } from '../../../core/imports/csv';
import {
  mapColumns, planCounts, planImport, readRecords, referencedKeys,
  type ImportProblem, type PlannedRow, type SheetRow, type Stored,
} from '../../../core/imports/rows';
import { TEMPLATES, type ColumnMap, type ImportKind } from '../../../core/imports/templates';
import type { AppContext, RequestContext } from '../../context';
import type { Sql } from '../../db/database';
import { IMPORT_SHEET_LIMITS } from '../../formats/archive-limits';
import { streamFirstSheet, XlsxRefused } from '../../formats/xlsx';
import { organizationsByCreditCode, personsByIndex, projectsByCode, relationsOf } from './imports-repo';

/** Rows one file may hold after its header (the first load of a province: 100,000 projects). */
export const IMPORT_ROW_CAP = 200_000;
/** Problems and changes listed in a report; the counts are always whole. */
export const REPORT_LIST_CAP = 2_000;

export interface ImportFile { bytes: Buffer; fileName: string | null }

export interface FileDigest { sha256: string; sm3: string }

export const digestOf = (bytes: Buffer): FileDigest => ({
  sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
  sm3: crypto.createHash('sm3').update(bytes).digest('hex'),
});

/** The sheet's rows, header first: Excel (sheet 1, streamed under the import caps) or CSV. */
export async function readImportRows(bytes: Buffer, columns: number): Promise<{ rows: SheetRow[]; format: 'xlsx' | 'csv' }> {
  if (bytes.length === 0) throw new AppError('VALIDATION_FAILED', { field: 'file', zh: '文件为空' });
  const kind = sniff(bytes);
  if (kind.ok && kind.type === 'xlsx') {
    const rows: SheetRow[] = [];
    let result;
    try {
      result = await streamFirstSheet(bytes, { limits: IMPORT_SHEET_LIMITS, rowCap: IMPORT_ROW_CAP, columns, onRows: (batch) => { for (const r of batch) rows.push(r); } });
    } catch (e) {
      throw new AppError('FILE_REFUSED', { field: 'file', zh: e instanceof XlsxRefused ? `Excel 文件不予接收：${e.zh}` : 'Excel 文件无法读取' });
    }
    if (result.tooManyRows) throw new AppError('PAYLOAD_TOO_LARGE', { field: 'file', zh: `一个文件至多 ${IMPORT_ROW_CAP} 行，请分成几个文件导入` });
    return { rows, format: 'xlsx' };
  }
  // Not a workbook: CSV text, or refused. A ZIP of anything else, a PDF or a picture is not CSV.
  if (kind.ok || bytes.subarray(0, 4096).includes(0)) throw new AppError('FILE_REFUSED', { field: 'file', zh: '请上传 Excel（.xlsx）或 CSV 文件' });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Excel in Chinese Windows saves CSV as GBK; GB18030 reads it and more.
    text = new TextDecoder('gb18030').decode(bytes);
  }
  const csv = parseCsv(text, { rowCap: IMPORT_ROW_CAP, columns });
  if (csv.tooManyRows) throw new AppError('PAYLOAD_TOO_LARGE', { field: 'file', zh: `一个文件至多 ${IMPORT_ROW_CAP} 行，请分成几个文件导入` });
  return { rows: csv.rows, format: 'csv' };
}

/** How many columns to read: the template's, or the farthest a bureau's layout may put them. */
const COLUMNS_READ = 64;

export interface Plan {
  kind: ImportKind;
  digest: FileDigest;
  format: 'xlsx' | 'csv';
  dataRows: number;
  problems: ImportProblem[];
  plan: PlannedRow[];
  counts: { new: number; changed: number; unchanged: number };
  token: string;
}

/** The stored records the file's rows name, read set-wise. */
async function loadStored(app: AppContext, db: Sql, kind: ImportKind, keys: ReturnType<typeof referencedKeys>): Promise<Stored> {
  const organizations = await organizationsByCreditCode(db, keys.creditCodes);
  const byIndex = new Map(keys.idNumbers.map((n) => [app.cipher.blindIndex(n), n]));
  const found = await personsByIndex(db, [...byIndex.keys()]);
  const persons = new Map([...found].map(([index, p]) => [byIndex.get(index)!, p]));
  const projects = kind === 'projects' ? await projectsByCode(db, keys.projectCodes) : new Map();
  const relations = kind === 'relations' ? await relationsOf(db, [...persons.values()].map((p) => p.id)) : [];
  return { organizations, persons, projects, relations };
}

export interface ReadFile { digest: FileDigest; rows: SheetRow[]; format: 'xlsx' | 'csv' }

/** The file read once, before any transaction opens (reading a large workbook takes seconds). */
export async function readFile(file: ImportFile): Promise<ReadFile> {
  return { digest: digestOf(file.bytes), ...(await readImportRows(file.bytes, COLUMNS_READ)) };
}

/** Everything the dry run reports and the confirmed import writes; nothing is written here. */
export async function buildPlan(app: AppContext, db: Sql, req: RequestContext, kind: ImportKind, file: ReadFile, map: ColumnMap): Promise<Plan> {
  const { digest, rows, format } = file;
  const [header, ...data] = rows;
  const { columns, problems: headerProblems } = mapColumns(kind, header, map);
  let problems: ImportProblem[] = headerProblems;
  let plan: PlannedRow[] = [];
  if (!header) problems = [{ row: 1, column: TEMPLATES[kind][0].header, code: 'MISSING_COLUMN', zh: '文件中没有表头行' }];
  else if (!headerProblems.length) {
    const read = readRecords(columns, data, { regions: app.regions });
    const stored = await loadStored(app, db, kind, referencedKeys(kind, read.records));
    const planned = planImport(columns, read.records, stored, { regions: app.regions, inScope: (code) => inScope(req.scope, { regionCodes: [code], unitIds: [], personIds: [] }) });
    problems = [...read.problems, ...planned.problems].sort((a, b) => a.row - b.row);
    plan = planned.plan;
  }
  if (!problems.length && !plan.length) problems = [{ row: (header?.row ?? 1) + 1, column: TEMPLATES[kind][0].header, code: 'REQUIRED', zh: '表头以下没有数据行' }];
  const counts = planCounts(plan);
  const hash = crypto.createHash('sha256').update(JSON.stringify({ kind, file: digest.sha256, map, actor: req.actor.userId }));
  for (const p of plan) hash.update(JSON.stringify([p.row, p.change, p.objectId, p.values, p.changes, p.milestones ?? null]));
  const token = hash.digest('hex');
  return { kind, digest, format, dataRows: data.length, problems, plan, counts, token };
}
