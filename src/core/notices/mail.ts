/**
 * What Kexin sends by e-mail, and what a mail may say. A mail carries an in-system notice (the
 * notification is the record; the mail only tells of it), in kinds a user may opt out of one by one:
 * reminders before a due date, overdue reminders, notices that start or end a window the recipient's
 * side owes, and notices of a decision or step on the recipient's own matter. The text names the case,
 * its deadline and a link to it, and no more: ID numbers are masked wherever they appear, and nothing
 * is read from complaint records (a complainant's identity never reaches a notification).
 */
import { TIME_LIMITS } from '../deadlines/time-limits';

export const MAIL_KINDS = {
  reminder: { label: '到期前提醒', description: '您应办理的事项到期前（按提醒提前天数）发出的提醒' },
  overdue: { label: '逾期提醒', description: '您应办理的事项已过期限时发出的提醒' },
  window: { label: '期限开始或结束的通知', description: '需由您（或您所在科室、单位）在期限内办理的事项开始计时或已结束' },
  case_notice: { label: '与本人或本单位有关的决定和通知', description: '如容错免责认定结果、纠错通知书、列入或移出失信惩戒名单、处理决定' },
} as const;
export type MailKind = keyof typeof MAIL_KINDS;
export const MAIL_KIND_IDS = Object.keys(MAIL_KINDS) as MailKind[];
export const isMailKind = (k: string): k is MailKind => Object.hasOwn(MAIL_KINDS, k);

/** The reminder sweep's kinds, mailed as reminders before a due date or once overdue. */
export function reminderMailKind(kind: 'before_3' | 'before_1' | 'overdue'): MailKind {
  return kind === 'overdue' ? 'overdue' : 'reminder';
}

/**
 * Whether a step's notice is mailed to one side of the case, and as what. Staff (the bureau side) are
 * mailed when the step starts or ends a window the bureau owes; the parties (the unit's administrators,
 * the person concerned) when it starts or ends a window they owe, and otherwise as a notice of their
 * own matter — a decision on an application, a correction notice, a listing.
 */
export function stepMailKind(side: 'bureau' | 'party', opens: readonly string[], stops: readonly string[]): MailKind | null {
  const owed = side === 'bureau' ? 'bureau' : 'applicant';
  if ([...opens, ...stops].some((id) => TIME_LIMITS[id]?.owedBy === owed)) return 'window';
  return side === 'party' ? 'case_notice' : null;
}

/**
 * Every run of 15 or 18 digits (an 18-digit one may end in X) is taken for an ID number and masked as
 * the system masks it elsewhere (first 6 and last 4 kept for 18 digits, all hidden for 15), so a mail
 * never carries one whole, whatever a title or body was given.
 */
export function maskIdNumbersIn(text: string): string {
  return text
    .replace(/(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])/g, (_m, a: string, b: string) => `${a}********${b}`)
    .replace(/(?<![0-9A-Za-z])\d{15}(?![0-9A-Za-z])/g, '*'.repeat(15));
}

export interface MailFacts {
  /** The notification's title and body (the same words the recipient reads in the system). */
  title: string;
  body: string;
  /** How the case is named to the recipient (procedure and project code), if the notice is about one. */
  caseLabel?: string | null;
  /** The deadline the notice is about: its due date and what must be done by then. */
  due?: { date: string; action: string } | null;
  /** Where the case (or the reminder list) opens in the web client. */
  link?: string | null;
}

/** One line, for a header: no line breaks, collapsed white space, at most 120 characters. */
const oneLine = (s: string) => s.replace(/[\r\n\t]+/g, ' ').replace(/\s{2,}/g, ' ').trim().slice(0, 120);

/** The subject and plain text of a mail, in Chinese, with ID numbers masked. */
export function composeMail(f: MailFacts): { subject: string; text: string } {
  const lines = ['您好：', '', f.body.trim(), ''];
  if (f.caseLabel) lines.push(`案件：${f.caseLabel}`);
  if (f.due) lines.push(`期限：${f.due.date} 前${f.due.action}`);
  if (f.link) lines.push(`查看：${f.link}`);
  lines.push('', '本邮件由科信系统自动发送，请勿直接回复。邮件只写明案件和期限，详情请登录系统查看。',
    '如不希望接收此类邮件，可在系统“账号安全”页面的“邮件提醒”中退订；系统内的提醒不受影响。');
  return { subject: maskIdNumbersIn(oneLine(`【科信】${f.title}`)), text: maskIdNumbersIn(lines.join('\n')) };
}

/**
 * Seconds to wait after the given failed attempt (1, 2, …) before the next: the base doubled each
 * time, at most `maxSeconds`; null once `maxAttempts` attempts have been made (the mail is given up).
 */
export function retryDelaySeconds(attempt: number, o: { baseSeconds: number; maxSeconds: number; maxAttempts: number }): number | null {
  if (attempt >= o.maxAttempts) return null;
  return Math.min(o.baseSeconds * 2 ** (attempt - 1), o.maxSeconds);
}
