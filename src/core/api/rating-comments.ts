/** What the routes of http/routes/rating-comments.ts answer (issue 18): declared from the answers the suite saw, kept open (Open) until each is closed field by field. */
import { Nullable, Opaque, Open, ReadonlyList, Type } from './common';

/** GET /api/ratings/:id/comments → 200 */
export const GetRatingsByIdCommentsOut = Open({
  windowUntil: Type.String(),
  windowOpen: Type.Boolean(),
  publishedAt: Nullable(Type.String()),
  reviewUntil: Nullable(Type.String()),
  mayRequestReview: Type.Boolean(),
  mayComment: Type.Boolean(),
  mayAnswer: Type.Boolean(),
  items: ReadonlyList(Open({
    id: Type.String(),
    comment: Type.String(),
    commentedAt: Type.String(),
    answer: Nullable(Type.String()),
    answeredAt: Nullable(Type.String()),
  })),
});

/** POST /api/rating-comments/:id/answer → 200 */
export const PostRatingCommentsByIdAnswerOut = Open({
  ok: Type.Boolean(),
});

/** POST /api/ratings/:id/comments → 201 */
export const PostRatingsByIdCommentsOut = Open({
  id: Type.String(),
});

/** POST /api/ratings/publish → 200 */
export const PostRatingsPublishOut = Open({
  year: Type.Number(),
  published: Type.Number(),
  waitingWindow: Type.Number(),
  waitingAnswers: Type.Number(),
});
