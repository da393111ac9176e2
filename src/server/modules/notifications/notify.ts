/**
 * The one way the system tells people of something: an audience (staff of given roles at a bureau,
 * the administrators of a unit, a person, or users named outright) resolved to accounts in one query,
 * and one insert of the notifications. Every sweep and every step says who is told through this.
 */
import type { Role } from '../../../core/access/roles';
import type { AppContext } from '../../context';
import type { Sql } from '../../db/database';

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
}

/** Tells the audience; returns how many accounts were told. */
export async function notify(tx: Sql, app: Pick<AppContext, 'clock'>, who: Audience, m: Message): Promise<number> {
  const rows = await tx.query<{ n: number }>(
    `WITH told AS (
       SELECT DISTINCT u.id FROM users u
        WHERE NOT u.disabled AND (
              (u.role = ANY($1::text[]) AND u.region_code = $2)
           OR (u.role = 'unit_admin' AND $3::uuid IS NOT NULL AND u.unit_id = $3::uuid)
           OR ($4::uuid IS NOT NULL AND u.person_id = $4::uuid)
           OR u.id = ANY($5::uuid[]))
     ), made AS (
       INSERT INTO notifications (id, user_id, clock_id, case_id, kind, title, body, created_at)
       SELECT gen_random_uuid(), told.id, $6, $7, $8, $9, $10, $11 FROM told RETURNING 1
     ) SELECT count(*)::int AS n FROM made`,
    [[...(who.staffRoles ?? [])], who.jurisdictionCode ?? null, who.unitId ?? null, who.personId ?? null, [...(who.userIds ?? [])],
      m.clockId ?? null, m.caseId ?? null, m.kind, m.title, m.body, app.clock.now().toISOString()]);
  return rows[0]?.n ?? 0;
}

/**
 * Who a declared step tells (its `notify` roles), on the case: staff roles at the handling bureau;
 * `unit_admin` the administrators of the case's unit; `researcher` the person who applied.
 */
export async function notifyRoles(tx: Sql, app: Pick<AppContext, 'clock'>, c: { jurisdictionCode: string; unitId: string | null; applicantPersonId?: string | null }, roles: readonly Role[], m: Message): Promise<number> {
  if (roles.length === 0) return 0;
  const staff = roles.filter((r) => r !== 'unit_admin' && r !== 'researcher');
  return notify(tx, app, {
    staffRoles: staff, jurisdictionCode: c.jurisdictionCode,
    unitId: roles.includes('unit_admin') ? c.unitId : null,
    personId: roles.includes('researcher') ? c.applicantPersonId ?? null : null,
  }, m);
}
