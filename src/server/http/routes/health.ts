import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context';
import { checkHealth } from '../../modules/system/check-health';

export function healthRoutes(server: FastifyInstance, app: AppContext) {
  server.get('/api/health', {
    config: { public: true },
    schema: { tags: ['系统'], summary: '健康检查', response: { 200: Type.Object({ status: Type.Literal('ok'), database: Type.String() }) } },
  }, async () => checkHealth(app));
}
