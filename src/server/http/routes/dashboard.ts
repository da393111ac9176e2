/** 领导驾驶舱 (issue 20): the figures of the caller's area, the list behind each bar, and each figure's table in Excel. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DIMENSIONS, FIGURE_IDS, type FigureId } from '../../../core/dashboard/figures';
import type { AppContext } from '../../context';
import { exportDashboardFigure } from '../../modules/dashboard/export-dashboard-figure';
import { readDashboard, readFigureList } from '../../modules/dashboard/read-dashboard';
import { ctxOf } from '../auth';
import { sendXlsx } from '../excel';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const FigureParam = Type.Object({ figure: Type.Union(FIGURE_IDS.map((f) => Type.Literal(f))) });
const RegionQuery = { regionCode: Type.Optional(Type.String({ pattern: '^[0-9A-Z]{6,12}$', description: '本辖区内的区划（含下级）；缺省为本级' })) };
const DimensionValues = Object.fromEntries(DIMENSIONS.map((d) => [d, Type.Optional(Type.String({ minLength: 1, maxLength: 40, pattern: '^[0-9A-Za-z_:\\-]+$' }))]));
const Labels = Type.Object(Object.fromEntries(DIMENSIONS.map((d) => [d, Type.Optional(Type.String())])));

const DashboardOut = Type.Object({
  regionCode: Type.String(), regionName: Type.String(), today: Type.String(), weekEnd: Type.String(),
  regions: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  figures: Type.Array(Type.Object({
    id: Type.String(), title: Type.String(), clause: Type.String(), note: Type.String(), total: Type.Integer(),
    dimensions: Type.Array(Type.Object({ id: Type.String(), label: Type.String() })),
    rows: Type.Array(Type.Object({ key: Labels, labels: Labels, count: Type.Integer() })),
  })),
});

const ListOut = Type.Object({
  figure: Type.String(), title: Type.String(), regionCode: Type.String(), today: Type.String(), weekEnd: Type.String(),
  filter: Labels, total: Type.Integer(), truncated: Type.Boolean(),
  items: Type.Array(Type.Object({
    id: Type.String(), caseId: Nullable(Type.String()), caseNo: Nullable(Type.String()), subjectId: Nullable(Type.String()), subjectName: Nullable(Type.String()),
    what: Type.String(), stateLabel: Type.String(), regionCode: Type.String(), regionName: Type.String(), date: Nullable(Type.String()),
  })),
});

export function dashboardRoutes(s: FastifyInstance, app: AppContext) {
  const server = s.withTypeProvider<TypeBoxTypeProvider>();

  server.get('/api/dashboard', {
    config: { permission: 'dashboard.read' },
    schema: { tags: ['驾驶舱'], summary: '领导驾驶舱：本角色的各项统计（按区划，辖区外的区划答 404）', querystring: Type.Object(RegionQuery, { additionalProperties: false }), response: { 200: DashboardOut } },
  }, async (req) => readDashboard(app, ctxOf(req), req.query.regionCode));

  server.get('/api/dashboard/:figure/items', {
    config: { permission: 'dashboard.read' },
    schema: {
      tags: ['驾驶舱'], summary: '下钻：一个统计项背后的清单（与统计同一筛选，件数相等）', params: FigureParam,
      querystring: Type.Object({ ...RegionQuery, ...DimensionValues }, { additionalProperties: false }), response: { 200: ListOut },
    },
  }, async (req) => {
    const { regionCode, ...key } = req.query as Record<string, string | undefined>;
    return readFigureList(app, ctxOf(req), req.params.figure as FigureId, regionCode, key);
  });

  server.get('/api/dashboard/:figure/export.xlsx', {
    config: { permission: ['dashboard.read', 'list.export'] },
    schema: {
      tags: ['驾驶舱'], summary: '统计导出（Excel，与图表同一区划，留痕）', params: FigureParam, querystring: Type.Object(RegionQuery, { additionalProperties: false }),
      response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'xlsx' }) },
    },
  }, async (req, reply) => {
    const ctx = ctxOf(req);
    const { bytes, fileName } = await exportDashboardFigure(app, ctx, req.params.figure as FigureId, req.query.regionCode);
    return sendXlsx(reply, fileName, bytes);
  });
}
