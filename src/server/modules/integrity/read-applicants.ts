/**
 * Reads the applicants of a call from an uploaded Excel sheet: one row each, with the name (of a
 * unit or person) and a credit code or ID number. The first row is the header. Rows that are neither
 * are reported together, every one with its row number and reason, and nothing is checked until the sheet is clean. The sheet is
 * read by formats/xlsx.ts: held to the archive caps before parsing, sheet 1 only, streamed in a
 * worker with a memory limit, at most VETO_BATCH_CAP rows (issue 16 H3).
 */
import { creditCodeRefusal, isValidCreditCode } from '../../../core/identity/credit-code';
import { idNumberRefusal, isValidIdNumber } from '../../../core/identity/id-number';
import { AppError } from '../../../core/errors';
import { sniff } from '../../../core/files/sniff';
import { APPLICANT_SHEET_LIMITS } from '../../formats/archive-limits';
import { readFirstSheet, XlsxRefused } from '../../formats/xlsx';
import { neutraliseText } from '../../../core/files/text';
import { VETO_BATCH_CAP, type Applicant } from './veto-check';

export async function readApplicants(bytes: Buffer): Promise<Applicant[]> {
  const kind = sniff(bytes);
  if (!kind.ok || kind.type !== 'xlsx') throw new AppError('FILE_REFUSED', { field: 'file', zh: '请上传 Excel（.xlsx）文件' });
  let sheet;
  try {
    sheet = await readFirstSheet(bytes, { limits: APPLICANT_SHEET_LIMITS, rowCap: VETO_BATCH_CAP, columns: 2 });
  } catch (e) {
    throw new AppError('FILE_REFUSED', { field: 'file', zh: e instanceof XlsxRefused ? `Excel 文件不予接收：${e.zh}` : 'Excel 文件无法读取' });
  }
  if (sheet.tooManyRows) throw new AppError('PAYLOAD_TOO_LARGE', { field: 'file', zh: `一次最多审查 ${VETO_BATCH_CAP} 个主体` });
  const out: Applicant[] = [];
  const bad: Array<{ row: number; why: string }> = [];
  for (const { row: r, cells } of sheet.rows.slice(1)) {
    const ref = neutraliseText(cells[0].trim()).slice(0, 64);
    const code = cells[1].trim().toUpperCase();
    if (!ref && !code) continue;
    if (isValidCreditCode(code)) out.push({ ref: ref || code, creditCode: code });
    else if (isValidIdNumber(code)) {
      if (!ref) bad.push({ row: r, why: '按身份证号审查个人时第 1 列须填写姓名' });
      else out.push({ ref, name: ref, idNumber: code });
    } else bad.push({ row: r, why: !code ? '第 2 列为空' : `第 2 列不是有效的统一社会信用代码或身份证号（${reasonOf(code)}）` });
  }
  if (bad.length > 0) {
    throw new AppError('VALIDATION_FAILED', { field: `rows/${bad[0].row}`, zh: `表中 ${bad.length} 行有误，改正后重新上传（未审查任何主体）：${bad.map((b) => `第 ${b.row} 行${b.why}`).join('；')}` });
  }
  if (out.length === 0) throw new AppError('VALIDATION_FAILED', { field: 'file', zh: '表中没有申报主体（第一行为表头，第 1 列名称或姓名，第 2 列统一社会信用代码或身份证号）' });
  return out;
}

/** Why a bad cell is neither: 18 digits can be either kind of number, so both readings are given; otherwise the one it resembles. */
function reasonOf(code: string): string {
  const why = (refusal: string | null) => (refusal ?? '').replace(/^[^：]*：/, '');
  if (/^\d{17}[\dX]$/.test(code)) {
    if (code.endsWith('X')) return `作为身份证号：${why(idNumberRefusal(code))}`;
    return `作为身份证号：${why(idNumberRefusal(code))}；作为统一社会信用代码：${why(creditCodeRefusal(code))}`;
  }
  return why(/^\d+$/.test(code) && code.length !== 18 ? idNumberRefusal(code) : creditCodeRefusal(code));
}
