/**
 * The parts of an official document's form (GB/T 9704-2012 党政机关公文格式) that are computed: the
 * document number (发文字号: organ code, kind, year in 〔〕, sequence without leading zeros, 号) and the
 * date written in Chinese numerals (二〇二六年十二月二日). Pure.
 */

const DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1–31 as a month or day is written: 十, 十一, 二十, 二十一, 三十一. */
function smallNumber(n: number): string {
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

/** 2026-12-02 → 二〇二六年十二月二日: the year digit by digit, month and day as numbers. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${[...y].map((c) => DIGITS[Number(c)]).join('')}年${smallNumber(Number(m))}月${smallNumber(Number(d))}日`;
}

/** 2026-12-02 → 2026年12月2日 (GB/T 9704-2012 7.3.5.1: Arabic numerals, no leading zeros). */
export function arabicDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** 发文字号 (GB/T 9704-2012 7.2.4): 楚科 + 容决 + 〔2026〕 + 3 + 号. */
export function documentNumber(organPrefix: string, kindPrefix: string, year: number, seq: number): string {
  return `${organPrefix}${kindPrefix}〔${year}〕${seq}号`;
}
