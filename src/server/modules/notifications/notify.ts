/**
 * The one way the system tells people of something: an audience (staff of given roles at a bureau,
 * the administrators of a unit, a person, or users named outright) resolved to accounts in one query,
 * and one insert of the notifications. Every sweep and every step says who is told through this.
 * A message that is also mailed (`mail`) is queued in the mail outbox in the same transaction, for the
 * told accounts that have an address and have not opted out of its kind (modules/mail); when the
 * bureau has configured no SMTP server nothing is queued.
 */
import type { Role } from '../../../core/access/roles';
import { stepMailKind, type MailKind } from '../../../core/notices/mail';
import type { AppContext } from '../../context';
import type { Sql } from '../../db/database';
import { queueMail } from '../mail/queue-mail';

export interface Audience {
  /** Staff roles told at this bureau (its region exactly, the handling bureau). */
  staffRoles?: readonly Role[];
  jurisdictionCode?: string;
  /** The administrators of this unit. */
  unitId?: string | null;
  /** The accounts of this person (a researcher's own login). */
  personId?: string | null;
  /** Accounts named outright. */
  userIds?: readonly string[];
}

export interface Message {
  kind: string;
  title: string;
  body: string;
  clockId?: string | null;
  caseId?: string | null;
  /** The date a reminder is about (a clock's, an obligation's, a milestone's due date): reminders of one case, kind and date merge on the home page. */
  dueOn?: string | null;
  /**
   * Also by e-mail, as this kind (core/notices/mail.ts); the deadline named is the message's clock, or
   * else the nearest running clock of the case among `limitIds` (the windows the step opened).
   */
  mail?: { kind: MailKind; limitIds?: readonly string[] } | null;
}

/** Tells the audience; returns how many accounts were told. */
export async function notify(tx: Sql, app: Pick<AppContext, 'clock' | 'config'>, who: Audience, m: Message): Promise<number> {
  const at = app.clock.now().toISOString();
  const made = await tx.query<{ id: string }>(
    `WITH told AS (
       SELECT DISTINCT u.id FROM users u
        WHERE NOT u.disabled AND (
              (u.role = ANY($1::text[]) AND u.region_code = $2)
           OR (u.role = 'unit_admin' AND $3::uuid IS NOT NULL AND u.unit_id = $3::uuid)
           OR ($4::uuid IS NOT NULL AND u.person_id = $4::uuid)
           OR u.id = ANY($5::uuid[]))
     )
     INSERT INTO notifications (id, user_id, clock_id, case_id, kind, title, body, created_at, due_on)
     SELECT gen_random_uuid(), told.id, $6, $7, $8, $9, $10, $11, $12::date FROM told RETURNING id`,
    [[...(who.staffRoles ?? [])], who.jurisdictionCode ?? null, who.unitId ?? null, who.personId ?? null, [...(who.userIds ?? [])],
      m.clockId ?? null, m.caseId ?? null, m.kind, m.title, m.body, at, m.dueOn ?? null]);
  if (m.mail && app.config.mail && made.length > 0) {
    await queueMail(tx, app, made.map((r) => r.id), { ...m, mail: m.mail });
  }
  return made.length;
}

/**
 * Who a declared step tells (its `notify` roles), on the case: staff roles at the handling bureau;
 * `unit_admin` the administrators of the case's unit; `researcher` the person who applied. Staff are
 * mailed when the step starts or ends a window the bureau owes; the parties when it concerns a window
 * they owe or their own matter (core/notices/mail.ts stepMailKind).
 */
export async function notifyRoles(tx: Sql, app: Pick<AppContext, 'clock' | 'config'>, c: { jurisdictionCode: string; unitId: string | null; applicantPersonId?: string | null }, roles: readonly Role[], m: Message & { partyBody?: string }, clocks: { opens: readonly string[]; stops: readonly string[] } = { opens: [], stops: [] }): Promise<number> {
  if (roles.length === 0) return 0;
  const staff = roles.filter((r) => r !== 'unit_admin' && r !== 'researcher');
  const mailAs = (side: 'bureau' | 'party') => {
    const kind = stepMailKind(side, clocks.opens, clocks.stops);
    return kind ? { kind, limitIds: clocks.opens } : null;
  };
  let told = 0;
  const { partyBody, ...message } = m;
  if (staff.length) told += await notify(tx, app, { staffRoles: staff, jurisdictionCode: c.jurisdictionCode }, { ...message, mail: mailAs('bureau') });
  const unitId = roles.includes('unit_admin') ? c.unitId : null;
  const personId = roles.includes('researcher') ? c.applicantPersonId ?? null : null;
  // A party with nothing to do by a date is told what happened, not asked to act.
  const party = mailAs('party');
  if (unitId || personId) told += await notify(tx, app, { unitId, personId }, { ...message, body: party?.kind === 'case_notice' && partyBody ? partyBody : message.body, mail: party });
  return told;
}
