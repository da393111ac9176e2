/**
 * Excel (.xlsx) export. A cell that begins with = + - @ (or a tab / carriage return) could run as a
 * formula when opened, so it is neutralised with a leading apostrophe (OWASP CSV/formula injection).
 */
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

export interface Column<T> { header: string; width?: number; value: (row: T) => string | number | null }

export function neutraliseCell(v: string | number | null): string | number | null {
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(v)) return `'${v}`;
  return v;
}

export async function toXlsx<T>(sheetName: string, columns: Column<T>[], rows: readonly T[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Kexin 科信';
  const ws = wb.addWorksheet(sheetName);
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 16 }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(columns.map((c) => neutraliseCell(c.value(r))));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function attachmentName(name: string): string {
  return `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function sendXlsx(reply: FastifyReply, fileName: string, buf: Buffer) {
  return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', attachmentName(fileName)).send(buf);
}
