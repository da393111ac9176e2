/**
 * One procedure engine for every case type. A procedure is a declaration — its states; how a case
 * begins (starts); the steps that move it, each with who may take it, the input it asks for (a
 * schema), what the text requires to have happened before it (requirements, each with its clause),
 * the clocks it opens and stops, its effects outside the case; and what the case page shows (view).
 * One generic planner decides whether a start or a step may be taken and what it does, so a new
 * procedure is a new declaration, not new code. Pure: the server's runner carries a plan out in one
 * transaction, and the web client draws its forms from the same schemas.
 */
import type { Static, TObject } from 'typebox';
import { Value } from 'typebox/value';
import type { Role } from '../access/roles';
import { DEFAULT_REGISTRY, type PolicyRegistry } from '../policy/registry';
import { REGION_LEVEL_LABEL, type RegionLevel } from '../regions/region-tree';
import { describeSchemaErrors, type SchemaError } from '../validation/messages';
import { EFFECT_CLAUSES } from './effects';
import { FACT_KINDS, type FactKind, type FactSet } from './facts';

export interface StateDef {
  id: string;
  label: string;
  terminal?: boolean;
}

/** What a requirement or check may consult beyond the case and the input. */
export interface GuardEnv {
  /** The policy registry in force in the bureau. */
  registry: PolicyRegistry;
  /** The business date of the step (the injected clock), when the runner knows it. */
  today?: string;
  /** The case's clocks by time limit, e.g. to refuse a step while an objection window runs. */
  clocks?: Record<string, { dueDate: string; status: string; startDate?: string }>;
  /**
   * The due date a time limit would have from a start date, counted as the case's clocks are (its
   * jurisdiction's calendar): for a check on a date the input proposes (a hearing at least 7 working days
   * after its notice, 行政处罚法第六十四条). Given by the runner; a check that needs it refuses without it.
   */
  dueDate?: (limitId: string, startDate: string) => string;
}

export interface CaseView<D = Record<string, unknown>> {
  state: string;
  version: number;
  data: D;
}

/** Why something may not be done, in Chinese; the field at fault and the clause that decides it where known. */
export interface Problem {
  zh: string;
  field?: string;
  clause?: string;
  /** A field the input must have in this case (a date an extension needs) is a validation failure; a fact the case contradicts (the default) is an inconsistency. */
  kind?: 'input' | 'inconsistent';
}

/**
 * Something the text requires to have happened before a step ("充分听取申辩意见" before the YT-6.3
 * decision). A step whose requirements are not all met is offered but blocked, and each unmet one is
 * said with its clause: the refusal a user sees is "尚未听取申辩意见（YT-6.3）".
 */
export interface Requirement<D> {
  /** Stable id, reported with a refusal (e.g. defence_heard). */
  id: string;
  /** What is missing, as a person reads it (worked out from the case where it says how much is missing). */
  zh: string | ((c: CaseView<D>, env: GuardEnv) => string);
  clause: string;
  met: (c: CaseView<D>, env: GuardEnv) => boolean;
}

export interface StepDef<D = Record<string, unknown>, I extends TObject = TObject> {
  id: string;
  label: string;
  /** The clause the step implements, e.g. YT-6.2. */
  clause: string;
  from: readonly string[];
  to: string;
  roles: readonly Role[];
  /** The bureau levels whose staff may take it (e.g. only the province assesses YT-11 reports); any when absent. */
  levels?: readonly RegionLevel[];
  /** What the step asks for: server validation, the OpenAPI body and the web form all come from this schema. */
  input: I;
  /** Whether the step applies to the case at all (批准延长 only while an extension awaits approval); not offered otherwise. */
  offeredWhen?: { test: (c: CaseView<D>) => boolean; zh: string };
  /** What the text requires before the step: offered but blocked until all are met. */
  requires?: readonly Requirement<D>[];
  /** What the input must agree with in the case, beyond its schema (e.g. a finding only for a condition claimed). */
  check?: (c: CaseView<D>, input: Static<I>, env: GuardEnv) => Problem | null;
  /** Time limits whose clocks start with this step (the step's date is day 0). */
  opens?: readonly string[];
  /** Time limits whose clocks this step satisfies. */
  stops?: readonly string[];
  /** Roles at the handling bureau told of the step. */
  notify?: readonly Role[];
  /** How the step changes the case data (pure). */
  apply?: (data: D, input: Static<I>, env: GuardEnv) => D;
  /** Named effects outside the case the runner carries out in the same transaction (e.g. mark the project exempt). */
  effects?: readonly string[];
}

