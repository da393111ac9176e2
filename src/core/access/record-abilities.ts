/**
 * What this user may do with this record, and with a list of records, in one place (issue 18,
 * authorization declared once): the server computes these and sends them with every record and list;
 * the web client decides from them, never from role names. The per-record predicates of subjects and
 * projects are the data-scope rules of `policy.ts`; the list abilities are the buttons above a list.
 */
import type { Actor } from './policy';
import { hasPermission, ROLE_DEFINITIONS, type Role } from './roles';

export { projectAbilities, subjectAbilities, type ProjectAbilities, type SubjectAbilities } from './policy';

export interface ListAbilities { create: boolean; export: boolean }

/** The buttons above the subjects or projects list: add one (the area's write permission) and export the list. */
export function listAbilities(role: Role, kind: 'subject' | 'project'): ListAbilities {
  return { create: hasPermission(role, kind === 'subject' ? 'subject.write' : 'project.write'), export: hasPermission(role, 'list.export') };
}

/** May this user export a list (the obligations list has no "add" of its own: obligations come from decisions). */
export const mayExportList = (role: Role) => hasPermission(role, 'list.export');

/** A deadline clock (legal time): manage it (pause, resume, stop) or approve its extension, while it is open and not owned by a case. */
export function clockAbilities(role: Role, open: boolean, extensible: boolean) {
  return { manage: open && hasPermission(role, 'deadline.manage'), extend: open && hasPermission(role, 'deadline.extend') && extensible };
}

/** A rating: determine its level where the rules leave it open (CI-15), recompute it. */
export function ratingAbilities(role: Role, determinationRequired: boolean) {
  return { determine: determinationRequired && hasPermission(role, 'rating.determine'), recompute: hasPermission(role, 'rating.run') };
}

/** The ratings list: run the year's batch. */
export const ratingListAbilities = (role: Role) => ({ run: hasPermission(role, 'rating.run') });

/**
 * Withdraw or correct a recorded finding: the integrity section alone (CI-15), the permission finding.correct
 * the withdraw and correct routes declare (and http/auth.ts checks before `correct-finding.ts` runs).
 */
export const mayCorrectFindings = (role: Role) => hasPermission(role, 'finding.correct');

/** A subject's findings: record one (CI-5), correct or withdraw one (the integrity section alone, CI-15). */
export function findingAbilities(role: Role) {
  return { record: hasPermission(role, 'finding.write'), correct: mayCorrectFindings(role) };
}

/** A subject's participation records (CI-18, CI-20): record one, where the subject can take part (an expert reviews, an agency serves). */
export function participationAbilities(role: Role, recordable: boolean) {
  return { record: recordable && hasPermission(role, 'participation.record') };
}

/**
 * A call's commitments (CI-9): staff add the call's applicants; an applicant signs its own (a person as
 * himself, a unit through its administrator) and staff keep a signed scan, while it is unsigned.
 */
export function callCommitmentAbilities(role: Role) {
  return { addApplicant: hasPermission(role, 'project.write') };
}
export function commitmentAbilities(actor: { role: Role; personId?: string | null; unitId?: string | null }, staff: boolean, row: { subjectId: string; signed: boolean }) {
  return { sign: !row.signed && (row.subjectId === actor.personId || row.subjectId === actor.unitId), uploadScan: !row.signed && staff };
}

/**
 * An obligation a decision created (YT-10, CI-23): record a payment, set its amount, settle or waive it.
 * The commands refuse with this same predicate, after the record's scope (an obligation out of scope is 404 first).
 */
export const maySettleObligations = (role: Role) => hasPermission(role, 'obligation.settle');

/**
 * The rated subject of a rating (CI-15) in person: the person himself, or a unit through the account
 * whose data scope is that unit (its administrator). Decided from the account's own identity and the
 * role table's scope, never from a role name: an entrusted agency's account names its organisation
 * too, but it speaks for the projects entrusted to it (CI-32), not for the agency as a rated subject.
 */
export function isRatedSubject(actor: Pick<Actor, 'role' | 'personId' | 'unitId'>, subjectId: string): boolean {
  return actor.personId === subjectId || (ROLE_DEFINITIONS[actor.role].scope === 'unit' && actor.unitId === subjectId);
}

/** A rating may be commented on until its comment window's last day, and not once it is in effect (CI-15). */
export const commentWindowOpen = (today: string, commentUntil: string, published: boolean) => !published && today <= commentUntil;

/** A rating in effect may be reviewed (复核) until the last day of the period from its taking effect (CI-15.review.apply); none before it is in effect. */
export const reviewPeriodOpen = (today: string, reviewUntil: string | null) => !!reviewUntil && today <= reviewUntil;

/** The integrity section answers the subject's comments on a rating (CI-15): the permission the answer route declares. */
export const mayAnswerRatingComments = (role: Role) => hasPermission(role, 'rating.determine');

/**
 * A rating's comments (CI-15): the rated subject comments while the window is open and asks for a review
 * while the review period runs; the integrity section answers. The commands refuse through the same
 * predicates (`isRatedSubject`, `commentWindowOpen`; the review's start, `rating-review.ts`); answering is
 * the answer route's declared permission, the one `mayAnswerRatingComments` reads.
 */
export function ratingCommentAbilities(actor: Pick<Actor, 'role' | 'personId' | 'unitId'>, rating: { subjectId: string; published: boolean }, today: string,
  windows: { commentUntil: string; reviewUntil: string | null }) {
  const subject = isRatedSubject(actor, rating.subjectId);
  return {
    comment: subject && commentWindowOpen(today, windows.commentUntil, rating.published),
    requestReview: subject && reviewPeriodOpen(today, windows.reviewUntil),
    answer: mayAnswerRatingComments(actor.role),
  };
}
