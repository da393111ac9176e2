/**
 * Excel (.xlsx, SpreadsheetML of ISO/IEC 29500), read and written without a spreadsheet library.
 *
 * Reading takes untrusted bytes (the veto check's applicant sheets, CI-10): the archive is held to
 * its caps before anything is inflated (archive-limits.ts), then sheet 1 alone is streamed row by
 * row in a worker with a memory limit (archive-worker.mjs), keeping the first columns of at most a
 * capped number of rows, and only the shared strings those rows use. Nothing else in the workbook
 * (other sheets, styles, drawings) is ever inflated. No DTD or entity beyond XML's five is expanded.
 *
 * Writing makes the exports: one sheet, a bold header row, inline strings. A cell that begins with
 * = + - @ (or a tab / carriage return) could run as a formula when opened, so it is neutralised
 * with a leading apostrophe (OWASP formula injection).
 */
import { checkArchive, type ArchiveLimits } from './archive-limits';
import { ArchiveRefused, runArchiveJob, workerEntry } from './archive-inflate';
import { readEntry, writeZip, ZipFormatError, type ZipEntry } from './zip';

export class XlsxRefused extends Error {
  constructor(readonly zh: string) { super(zh); }
}

export interface SheetRows {
  /** Rows that hold something in the columns read, in order, each with its row number in the sheet. */
  rows: Array<{ row: number; cells: string[] }>;
  /** More than rowCap rows (after the header) were there; reading stopped. */
  tooManyRows: boolean;
}

const SMALL_PART = 1_048_576;
const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

function relationships(xml: string): Array<{ id: string; type: string; target: string }> {
  return [...xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)].map((m) => ({ id: attr(m[0], 'Id') ?? '', type: attr(m[0], 'Type') ?? '', target: attr(m[0], 'Target') ?? '' }));
}

