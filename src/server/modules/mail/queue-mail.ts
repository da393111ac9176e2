/**
 * Queues the mail that carries a notification (the transactional outbox): the text composed once
 * from the notice, the case it names, its deadline and its link (core/notices/mail.ts composeMail,
 * ID numbers masked), written in the notification's own transaction so a mail exists exactly when
 * its notification does. Called only by notify(); delivery is the mail sweep's (deliver-mail.ts).
 */
import { TIME_LIMITS } from '../../../core/deadlines/time-limits';
import { composeMail, type MailKind } from '../../../core/notices/mail';
import { PROCEDURES } from '../../../core/procedure/procedures';
import type { AppContext } from '../../context';
import type { Sql } from '../../db/database';
import { insertOutbox, mailFacts } from './mail-repo';

export interface QueuedMessage {
  title: string; body: string; clockId?: string | null; caseId?: string | null;
  mail: { kind: MailKind; limitIds?: readonly string[] };
}

export async function queueMail(tx: Sql, app: Pick<AppContext, 'clock' | 'config'>, notificationIds: readonly string[], m: QueuedMessage): Promise<number> {
  const cfg = app.config.mail;
  if (!cfg) return 0;
  const f = await mailFacts(tx, m.caseId ?? null, m.clockId ?? null, m.mail.limitIds ?? []);
  const procedure = f?.procedure ? PROCEDURES[f.procedure]?.title ?? null : null;
  const caseLabel = procedure ? `${procedure}${f?.project_code ? `（项目 ${f.project_code}）` : ''}` : null;
  const due = f?.due_date ? { date: f.due_date, action: TIME_LIMITS[f.limit_id ?? '']?.action ?? '办理' } : null;
  const link = m.caseId ? `${cfg.publicUrl}/cases/${m.caseId}` : `${cfg.publicUrl}/`;
  const { subject, text } = composeMail({ title: m.title, body: m.body, caseLabel, due, link });
  return insertOutbox(tx, notificationIds, { kind: m.mail.kind, subject, body: text, at: app.clock.now().toISOString() });
}
