/** 数据导入（issue 19）：下载模板、试运行（逐行报告和变更预览）、确认导入（同一文件和令牌，一个事务）. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../../core/errors';
import { IMPORT_PROBLEMS } from '../../../core/imports/rows';
import { IMPORT_KINDS, IMPORT_KIND_LABEL, TEMPLATES, type ColumnMap } from '../../../core/imports/templates';
import type { AppContext } from '../../context';
import { applyImport } from '../../modules/imports/apply-import';
import { templateFile } from '../../modules/imports/import-templates';
import { previewImport } from '../../modules/imports/preview-import';
import { recentImports } from '../../modules/imports/recent-imports';
import { ctxOf } from '../auth';
import { contentDisposition } from './case-files';
import { Binary } from '../../../core/api/common';

/** An import file may be larger than a case material: 100,000 project rows make an Excel file of about 10 MB, a CSV of about 30 MB. */
export const IMPORT_MAX_BYTES = 64 * 1_048_576;

const Kind = Type.Union([Type.Literal('units'), Type.Literal('persons'), Type.Literal('projects'), Type.Literal('relations')]);
const KindParams = Type.Object({ kind: Kind });
const FileQuery = {
  fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  map: Type.Optional(Type.String({ maxLength: 8_000, description: '列映射（JSON 对象：字段 → 本单位表头），不填则按模板表头' })),
};
const Digest = { sha256: Type.String(), sm3: Type.String() };
const Counts = Type.Object({ new: Type.Integer(), changed: Type.Integer(), unchanged: Type.Integer() });
const Report = Type.Object({
  kind: Kind, fileName: Type.Union([Type.String(), Type.Null()]), ...Digest, format: Type.Union([Type.Literal('xlsx'), Type.Literal('csv')]), rows: Type.Integer(),
  problemCount: Type.Integer(),
  problems: Type.Array(Type.Object({ row: Type.Integer(), column: Type.String(), code: Type.String({ description: Object.keys(IMPORT_PROBLEMS).join('、') }), zh: Type.String() })),
  counts: Counts,
  changes: Type.Array(Type.Object({
    row: Type.Integer(), key: Type.String(), change: Type.Union([Type.Literal('new'), Type.Literal('changed')]),
    fields: Type.Array(Type.Object({ column: Type.String(), label: Type.String(), before: Type.Unknown(), after: Type.Unknown() })),
  })),
  token: Type.Union([Type.String(), Type.Null()]),
});
const Applied = Type.Object({ batchId: Type.Union([Type.String(), Type.Null()]), kind: Kind, ...Digest, rows: Type.Integer(), counts: Counts, changesSm3: Type.String() });
const Templates = Type.Array(Type.Object({
  kind: Kind, label: Type.String(),
  columns: Type.Array(Type.Object({ field: Type.String(), header: Type.String(), required: Type.Boolean(), example: Type.String(), note: Type.Optional(Type.String()) })),
}));
const Batches = Type.Array(Type.Object({
  id: Type.String(), kind: Type.String(), fileName: Type.Union([Type.String(), Type.Null()]), sha256: Type.String(), sm3: Type.String(),
  rows: Type.Integer(), counts: Counts, importedAt: Type.String(),
}));

function columnMap(raw: string | undefined): ColumnMap {
  if (!raw) return {};
  let v: unknown;
  try { v = JSON.parse(raw); } catch { throw new AppError('VALIDATION_FAILED', { field: 'map', zh: '列映射不是合法的 JSON' }); }
  if (!v || typeof v !== 'object' || Array.isArray(v) || Object.values(v).some((x) => typeof x !== 'string' || x.length > 100)) {
    throw new AppError('VALIDATION_FAILED', { field: 'map', zh: '列映射应为 { 字段: 表头 } 形式的对象，表头至多 100 个字' });
  }
  return v as ColumnMap;
}

const bodyOf = (body: unknown) => (Buffer.isBuffer(body) ? body : Buffer.alloc(0));

export function importRoutes(s: FastifyInstance, app: AppContext) {
  const server = s.withTypeProvider<TypeBoxTypeProvider>();

  server.get('/api/imports/templates', { config: { permission: 'data.import' },
    schema: { tags: ['数据导入'], summary: '导入模板的列：表头、是否必填、示例和说明', response: { 200: Templates } },
  }, async () => IMPORT_KINDS.map((kind) => ({ kind, label: IMPORT_KIND_LABEL[kind], columns: TEMPLATES[kind] })));

  server.get('/api/imports/templates/:kind', { config: { permission: 'data.import' },
    schema: { tags: ['数据导入'], summary: '下载导入模板（Excel 或 CSV）', params: KindParams, querystring: Type.Object({ format: Type.Optional(Type.Union([Type.Literal('xlsx'), Type.Literal('csv')])) }), response: { 200: Binary('导入模板：Excel 或 CSV') } },
  }, async (req, reply) => {
    const f = await templateFile(req.params.kind, req.query.format ?? 'xlsx');
    return reply.header('content-type', f.mediaType).header('content-disposition', contentDisposition(f.fileName)).send(f.bytes);
  });

  server.post('/api/imports/:kind/dry-run', { config: { permission: 'data.import' }, bodyLimit: IMPORT_MAX_BYTES,
    schema: {
      tags: ['数据导入'], summary: '导入试运行：逐行报告（行、列、代码、说明）和变更预览（新增、变更的字段、未变），不写入任何数据；文件无问题时返回确认用的令牌（请求体为文件本身）',
      params: KindParams, querystring: Type.Object(FileQuery), response: { 200: Report },
    },
  }, async (req) => previewImport(app, ctxOf(req), req.params.kind, { bytes: bodyOf(req.body), fileName: req.query.fileName ?? null }, columnMap(req.query.map)));

  server.post('/api/imports/:kind/apply', { config: { permission: 'data.import' }, bodyLimit: IMPORT_MAX_BYTES,
    schema: {
      tags: ['数据导入'], summary: '确认导入：同一文件和试运行的令牌；在一个事务中全部写入或全部不写，留痕（文件 SHA-256 和 SM3 摘要、逐条变更）',
      params: KindParams, querystring: Type.Object({ ...FileQuery, token: Type.String({ pattern: '^[0-9a-f]{64}$' }) }), response: { 200: Applied },
    },
  }, async (req) => applyImport(app, ctxOf(req), req.params.kind, { bytes: bodyOf(req.body), fileName: req.query.fileName ?? null }, columnMap(req.query.map), req.query.token));

  server.get('/api/imports', { config: { permission: 'data.import' },
    schema: { tags: ['数据导入'], summary: '本人最近的导入（文件摘要和件数）', response: { 200: Batches } },
  }, async (req) => recentImports(app, ctxOf(req)));
}
