/** The import templates as files (issue 19): an Excel workbook or a CSV, the header row and one example row from core/imports/templates.ts. */
import { csvLine } from '../../../core/imports/csv';
import { IMPORT_KIND_LABEL, TEMPLATES, type ImportKind } from '../../../core/imports/templates';
import { toXlsx } from '../../formats/xlsx';

export async function templateFile(kind: ImportKind, format: 'xlsx' | 'csv'): Promise<{ fileName: string; mediaType: string; bytes: Buffer }> {
  const columns = TEMPLATES[kind];
  const name = `导入模板-${IMPORT_KIND_LABEL[kind]}`;
  if (format === 'csv') {
    // With a byte-order mark, so that Excel opens the UTF-8 text as such.
    const text = '\uFEFF' + [csvLine(columns.map((c) => c.header)), csvLine(columns.map((c) => c.example))].join('\r\n') + '\r\n';
    return { fileName: `${name}.csv`, mediaType: 'text/csv; charset=utf-8', bytes: Buffer.from(text, 'utf8') };
  }
  const bytes = await toXlsx(IMPORT_KIND_LABEL[kind], columns.map((c) => ({ header: c.header, width: Math.max(12, c.header.length * 2 + 2), value: () => c.example })), [null]);
  return { fileName: `${name}.xlsx`, mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes };
}
