/** 行政区划与科技部门. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../../core/errors';
import type { AppContext } from '../../context';
import { listBureaus, listSections } from '../../modules/regions/regions-repo';
import { ctxOf } from '../auth';
import { RegionDetailOut, RegionListOut } from '../../../core/api/regions';

export function regionRoutes(s: FastifyInstance, app: AppContext) {
  const server = s.withTypeProvider<TypeBoxTypeProvider>();
  server.get('/api/regions', { config: { permission: 'region.read' }, schema: { tags: ['区划'], summary: '行政区划树（含科技部门）', response: { 200: RegionListOut } } }, async (req) => {
    const ctx = ctxOf(req);
    const bureaus = new Map((await listBureaus(app.db)).map((b) => [b.region_code, b]));
    const inScope = ctx.scope.kind === 'regions' ? new Set(ctx.scope.codes) : new Set<string>();
    return {
      items: app.regions.all().map((r) => ({
        code: r.code, name: r.name, level: r.level, parentCode: r.parentCode, standardCode: r.standardCode,
        bureau: bureaus.get(r.code)?.name ?? null, leadershipBody: bureaus.get(r.code)?.leadership_body ?? null,
        inMyScope: inScope.has(r.code),
      })),
    };
  });
  server.get('/api/regions/:code', { config: { permission: 'region.read' }, schema: { tags: ['区划'], summary: '区划详情', params: Type.Object({ code: Type.String({ maxLength: 12 }) }), response: { 200: RegionDetailOut } } }, async (req) => {
    const r = app.regions.get(req.params.code);
    if (!r) throw new AppError('NOT_FOUND');
    const bureau = (await listBureaus(app.db)).find((b) => b.region_code === r.code);
    return {
      ...r, path: app.regions.path(r.code), bureau: bureau?.name ?? null, leadershipBody: bureau?.leadership_body ?? null,
      sections: await listSections(app.db, r.code), children: app.regions.childrenOf(r.code).map((c) => ({ code: c.code, name: c.name })),
    };
  });
}
