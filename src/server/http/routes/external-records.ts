/**
 * 外部失信记录 (CI-12, CI-13; issue 20): records decided elsewhere, received from the province's or the
 * national research-integrity database — as a file from the integrity section, or from that database
 * itself through the machine API (scope misconduct.import). One command for both; checked whole.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { EXTERNAL_BATCH_CAP, EXTERNAL_CSV_COLUMNS } from '../../../core/sanctions/external-records';
import type { AppContext } from '../../context';
import { importExternalRecords, importExternalRecordsFile } from '../../modules/integrity/import-external-records';
import { callerOf, ctxOf } from '../auth';

const Imported = Type.Object({
  received: Type.Integer(), created: Type.Integer(), already: Type.Integer({ description: '此前已报入的同一记录（同一报送单位、文书号和主体），只记一次' }), ids: Type.Array(Type.String()),
});
const FILE_MAX_BYTES = 16 * 1_048_576;

export function externalRecordRoutes(s: FastifyInstance, app: AppContext) {
  const server = s.withTypeProvider<TypeBoxTypeProvider>();
  const permission = 'misconduct.importExternal' as const;

  server.post('/api/misconduct-records/external', { config: { permission }, bodyLimit: FILE_MAX_BYTES,
    schema: {
      tags: ['科研诚信'], summary: `报入外部失信记录（CI-12、CI-13，诚信科室）：Excel 或 CSV 文件（请求体为文件本身），首行为表头，列依次为：${EXTERNAL_CSV_COLUMNS.map((c) => c.header).join('、')}；至多 ${EXTERNAL_BATCH_CAP} 条，任一行有误整份不予报入并指出第几行`,
      querystring: Type.Object({ fileName: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }),
      response: { 200: Imported },
    },
  }, async (req) => importExternalRecordsFile(app, ctxOf(req), Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)));

  server.post('/api/machine/misconduct-records', { config: { machineScope: 'misconduct.import' },
    schema: {
      tags: ['科研诚信', '接口客户端'], summary: `报入外部失信记录（CI-12、CI-13，接口客户端：省级或全国科研诚信信息系统）：与文件报入同一规则，至多 ${EXTERNAL_BATCH_CAP} 条，任一条有误整份不予报入并指出第几条`,
      security: [{ apiClient: ['misconduct.import'] }],
      body: Type.Object({ records: Type.Unknown({ description: '记录数组：source、sender、documentNo、decidedBy、decidedOn、subjectKind、name、creditCode 或 idNumber、conduct、measures、banStart、banEnd、banLife' }) }, { additionalProperties: false }),
      response: { 200: Imported },
    },
  }, async (req) => importExternalRecords(app, callerOf(req), { records: req.body.records, via: 'machine' }));
}