/** Where a new case lives and what it holds: the runner writes this as the case row. */
export interface CaseOpening<D> {
  jurisdictionCode: string;
  projectId: string | null;
  /** The unit and the person who are parties to the case (they see it); null for a case about them they must not see. */
  unitId: string | null;
  applicantPersonId: string | null;
  data: D;
  /** Clocks the case opens on dates of their own (YT-6.1 counts from the day accountability started), besides the start's own. */
  clocks?: ReadonlyArray<{ limitId: string; startDate: string }>;
}

/** Who begins a case: the runner gives the start this much of the actor. */
export interface StartEnv extends GuardEnv {
  actor: { role: Role; regionCode: string | null; personId: string | null; unitId: string | null };
}

/** A condition a start rests on, on its input and the records it loads (YT-3: the project is in scope). */
export interface StartRequirement<I extends TObject> {
  id: string;
  zh: string;
  clause: string;
  field?: string;
  met: (input: Static<I>, facts: FactSet, env: StartEnv) => boolean;
}

interface StartBase {
  /** Stable id of the start within its procedure (apply, ex_officio, from_tolerance…). */
  id: string;
  state: string;
  roles: readonly Role[];
  levels?: readonly RegionLevel[];
  clause: string;
  label: string;
  /** Time limits whose clocks start with the case. */
  opens?: readonly string[];
}

/** Begun by a person through the one start route (POST /api/cases). */
export interface RequestStart<D, I extends TObject = TObject> extends StartBase {
  by: 'request';
  input: I;
  /** Records the start rests on, loaded by the server by kind from the input key named (in the caller's scope; 404 otherwise). */
  loads?: Partial<Record<FactKind, keyof Static<I> & string>>;
  requires?: readonly StartRequirement<I>[];
  check?: (input: Static<I>, facts: FactSet, env: StartEnv) => Problem | null;
  open: (input: Static<I>, facts: FactSet, env: StartEnv) => CaseOpening<D>;
  /**
   * Where the start is offered besides the list pages: on a case of another procedure in one of these
   * states, its inputs filled from that case (`'@id'` the case's id, any other name a key of its data).
   */
  offeredFrom?: { procedure: string; states: readonly string[]; fill: Partial<Record<keyof Static<I> & string, string>> };
}

/** Begun by the system, which gives its data: a step of another case (YT-9.1: the decision starts the correction) or a command (CI-29: registering a complaint). */
export interface InternalStart extends StartBase {
  by: 'internal';
}

export type StartDef<D> = RequestStart<D, any> | InternalStart;

export const SECTION_KINDS = ['materials', 'findings', 'plan', 'decision_documents', 'obligations', 'record_corrections'] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

/** What the generic case page shows for a procedure: parties named, facts in order, and the sections it has. */
export interface ViewDef<D> {
  /**
   * A line beside the title (e.g. the failure the application concerns), with the data keys it reads:
   * the work queue selects only those keys of each case's data, never the whole of it (issue 17).
   * `test/core/procedure-summaries.test.ts` fails when `text` reads a key `reads` does not name.
   */
  summary?: { reads: readonly (keyof D & string)[]; text: (d: D) => string | null | undefined };
  /** Who or what the case is about, by the data key holding its id: the server names them for the reader. */
  parties?: ReadonlyArray<{ label: string; key: keyof D & string; kind: 'subject' | 'project' | 'case' | 'listing' }>;
  /** The facts shown, each with its label and clause; a fact whose value is empty is left out. */
  facts: ReadonlyArray<{ label: string; clause?: string; value: (d: D) => string | null | undefined }>;
  sections?: readonly SectionKind[];
}