/** Where sheet 1 and the shared strings are, from the workbook's relationships; the archive held to its caps first. */
function locateFirstSheet(bytes: Uint8Array, limits: ArchiveLimits): { sheet: ZipEntry; strings: ZipEntry | undefined } {
  const check = checkArchive(bytes, limits);
  if (!check.ok) throw new XlsxRefused(check.zh);
  const byName = new Map(check.entries.map((e) => [e.name, e]));
  const small = (name: string) => {
    const e = byName.get(name);
    return e ? readEntry(bytes, e, SMALL_PART).toString('utf8') : null;
  };
  const rootRels = small('_rels/.rels');
  const workbookPath = (rootRels && relationships(rootRels).find((r) => r.type.endsWith('/officeDocument'))?.target.replace(/^\//, '')) || 'xl/workbook.xml';
  const workbook = small(workbookPath);
  if (!workbook) throw new XlsxRefused('Excel 文件中没有工作簿');
  const relsPath = workbookPath.replace(/([^/]+)$/, '_rels/$1.rels');
  const rels = relationships(small(relsPath) ?? '');
  const firstSheet = /<(?:\w+:)?sheet\b[^>]*>/.exec(workbook)?.[0];
  const sheetRel = firstSheet && rels.find((r) => r.id === (attr(firstSheet, 'r:id') ?? /\s\w+:id="([^"]*)"/.exec(firstSheet)?.[1]));
  if (!sheetRel) throw new XlsxRefused('Excel 文件中没有工作表');
  const sheet = byName.get(resolveTarget(workbookPath, sheetRel.target));
  if (!sheet) throw new XlsxRefused('Excel 文件中找不到第 1 个工作表');
  const stringsRel = rels.find((r) => r.type.endsWith('/sharedStrings'));
  return { sheet, strings: stringsRel ? byName.get(resolveTarget(workbookPath, stringsRel.target)) : undefined };
}

const refused = (e: unknown): XlsxRefused => {
  if (e instanceof XlsxRefused) return e;
  if (e instanceof ZipFormatError || e instanceof ArchiveRefused) return new XlsxRefused(e.zh);
  return new XlsxRefused('Excel 文件无法读取');
};

/** Sheet 1's first `columns` columns, at most `rowCap` rows after the header. */
export async function readFirstSheet(bytes: Uint8Array, opts: { limits: ArchiveLimits; rowCap: number; columns: number }): Promise<SheetRows> {
  try {
    const { sheet, strings } = locateFirstSheet(bytes, opts.limits);
    return await runArchiveJob<SheetRows>({
      kind: 'sheet', rowCap: opts.rowCap, columns: opts.columns, maxRowBytes: SMALL_PART,
      sheet: workerEntry(bytes, sheet), sharedStrings: strings ? workerEntry(bytes, strings) : null,
    });
  } catch (e) {
    throw refused(e);
  }
}

/**
 * Sheet 1 of a file of any length (imports, issue 19): the same caps and the same worker, but the
 * rows come back a batch at a time through `onRows` while the worker streams on, so the worker's
 * memory holds one batch and the shared strings whatever the number of rows. The worker gets the
 * time and memory a large import needs (IMPORT_WORKER_LIMITS) and nothing more.
 */
export async function streamFirstSheet(bytes: Uint8Array, opts: { limits: ArchiveLimits; rowCap: number; columns: number; onRows: (rows: SheetRows['rows']) => void }): Promise<{ rows: number; tooManyRows: boolean }> {
  try {
    const { sheet, strings } = locateFirstSheet(bytes, opts.limits);
    return await runArchiveJob<{ rows: number; tooManyRows: boolean }>({
      kind: 'rows', rowCap: opts.rowCap, columns: opts.columns, maxRowBytes: SMALL_PART, batchRows: 2_000,
      sheet: workerEntry(bytes, sheet), sharedStrings: strings ? workerEntry(bytes, strings) : null,
    }, { onBatch: (b) => opts.onRows(b as SheetRows['rows']), timeoutMs: IMPORT_WORKER_TIMEOUT_MS, resourceLimits: IMPORT_WORKER_LIMITS });
  } catch (e) {
    throw refused(e);
  }
}

/** A large import's worker: room for the shared strings of 100,000 rows, and a minute and a half. */
export const IMPORT_WORKER_LIMITS = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32, codeRangeSizeMb: 16, stackSizeMb: 4 } as const;
export const IMPORT_WORKER_TIMEOUT_MS = 90_000;

export interface Column<T> { header: string; width?: number; value: (row: T) => string | number | null }

export function neutraliseCell(v: string | number | null): string | number | null {
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(v)) return `'${v}`;
  return v;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
  // Characters XML 1.0 cannot hold at all.
  // eslint-disable-next-line no-control-regex
  .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
const colName = (i: number) => { let s = ''; for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s; return s; };

function cellXml(ref: string, v: string | number | null, style: number): string {
  const s = style ? ` s="${style}"` : '';
  if (v === null || v === '') return '';
  if (typeof v === 'number' && Number.isFinite(v)) return `<c r="${ref}"${s}><v>${v}</v></c>`;
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${esc(String(v))}</t></is></c>`;
}

/** One sheet: the header row in bold, then one row per record. */
export async function toXlsx<T>(sheetName: string, columns: Column<T>[], rows: readonly T[]): Promise<Buffer> {
  const name = esc(sheetName.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Sheet1');
  const lines = [`<row r="1">${columns.map((c, i) => cellXml(`${colName(i)}1`, c.header, 1)).join('')}</row>`];
  rows.forEach((r, n) => lines.push(`<row r="${n + 2}">${columns.map((c, i) => cellXml(`${colName(i)}${n + 2}`, neutraliseCell(c.value(r)), 0)).join('')}</row>`));
  const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  return writeZip([
    ['[Content_Types].xml', `${head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`],
    ['_rels/.rels', `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`],
    ['docProps/core.xml', `${head}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Kexin 科信</dc:creator></cp:coreProperties>`],
    ['xl/workbook.xml', `${head}<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="${name}" sheetId="1" r:id="rId1"/></sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>`],
    ['xl/styles.xml', `${head}<styleSheet xmlns="${NS}"><fonts count="2"><font><sz val="11"/><name val="等线"/></font><font><b/><sz val="11"/><name val="等线"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs></styleSheet>`],
    ['xl/worksheets/sheet1.xml', `${head}<worksheet xmlns="${NS}"><cols>${columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width ?? 16}" customWidth="1"/>`).join('')}</cols><sheetData>${lines.join('')}</sheetData></worksheet>`],
  ]);
}
