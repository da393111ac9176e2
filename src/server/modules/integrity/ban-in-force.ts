/**
 * CI-25: whether a stored sanction's ban is in force on a day, from its two dates: it starts on
 * `ban_start` and runs to `ban_end` inclusive (null for a life ban), both computed by the decision from
 * the ban's length (core banEnd). Never a stored flag. One reading, in SQL for queries and in
 * TypeScript for rows already read: the veto and the misconduct list use it. The public list reads
 * the publication end instead (publication-ends.ts), which never runs past the ban.
 * A sanction a review revoked (复查, 国科发监〔2022〕221号) is not in force from the review decision's
 * day (`revoked_on`); before that day it was, as the bureau's records then said.
 */

/** SQL condition on a sanctions row (columns prefixed by `alias`, '' for none) for the day in parameter `day`. */
export const banInForceSql = (alias: string, day: string) =>
  `${alias}ban_start IS NOT NULL AND ${alias}ban_start <= ${day}::date AND (${alias}ban_end IS NULL OR ${alias}ban_end >= ${day}::date) AND (${alias}revoked_on IS NULL OR ${alias}revoked_on > ${day}::date)`;

export interface SanctionBanDates { ban_start: string | null; ban_end: string | null; revoked_on: string | null }

/** The same condition on a row already read. */
export const banInForce = (r: SanctionBanDates, on: string): boolean =>
  r.ban_start !== null && r.ban_start <= on && (r.ban_end === null || on <= r.ban_end) && (r.revoked_on === null || on < r.revoked_on);
