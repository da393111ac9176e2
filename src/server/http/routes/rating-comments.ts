/** 信用评价的意见与生效：被评价主体在意见期内提出意见，诚信科答复；期满且意见均已答复的评价内部公布. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context';
import { addComment, answerComment, listComments, publishRatings } from '../../modules/rules/rating-comments';
import { ctxOf } from '../auth';
import { IdParams } from '../schemas';
import { GetRatingsByIdCommentsOut, PostRatingCommentsByIdAnswerOut, PostRatingsByIdCommentsOut, PostRatingsPublishOut } from '../../../core/api/rating-comments';

export function ratingCommentRoutes(s: FastifyInstance, app: AppContext) {
  const server = s.withTypeProvider<TypeBoxTypeProvider>();
  server.get('/api/ratings/:id/comments', { schema: { tags: ['信用'], summary: '评价的意见期、意见及答复', params: IdParams, response: { 200: GetRatingsByIdCommentsOut } } }, async (req) => listComments(app, ctxOf(req), req.params.id));
  server.post('/api/ratings/:id/comments', {
    schema: { tags: ['信用'], summary: '被评价主体在意见期内对评价提出意见', params: IdParams, body: Type.Object({ comment: Type.String({ minLength: 5, maxLength: 4000 }) }, { additionalProperties: false }), response: { 201: PostRatingsByIdCommentsOut } },
  }, async (req, reply) => reply.status(201).send(await addComment(app, ctxOf(req), req.params.id, req.body.comment)));
  server.post('/api/rating-comments/:id/answer', { config: { permission: 'rating.determine' },
    schema: { tags: ['信用'], summary: '答复评价意见', params: IdParams, body: Type.Object({ answer: Type.String({ minLength: 2, maxLength: 4000 }) }, { additionalProperties: false }), response: { 200: PostRatingCommentsByIdAnswerOut } },
  }, async (req) => {
    await answerComment(app, ctxOf(req), req.params.id, req.body.answer);
    return { ok: true };
  });
  server.post('/api/ratings/publish', { config: { permission: 'rating.run' },
    schema: { tags: ['信用'], summary: '意见期满且意见均已答复的年度评价生效并内部公布', body: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }, { additionalProperties: false }), response: { 200: PostRatingsPublishOut } },
  }, async (req) => publishRatings(app, ctxOf(req), req.body.year));
}
