/**
 * Reads the applicants of a call from an uploaded Excel sheet: one row each, with a reference (name
 * or number) and a credit code or ID number. The first row is the header. Rows that are neither are
 * reported with their row number, and nothing is checked until the sheet is clean.
 */
import ExcelJS from 'exceljs';
import { isValidCreditCode } from '../../../core/identity/credit-code';
import { isValidIdNumber } from '../../../core/identity/id-number';
import { AppError } from '../../../core/errors';
import { sniff } from '../../../core/files/sniff';
import type { Applicant } from './veto-check';

export const MAX_APPLICANTS = 10_000;

export async function readApplicants(bytes: Buffer): Promise<Applicant[]> {
  const kind = sniff(bytes);
  if (!kind.ok || kind.type !== 'xlsx') throw new AppError('FILE_REFUSED', { field: 'file', zh: '请上传 Excel（.xlsx）文件' });
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('FILE_REFUSED', { field: 'file', zh: 'Excel 文件无法读取' });
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('VALIDATION_FAILED', { field: 'file', zh: 'Excel 文件中没有工作表' });
  const out: Applicant[] = [];
  const cell = (v: ExcelJS.CellValue) => String((v && typeof v === 'object' && 'text' in v ? (v as { text: string }).text : v) ?? '').trim();
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const ref = cell(row.getCell(1).value);
    const code = cell(row.getCell(2).value).toUpperCase();
    if (!ref && !code) continue;
    if (isValidCreditCode(code)) out.push({ ref: ref || code, creditCode: code });
    else if (isValidIdNumber(code)) out.push({ ref: ref || `第 ${r} 行`, idNumber: code });
    else throw new AppError('VALIDATION_FAILED', { field: `rows/${r}`, zh: `第 ${r} 行第 2 列应为有效的统一社会信用代码或身份证号` });
    if (out.length > MAX_APPLICANTS) throw new AppError('PAYLOAD_TOO_LARGE', { field: 'file', zh: `一次最多审查 ${MAX_APPLICANTS} 个主体` });
  }
  if (out.length === 0) throw new AppError('VALIDATION_FAILED', { field: 'file', zh: '表中没有申报主体（第一行为表头，第 1 列名称，第 2 列统一社会信用代码或身份证号）' });
  return out;
}
