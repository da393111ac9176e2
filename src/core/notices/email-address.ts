/**
 * The e-mail address a user enters on the account page, checked before it is stored: one address in
 * the plain dot-atom form (RFC 5321 limits: 64 characters before the @, 254 in all), an ASCII domain
 * of at least two labels (a Chinese domain is entered in its xn-- form). Nothing that could split a
 * mail header (line breaks, commas, angle brackets) passes.
 */
export type EmailProblem = 'empty' | 'length' | 'character' | 'format' | 'domain';

export const EMAIL_PROBLEM_ZH: Record<EmailProblem, string> = {
  empty: '请填写电子邮箱地址',
  length: '电子邮箱地址过长（@ 前不超过 64 个字符，全长不超过 254 个字符）',
  character: '电子邮箱地址含有空格、换行或不允许的字符（如逗号、尖括号、中文标点）',
  format: '电子邮箱地址格式不正确，应形如 name@example.gov.cn',
  domain: '电子邮箱的域名不正确（应形如 example.gov.cn；中文域名请填写其 xn-- 形式）',
};

const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const LOCAL = new RegExp(`^${ATOM}(\\.${ATOM})*$`);
const LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

/** The address as stored: trimmed, its domain in lower case (the part before the @ is the mailbox owner's). */
export function normaliseEmail(raw: string): string {
  const s = raw.trim();
  const at = s.lastIndexOf('@');
  return at < 0 ? s : `${s.slice(0, at)}@${s.slice(at + 1).toLowerCase()}`;
}

export function checkEmailAddress(raw: string): EmailProblem | null {
  const s = normaliseEmail(raw);
  if (s === '') return 'empty';
  // Control characters, white space anywhere (header splitting) and anything outside printable ASCII.
  if (/[^\x21-\x7e]/.test(s)) return 'character';
  if (/[<>(),;:"[\]\\]/.test(s)) return 'character';
  const parts = s.split('@');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return 'format';
  const [local, domain] = parts;
  if (s.length > 254 || local.length > 64) return 'length';
  if (!LOCAL.test(local)) return 'format';
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return 'domain';
  const tld = labels[labels.length - 1];
  if (!/^([a-z]{2,63}|xn--[a-z0-9-]{2,59})$/.test(tld)) return 'domain';
  return null;
}
