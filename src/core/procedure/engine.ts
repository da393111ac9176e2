/**
 * One procedure engine for every case type. A procedure is declared as data — states, transitions,
 * who may take each, guards, the clocks a transition opens and stops, each with its clause — and one
 * generic planner decides whether a transition may be taken and what it does. A new procedure is a
 * new declaration, not a copy of code. Pure: the server's runner carries the plan out in one
 * transaction.
 */
import type { Role } from '../access/roles';
import { REGION_LEVEL_LABEL, type RegionLevel } from '../regions/region-tree';
import { EFFECT_CLAUSES } from './effects';
import { DEFAULT_REGISTRY, type PolicyRegistry } from '../policy/registry';

export interface StateDef {
  id: string;
  label: string;
  terminal?: boolean;
}

/** What a guard may consult beyond the case and the input: the policy registry in force in the bureau. */
export interface GuardEnv {
  registry: PolicyRegistry;
  /** The business date of the step (the injected clock), when the runner knows it. */
  today?: string;
  /** The case's clocks by time limit, e.g. to refuse a step while an objection window runs. */
  clocks?: Record<string, { dueDate: string; status: string }>;
}

export interface CaseView<D = Record<string, unknown>> {
  state: string;
  version: number;
  data: D;
}

export interface TransitionDef<D = Record<string, unknown>, I = Record<string, unknown>> {
  id: string;
  label: string;
  /** The clause the step implements, e.g. YT-6.2. */
  clause: string;
  from: readonly string[];
  to: string;
  roles: readonly Role[];
  /** The bureau levels whose staff may take it (e.g. only the province assesses YT-11 reports); any when absent. */
  levels?: readonly RegionLevel[];
  /** A condition on the case alone: while it fails the step is not offered at all (and refused if tried). */
  precondition?: (c: CaseView<D>) => { zh: string; field?: string } | null;
  /** Returns why the step may not be taken now (in Chinese), or null. */
  guard?: (c: CaseView<D>, input: I, env: GuardEnv) => { zh: string; field?: string } | null;
  /** Time limits whose clocks start with this step (the step's date is day 0). */
  opens?: readonly string[];
  /** Time limits whose clocks this step satisfies. */
  stops?: readonly string[];
  /** Roles at the handling bureau told of the step. */
  notify?: readonly Role[];
  /** How the step changes the case data (pure). */
  apply?: (data: D, input: I, env: GuardEnv) => D;
  /** Named effects outside the case the runner carries out in the same transaction (e.g. mark the project exempt). */
  effects?: readonly string[];
}

/** How a case may begin: in which state, by whom, on which clause, with which clocks running. */
export interface StartDef {
  state: string;
  roles: readonly Role[];
  clause: string;
  label: string;
  opens?: readonly string[];
}

export interface ProcedureDef<D = Record<string, unknown>> {
  id: string;
  title: string;
  clause: string;
  states: readonly StateDef[];
  starts: readonly StartDef[];
  transitions: readonly TransitionDef<D, any>[];
}

export type Refusal = { refused: true; code: 'INVALID_STATE' | 'FORBIDDEN' | 'GUARD' | 'UNKNOWN_TRANSITION'; zh: string; field?: string };
export interface Plan<D> { refused: false; transition: TransitionDef<D, any>; from: string; to: string; data: D; opens: readonly string[]; stops: readonly string[]; notify: readonly Role[]; effects: readonly string[] }

/** Decides one step: may this role take it from this state with this input, and what follows. */
export function plan<D>(def: ProcedureDef<D>, c: CaseView<D>, role: Role, transitionId: string, input: Record<string, unknown>, level?: RegionLevel | null, env: GuardEnv = { registry: DEFAULT_REGISTRY }): Plan<D> | Refusal {
  const t = def.transitions.find((x) => x.id === transitionId);
  if (!t) return { refused: true, code: 'UNKNOWN_TRANSITION', zh: `${def.title}没有“${transitionId}”这一步` };
  if (!t.from.includes(c.state)) {
    const label = def.states.find((s) => s.id === c.state)?.label ?? c.state;
    return { refused: true, code: 'INVALID_STATE', zh: `案件处于“${label}”状态，不能${t.label}（${t.clause}）` };
  }
  if (!t.roles.includes(role)) return { refused: true, code: 'FORBIDDEN', zh: `无权${t.label}（${t.clause}）` };
  if (t.levels && !(level && t.levels.includes(level))) return { refused: true, code: 'FORBIDDEN', zh: `只有${t.levels.map((l) => REGION_LEVEL_LABEL[l]).join('、')}科技部门可以${t.label}（${t.clause}）` };
  const problem = t.precondition?.(c) ?? t.guard?.(c, input, env);
  if (problem) return { refused: true, code: 'GUARD', zh: `${problem.zh}（${t.clause}）`, field: problem.field };
  return {
    refused: false, transition: t, from: c.state, to: t.to, data: t.apply ? t.apply(c.data, input, env) : c.data,
    opens: t.opens ?? [], stops: t.stops ?? [], notify: t.notify ?? [], effects: t.effects ?? [],
  };
}

/** The steps this role may try from the case's state: what the UI offers, decided here only. */
export function available<D>(def: ProcedureDef<D>, c: CaseView<D>, role: Role, level?: RegionLevel | null): Array<{ id: string; label: string; clause: string }> {
  return def.transitions.filter((t) => t.from.includes(c.state) && t.roles.includes(role) && (!t.levels || (!!level && t.levels.includes(level))) && !t.precondition?.(c)).map((t) => ({ id: t.id, label: t.label, clause: t.clause }));
}

/** A declaration is checked once: every state it names exists, terminal states lead nowhere, every step cites a clause. */
export function checkDefinition(def: ProcedureDef<any>): string[] {
  const ids = new Set(def.states.map((s) => s.id));
  const problems: string[] = [];
  for (const s of def.starts) if (!ids.has(s.state)) problems.push(`start state ${s.state} is not declared`);
  for (const t of def.transitions) {
    for (const f of t.from) if (!ids.has(f)) problems.push(`${t.id}: from ${f} is not declared`);
    if (!ids.has(t.to)) problems.push(`${t.id}: to ${t.to} is not declared`);
    if (!/^(YT|CI|X)-\d/.test(t.clause)) problems.push(`${t.id}: cites no clause`);
    if (t.roles.length === 0) problems.push(`${t.id}: nobody may take it`);
    for (const f of t.from) if (def.states.find((s) => s.id === f)?.terminal) problems.push(`${t.id}: leaves terminal state ${f}`);
    for (const e of t.effects ?? []) if (!(e in EFFECT_CLAUSES)) problems.push(`${t.id}: names unknown effect ${e}`);
  }
  const reachable = new Set(def.starts.map((s) => s.state));
  for (let changed = true; changed;) {
    changed = false;
    for (const t of def.transitions) if (t.from.some((f) => reachable.has(f)) && !reachable.has(t.to)) { reachable.add(t.to); changed = true; }
  }
  for (const s of def.states) if (!reachable.has(s.id)) problems.push(`state ${s.id} cannot be reached`);
  return problems;
}
