/**
 * 导出应履行事项: the list of obligations across cases, as the page shows it for the same filter, as an
 * Excel sheet; the export is audited as an act of its own (audit/audit-export.ts).
 */
import { OBLIGATION_STATE_LABEL, obligationState } from '../../../core/obligations/obligations';
import { caseNumber } from '../../../core/documents/templates';
import { businessDate } from '../../../core/time/clock';
import type { AppContext, RequestContext } from '../../context';
import { toXlsx } from '../../formats/xlsx';
import { auditExport } from '../audit/audit-export';
import { listObligations, type ObligationFilter, type ObligationListRow } from './obligations-repo';
import { presentObligationItem, remainderOf } from './settle-obligation';

export async function exportObligations(app: AppContext, ctx: RequestContext, filter: Omit<ObligationFilter, 'today'>, query: Record<string, unknown>) {
  const today = businessDate(app.clock);
  const rows = await listObligations(app.db, ctx.scope, { ...filter, today });
  const items = rows.map((r) => presentObligationItem(app, r, today));
  const bytes = await toXlsx<ObligationListRow>('应履行事项', [
    { header: '案件编号', value: (r) => caseNumber(r.case_id) },
    { header: '事项', width: 30, value: (r) => r.description },
    { header: '依据', value: (r) => r.clause },
    { header: '所属区划', value: (r) => app.regions.get(r.jurisdiction_code)?.name ?? r.jurisdiction_code },
    { header: '履行主体', width: 30, value: (r) => r.subject_name },
    { header: '项目编号', value: (r) => r.project_code },
    { header: '应履行金额（元）', value: (r) => r.amount_yuan },
    { header: '已履行金额（元）', value: (r) => r.settled_yuan },
    { header: '尚欠金额（元）', value: (r) => remainderOf(r) },
    { header: '履行期限', value: (r) => r.due_date },
    { header: '状态', value: (r) => OBLIGATION_STATE_LABEL[obligationState(r.status, r.due_date, today)] },
    { header: '履行完毕日期', value: (r) => r.settled_on },
  ], rows);
  await auditExport(app, ctx, 'list.export', 'obligation', { filter: query, rows: rows.length });
  return { bytes, items };
}
