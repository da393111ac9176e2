/**
 * CSV as RFC 4180 writes it (and Excel saves it): fields separated by commas, quoted with double
 * quotes where they hold a comma, a quote or a line break, a doubled quote inside quotes. The text
 * arrives decoded (the server decides UTF-8 or GB18030). Rows are numbered as a spreadsheet numbers
 * them, counting the header as row 1; a line break inside quotes does not start a new row number.
 */
export interface CsvRows {
  rows: Array<{ row: number; cells: string[] }>;
  tooManyRows: boolean;
}

export function parseCsv(text: string, opts: { rowCap: number; columns: number }): CsvRows {
  const rows: CsvRows['rows'] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let rowNo = 0;
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let any = false;
  const endField = () => { if (cells.length < opts.columns) cells.push(field); field = ''; };
  const endRow = (): boolean => {
    endField();
    rowNo++;
    if (cells.some((c) => c.trim() !== '')) {
      if (rows.length >= opts.rowCap + 1) return false;
      while (cells.length < opts.columns) cells.push('');
      rows.push({ row: rowNo, cells });
    }
    cells = [];
    any = false;
    return true;
  };
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += ch;
      continue;
    }
    if (ch === '"' && field === '') { quoted = true; any = true; continue; }
    if (ch === ',') { endField(); any = true; continue; }
    if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      if (!endRow()) return { rows, tooManyRows: true };
      continue;
    }
    field += ch;
    any = true;
  }
  if (any || field !== '' || cells.length > 0) {
    if (!endRow()) return { rows, tooManyRows: true };
  }
  return { rows, tooManyRows: false };
}

/** One CSV line, each field quoted where it must be; a leading = + - @ is neutralised as in the Excel exports. */
export function csvLine(values: readonly string[]): string {
  return values.map((v) => {
    const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }).join(',');
}
