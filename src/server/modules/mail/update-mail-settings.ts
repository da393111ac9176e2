/**
 * 邮件提醒设置: a user enters (or removes) the e-mail address of his own account and chooses the kinds
 * of mail he does not want; the address is checked (core/notices/email-address.ts) and the change
 * audited in the same transaction. Mails already queued follow the new settings when they are sent.
 */
import { AppError } from '../../../core/errors';
import { checkEmailAddress, EMAIL_PROBLEM_ZH, normaliseEmail } from '../../../core/notices/email-address';
import { isMailKind } from '../../../core/notices/mail';
import type { AppContext, RequestContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { mailSettingsOf, writeMailSettings } from './mail-repo';

export async function updateMailSettings(app: AppContext, ctx: RequestContext, input: { email: string | null; optOut: readonly string[] }) {
  const raw = input.email?.trim() ? input.email : null;
  let email: string | null = null;
  if (raw !== null) {
    const problem = checkEmailAddress(raw);
    if (problem) throw new AppError('INVALID_EMAIL', { field: 'email', zh: EMAIL_PROBLEM_ZH[problem] });
    email = normaliseEmail(raw);
  }
  const unknown = input.optOut.find((k) => !isMailKind(k));
  if (unknown) throw new AppError('VALIDATION_FAILED', { field: 'optOut', zh: `没有“${unknown}”这类邮件` });
  const optOut = [...new Set(input.optOut)].sort();
  return app.db.transaction(async (tx) => {
    const before = await mailSettingsOf(tx, ctx.actor.userId);
    if (!before) throw new AppError('NOT_FOUND');
    await writeMailSettings(tx, ctx.actor.userId, email, optOut, app.clock.now().toISOString());
    // The address itself is personal data: the audit says that it changed, not what it is.
    await appendAudit(tx, app, { actor: ctx.actor, ip: ctx.ip, action: 'account.mail_settings', objectType: 'user', objectId: ctx.actor.userId,
      before: { hasEmail: before.email !== null, optOut: before.optOuts }, after: { hasEmail: email !== null, emailChanged: email !== before.email, optOut } });
    return { email, optOuts: optOut };
  });
}
