/**
 * Loads the records a start names (core/procedure/facts.ts), each by its kind and inside the caller's
 * data scope: a record that does not exist or that the caller may not see is "not found", on the
 * input field that named it. A declaration never reads the database; it is handed these.
 */
import { inScope, type DataScope } from '../../../core/access/policy';
import { AppError } from '../../../core/errors';
import type { FactKind, FactSet, ListingFacts, MisconductCaseFacts, ProjectFacts, SubjectFacts } from '../../../core/procedure/facts';
import type { Severity } from '../../../core/sanctions/sanctions';
import type { Sql } from '../../db/database';
import { getProject, projectForPolicy } from '../projects/projects-repo';
import { getSubject, subjectForPolicy } from '../subjects/subjects-repo';
import { caseForPolicy, getCase } from './cases-repo';

const NOT_FOUND: Record<FactKind, string> = { project: '项目不存在', subject: '主体不存在', misconductCase: '所依据的失信案件不存在', listing: '名单记录不存在', rating: '信用评价不存在' };

type Loader<T> = (tx: Sql, scope: DataScope, id: string) => Promise<T | null>;

const project: Loader<ProjectFacts> = async (tx, scope, id) => {
  const p = await getProject(tx, id);
  if (!p || !inScope(scope, projectForPolicy(p))) return null;
  return {
    id: p.id, code: p.code, name: p.name, jurisdictionCode: p.jurisdiction_code, planLevel: p.plan_level, fundingSource: p.funding_source, status: p.status,
    undertakingUnitId: p.undertaking_unit_id, leaderId: p.leader_id, dueDate: p.due_date, extendedDueDate: p.extended_due_date,
  };
};

const subject: Loader<SubjectFacts> = async (tx, scope, id) => {
  const s = await getSubject(tx, id);
  if (!s || !inScope(scope, subjectForPolicy(s))) return null;
  return { id: s.id, kind: s.kind, name: s.name, regionCode: s.region_code, employerId: s.employer_id ?? null };
};

const misconductCase: Loader<MisconductCaseFacts> = async (tx, scope, id) => {
  const c = await getCase(tx, id);
  if (!c || c.procedure !== 'misconduct' || !inScope(scope, caseForPolicy(c))) return null;
  const decision = (c.data as { decision?: { simpleProcedure?: boolean; minorAndCorrected?: boolean; decidedOn?: string } }).decision;
  const rows = await tx.query<{ id: string; subject_id: string; severity: Severity; responsible_role: string | null; ban_end: string | null; ban_life: boolean; public_list: boolean }>(
    'SELECT id, subject_id, severity, responsible_role, ban_end, ban_life, public_list FROM sanctions WHERE case_id = $1 ORDER BY created_at', [c.id]);
  return {
    id: c.id, state: c.state, jurisdictionCode: c.jurisdiction_code, subjectId: (c.data as { subjectId?: string }).subjectId ?? null, decidedOn: decision?.decidedOn ?? null,
    sanctions: rows.map((r) => ({ id: r.id, subjectId: r.subject_id, severity: r.severity, responsibleRole: r.responsible_role, banEnd: r.ban_end, banLife: r.ban_life, publicList: r.public_list,
      simpleProcedure: !!decision?.simpleProcedure, minorAndCorrected: !!decision?.minorAndCorrected })),
  };
};

const listing: Loader<ListingFacts> = async (tx, scope, id) => {
  const [l] = await tx.query<{ id: string; subject_id: string; kind: 'organization' | 'person'; jurisdiction_code: string; listed_on: string; until: string | null; repaired_on: string | null }>(
    'SELECT l.id, l.subject_id, s.kind, l.jurisdiction_code, l.listed_on, l.until, l.repaired_on FROM listings l JOIN subjects s ON s.id = l.subject_id WHERE l.id = $1', [id]);
  if (!l) return null;
  // The listed subject sees its own entry; staff see those of their area.
  const record = { regionCodes: [l.jurisdiction_code], unitIds: l.kind === 'organization' ? [l.subject_id] : [], personIds: l.kind === 'person' ? [l.subject_id] : [] };
  if (!inScope(scope, record)) return null;
  return { id: l.id, subjectId: l.subject_id, subjectKind: l.kind, jurisdictionCode: l.jurisdiction_code, listedOn: l.listed_on, until: l.until as string, repairedOn: l.repaired_on, removedOn: null };
};

const LOADERS: Partial<Record<FactKind, Loader<unknown>>> = { project, subject, misconductCase, listing };

/** The facts a start names, from the ids in its input; an absent optional id loads nothing. */
export async function loadStartFacts(tx: Sql, scope: DataScope, loads: Partial<Record<FactKind, string>>, input: Record<string, unknown>): Promise<FactSet> {
  const facts: Record<string, unknown> = {};
  for (const [kind, key] of Object.entries(loads) as Array<[FactKind, string]>) {
    const id = input[key];
    if (id === undefined || id === null) continue;
    const load = LOADERS[kind];
    if (!load) throw new Error(`no loader for fact kind ${kind}`);
    const found = await load(tx, scope, String(id));
    if (!found) throw new AppError('NOT_FOUND', { field: key, zh: NOT_FOUND[kind] });
    facts[kind] = found;
  }
  return facts as FactSet;
}
