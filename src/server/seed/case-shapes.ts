/**
 * The shapes a synthetic case can take, read from the procedure declarations themselves, so the scale
 * seed holds cases in every declared state and a new procedure is seeded without a change here: for
 * each state, the step that leads into it, its clause, and the time limit whose clock runs there.
 */
import { PROCEDURES } from '../../core/procedure/procedures';

export interface CaseShape {
  procedure: string;
  title: string;
  state: string;
  terminal: boolean;
  /** The step that led into the state ('start' for a starting state) and the clause it rests on. */
  step: string;
  clause: string;
  /** The time limit whose clock is open in this state, if any. */
  openLimit: string | null;
}

/** Relative frequency of each procedure in a bureau's case load (most work is tolerance, misconduct and complaints). */
const PROCEDURE_WEIGHT: Record<string, number> = { tolerance: 3, misconduct: 2, complaint: 3, correction: 2 };

export function caseShapes(): CaseShape[] {
  const shapes: CaseShape[] = [];
  for (const def of Object.values(PROCEDURES)) {
    for (const s of def.states) {
      const start = def.starts.find((x) => x.state === s.id);
      const into = def.steps.find((t) => t.to === s.id && (t.opens?.length ?? 0) > 0) ?? def.steps.find((t) => t.to === s.id);
      if (!start && !into) continue; // declared but unreachable: nothing to seed
      const opens = start?.opens ?? into?.opens ?? [];
      shapes.push({
        procedure: def.id, title: def.title, state: s.id, terminal: !!s.terminal,
        step: start ? 'start' : into!.id, clause: start ? start.clause : into!.clause,
        openLimit: s.terminal ? null : opens[0] ?? null,
      });
    }
  }
  return shapes;
}

/**
 * Slots in the order cases are assigned (case i takes slot i mod slots.length): closed cases four
 * times as common as any one open state, weighted by procedure. Returns indexes into `shapes`.
 */
export function shapeSlots(shapes: readonly CaseShape[]): number[] {
  const slots: number[] = [];
  shapes.forEach((s, k) => {
    const n = (PROCEDURE_WEIGHT[s.procedure] ?? 1) * (s.terminal ? 4 : 1);
    for (let j = 0; j < n; j++) slots.push(k);
  });
  return slots;
}
