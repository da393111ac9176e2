/**
 * 评价结果生效前的意见 (CI-15 and the reading): a subject sees its rating with the explanation
 * and may comment until the comment window closes (a setting, 10 working days from the rating); the
 * integrity section answers each comment; ratings whose window has closed and whose comments are all
 * answered are then published internally. The window is derived from the rating's date, not stored.
 */
import { randomUUID } from 'node:crypto';
import { inScope } from '../../../core/access/policy';
import { commentWindowOpen, isRatedSubject, ratingCommentAbilities } from '../../../core/access/record-abilities';
import { computeDeadline } from '../../../core/deadlines/compute-deadline';
import { AppError } from '../../../core/errors';
import { businessDate } from '../../../core/time/clock';
import type { AppContext, RequestContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { regionPath } from '../deadlines/recompute-clock';

interface RatingLite { id: string; subject_id: string; region_code: string; computed_at: Date; published_at: Date | null; employer_id: string | null }

/** The last day a subject may comment on a rating made at `computedAt`. */
export function commentWindowEnd(app: AppContext, computedAt: Date, regionCode: string): string {
  const start = businessDate({ now: () => new Date(computedAt) });
  return computeDeadline({ limitId: 'CI-15.comment', start, regionPath: regionPath(app, regionCode) }, app.calendar.book, app.policies.registry).dueDate;
}

async function loadRating(app: AppContext, id: string) {
  const [r] = await app.db.query<RatingLite>('SELECT r.id, r.subject_id, r.region_code, r.computed_at, r.published_at, s.employer_id FROM ratings r JOIN subjects s ON s.id = r.subject_id WHERE r.id = $1', [id]);
  return r;
}

export async function listComments(app: AppContext, req: RequestContext, ratingId: string) {
  const r = await loadRating(app, ratingId);
  if (!r || !inScope(req.scope, { regionCodes: [r.region_code], unitIds: [r.subject_id, r.employer_id].filter((x): x is string => !!x), personIds: [r.subject_id] })) throw new AppError('NOT_FOUND');
  const until = commentWindowEnd(app, r.computed_at, r.region_code);
  const rows = await app.db.query<any>('SELECT id, comment, commented_at, answer, answered_at FROM rating_comments WHERE rating_id = $1 ORDER BY commented_at', [ratingId]);
  const today = businessDate(app.clock);
  // CI-15 复核: once in effect, the subject may ask for a review until the period the bureau set has passed.
  const publishedOn = r.published_at ? businessDate({ now: () => new Date(r.published_at!) }) : null;
  const reviewUntil = publishedOn ? computeDeadline({ limitId: 'CI-15.review.apply', start: publishedOn, regionPath: regionPath(app, r.region_code) }, app.calendar.book, app.policies.registry).dueDate : null;
  const may = ratingCommentAbilities(req.actor, { subjectId: r.subject_id, published: !!r.published_at }, today, { commentUntil: until, reviewUntil });
  return {
    windowUntil: until, windowOpen: today <= until, publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
    reviewUntil, mayRequestReview: may.requestReview, mayComment: may.comment, mayAnswer: may.answer,
    items: rows.map((c) => ({ id: c.id, comment: c.comment, commentedAt: new Date(c.commented_at).toISOString(), answer: c.answer, answeredAt: c.answered_at ? new Date(c.answered_at).toISOString() : null })),
  };
}

export async function addComment(app: AppContext, req: RequestContext, ratingId: string, comment: string) {
  const r = await loadRating(app, ratingId);
  if (!r || !isRatedSubject(req.actor, r.subject_id)) throw new AppError(r ? 'FORBIDDEN' : 'NOT_FOUND', { zh: '只有被评价主体本人（本单位）可以提出意见' });
  const until = commentWindowEnd(app, r.computed_at, r.region_code);
  if (!commentWindowOpen(businessDate(app.clock), until, !!r.published_at)) throw new AppError('CASE_STATE', { field: 'comment', zh: `意见期已于 ${until} 届满` });
  const id = randomUUID();
  await app.db.transaction(async (tx) => {
    await tx.query('INSERT INTO rating_comments (id, rating_id, comment, commented_by, commented_at) VALUES ($1, $2, $3, $4, $5)', [id, ratingId, comment, req.actor.userId, app.clock.now().toISOString()]);
    await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'rating.comment', objectType: 'rating', objectId: ratingId, after: { comment: id } });
  });
  return { id };
}

export async function answerComment(app: AppContext, req: RequestContext, commentId: string, answer: string) {
  await app.db.transaction(async (tx) => {
    const [c] = await tx.query<{ rating_id: string; answer: string | null; region_code: string }>(
      'SELECT c.rating_id, c.answer, r.region_code FROM rating_comments c JOIN ratings r ON r.id = c.rating_id WHERE c.id = $1 FOR UPDATE OF c', [commentId]);
    if (!c || !inScope(req.scope, { regionCodes: [c.region_code], unitIds: [], personIds: [] })) throw new AppError('NOT_FOUND');
    if (c.answer) throw new AppError('CASE_STATE', { zh: '该意见已答复' });
    await tx.query('UPDATE rating_comments SET answer = $2, answered_by = $3, answered_at = $4 WHERE id = $1', [commentId, answer, req.actor.userId, app.clock.now().toISOString()]);
    await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'rating.answer', objectType: 'rating', objectId: c.rating_id, after: { comment: commentId } });
  });
}

/** Publishes the ratings of a year in the officer's area whose window has closed and whose comments are all answered. */
export async function publishRatings(app: AppContext, req: RequestContext, year: number) {
  const today = businessDate(app.clock);
  const regions = req.actor.regionCode ? app.regions.subtree(req.actor.regionCode) : [];
  return app.db.transaction(async (tx) => {
    const rows = await tx.query<{ id: string; computed_at: Date; region_code: string; open_comments: number }>(
      `SELECT r.id, r.computed_at, r.region_code, (SELECT count(*)::int FROM rating_comments c WHERE c.rating_id = r.id AND c.answer IS NULL) AS open_comments
         FROM ratings r WHERE r.year = $1 AND r.published_at IS NULL AND r.region_code = ANY($2::text[])`, [year, regions]);
    const ends = new Map<string, string>();
    const windowEnd = (r: { computed_at: Date; region_code: string }) => {
      const key = `${businessDate({ now: () => new Date(r.computed_at) })}|${r.region_code}`;
      if (!ends.has(key)) ends.set(key, commentWindowEnd(app, r.computed_at, r.region_code));
      return ends.get(key)!;
    };
    const ready = rows.filter((r) => windowEnd(r) < today && r.open_comments === 0).map((r) => r.id);
    const waitingWindow = rows.filter((r) => windowEnd(r) >= today).length;
    const waitingAnswers = rows.filter((r) => windowEnd(r) < today && r.open_comments > 0).length;
    if (ready.length) await tx.query('UPDATE ratings SET published_at = $2 WHERE id = ANY($1::uuid[])', [ready, app.clock.now().toISOString()]);
    await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'rating.publish', objectType: 'region', objectId: req.actor.regionCode, after: { year, published: ready.length, waitingWindow, waitingAnswers } });
    return { year, published: ready.length, waitingWindow, waitingAnswers };
  });
}
