/** Every declared procedure, by id. A new case type is one more entry here. */
import type { ProcedureDef } from './engine';
import { TOLERANCE_CASE } from './tolerance-case';

export const PROCEDURES: Record<string, ProcedureDef<any>> = {
  [TOLERANCE_CASE.id]: TOLERANCE_CASE,
};
