/**
 * Password rule for staff and administrators (GB/T 22239-2019 8.1.4.1 a: complexity): at least
 * 8 characters drawn from at least three of lower case, upper case, digits and other symbols.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MIN_CLASSES = 3;

export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `密码至少 ${PASSWORD_MIN_LENGTH} 位`;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/].filter((re) => re.test(password)).length;
  if (classes < PASSWORD_MIN_CLASSES) return '密码须包含大写字母、小写字母、数字、符号中的至少三类';
  return null;
}
