/**
 * 邮件提醒设置, as the account page shows it: the address, the kinds with the user's opt-outs, whether
 * the bureau has configured mail at all, and the user's latest mails with what became of each — an
 * undeliverable one says why and what to do next.
 */
import { MAIL_KIND_IDS, MAIL_KINDS } from '../../../core/notices/mail';
import type { AppContext, RequestContext } from '../../context';
import { mailSettingsOf, recentMails } from './mail-repo';

const STATUS_ZH = { pending: '待发送', sending: '发送中', sent: '已发送', failed: '发送失败', skipped: '未发送' } as const;

export async function readMailSettings(app: AppContext, ctx: RequestContext) {
  const s = (await mailSettingsOf(app.db, ctx.actor.userId)) ?? { email: null, optOuts: [] };
  const mails = await recentMails(app.db, ctx.actor.userId);
  return {
    enabled: app.config.mail !== null,
    email: s.email,
    kinds: MAIL_KIND_IDS.map((k) => ({ kind: k, label: MAIL_KINDS[k].label, description: MAIL_KINDS[k].description, optedOut: s.optOuts.includes(k) })),
    mails: mails.map((m) => ({
      id: m.id, kind: m.kind, subject: m.subject, status: m.status, statusLabel: STATUS_ZH[m.status], attempts: m.attempts,
      createdAt: new Date(m.created_at).toISOString(), sentAt: m.sent_at ? new Date(m.sent_at).toISOString() : null,
      nextAttemptAt: m.status === 'pending' && m.attempts > 0 ? new Date(m.next_attempt_at).toISOString() : null,
      problem: m.status === 'sent' ? null : m.last_error,
    })),
  };
}
