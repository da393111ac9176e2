/**
 * 取得发文字号 (GB/T 9704-2012 7.2.4): gives a document its number from the issuing bureau's sequence
 * for the kind and year, inside the caller's transaction (the one that stores the document), and audits
 * it there. A document already numbered (the same case, kind and edition rendered again) keeps its number.
 */
import { documentNumber } from '../../../core/documents/official-form';
import type { AppContext, RequestContext } from '../../context';
import type { Sql } from '../../db/database';
import { appendAudit } from '../audit/append-audit';
import { findDocumentNumber, insertDocumentNumber, takeNextNumber, type DocumentNumberRow } from './documents-repo';

export interface NumberRequest { caseId: string; kind: string; kindPrefix: string; edition: number; bureauCode: string; organPrefix: string; issuedOn: string }

export async function issueDocumentNumber(app: AppContext, tx: Sql, req: RequestContext, n: NumberRequest): Promise<DocumentNumberRow> {
  const held = await findDocumentNumber(tx, n.caseId, n.kind, n.edition);
  if (held) return held;
  const year = Number(n.issuedOn.slice(0, 4));
  const seq = await takeNextNumber(tx, n.bureauCode, n.kind, year);
  const row: DocumentNumberRow = { case_id: n.caseId, kind: n.kind, edition: n.edition, bureau_code: n.bureauCode, year, seq, doc_no: documentNumber(n.organPrefix, n.kindPrefix, year, seq), issued_on: n.issuedOn };
  await insertDocumentNumber(tx, { ...row, issued_by: req.actor.userId, created_at: app.clock.now().toISOString() });
  await appendAudit(tx, app, {
    actor: req.actor, ip: req.ip, action: 'document.number', objectType: 'case', objectId: n.caseId,
    after: { kind: n.kind, edition: n.edition, bureau: n.bureauCode, year, seq, docNo: row.doc_no },
  });
  return row;
}
