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
 * Turns a DataScope into a WHERE fragment over the given columns. It mirrors `inScope` in
 * core/access/policy.ts; a test checks that list queries and the predicate agree record by record.
 */
export function scopeSql(scope: DataScope, p: Params, cols: { region: string[]; unit: string[]; person: string[] }): string {
  const anyOf = (columns: string[], placeholder: string, op: (c: string) => string) =>
    columns.length ? `(${columns.map(op).join(' OR ')})` : 'false';
  switch (scope.kind) {
    case 'regions': {
      const ph = p.add(scope.codes);
      return anyOf(cols.region, ph, (c) => `${c} = ANY(${ph}::text[])`);
    }
    case 'unit': {
      const ph = p.add(scope.unitId);
      return anyOf(cols.unit, ph, (c) => `${c} = ${ph}::uuid`);
    }
    case 'person': {
      const ph = p.add(scope.personId);
      return anyOf(cols.person, ph, (c) => `${c} = ${ph}::uuid`);
    }
    case 'none':
      return 'false';
  }
}

export function pageClause(p: Params, page: number, pageSize: number): string {
  return `LIMIT ${p.add(pageSize)} OFFSET ${p.add((page - 1) * pageSize)}`;
}
