/**
 * 案件详情 / 待办列表 as the reader may see them: one generic view for every procedure, drawn from its
 * declaration — the parties named for the reader, the facts the declaration lists, the steps this
 * reader may take (each with what still blocks it), who takes the case on next, the clocks, the
 * timeline, files, documents and obligations. The list item carries only what the list shows.
 */
import { maySettleObligations } from '../../../core/access/record-abilities';
import { inScope, type Actor } from '../../../core/access/policy';
import { roleLabel } from '../../../core/access/roles';
import { availableDocuments, documentTitle } from '../../../core/documents/templates';
import { AppError } from '../../../core/errors';
import { available, followOnStarts, nextSteps, type ProcedureDef } from '../../../core/procedure/engine';
import { PROCEDURES } from '../../../core/procedure/procedures';
import { FILE_KIND_LABEL, materialRefusal, MATERIALS, INVESTIGATION_MATERIALS } from '../../../core/procedure/tolerance-case';
import { handlesCases } from '../../../core/procedure/common';
import { REGION_LEVEL_LABEL } from '../../../core/regions/region-tree';
import { businessDate } from '../../../core/time/clock';
import type { AppContext, RequestContext } from '../../context';
import { caseNumber, documentFacts } from '../documents/generate-document';
import { listCaseFiles } from '../files/store-file';
import { presentObligation, type ObligationRow } from '../obligations/settle-obligation';
import { caseClockStates, caseForPolicy, casesByIds, getCase, listCaseClocks, listCaseEvents, listRelatedCases, type CaseRow } from './cases-repo';
import { levelOf, procedureOf } from './procedure-of';
import { correctionsOfCase } from '../integrity/correct-record';

const stateLabel = (def: ProcedureDef, state: string) => def.states.find((s) => s.id === state)?.label ?? state;

/** What a list of cases shows of each: no case data, no steps (those are worked out when the case is opened). */
export function caseSummary(app: AppContext, c: CaseRow) {
  const def = procedureOf(c.procedure);
  return {
    id: c.id, procedure: c.procedure, family: def.family, title: def.title, state: c.state, stateLabel: stateLabel(def, c.state),
    terminal: !!def.states.find((s) => s.id === c.state)?.terminal, version: c.version, caseNo: caseNumber(c.id),
    jurisdictionCode: c.jurisdiction_code, jurisdictionName: app.regions.get(c.jurisdiction_code)?.name ?? c.jurisdiction_code,
    projectId: c.project_id, summary: def.view.summary?.text(c.data as never) ?? null,
  };
}

/** Who takes each next step, as a person asks it: role and bureau level in words. */
function whoTakes(roles: readonly string[], levels?: readonly string[]) {
  const who = roles.map((r) => roleLabel(r as never)).join('或');
  return levels?.length ? `${levels.map((l) => REGION_LEVEL_LABEL[l as keyof typeof REGION_LEVEL_LABEL]).join('、')}科技部门的${who}` : who;
}

/** The parties the declaration names, as this reader may see them (a case out of the reader's scope is left out). */
async function parties(app: AppContext, ctx: RequestContext, def: ProcedureDef, c: CaseRow) {
  const out: Array<{ label: string; kind: string; id: string; name: string; detail?: string }> = [];
  const want = (def.view.parties ?? []).map((p) => ({ ...p, id: (c.data as Record<string, unknown>)[p.key] })).filter((p): p is typeof p & { id: string } => typeof p.id === 'string');
  const ids = (kind: string) => want.filter((p) => p.kind === kind).map((p) => p.id);
  const [subjects, projects, cases, listings] = await Promise.all([
    ids('subject').length ? app.db.query<{ id: string; name: string; kind: string; employer_name: string | null }>(
      'SELECT s.id, s.name, s.kind, e.name AS employer_name FROM subjects s LEFT JOIN subjects e ON e.id = s.employer_id WHERE s.id = ANY($1::uuid[])', [ids('subject')]) : [],
    ids('project').length ? app.db.query<{ id: string; code: string; name: string }>('SELECT id, code, name FROM projects WHERE id = ANY($1::uuid[])', [ids('project')]) : [],
    casesByIds(app.db, ids('case')),
    ids('listing').length ? app.db.query<{ id: string; listed_on: string; until: string | null }>('SELECT id, listed_on, until FROM listings WHERE id = ANY($1::uuid[])', [ids('listing')]) : [],
  ]);
  for (const p of want) {
    if (p.kind === 'subject') { const s = subjects.find((x) => x.id === p.id); if (s) out.push({ label: p.label, kind: 'subject', id: s.id, name: s.name, detail: s.kind === 'person' ? (s.employer_name ? `个人，${s.employer_name}` : '个人') : '单位' }); }
    if (p.kind === 'project') { const x = projects.find((y) => y.id === p.id); if (x) out.push({ label: p.label, kind: 'project', id: x.id, name: `${x.code} ${x.name}` }); }
    if (p.kind === 'case') {
      const x = cases.find((y) => y.id === p.id);
      if (x && inScope(ctx.scope, caseForPolicy(x))) { const d = procedureOf(x.procedure); out.push({ label: p.label, kind: 'case', id: x.id, name: d.title, detail: stateLabel(d, x.state) }); }
    }
    if (p.kind === 'listing') { const x = listings.find((y) => y.id === p.id); if (x) out.push({ label: p.label, kind: 'listing', id: x.id, name: `${x.listed_on} 列入${x.until ? `，至 ${x.until}` : ''}` }); }
  }
  return out;
}

