/**
 * The bureau's SMTP server, through nodemailer: one transport per sweep, with short timeouts so a
 * server that does not answer fails an attempt (to be retried) well inside the claim's lease. A send
 * either resolves with the server's answer or rejects with the SMTP reply code where the server gave
 * one (4xx, 5xx) and a Chinese reason for the delivery log.
 */
import nodemailer from 'nodemailer';
import type { MailConfig } from '../../config';

export interface MailSender {
  send(m: { to: string; subject: string; text: string }): Promise<{ response: string }>;
  close(): void;
}

export class SendFailure extends Error {
  constructor(readonly smtpCode: number | null, readonly zh: string) { super(zh); }
}

/** What went wrong, in words a user or administrator can act on. */
function reason(e: unknown): SendFailure {
  const x = e as { responseCode?: number; code?: string; response?: string; message?: string };
  const code = typeof x.responseCode === 'number' ? x.responseCode : null;
  const said = (x.response ?? x.message ?? '').replace(/[\r\n]+/g, ' ').slice(0, 300);
  if (code !== null && code >= 500) return new SendFailure(code, `邮件服务器拒收（${code}）：${said}。请核对邮箱地址；地址无误的，请联系系统管理员检查发信服务器设置`);
  if (code !== null) return new SendFailure(code, `邮件服务器暂时不能接收（${code}）：${said}。系统将稍后重试`);
  if (x.code === 'ECONNREFUSED' || x.code === 'ESOCKET' || x.code === 'ETIMEDOUT' || x.code === 'ECONNECTION' || x.code === 'EDNS') {
    return new SendFailure(null, `无法连接邮件服务器（${x.code}）。系统将稍后重试；持续失败的，请系统管理员检查 KEXIN_SMTP_URL 和网络`);
  }
  return new SendFailure(null, `发送失败：${said || '未知原因'}。系统将稍后重试`);
}

export function smtpSender(cfg: MailConfig): MailSender {
  const transport = nodemailer.createTransport({ url: cfg.smtpUrl, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 }, { from: { name: '科信系统', address: cfg.from } });
  return {
    async send(m) {
      try {
        const info = await transport.sendMail({ to: m.to, subject: m.subject, text: m.text });
        // A recipient refused at RCPT with others accepted is a refusal for this one (we send to one at a time).
        if (info.rejected?.length) throw Object.assign(new Error(String(info.response ?? 'rejected')), { responseCode: 550 });
        return { response: String(info.response ?? '') };
      } catch (e) {
        throw e instanceof SendFailure ? e : reason(e);
      }
    },
    close: () => transport.close(),
  };
}
