/**
 * Records a route names by its `:id` (issue 18, authorization declared once): a route declares
 * `config.record` beside its permission, and the record is loaded and its scope checked once, after
 * the permission (403) and the input's validation (400), before the handler runs. A record that does not
 * exist or lies outside the caller's data scope answers 404 alike, so its existence is not disclosed.
 * The handler reads it with `recordOf(req, kind)` and never loads or checks it again.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { inScope } from '../../core/access/policy';
import { AppError } from '../../core/errors';
import type { AppContext, RequestContext } from '../context';
import { getProject, projectForPolicy } from '../modules/projects/projects-repo';
import { loadVisibleSubject } from '../modules/subjects/subject-input';

/** Each kind of record: how to load one the caller may see (NOT_FOUND otherwise). */
const LOADERS = {
  subject: (app: AppContext, ctx: RequestContext, id: string) => loadVisibleSubject(app.db, ctx.scope, id),
  project: async (app: AppContext, ctx: RequestContext, id: string) => {
    const row = await getProject(app.db, id);
    if (!row || !inScope(ctx.scope, projectForPolicy(row))) throw new AppError('NOT_FOUND');
    return row;
  },
} as const;

export type RecordKind = keyof typeof LOADERS;
export type LoadedRecord<K extends RecordKind> = Awaited<ReturnType<(typeof LOADERS)[K]>>;
export const RECORD_KINDS = Object.keys(LOADERS) as RecordKind[];

declare module 'fastify' {
  interface FastifyRequest { record: unknown }
  interface FastifyContextConfig {
    /** The record the route's `:id` names: loaded and scope-checked before the handler (records.ts). */
    record?: RecordKind;
  }
}

export function registerRecordLoaders(server: FastifyInstance, app: AppContext) {
  server.decorateRequest('record', null);
  server.addHook('preHandler', async (req) => {
    const kind = req.routeOptions.config?.record;
    if (!kind) return;
    if (!req.ctx) throw new AppError('UNAUTHENTICATED');
    req.record = await LOADERS[kind](app, req.ctx, (req.params as { id: string }).id);
  });
}

/** The record this route declared, as its loader gave it. */
export function recordOf<K extends RecordKind>(req: FastifyRequest, kind: K): LoadedRecord<K> {
  if (req.routeOptions.config?.record !== kind || req.record === null) throw new Error(`route ${req.routeOptions.url} does not declare record '${kind}'`);
  return req.record as LoadedRecord<K>;
}
