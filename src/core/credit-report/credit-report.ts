/**
 * 信用报告 (issue 20): what a subject's credit report says — its ratings in effect (CI-15), sanctions in
 * force (CI-23, CI-25), listings on the serious-dishonesty list (CI-27, CI-28) and credit repairs
 * (CI-30, CI-31), each with its basis — and how anyone holding the report checks it: a verification
 * code printed on it (and in its QR code) finds the summary stored when it was issued, never more. Pure.
 */

/** Crockford's base32 without I, L, O, U: read aloud and typed without confusion. */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 16 symbols, 80 random bits, written in four groups of four (XXXX-XXXX-XXXX-XXXX). */
export const CODE_LENGTH = 16;
export const CODE_PATTERN = '^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$';

/** The code from random bytes (one symbol per byte's low five bits: 32 divides 256, so no bias). */
export function verificationCode(random: Uint8Array): string {
  if (random.length < CODE_LENGTH) throw new Error('need 16 random bytes');
  const s = Array.from(random.slice(0, CODE_LENGTH), (b) => CODE_ALPHABET[b & 31]).join('');
  return s.match(/.{4}/g)!.join('-');
}

/** A code as typed (lower case, spaces, O for 0, I/L for 1), or null when it cannot be one. */
export function normaliseCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== CODE_LENGTH || [...s].some((c) => !CODE_ALPHABET.includes(c))) return null;
  return s.match(/.{4}/g)!.join('-');
}

export interface ReportRating { year: number; subjectTypeLabel: string; level: string; levelLabel: string; clauses: string[]; policy: string }
export interface ReportSanction { decisionNo: string; conduct: string; severityLabel: string; measures: string[]; decidedOn: string; banUntil: string | null; banLife: boolean; clause: string }
export interface ReportListing { decisionNo: string; listedOn: string; until: string | null; clause: string }
export interface ReportRepair { repairNo: string; listingDecisionNo: string; repairedOn: string; clause: string }

/** Everything the report states; stored at issue as the summary the public page shows. */
export interface ReportSummary {
  subject: { name: string; kindLabel: string; identifier: string };
  issuer: string;
  issuedOn: string;
  ratings: ReportRating[];
  sanctions: ReportSanction[];
  listings: ReportListing[];
  repairs: ReportRepair[];
}

/** The report's statements in words, one line each, as printed and as the public page repeats them. */
export function reportStatements(s: ReportSummary): { heading: string; basis: string; lines: string[] }[] {
  return [
    {
      heading: '一、信用评价结果', basis: '依据：楚科规〔2022〕5号 CI-15 至 CI-20',
      lines: s.ratings.length ? s.ratings.map((r) => `${r.year} 年度（${r.subjectTypeLabel}）：${r.levelLabel}；依据 ${r.clauses.join('、') || 'CI-15'}；政策版本 ${r.policy}`) : ['无已生效的信用评价结果。'],
    },
    {
      heading: '二、在效的失信处理', basis: '依据：CI-22、CI-23、CI-25',
      lines: s.sanctions.length ? s.sanctions.map((x) => `${x.decisionNo}（${x.decidedOn}）：${x.conduct}，${x.severityLabel}；${x.measures.join('、')}；${x.banLife ? '永久取消资格' : x.banUntil ? `取消资格至 ${x.banUntil}` : '无取消资格期'}；依据 ${x.clause}`) : ['无在效的失信处理。'],
    },
    {
      heading: '三、失信惩戒名单', basis: '依据：CI-27、CI-28',
      lines: s.listings.length ? s.listings.map((l) => `${l.listedOn} 列入（所依据的处理 ${l.decisionNo}）${l.until ? `，期限至 ${l.until}` : '，长期'}；依据 ${l.clause}`) : ['未被列入失信惩戒名单。'],
    },
    {
      heading: '四、信用修复', basis: '依据：CI-30、CI-31',
      lines: s.repairs.length ? s.repairs.map((r) => `${r.repairedOn} 经信用修复（${r.repairNo}）移出名单（原处理 ${r.listingDecisionNo}）；依据 ${r.clause}`) : ['无信用修复记录。'],
    },
  ];
}

/** The public page's one sentence: this report was issued on … by … about … (then what it says). */
export function verificationSentence(s: ReportSummary, code: string): string {
  return `验证码 ${code} 对应的信用报告由${s.issuer}于 ${s.issuedOn} 出具，报告对象为${s.subject.name}（${s.subject.kindLabel}，${s.subject.identifier}），载明以下内容：`;
}
