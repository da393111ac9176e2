/** The declaration of a procedure by id, the bureau level of an actor, and a planner's refusal as the error the API answers. */
import type { Actor } from '../../../core/access/policy';
import { AppError } from '../../../core/errors';
import type { ProcedureDef, Refusal } from '../../../core/procedure/engine';
import { PROCEDURES } from '../../../core/procedure/procedures';
import type { AppContext } from '../../context';

export function procedureOf(id: string): ProcedureDef {
  const def = PROCEDURES[id];
  if (!def) throw new AppError('NOT_FOUND', { field: 'procedure', zh: `没有“${id}”这一程序` });
  return def;
}

/** The bureau level an actor sits at (staff only), which some steps require (e.g. the province assesses YT-11 reports). */
export function levelOf(app: AppContext, actor: Actor) {
  return actor.regionCode ? app.regions.get(actor.regionCode)?.level ?? null : null;
}

/** Every refusal names its clause; a requirement not met says which one, an input fault its field. */
export function refusalError(p: Refusal): AppError {
  const opts = { zh: p.zh, field: p.field, clause: p.clause, requirement: p.requirement };
  switch (p.code) {
    case 'UNKNOWN_STEP': return new AppError('NOT_FOUND', opts);
    case 'INVALID_STATE': case 'NOT_OFFERED': return new AppError('CASE_STATE', opts);
    case 'FORBIDDEN': return new AppError('FORBIDDEN', opts);
    case 'INPUT': return new AppError(p.inputCode ?? 'VALIDATION_FAILED', opts);
    case 'REQUIREMENT': return new AppError('PRECONDITION_UNMET', opts);
    case 'CHECK': return new AppError('INCONSISTENT', opts);
  }
}