export async function readCase(app: AppContext, ctx: RequestContext, id: string) {
  const c = await getCase(app.db, id);
  if (!c || !inScope(ctx.scope, caseForPolicy(c))) throw new AppError('NOT_FOUND');
  return presentCaseDetail(app, ctx, c);
}

export async function presentCaseDetail(app: AppContext, ctx: RequestContext, c: CaseRow) {
  const def = procedureOf(c.procedure);
  const view = { state: c.state, version: c.version, data: c.data };
  const sections = def.view.sections ?? [];
  const [events, clocks, clockStates, files, related, obligations, facts, named, recordCorrections] = await Promise.all([
    listCaseEvents(app.db, c.id), listCaseClocks(app.db, c.id), caseClockStates(app.db, c.id), listCaseFiles(app.db, c.id), listRelatedCases(app.db, c),
    app.db.query<ObligationRow>('SELECT * FROM obligations WHERE case_id = $1 ORDER BY created_at', [c.id]),
    documentFacts(app, app.db, c), parties(app, ctx, def, c),
    sections.includes('record_corrections') ? correctionsOfCase(app.db, c.id) : Promise.resolve([]),
  ]);
  const env = { registry: app.policies.registry, today: businessDate(app.clock), clocks: clockStates };
  const mayIssue = handlesCases(ctx.actor.role);
  const materialKinds = c.procedure === 'tolerance'
    ? Object.keys({ ...MATERIALS, ...INVESTIGATION_MATERIALS }).filter((k) => !materialRefusal(c.state, ctx.actor.role, k)) : [];
  return {
    ...caseSummary(app, c),
    data: c.data,
    parties: named,
    facts: def.view.facts.map((f) => ({ label: f.label, clause: f.clause ?? null, value: f.value(c.data as never) ?? null })).filter((f) => f.value !== null && f.value !== ''),
    sections,
    /** CI-27: corrections this case made to a sanction record, or that were made to its decision, each with the old value. */
    recordCorrections,
    steps: available(def, view, ctx.actor.role, levelOf(app, ctx.actor), env),
    followOns: followOnStarts(PROCEDURES, def, { ...view, id: c.id }, ctx.actor.role, levelOf(app, ctx.actor)),
    next: nextSteps(def, view).map((s) => ({ id: s.id, label: s.label, clause: s.clause, by: whoTakes(s.roles, s.levels) })),
    abilities: { addMaterialKinds: materialKinds, issueDocuments: mayIssue, settleObligations: maySettleObligations(ctx.actor.role) },
    materials: files.filter((f) => f.origin === 'material').map((f) => ({ ...f, kindLabel: FILE_KIND_LABEL[f.kind] ?? f.kind })),
    documents: files.filter((f) => f.origin === 'document'),
    documentsAvailable: mayIssue ? availableDocuments(facts).map((k) => ({ kind: k, title: documentTitle(k, facts) })) : [],
    related: related.filter((r) => inScope(ctx.scope, caseForPolicy(r))).map((r) => {
      const d = procedureOf(r.procedure);
      return { id: r.id, relation: r.id === c.parent_case_id ? 'parent' : 'child', procedure: r.procedure, title: d.title, stateLabel: stateLabel(d, r.state) };
    }),
    obligations: obligations.map((o) => presentObligation(o, businessDate(app.clock))),
    timeline: events.map((e) => ({
      seq: e.seq, step: e.step, clause: e.clause,
      label: e.step === 'start' ? def.starts.find((x) => x.id === (e.input as { start?: string }).start)?.label ?? def.starts.find((x) => x.state === e.to_state)?.label ?? '立案' : def.steps.find((t) => t.id === e.step)?.label ?? e.step,
      from: e.from_state, to: e.to_state, on: e.on_date, at: new Date(e.at).toISOString(), by: e.display_name, byRole: roleLabel(e.actor_role as never), input: e.input,
    })),
    clocks: clocks.map((k) => ({ id: k.id, limitId: k.limit_id, title: k.title, startDate: k.start_date, dueDate: k.due_date, provisional: k.provisional, derivation: k.derivation, status: k.status, stoppedDate: k.stopped_date })),
  };
}

export type CaseDetail = Awaited<ReturnType<typeof presentCaseDetail>>;
export type { Actor };
