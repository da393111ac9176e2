/** What the routes of http/routes/rating-comments.ts answer (issue 18): closed, so only the fields named here are sent. */
import { Nullable, Ok, ReadonlyList, Type } from './common';

/** One comment on a rating and its answer (CI-15), as `rating-comments.ts#listComments` reads it. */
export const RatingComment = Type.Object({
  id: Type.String(),
  comment: Type.String(),
  commentedAt: Type.String(),
  answer: Nullable(Type.String()),
  answeredAt: Nullable(Type.String()),
});

/**
 * GET /api/ratings/:id/comments → 200: the comment window (CI-15.comment) and, once in effect, the review
 * period (CI-15.review.apply), with what this user may do (`core/access/record-abilities.ts#ratingCommentAbilities`).
 */
export const GetRatingsByIdCommentsOut = Type.Object({
  windowUntil: Type.String(),
  windowOpen: Type.Boolean(),
  publishedAt: Nullable(Type.String()),
  reviewUntil: Nullable(Type.String()),
  mayRequestReview: Type.Boolean(),
  mayComment: Type.Boolean(),
  mayAnswer: Type.Boolean(),
  items: ReadonlyList(RatingComment),
});

/** POST /api/rating-comments/:id/answer → 200 */
export const PostRatingCommentsByIdAnswerOut = Ok;

/** POST /api/ratings/:id/comments → 201: the comment recorded. */
export const PostRatingsByIdCommentsOut = Type.Object({
  id: Type.String(),
});

/** POST /api/ratings/publish → 200: the year's ratings published, and those still waiting for their window or for answers. */
export const PostRatingsPublishOut = Type.Object({
  year: Type.Integer(),
  published: Type.Integer(),
  waitingWindow: Type.Integer(),
  waitingAnswers: Type.Integer(),
});
