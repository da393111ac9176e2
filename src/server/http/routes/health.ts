import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context';
import { checkHealth } from '../../modules/system/check-health';
import { businessDate } from '../../../core/time/clock';

export function healthRoutes(server: FastifyInstance, app: AppContext) {
  server.get('/api/health', {
    config: { public: true },
    schema: { tags: ['系统'], summary: '健康检查', response: { 200: Type.Object({ status: Type.Literal('ok'), database: Type.String() }) } },
  }, async () => checkHealth(app));

  // Every page asks once whether this is a training system, and shows its day in a banner if so.
  server.get('/api/system/clock', {
    config: { public: true },
    schema: { tags: ['系统'], summary: '系统日期；培训模式（KEXIN_TODAY，仅嵌入式演示库）时页面显示横幅', response: { 200: Type.Object({ today: Type.String(), training: Type.Boolean() }) } },
  }, async () => ({ today: businessDate(app.clock), training: app.config.trainingClock !== null }));
}
