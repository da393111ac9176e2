/**
 * Password rule (GB/T 22239-2019 8.1.4.1 a: complexity; OWASP ASVS V6.2): at least 8 characters
 * drawn from at least three of lower case, upper case, digits and other symbols; not one of the
 * passwords people choose first (common-passwords.ts), not a common word dressed up with digits and
 * symbols ("Password1", "P@ssw0rd!"), and not containing the account's own username (issue 16).
 */
import { COMMON_BASE_WORDS, COMMON_PASSWORDS } from './common-passwords';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MIN_CLASSES = 3;

const LOOK_ALIKE: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '@': 'a', '$': 's', '!': 'i', '|': 'l' };
const lettersOf = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');
/** The word under the decoration: digits and symbols around it taken away, then look-alikes inside it undone. */
const undecorated = (s: string) => lettersOf(s.toLowerCase().replace(/^[^a-z]+|[^a-z]+$/g, '').replace(/[0134578@$!|]/g, (c) => LOOK_ALIKE[c] ?? c));
const stripped = (s: string) => lettersOf(s);

export function passwordProblem(password: string, context: { username?: string | null } = {}): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `密码至少 ${PASSWORD_MIN_LENGTH} 位`;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/].filter((re) => re.test(password)).length;
  if (classes < PASSWORD_MIN_CLASSES) return '密码须包含大写字母、小写字母、数字、符号中的至少三类';
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || COMMON_BASE_WORDS.has(stripped(password)) || COMMON_BASE_WORDS.has(undecorated(password)) || COMMON_PASSWORDS.has(undecorated(password))) {
    return '密码过于常见（如 Password1、P@ssw0rd），请换一个不易猜到的密码';
  }
  const user = (context.username ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
  if (user.length >= 3 && lower.replace(/[^a-z0-9]/g, '').includes(user)) return '密码不能包含用户名';
  return null;
}
