/** 邮件提醒: the user's own e-mail address, the kinds of mail he opts out of, and his latest mails. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context';
import { readMailSettings } from '../../modules/mail/read-mail-settings';
import { updateMailSettings } from '../../modules/mail/update-mail-settings';
import { ctxOf } from '../auth';
import { ErrorBody } from '../schemas';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const MailSettingsAnswer = Type.Object({
  enabled: Type.Boolean({ description: '本系统是否已配置发信服务器（未配置时不发送邮件）' }),
  email: Nullable(Type.String()),
  kinds: Type.Array(Type.Object({ kind: Type.String(), label: Type.String(), description: Type.String(), optedOut: Type.Boolean() })),
  mails: Type.Array(Type.Object({
    id: Type.String(), kind: Type.String(), subject: Type.String(), status: Type.String(), statusLabel: Type.String(), attempts: Type.Integer(),
    createdAt: Type.String(), sentAt: Nullable(Type.String()), nextAttemptAt: Nullable(Type.String()), problem: Nullable(Type.String()),
  })),
});
const MailSettingsBody = Type.Object({
  // Checked in full by core/notices/email-address.ts, with the reason in Chinese; the schema only bounds it.
  email: Type.Union([Type.String({ maxLength: 320 }), Type.Null()], { description: '电子邮箱地址；空或 null 表示不接收邮件' }),
  optOut: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20, description: '不接收的邮件种类' }),
}, { additionalProperties: false });

export function mailRoutes(s: FastifyInstance, app: AppContext) {
  const server = s.withTypeProvider<TypeBoxTypeProvider>();
  server.get('/api/account/mail', { schema: { tags: ['账号'], summary: '我的邮件提醒设置和最近的邮件', response: { 200: MailSettingsAnswer } } }, async (req) => {
    return readMailSettings(app, ctxOf(req));
  });
  server.put('/api/account/mail', {
    schema: { tags: ['账号'], summary: '修改本人的电子邮箱和退订的邮件种类', body: MailSettingsBody, response: { 200: MailSettingsAnswer, 400: ErrorBody } },
  }, async (req) => {
    const ctx = ctxOf(req);
    await updateMailSettings(app, ctx, req.body);
    return readMailSettings(app, ctx);
  });
}
