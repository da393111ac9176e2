import { describe, expect, it } from 'vitest';
import { TIME_LIMITS } from '../../src/core/deadlines/time-limits';
import { EFFECT_CLAUSES } from '../../src/core/procedure/effects';
import { PROCEDURES } from '../../src/core/procedure/procedures';
import { CIRCUMSTANCES, CONDITIONS } from '../../src/core/procedure/tolerance-case';

/** Every clause of 云科规〔2023〕1号 that asks the system to do something, from YT-4 to YT-14. */
const YT_PROCEDURE_CLAUSES = ['YT-4', 'YT-5', 'YT-6.1', 'YT-6.2', 'YT-6.3', 'YT-6.4', 'YT-6.5', 'YT-7', 'YT-8', 'YT-9.1', 'YT-9.2', 'YT-9.3', 'YT-9.4', 'YT-9.5', 'YT-10', 'YT-11', 'YT-13', 'YT-14'];

function cited(): Set<string> {
  const out = new Set<string>();
  for (const def of Object.values(PROCEDURES)) {
    out.add(def.clause);
    for (const s of def.starts) { out.add(s.clause); (s.opens ?? []).forEach((l) => out.add(l)); }
    for (const t of def.steps) {
      (t.requires ?? []).forEach((r) => out.add(r.clause));
      out.add(t.clause);
      [...(t.opens ?? []), ...(t.stops ?? [])].forEach((l) => out.add(l));
      (t.effects ?? []).forEach((e) => out.add(EFFECT_CLAUSES[e as keyof typeof EFFECT_CLAUSES]));
    }
  }
  if (CONDITIONS.length === 6) out.add('YT-4');
  if (CIRCUMSTANCES.length === 10) out.add('YT-5');
  return out;
}

describe('程序条款覆盖', () => {
  it.each(YT_PROCEDURE_CLAUSES)('%s 有声明的程序步骤、计时或后果落实', (clause) => {
    expect(cited()).toContain(clause);
  });
  it('每个声明的计时都有时限规则', () => {
    for (const def of Object.values(PROCEDURES)) {
      for (const l of [...def.starts.flatMap((s) => s.opens ?? []), ...def.steps.flatMap((t) => [...(t.opens ?? []), ...(t.stops ?? [])])]) expect(TIME_LIMITS[l], l).toBeDefined();
    }
  });
});
