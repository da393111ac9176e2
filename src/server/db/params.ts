/** Collects positional parameters while a query is assembled, so no value is ever spliced into SQL. */
import type { DataScope } from '../../core/access/policy';

export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * `column` is one of `codes`. A single region (a county bureau) is written as an equality, so the
 * planner can read an index in order; a set of regions as ANY.
 */
export function inRegions(p: Params, column: string, codes: readonly string[]): string {
  return codes.length === 1 ? `${column} = ${p.add(codes[0])}` : `${column} = ANY(${p.add(codes)}::text[])`;
}

/**
 * Turns a DataScope into a WHERE fragment over the given columns. It mirrors `inScope` in
 * core/access/policy.ts; a test checks that list queries and the predicate agree record by record.
 */
export function scopeSql(scope: DataScope, p: Params, cols: { region: string[]; unit: string[]; person: string[]; agency?: string[] }): string {
  // A value is bound only when some column uses it: PostgreSQL refuses a parameter the text never names.
  const anyOf = (columns: string[], value: unknown, op: (c: string, ph: string) => string) => {
    if (columns.length === 0) return 'false';
    const ph = p.add(value);
    return `(${columns.map((c) => op(c, ph)).join(' OR ')})`;
  };
  switch (scope.kind) {
    case 'regions':
      return cols.region.length === 0 ? 'false' : `(${cols.region.map((c) => inRegions(p, c, scope.codes)).join(' OR ')})`;
    case 'unit':
      return anyOf(cols.unit, scope.unitId, (c, ph) => `${c} = ${ph}::uuid`);
    case 'person':
      return anyOf(cols.person, scope.personId, (c, ph) => `${c} = ${ph}::uuid`);
    // CI-32: only where the query names the agency's column; every other list answers nothing.
    case 'agency':
      return anyOf(cols.agency ?? [], scope.agencyId, (c, ph) => `${c} = ${ph}::uuid`);
    case 'none':
      return 'false';
  }
}

export function pageClause(p: Params, page: number, pageSize: number): string {
  return `LIMIT ${p.add(pageSize)} OFFSET ${p.add((page - 1) * pageSize)}`;
}
