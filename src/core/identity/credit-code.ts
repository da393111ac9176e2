/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015.
 *
 * 18 characters from a 31-symbol alphabet (the digits and the capitals without I, O, Z, S, V).
 * Position 18 is a check character: with weights W_i = 3^(i-1) mod 31 for positions 1..17,
 * C18 = 31 − (Σ value_i × W_i mod 31), and a result of 31 is written as 0.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem = 'length' | 'character' | 'check';

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i]);
    if (v < 0) throw new RangeError(`invalid character ${first17[i]}`);
    sum += v * WEIGHTS[i];
  }
  const c = 31 - (sum % 31);
  return ALPHABET[c === 31 ? 0 : c];
}

/** Returns null when valid, otherwise what is wrong with it. */
export function checkCreditCode(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'length';
  for (const ch of code) if (!ALPHABET.includes(ch)) return 'character';
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : 'check';
}

/** Why a typed credit code is refused, in the words a clerk reads beside the field; null when it is valid. */
export function creditCodeRefusal(raw: string): string | null {
  const code = raw.trim().toUpperCase();
  const problem = checkCreditCode(code);
  if (!problem) return null;
  const why = {
    length: `应为 18 位（现为 ${code.length} 位）`,
    character: '含有不允许的字符（不使用 I、O、Z、S、V）',
    check: '末位校验码与前 17 位不符（GB 32100），请核对是否输错',
  }[problem];
  return `统一社会信用代码无效：${why}`;
}

export function isValidCreditCode(code: string): boolean {
  return checkCreditCode(code) === null;
}
