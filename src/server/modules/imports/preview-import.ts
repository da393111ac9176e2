/**
 * 导入试运行 (issue 19): the row-by-row report of a file — each problem with its row, column, code and
 * Chinese message — and the diff preview of what confirming would change (new, changed fields,
 * unchanged). Nothing is written; the token it returns is what confirming must send back.
 */
import { COLUMN_LABEL, type ImportProblem, type PlannedRow } from '../../../core/imports/rows';
import type { ColumnMap, ImportKind } from '../../../core/imports/templates';
import type { AppContext, RequestContext } from '../../context';
import { buildPlan, readFile, REPORT_LIST_CAP, type ImportFile, type Plan } from './import-plan';

export interface ImportReport {
  kind: ImportKind;
  fileName: string | null;
  sha256: string;
  sm3: string;
  format: 'xlsx' | 'csv';
  rows: number;
  problemCount: number;
  problems: ImportProblem[];
  counts: { new: number; changed: number; unchanged: number };
  /** New and changed records (unchanged ones are counted only), each changed field with its label, before and after. */
  changes: Array<{ row: number; key: string; change: 'new' | 'changed'; fields: Array<{ column: string; label: string; before: unknown; after: unknown }> }>;
  /** Present only when the file has no problem and something would change. */
  token: string | null;
}

export function reportOf(plan: Plan, fileName: string | null): ImportReport {
  const changes: ImportReport['changes'] = [];
  for (const p of plan.plan) {
    if (p.change === 'unchanged') continue;
    if (changes.length >= REPORT_LIST_CAP) break;
    changes.push({ row: p.row, key: p.key, change: p.change, fields: fieldsOf(p) });
  }
  const writes = plan.counts.new + plan.counts.changed;
  return {
    kind: plan.kind, fileName, sha256: plan.digest.sha256, sm3: plan.digest.sm3, format: plan.format, rows: plan.dataRows,
    problemCount: plan.problems.length, problems: plan.problems.slice(0, REPORT_LIST_CAP), counts: plan.counts, changes,
    token: plan.problems.length === 0 && writes > 0 ? plan.token : null,
  };
}

function fieldsOf(p: PlannedRow) {
  return Object.entries(p.changes).map(([column, c]) => ({ column, label: COLUMN_LABEL[column] ?? column, before: c.before, after: c.after }));
}

export async function previewImport(app: AppContext, req: RequestContext, kind: ImportKind, file: ImportFile, map: ColumnMap): Promise<ImportReport> {
  return reportOf(await buildPlan(app, app.db, req, kind, await readFile(file), map), file.fileName);
}