export interface ProcedureDef<D = any> {
  id: string;
  title: string;
  clause: string;
  /** The menu group and section of the bureau that handles it (容错纠错 or 科研诚信): CI cases never carry YT labels. */
  family: 'tolerance' | 'integrity';
  states: readonly StateDef[];
  starts: readonly StartDef<D>[];
  steps: readonly StepDef<D, any>[];
  view: ViewDef<D>;
}

/** One step, typed against its case data, its input inferred from its schema. */
export const step = <D>() => <I extends TObject>(s: StepDef<D, I>): StepDef<D, I> => s;
/** One request start, typed likewise. */
export const requestStart = <D>() => <I extends TObject>(s: Omit<RequestStart<D, I>, 'by'>): RequestStart<D, I> => ({ ...s, by: 'request' });

export type RefusalCode = 'UNKNOWN_STEP' | 'INVALID_STATE' | 'FORBIDDEN' | 'NOT_OFFERED' | 'INPUT' | 'REQUIREMENT' | 'CHECK';
export interface Refusal {
  refused: true;
  code: RefusalCode;
  zh: string;
  field?: string;
  clause?: string;
  /** The requirement not met, for a REQUIREMENT refusal. */
  requirement?: string;
  /** For an INPUT refusal: a date that does not exist (INVALID_DATE) or any other schema failure. */
  inputCode?: 'VALIDATION_FAILED' | 'INVALID_DATE';
}
const checkRefusal = (problem: Problem, fallbackClause: string): Refusal => {
  const clause = problem.clause ?? fallbackClause;
  return problem.kind === 'input'
    ? { refused: true, code: 'INPUT', zh: `${problem.zh}（${clause}）`, field: problem.field, clause, inputCode: 'VALIDATION_FAILED' }
    : { refused: true, code: 'CHECK', zh: `${problem.zh}（${clause}）`, field: problem.field, clause };
};
export interface Plan<D> { refused: false; step: StepDef<D, any>; from: string; to: string; data: D; opens: readonly string[]; stops: readonly string[]; notify: readonly Role[]; effects: readonly string[] }

/** Checks an input against a step's or start's schema; the first problem, said in Chinese by field label. */
export function inputProblem(schema: TObject, input: unknown): Refusal | null {
  if (Value.Check(schema, input)) return null;
  const p = describeSchemaErrors([...Value.Errors(schema, input)] as SchemaError[], schema as never);
  return { refused: true, code: 'INPUT', zh: p.zh, field: p.field || undefined, inputCode: p.code };
}

const who = (roles: readonly Role[], levels: readonly RegionLevel[] | undefined, role: Role, level: RegionLevel | null | undefined) =>
  roles.includes(role) && (!levels || (!!level && levels.includes(level)));

/** The requirements of a step not met on this case, each as the refusal says it. */
export function unmet<D>(s: StepDef<D, any>, c: CaseView<D>, env: GuardEnv): Array<{ id: string; zh: string; clause: string }> {
  return (s.requires ?? []).filter((r) => !r.met(c, env)).map((r) => ({ id: r.id, zh: typeof r.zh === 'function' ? r.zh(c, env) : r.zh, clause: r.clause }));
}

