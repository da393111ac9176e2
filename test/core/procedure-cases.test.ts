/**
 * Runs the procedure cases in test/cases/procedures: given a start and steps on these dates, these
 * clocks, refusals and outcomes. Each case is walked through the pure engine with the official
 * calendar, so policy staff can read — and add — a procedure's behaviour without reading code.
 * Clocks are computed from the day each step is taken (that day not counted), as the runner does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { BUNDLED_LOCAL_HOLIDAYS, BUNDLED_NOTICES } from '../../src/core/calendar/bundled';
import { CalendarBook } from '../../src/core/calendar/working-calendar';
import { computeDeadline } from '../../src/core/deadlines/compute-deadline';
import { plan, planStart, type CaseView, type GuardEnv, type StartEnv } from '../../src/core/procedure/engine';
import type { FactSet } from '../../src/core/procedure/facts';
import { PROCEDURES } from '../../src/core/procedure/procedures';
import { DEFAULT_REGISTRY } from '../../src/core/policy/registry';
import type { Role } from '../../src/core/access/roles';
import type { RegionLevel } from '../../src/core/regions/region-tree';

const DIR = path.resolve(__dirname, '../cases/procedures');
const book = new CalendarBook(BUNDLED_NOTICES, BUNDLED_LOCAL_HOLIDAYS);
const CHUXIONG = ['532300', '530000'];

const CASE_KEYS = ['name', 'procedure', 'start', 'case', 'steps', 'expect'];
const START_KEYS = ['id', 'on', 'role', 'level', 'actor', 'facts', 'input', 'refused', 'withData'];
const CASE_STATE_KEYS = ['state', 'data', 'on'];
const STEP_KEYS = ['on', 'role', 'level', 'step', 'input', 'refused', 'to', 'offered', 'blockedBy'];
const REFUSED_KEYS = ['code', 'requirement', 'clause', 'field', 'messageContains'];
const EXPECT_KEYS = ['state', 'clocks', 'data', 'effects'];

/** A key the runner does not read fails the case, by its path in the file. */
function unknownKeys(c: any): string[] {
  const out: string[] = [];
  const check = (obj: unknown, known: string[], at: string) => { if (obj && typeof obj === 'object') for (const k of Object.keys(obj)) if (!known.includes(k)) out.push(`${at}${k}`); };
  check(c, CASE_KEYS, '');
  check(c.start, START_KEYS, 'start.');
  check(c.start?.refused, REFUSED_KEYS, 'start.refused.');
  check(c.case, CASE_STATE_KEYS, 'case.');
  (c.steps ?? []).forEach((s: any, i: number) => { check(s, STEP_KEYS, `steps[${i}].`); check(s.refused, REFUSED_KEYS, `steps[${i}].refused.`); });
  check(c.expect, EXPECT_KEYS, 'expect.');
  return out;
}

interface Clock { dueDate: string; status: 'running' | 'stopped'; startDate: string; stoppedOn?: string }

