/**
 * Runs the policy staff's cases in test/cases: each YAML file is one article, each case named as
 * the legal statement it proves.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { rate, RatingInputError, type RatingInput } from '../../src/core/rating/rate';
import { DEFAULT_REGISTRY, type PolicyVersion } from '../../src/core/policy/registry';
import { banActiveOn, banEnd, checkSanction, versionForMisconduct, type Sanction, type Severity } from '../../src/core/sanctions/sanctions';
import { goesOnPublicList, isRecordable, personsAlsoSanctioned, responsiblePersonsProblem } from '../../src/core/sanctions/misconduct';
import { incentivesFor, spotCheckSample } from '../../src/core/rating/incentives';

const DIR = path.resolve(__dirname, '../cases');
// YAML reads 2025-03-31 as a date; the engine takes business dates as strings.
const load = (file: string) => parse(fs.readFileSync(file, 'utf8'), { schema: 'core' }) as any[];

/**
 * The keys a case of each folder may have, and those its `expect` may have: a case with a key the
 * runner does not read fails loudly instead of passing while asserting nothing (a misspelt `expect.levle`).
 */
const KNOWN: Record<string, { top: string[]; expect: string[] }> = {
  rating: { top: ['name', 'input', 'registry', 'expect'], expect: ['error', 'level', 'clauses', 'determinationRequired', 'arithmeticContains', 'policy', 'warningContains', 'noWarnings'] },
  sanctions: { top: ['name', 'sanction', 'on', 'registry', 'ban', 'misconduct', 'expect'], expect: ['ok', 'refusedBy', 'messageContains', 'end', 'activeOn', 'versionId', 'reasonContains'] },
  measures: { top: ['name', 'incentives', 'spotCheck', 'penalty', 'responsible', 'expect'], expect: ['ok', 'problemContains', 'sanctioned', 'sample', 'recordable', 'publicList', 'priorityAtEqualMerit', 'spotCheckFactor'] },
};
export function assertKnownKeys(folder: string, c: Record<string, unknown>) {
  const known = KNOWN[folder];
  const unknown = [...Object.keys(c).filter((k) => !known.top.includes(k)), ...Object.keys((c.expect as object) ?? {}).filter((k) => !known.expect.includes(k)).map((k) => `expect.${k}`)];
  expect(unknown, `用例“${c.name}”含有运行器不认识的键`).toEqual([]);
  expect(c.expect, `用例“${c.name}”没有 expect`).toBeTypeOf('object');
}
const files = (sub: string) => fs.readdirSync(path.join(DIR, sub)).filter((f) => f.endsWith('.yaml')).map((f) => path.join(DIR, sub, f));

/** Extra versions a case registers (an extension, a successor that inherits and overrides parameters). */
function registryWith(extra?: Array<PolicyVersion & { inheritParameters?: string }>) {
  if (!extra) return DEFAULT_REGISTRY;
  return DEFAULT_REGISTRY.with(extra.map((v) => ({
    ...v,
    parameters: { ...(v.inheritParameters ? DEFAULT_REGISTRY.byId(v.inheritParameters)!.parameters : {}), ...(v.parameters ?? {}) },
  })));
}

describe.each(files('rating'))('信用评价用例 %s', (file) => {
  it.each(load(file).map((c) => [c.name, c]))('%s', (_name, c) => {
    assertKnownKeys('rating', c);
    const registry = registryWith(c.registry);
    if (c.expect.error) {
      expect(() => rate(c.input as RatingInput, registry)).toThrow(RatingInputError);
      expect(() => rate(c.input as RatingInput, registry)).toThrow(c.expect.error);
      return;
    }
    const r = rate(c.input as RatingInput, registry);
    expect(r.level).toBe(c.expect.level);
    if (c.expect.clauses) expect(r.clauses).toEqual(c.expect.clauses);
    if (c.expect.determinationRequired !== undefined) expect(r.determinationRequired).toBe(c.expect.determinationRequired);
    if (c.expect.arithmeticContains) expect(r.fired.map((f) => f.arithmetic ?? '').join('\n')).toContain(c.expect.arithmeticContains);
    if (c.expect.policy) expect(r.policy).toMatchObject(c.expect.policy);
    if (c.expect.warningContains) expect(r.warnings.join('\n')).toContain(c.expect.warningContains);
    if (c.expect.noWarnings) expect(r.warnings).toEqual([]);
    // Every rated result explains itself: the deciding clauses appear in the explanation.
    for (const clause of r.clauses) expect(r.explanation).toContain(clause);
  });
});

describe.each(files('sanctions'))('处理措施用例 %s', (file) => {
  it.each(load(file).map((c) => [c.name, c]))('%s', (_name, c) => {
    assertKnownKeys('sanctions', c);
    if (c.sanction) {
      const problems = checkSanction(c.sanction as Sanction, c.on ?? '2025-06-30', registryWith(c.registry));
      if (c.expect.ok) expect(problems).toEqual([]);
      else {
        expect(problems.map((p) => p.clause)).toContain(c.expect.refusedBy);
        if (c.expect.messageContains) expect(problems.map((p) => p.zh).join('\n')).toContain(c.expect.messageContains);
      }
    }
    if (c.ban) {
      expect(banEnd(c.ban.start, c.ban.years)).toBe(c.expect.end ?? null);
      for (const [date, active] of Object.entries(c.expect.activeOn ?? {})) expect([date, banActiveOn(c.ban, date)]).toEqual([date, active]);
    }
    if (c.misconduct) {
      const r = versionForMisconduct(c.misconduct.conductDate, c.misconduct.decisionDate, c.misconduct.severity as Severity, registryWith(c.registry));
      expect(r.lookup.version.id).toBe(c.expect.versionId);
      if (c.expect.reasonContains) expect(r.reason).toContain(c.expect.reasonContains);
    }
  });
});

describe.each(files('measures'))('激励、记录与责任人员用例 %s', (file) => {
  it.each(load(file).map((c) => [c.name, c]))('%s', (_name, c) => {
    assertKnownKeys('measures', c);
    if (c.incentives) expect(incentivesFor(c.incentives.level)).toMatchObject(c.expect);
    if (c.spotCheck) expect(spotCheckSample(c.spotCheck.baseRatio, c.spotCheck.levels.map((level: string) => ({ level })))).toBe(c.expect.sample);
    if (c.penalty) expect({ recordable: isRecordable(c.penalty), publicList: goesOnPublicList(c.penalty) }).toEqual(c.expect);
    if (c.responsible) {
      const problem = responsiblePersonsProblem(c.responsible.subjectKind, c.responsible.named, c.responsible.severity);
      if (c.expect.ok) expect(problem).toBeNull();
      else expect(problem).toContain(c.expect.problemContains);
      if (c.expect.sanctioned) expect(personsAlsoSanctioned(c.responsible.named)).toEqual(c.expect.sanctioned);
    }
  });
});