/** Decides one step: may this role take it from this state with this input, and what follows. */
export function plan<D>(def: ProcedureDef<D>, c: CaseView<D>, role: Role, stepId: string, input: Record<string, unknown>, level?: RegionLevel | null, env: GuardEnv = { registry: DEFAULT_REGISTRY }): Plan<D> | Refusal {
  const s = def.steps.find((x) => x.id === stepId);
  if (!s) return { refused: true, code: 'UNKNOWN_STEP', zh: `${def.title}没有“${stepId}”这一步` };
  if (!s.from.includes(c.state)) {
    const label = def.states.find((x) => x.id === c.state)?.label ?? c.state;
    return { refused: true, code: 'INVALID_STATE', zh: `案件处于“${label}”状态，不能${s.label}（${s.clause}）`, clause: s.clause };
  }
  if (!s.roles.includes(role)) return { refused: true, code: 'FORBIDDEN', zh: `无权${s.label}（${s.clause}）`, clause: s.clause };
  if (s.levels && !(level && s.levels.includes(level))) return { refused: true, code: 'FORBIDDEN', zh: `只有${s.levels.map((l) => REGION_LEVEL_LABEL[l]).join('、')}科技部门可以${s.label}（${s.clause}）`, clause: s.clause };
  if (s.offeredWhen && !s.offeredWhen.test(c)) return { refused: true, code: 'NOT_OFFERED', zh: `${s.offeredWhen.zh}（${s.clause}）`, clause: s.clause };
  const bad = inputProblem(s.input, input);
  if (bad) return { ...bad, zh: `${bad.zh}（${s.clause}）`, clause: s.clause };
  const missing = unmet(s, c, env)[0];
  if (missing) return { refused: true, code: 'REQUIREMENT', zh: `${missing.zh}（${missing.clause}）`, clause: missing.clause, requirement: missing.id };
  const problem = s.check?.(c, input as never, env);
  if (problem) return checkRefusal(problem, s.clause);
  return {
    refused: false, step: s, from: c.state, to: s.to, data: s.apply ? s.apply(c.data, input as never, env) : c.data,
    opens: s.opens ?? [], stops: s.stops ?? [], notify: s.notify ?? [], effects: s.effects ?? [],
  };
}

export interface OfferedStep { id: string; label: string; clause: string; to: string; blockedBy: Array<{ id: string; zh: string; clause: string }> }

/** The steps this role may take from the case's state: what the UI offers, each with what still blocks it. Decided here only. */
export function available<D>(def: ProcedureDef<D>, c: CaseView<D>, role: Role, level?: RegionLevel | null, env: GuardEnv = { registry: DEFAULT_REGISTRY }): OfferedStep[] {
  return def.steps
    .filter((s) => s.from.includes(c.state) && who(s.roles, s.levels, role, level) && (!s.offeredWhen || s.offeredWhen.test(c)))
    .map((s) => ({ id: s.id, label: s.label, clause: s.clause, to: s.to, blockedBy: unmet(s, c, env) }));
}

/** Who takes the case on from here: the steps out of its state (other than notes that keep it there) and the roles that take them. */
export function nextSteps<D>(def: ProcedureDef<D>, c: CaseView<D>): Array<{ id: string; label: string; clause: string; roles: readonly Role[]; levels?: readonly RegionLevel[] }> {
  return def.steps.filter((s) => s.from.includes(c.state) && s.to !== c.state && (!s.offeredWhen || s.offeredWhen.test(c)))
    .map((s) => ({ id: s.id, label: s.label, clause: s.clause, roles: s.roles, levels: s.levels }));
}

export type StartPlan<D> = { refused: false; start: StartDef<D>; opening: CaseOpening<D> } | Refusal;

/** Decides a start made through the start route, once the server has loaded the records it names. */
export function planStart<D>(def: ProcedureDef<D>, startId: string, input: Record<string, unknown>, facts: FactSet, env: StartEnv, level?: RegionLevel | null): StartPlan<D> {
  const s = def.starts.find((x) => x.id === startId);
  if (!s || s.by !== 'request') return { refused: true, code: 'UNKNOWN_STEP', zh: `${def.title}不能以“${startId}”方式开始`, field: 'start' };
  if (!who(s.roles, s.levels, env.actor.role, level)) return { refused: true, code: 'FORBIDDEN', zh: `无权${s.label}（${s.clause}）`, clause: s.clause };
  const bad = inputProblem(s.input, input);
  if (bad) return { ...bad, zh: `${bad.zh}（${s.clause}）`, clause: s.clause };
  const missing = (s.requires ?? []).find((r) => !r.met(input as never, facts, env));
  if (missing) return { refused: true, code: 'REQUIREMENT', zh: `${missing.zh}（${missing.clause}）`, clause: missing.clause, requirement: missing.id, field: missing.field };
  const problem = s.check?.(input as never, facts, env);
  if (problem) return checkRefusal(problem, s.clause);
  return { refused: false, start: s, opening: s.open(input as never, facts, env) };
}

