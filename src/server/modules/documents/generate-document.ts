/**
 * 生成文书: builds a document from the case as it stands, renders it, and keeps it with the case,
 * hashed and audited, in one transaction. The policy version in force on the document date is the
 * one cited; a lapsed version is reported to the officer.
 */
import { inScope } from '../../../core/access/policy';
import { handlesCases } from '../../../core/procedure/common';
import { TIME_LIMITS, limitFigures } from '../../../core/deadlines/time-limits';
import { buildDocument, caseNumber, documentEdition, kindPrefix, numberedInSequence, type DocumentFacts, type DocumentKind } from '../../../core/documents/templates';
import { AppError } from '../../../core/errors';
import { bureauFor } from '../../../core/regions/yunnan';
import { businessDate } from '../../../core/time/clock';
import type { AppContext, RequestContext } from '../../context';
import type { Sql } from '../../db/database';
import { caseForPolicy, type CaseRow } from '../cases/cases-repo';
import { regionPath } from '../deadlines/recompute-clock';
import { storeFile, type StoredFile } from '../files/store-file';
import { bureauProfile } from '../regions/regions-repo';
import { issueDocumentNumber } from './issue-document-number';
import { MEDIA_TYPES, loadRenderers, renderDocx, renderPdf, type DocumentFormat } from './render';

export { caseNumber } from '../../../core/documents/templates';

export async function documentFacts(app: AppContext, db: Sql, c: CaseRow): Promise<DocumentFacts> {
  const steps = await db.query<{ step: string }>('SELECT step FROM case_events WHERE case_id = $1 ORDER BY seq', [c.id]);
  const [project] = c.project_id ? await db.query<{ code: string; name: string }>('SELECT code, name FROM projects WHERE id = $1', [c.project_id]) : [];
  const subjectId = typeof c.data.subjectId === 'string' ? c.data.subjectId : null;
  const names = await db.query<{ id: string; name: string }>('SELECT id, name FROM subjects WHERE id = ANY($1::uuid[])', [[c.applicant_person_id, c.unit_id, subjectId].filter(Boolean)]);
  const subjectName = subjectId ? names.find((n) => n.id === subjectId)?.name : undefined;
  const nameOf = (id: string | null) => names.find((n) => n.id === id)?.name;
  const region = app.regions.get(c.jurisdiction_code);
  const date = businessDate(app.clock);
  const version = (doc: 'YT' | 'CI') => {
    const lookup = app.policies.registry.versionFor(doc, date, regionPath(app, c.jurisdiction_code));
    return { docNo: lookup.version.docNo, title: lookup.content.title, warning: lookup.warning };
  };
  const remedy = (name: string) => app.policies.registry.parameter(app.policies.registry.versionFor('CI', date, regionPath(app, c.jurisdiction_code)), name);
  const [reconsideration, litigation] = [remedy('CI-22.reconsiderationDays'), remedy('CI-22.litigationMonths')];
  return {
    office: (await bureauProfile(db, c.jurisdiction_code)) ?? undefined,
    remedies: { reconsideration: { days: reconsideration.value as number, basis: reconsideration.basis }, litigation: { months: litigation.value as number, basis: litigation.basis } },
    procedure: c.procedure, state: c.state, stepsTaken: steps.map((s) => s.step), data: c.data, caseNo: caseNumber(c.id), caseId: c.id,
    project: project ?? null, addressee: (c.procedure === 'tolerance' ? nameOf(c.applicant_person_id) : undefined) ?? nameOf(c.unit_id) ?? nameOf(c.applicant_person_id) ?? subjectName ?? '有关单位',
    bureau: region ? bureauFor(region).name : c.jurisdiction_code,
    policies: { YT: version('YT'), CI: version('CI') },
    date,
    limitLength: (limitId) => limitFigures(TIME_LIMITS[limitId], date, regionPath(app, c.jurisdiction_code), app.policies.registry).amount,
  };
}

export async function generateDocument(app: AppContext, req: RequestContext, caseId: string, kind: DocumentKind, format: DocumentFormat): Promise<StoredFile & { docNo: string; warnings: string[] }> {
  const [c] = await app.db.query<CaseRow>('SELECT * FROM cases WHERE id = $1', [caseId]);
  if (!c || !inScope(req.scope, caseForPolicy(c))) throw new AppError('NOT_FOUND');
  if (!handlesCases(req.actor.role)) throw new AppError('FORBIDDEN', { zh: '只有经办人员可以出具文书' });
  const facts = await documentFacts(app, app.db, c);
  if (!buildDocument(kind, facts)) throw new AppError('DOCUMENT_UNAVAILABLE', { field: 'kind', zh: '案件尚未办理到可出具该文书的步骤' });
  if (!facts.office) throw new AppError('DOCUMENT_UNAVAILABLE', { field: 'kind', zh: '本局尚未设置公文版式（发文机关标志、机关代字），无法出具文书' });
  const office = facts.office;
  await loadRenderers(format, app.config.cjkFont);
  const stored = await app.db.transaction(async (tx) => {
    // The case must not have moved on since the document was built from it.
    const [now] = await tx.query<{ version: number }>('SELECT version FROM cases WHERE id = $1 FOR UPDATE', [c.id]);
    if (now.version !== c.version) throw new AppError('VERSION_CONFLICT', { zh: '案件已被他人办理，请刷新后重新生成' });
    // GB/T 9704-2012 7.2.4: the number is taken in this transaction, so a document that is not stored takes none.
    const number = numberedInSequence(kind) ? await issueDocumentNumber(app, tx, req, {
      caseId: c.id, kind, kindPrefix: kindPrefix(kind), edition: documentEdition(kind, facts), bureauCode: c.jurisdiction_code, organPrefix: office.docPrefix, issuedOn: facts.date,
    }) : null;
    // A document numbered earlier is dated as issued then.
    const content = buildDocument(kind, { ...facts, number: number?.seq, date: number?.issued_on ?? facts.date })!;
    const bytes = format === 'pdf' ? await renderPdf(content, app.config.cjkFont, app.clock.now()) : await renderDocx(content);
    const file = await storeFile(app, tx, req, { caseId: c.id, origin: 'document', kind, fileName: `${content.title}-${facts.caseNo}.${format}`, mediaType: MEDIA_TYPES[format], bytes, clause: content.clauses.join(' '), docNo: content.docNo });
    return { ...file, docNo: content.docNo, warnings: content.warnings };
  });
  return stored;
}
