/**
 * 报入外部失信记录 (CI-12, CI-13 joint punishment): records decided by other organs, sent from the
 * province's or the national research-integrity database — by the integrity section as a CSV file, or
 * by that database itself as an API client with the scope `misconduct.import`. One command for both:
 * the records are checked whole first (core `checkExternalRecords`; the first row at fault refuses the
 * whole file or call, naming it), then kept as received in one transaction with one audit event. The
 * full ID number is never stored: its blind index and masked form are. A record already received
 * (same sender, document number and subject) is taken once. The record joins the veto check
 * (veto-check.ts) and the misconduct list (misconduct-records.ts) as external.
 */
import { randomUUID } from 'node:crypto';
import { API_CLIENT_ROLE } from '../../../core/access/api-clients';
import { hasPermission } from '../../../core/access/roles';
import { AppError } from '../../../core/errors';
import { maskIdNumber } from '../../../core/identity/id-number';
import { checkExternalRecords, csvRecord, EXTERNAL_BATCH_CAP, EXTERNAL_CSV_COLUMNS } from '../../../core/sanctions/external-records';
import type { AppContext, CallerContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { readImportRows } from '../imports/import-plan';
import { normaliseName } from './veto-check';
import { insertExternalRecord, subjectsByIdentifiers } from './external-records-repo';

export interface ImportedExternal { received: number; created: number; already: number; ids: string[] }

export async function importExternalRecords(app: AppContext, caller: CallerContext, input: { records: unknown; via: 'file' | 'machine'; rowLabel?: (i: number) => string }): Promise<ImportedExternal> {
  const client = caller.actor.role === API_CLIENT_ROLE;
  const allowed = client ? (caller.apiScopes ?? []).includes('misconduct.import') : hasPermission(caller.actor.role as Exclude<typeof caller.actor.role, typeof API_CLIENT_ROLE>, 'misconduct.importExternal');
  if (!allowed) throw new AppError(client ? 'SCOPE_MISSING' : 'FORBIDDEN', { zh: client ? '访问令牌不含报入外部失信记录的权限范围 misconduct.import' : '只有科研诚信管理科室可以报入外部失信记录' });
  const region = caller.actor.regionCode;
  if (!region) throw new AppError('FORBIDDEN', { zh: '报入外部失信记录须有所属区划' });
  const rows = checkExternalRecords(input.records, input.rowLabel);
  const indexes = rows.map((r) => (r.idNumber ? app.cipher.blindIndex(r.idNumber) : null));
  const at = app.clock.now().toISOString();
  return app.db.transaction(async (tx) => {
    const subjects = await subjectsByIdentifiers(tx, rows.flatMap((r) => (r.creditCode ? [r.creditCode] : [])), indexes.filter((x): x is string => !!x));
    const ids: string[] = [];
    let already = 0;
    for (const [i, r] of rows.entries()) {
      // Linked to the register's subject when it is the same one (a person: number and name together).
      const s = r.creditCode ? subjects.find((x) => x.credit_code === r.creditCode) : subjects.find((x) => x.id_number_index === indexes[i] && normaliseName(x.name) === normaliseName(r.name));
      const id = await insertExternalRecord(tx, {
        id: randomUUID(), source: r.source, sender: r.sender, documentNo: r.documentNo, decidedBy: r.decidedBy, decidedOn: r.decidedOn, subjectKind: r.subjectKind, name: r.name,
        creditCode: r.creditCode, idNumberIndex: indexes[i], idNumberMasked: r.idNumber ? maskIdNumber(r.idNumber) : null, subjectId: s?.id ?? null,
        conduct: r.conduct, measures: r.measures, banStart: r.banStart, banEnd: r.banEnd, banLife: r.banLife, regionCode: region, via: input.via,
        userId: client ? null : caller.actor.userId, clientId: client ? caller.actor.userId : null, at,
      });
      if (id) ids.push(id); else already += 1;
    }
    await appendAudit(tx, app, {
      actor: caller.actor, ip: caller.ip, action: 'misconduct.external_import', objectType: 'external_misconduct_records', objectId: null,
      after: { via: input.via, regionCode: region, received: rows.length, created: ids.length, already, ids, senders: [...new Set(rows.map((r) => r.sender))], clause: 'CI-13' },
    });
    return { received: rows.length, created: ids.length, already, ids };
  });
}

/**
 * The file (Excel sheet 1 or CSV, read by the import machinery's reader under its caps; header row
 * first, columns as EXTERNAL_CSV_COLUMNS): each row refused by its spreadsheet row number.
 */
export async function importExternalRecordsFile(app: AppContext, caller: CallerContext, bytes: Buffer): Promise<ImportedExternal> {
  const { rows } = await readImportRows(bytes, EXTERNAL_CSV_COLUMNS.length);
  const body = rows.slice(1).filter((r) => r.cells.some((c) => String(c ?? '').trim()));
  if (body.length > EXTERNAL_BATCH_CAP) throw new AppError('PAYLOAD_TOO_LARGE', { field: 'file', zh: `一个文件至多 ${EXTERNAL_BATCH_CAP} 条外部失信记录` });
  const records = body.map((r) => csvRecord(r.cells.map((c) => String(c ?? ''))));
  // The field names the record (records[i]); the message names the file's row as a spreadsheet numbers it.
  return importExternalRecords(app, caller, { records, via: 'file', rowLabel: (i) => `第 ${body[i].row} 行` });
}
