/**
 * 公民身份号码 (resident identity number), GB 11643-1999.
 *
 * 6-digit address code, 8-digit birth date, 3-digit sequence (odd = male), 1 check character:
 * with weights W_i = 2^(18-i) mod 11, r = Σ a_i × W_i mod 11, the check is "10X98765432"[r].
 */
import { isIsoDate } from '../time/iso-date';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type IdNumberProblem = 'length' | 'character' | 'birth_date' | 'check';

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** Upper-cases a trailing x, the one normalisation people need when typing. */
export function normaliseIdNumber(raw: string): string {
  return raw.trim().toUpperCase();
}

export function checkIdNumber(raw: string): IdNumberProblem | null {
  const id = normaliseIdNumber(raw);
  if (id.length !== 18) return 'length';
  if (!/^\d{17}[\dX]$/.test(id)) return 'character';
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isIsoDate(birth)) return 'birth_date';
  return idNumberCheckChar(id.slice(0, 17)) === id[17] ? null : 'check';
}

/** Why a typed ID number is refused, in the words a clerk reads beside the field; null when it is valid. */
export function idNumberRefusal(raw: string): string | null {
  const id = normaliseIdNumber(raw);
  const problem = checkIdNumber(id);
  if (!problem) return null;
  const why = {
    length: `应为 18 位（现为 ${id.length} 位）`,
    character: '前 17 位应为数字，末位为数字或 X',
    birth_date: `第 7–14 位的出生日期 ${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)} 不存在`,
    check: '末位校验码与前 17 位不符（GB 11643），请核对是否输错',
  }[problem];
  return `居民身份证号码无效：${why}`;
}

export function isValidIdNumber(raw: string): boolean {
  return checkIdNumber(raw) === null;
}

/**
 * Masked for anyone who does not need the number: the address code and the last four stay, the
 * eight birth-date digits never show (issue 2: "no birth date digits").
 */
export function maskIdNumber(id: string): string {
  if (id.length !== 18) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}********${id.slice(14)}`;
}

export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

const ID_NUMBER_IN_TEXT = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;

/**
 * A value with every full 身份证号 inside it masked, at any depth (the audit log's before and after
 * as a page or an export shows them): what writes the log keeps only masked numbers, and a number
 * that got there anyway still never leaves unmasked.
 */
export function maskIdNumbersIn<T>(value: T): T {
  // Eighteen characters with a real birth date (a mistyped check digit too); a credit code's middle is no date.
  if (typeof value === 'string') return value.replace(ID_NUMBER_IN_TEXT, (m) => (['check', null].includes(checkIdNumber(m)) ? maskIdNumber(m) : m)) as T;
  if (Array.isArray(value)) return value.map(maskIdNumbersIn) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskIdNumbersIn(v)])) as T;
  }
  return value;
}
