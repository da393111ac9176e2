/**
 * The mail sweep: delivers the outbox through the bureau's SMTP server. Mails due now are claimed
 * atomically first (mail-repo claimDue: pending → sending under this instance's name, committed before
 * any network traffic), so however many processes sweep at once each mail is sent once. Each attempt is
 * then recorded in its own transaction with its audit event: sent; or failed and retried after a
 * doubling delay (core/notices/mail.ts retryDelaySeconds) until the cap, then given up as failed;
 * or skipped when the account has since lost its address, been disabled or opted out of the kind.
 * A sender killed mid-send leaves its claim, which another sweep takes over once its lease is past.
 */
import { retryDelaySeconds } from '../../../core/notices/mail';
import type { AppContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { claimDue, recordAttempt } from './mail-repo';
import { SendFailure, smtpSender, type MailSender } from './smtp-transport';

export interface DeliveryResult { claimed: number; sent: number; retried: number; failed: number; skipped: number }

export async function deliverMail(app: AppContext, o: { sender?: MailSender; limit?: number } = {}): Promise<DeliveryResult> {
  const cfg = app.config.mail;
  const result: DeliveryResult = { claimed: 0, sent: 0, retried: 0, failed: 0, skipped: 0 };
  if (!cfg) return result;
  const now = app.clock.now();
  const claimed = await app.db.transaction((tx) => claimDue(tx, {
    now: now.toISOString(), leaseStart: new Date(now.getTime() - cfg.leaseSeconds * 1000).toISOString(), instance: app.instanceId, limit: o.limit ?? 100,
  }));
  result.claimed = claimed.length;
  if (claimed.length === 0) return result;
  const sender = o.sender ?? smtpSender(cfg);
  try {
    for (const m of claimed) {
      const base = { id: m.id, attempt: m.attempts, instance: app.instanceId };
      if (!m.email || m.disabled || m.opted_out) {
        const why = !m.email ? '账号已无电子邮箱地址' : m.disabled ? '账号已停用' : '用户已退订此类邮件';
        await app.db.transaction(async (tx) => {
          if (!(await recordAttempt(tx, { ...base, at: app.clock.now().toISOString(), outcome: 'skipped', status: 'skipped', toAddress: null, smtpCode: null, response: why, retryAt: null }))) return;
          await appendAudit(tx, app, { actor: null, action: 'mail.skip', objectType: 'mail', objectId: m.id, after: { user: m.user_id, kind: m.kind, attempt: m.attempts, reason: why, by: app.instanceId } });
        });
        result.skipped++;
        continue;
      }
      let outcome: { ok: true; response: string } | { ok: false; failure: SendFailure };
      try {
        outcome = { ok: true, response: (await sender.send({ to: m.email, subject: m.subject, text: m.body })).response };
      } catch (e) {
        outcome = { ok: false, failure: e instanceof SendFailure ? e : new SendFailure(null, `发送失败：${String((e as Error)?.message ?? e)}`) };
      }
      const at = app.clock.now();
      if (outcome.ok) {
        const response = outcome.response;
        await app.db.transaction(async (tx) => {
          if (!(await recordAttempt(tx, { ...base, at: at.toISOString(), outcome: 'sent', status: 'sent', toAddress: m.email, smtpCode: 250, response: response.slice(0, 500), retryAt: null }))) return;
          await appendAudit(tx, app, { actor: null, action: 'mail.send', objectType: 'mail', objectId: m.id, after: { user: m.user_id, kind: m.kind, attempt: m.attempts, by: app.instanceId } });
        });
        result.sent++;
      } else {
        const f = outcome.failure;
        const delay = retryDelaySeconds(m.attempts, { baseSeconds: cfg.retrySeconds, maxSeconds: cfg.retryMaxSeconds, maxAttempts: cfg.maxAttempts });
        const retryAt = delay === null ? null : new Date(at.getTime() + delay * 1000).toISOString();
        await app.db.transaction(async (tx) => {
          if (!(await recordAttempt(tx, { ...base, at: at.toISOString(), outcome: 'failed', status: retryAt ? 'pending' : 'failed', toAddress: m.email, smtpCode: f.smtpCode, response: f.zh, retryAt }))) return;
          await appendAudit(tx, app, { actor: null, action: 'mail.fail', objectType: 'mail', objectId: m.id, outcome: 'failure',
            after: { user: m.user_id, kind: m.kind, attempt: m.attempts, smtpCode: f.smtpCode, retryAt, givenUp: retryAt === null, by: app.instanceId } });
        });
        if (retryAt) result.retried++; else result.failed++;
      }
    }
  } finally {
    if (!o.sender) sender.close();
  }
  return result;
}