function run(c: any) {
  expect(unknownKeys(c), `用例“${c.name}”含有运行器不认识的键`).toEqual([]);
  const def = PROCEDURES[c.procedure];
  expect(def, `没有 ${c.procedure} 程序`).toBeDefined();
  const clocks: Record<string, Clock> = {};
  const open = (limitId: string, on: string) => { clocks[limitId] = { dueDate: computeDeadline({ limitId, start: on, regionPath: CHUXIONG }, book).dueDate, status: 'running', startDate: on }; };
  const stop = (limitId: string, on: string) => { if (clocks[limitId]) clocks[limitId] = { ...clocks[limitId], status: 'stopped', stoppedOn: on }; };
  let view: CaseView<any>;
  const effects: string[] = [];
  if (c.start) {
    const s = c.start;
    const env: StartEnv = { registry: DEFAULT_REGISTRY, today: s.on, actor: { role: s.role, regionCode: s.actor?.regionCode ?? null, personId: s.actor?.personId ?? null, unitId: s.actor?.unitId ?? null } };
    const p = planStart(def, s.id, s.input ?? {}, (s.facts ?? {}) as FactSet, env, s.level as RegionLevel | undefined);
    if (s.refused) { expect(p).toMatchObject({ refused: true, ...refusal(s.refused) }); if (s.refused.messageContains) expect((p as { zh: string }).zh).toContain(s.refused.messageContains); return; }
    expect(p, JSON.stringify(p)).toMatchObject({ refused: false });
    if (p.refused) return;
    // withData: what the server keeps in the case besides its start (the materials uploaded, say).
    view = { state: p.start.state, version: 1, data: { ...(p.opening.data as object), ...(s.withData ?? {}) } };
    for (const l of p.start.opens ?? []) open(l, s.on);
    for (const k of p.opening.clocks ?? []) open(k.limitId, k.startDate);
  } else {
    view = { state: c.case.state, version: 1, data: c.case.data };
  }
  for (const [i, s] of (c.steps ?? []).entries()) {
    const env: GuardEnv = { registry: DEFAULT_REGISTRY, today: s.on, clocks };
    const label = `第 ${i + 1} 步 ${s.step}（${s.on}）`;
    const p = plan(def, view, s.role as Role, s.step, s.input ?? {}, s.level as RegionLevel | undefined, env);
    if (s.refused) {
      expect(p, label).toMatchObject({ refused: true, ...refusal(s.refused) });
      if (s.refused.messageContains) expect((p as { zh: string }).zh, label).toContain(s.refused.messageContains);
      continue;
    }
    expect(p.refused ? p : { refused: false }, label).toEqual({ refused: false });
    if (p.refused) return;
    if (s.to) expect(p.to, label).toBe(s.to);
    for (const l of p.stops) stop(l, s.on);
    for (const l of p.opens) open(l, s.on);
    effects.push(...p.effects);
    view = { state: p.to, version: view.version + 1, data: p.data };
  }
  const e = c.expect ?? {};
  if (e.state) expect(view.state).toBe(e.state);
  if (e.clocks) {
    for (const [limitId, want] of Object.entries(e.clocks as Record<string, any>)) {
      expect([limitId, clocks[limitId] && { due: clocks[limitId].dueDate, status: clocks[limitId].status, ...(want.stoppedOn ? { stoppedOn: clocks[limitId].stoppedOn } : {}) }])
        .toEqual([limitId, { due: want.due, status: want.status, ...(want.stoppedOn ? { stoppedOn: want.stoppedOn } : {}) }]);
    }
  }
  if (e.data) expect(view.data).toMatchObject(e.data);
  if (e.effects) expect(effects).toEqual(e.effects);
}

const CODE: Record<string, string> = { PRECONDITION_UNMET: 'REQUIREMENT', VALIDATION_FAILED: 'INPUT', INCONSISTENT: 'CHECK', CASE_STATE: 'INVALID_STATE', FORBIDDEN: 'FORBIDDEN' };
function refusal(r: Record<string, string>) {
  const out: Record<string, string> = {};
  if (r.code) out.code = CODE[r.code] ?? r.code;
  for (const k of ['requirement', 'clause', 'field'] as const) if (r[k]) out[k] = r[k];
  return out;
}

const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.yaml'));
describe.each(files)('程序用例 %s', (file) => {
  const cases = parse(fs.readFileSync(path.join(DIR, file), 'utf8'), { schema: 'core' }) as any[];
  it.each(cases.map((c) => [c.name, c]))('%s', (_name, c) => run(c));
});

describe('程序用例的运行器', () => {
  it('含有运行器不认识的键（如拼错的 expect.stat）的用例报错，而不是什么也不断言就通过', () => {
    expect(unknownKeys({ name: 'x', procedure: 'tolerance', expect: { stat: 'decided' }, steps: [{ on: '2026-11-20', role: 'r', step: 's', refuse: {} }] }))
      .toEqual(['steps[0].refuse', 'expect.stat']);
  });
});