/** The starts of any procedure offered on a case of `def` in its state to this role, with the inputs the case fills. */
export function followOnStarts(all: Readonly<Record<string, ProcedureDef>>, def: ProcedureDef, c: CaseView<Record<string, unknown>> & { id: string }, role: Role, level?: RegionLevel | null) {
  return Object.values(all).flatMap((p) => p.starts.filter((s): s is RequestStart<unknown, any> => s.by === 'request' && !!s.offeredFrom && s.offeredFrom.procedure === def.id
    && s.offeredFrom.states.includes(c.state) && who(s.roles, s.levels, role, level))
    .map((s) => ({
      procedure: p.id, start: s.id, label: s.label, clause: s.clause,
      fixed: Object.fromEntries(Object.entries(s.offeredFrom!.fill).map(([k, from]) => [k, from === '@id' ? c.id : c.data[from as string]])),
    })));
}

/** A declaration is checked once: every state it names exists, terminal states lead nowhere, every step and requirement cites a clause. */
export function checkDefinition(def: ProcedureDef<any>): string[] {
  const ids = new Set(def.states.map((s) => s.id));
  const problems: string[] = [];
  const cites = (c: string) => /^(YT|CI|X)-\d/.test(c) || /^(行政处罚法|行政复议法|行政诉讼法|国科发监|国家发展改革委令)/.test(c);
  const startIds = new Set<string>();
  for (const s of def.starts) {
    if (!ids.has(s.state)) problems.push(`start ${s.id}: state ${s.state} is not declared`);
    if (startIds.has(s.id)) problems.push(`start ${s.id} is declared twice`);
    startIds.add(s.id);
    if (s.by === 'request') {
      for (const k of Object.keys(s.loads ?? {})) if (!(FACT_KINDS as readonly string[]).includes(k)) problems.push(`start ${s.id}: loads unknown fact ${k}`);
      for (const r of s.requires ?? []) if (!cites(r.clause)) problems.push(`start ${s.id}: requirement ${r.id} cites no clause`);
    }
  }
  const stepIds = new Set<string>();
  for (const t of def.steps) {
    if (stepIds.has(t.id)) problems.push(`${t.id} is declared twice`);
    stepIds.add(t.id);
    for (const f of t.from) if (!ids.has(f)) problems.push(`${t.id}: from ${f} is not declared`);
    if (!ids.has(t.to)) problems.push(`${t.id}: to ${t.to} is not declared`);
    if (!cites(t.clause)) problems.push(`${t.id}: cites no clause`);
    if (t.roles.length === 0) problems.push(`${t.id}: nobody may take it`);
    if (t.input?.type !== 'object') problems.push(`${t.id}: declares no input schema`);
    for (const r of t.requires ?? []) if (!cites(r.clause)) problems.push(`${t.id}: requirement ${r.id} cites no clause`);
    for (const f of t.from) if (def.states.find((s) => s.id === f)?.terminal) problems.push(`${t.id}: leaves terminal state ${f}`);
    for (const e of t.effects ?? []) if (!(e in EFFECT_CLAUSES)) problems.push(`${t.id}: names unknown effect ${e}`);
  }
  const reachable = new Set(def.starts.map((s) => s.state));
  for (let changed = true; changed;) {
    changed = false;
    for (const t of def.steps) if (t.from.some((f) => reachable.has(f)) && !reachable.has(t.to)) { reachable.add(t.to); changed = true; }
  }
  for (const s of def.states) if (!reachable.has(s.id)) problems.push(`state ${s.id} cannot be reached`);
  return problems;
}
