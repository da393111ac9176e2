/**
 * 免责标注导出 (YT-6.5): the exempted projects of a jurisdiction, each with the decision behind it,
 * as JSON or Excel for the provincial project system. Every export is logged with what it held (the
 * project ids and a digest of the file) and when, so the bureau can say what was sent.
 */
import { AppError } from '../../../core/errors';
import type { AppContext, CallerContext, RequestContext } from '../../context';
import type { Sql } from '../../db/database';
import { Params, scopeSql } from '../../db/params';
import { toXlsx } from '../../formats/xlsx';
import { logExport } from './log-export';
import { handlesCases } from '../../../core/procedure/common';
import { caseNumber } from '../documents/generate-document';

export interface ExemptionMark {
  projectCode: string; projectName: string; planLevel: string; undertakingUnit: string; jurisdictionCode: string;
  exemptedOn: string; caseNo: string; decidedOn: string | null; outcome: string; circumstances: string[]; clause: 'YT-6.5';
}

/** The marks in the caller's scope (since a day, or all); `db` is the caller's transaction where the reading must agree with what it writes (an exchange batch). */
export async function exemptionMarks(app: AppContext, req: Pick<CallerContext, 'scope'>, since: string | null, db: Sql = app.db): Promise<Array<ExemptionMark & { projectId: string }>> {
  const p = new Params();
  const w = [`p.exempted_on IS NOT NULL`, scopeSql(req.scope, p, { region: ['p.jurisdiction_code'], unit: ['p.undertaking_unit_id'], person: ['p.leader_id'] })];
  if (since) w.push(`p.exempted_on >= ${p.add(since)}`);
  const rows = await db.query<any>(
    `SELECT p.id, p.code, p.name, p.plan_level, p.jurisdiction_code, p.exempted_on, u.name AS unit_name, c.id AS case_id, c.data->'decision' AS decision,
            (SELECT e.on_date FROM case_events e WHERE e.case_id = c.id AND e.step = 'decide' ORDER BY e.seq DESC LIMIT 1) AS decided_on
       FROM projects p JOIN subjects u ON u.id = p.undertaking_unit_id
       LEFT JOIN LATERAL (SELECT id, data FROM cases WHERE project_id = p.id AND procedure = 'tolerance' AND data->'decision'->>'outcome' = 'exempt' ORDER BY updated_at DESC LIMIT 1) c ON true
      WHERE ${w.join(' AND ')} ORDER BY p.exempted_on, p.code LIMIT 50000`, p.values);
  return rows.map((r) => ({
    projectId: r.id, projectCode: r.code, projectName: r.name, planLevel: r.plan_level, undertakingUnit: r.unit_name, jurisdictionCode: r.jurisdiction_code,
    exemptedOn: r.exempted_on, caseNo: r.case_id ? caseNumber(r.case_id) : '', decidedOn: r.decided_on ?? null, outcome: r.decision?.outcome ?? 'exempt',
    circumstances: r.decision?.circumstances ?? [], clause: 'YT-6.5',
  }));
}

export async function exportExemptionMarks(app: AppContext, req: RequestContext, format: 'json' | 'xlsx', since: string | null) {
  if (!handlesCases(req.actor.role)) throw new AppError('FORBIDDEN', { zh: '只有经办人员可以导出免责标注' });
  const marks = await exemptionMarks(app, req, since);
  const exportedAt = app.clock.now().toISOString();
  const body = format === 'json'
    ? Buffer.from(JSON.stringify({ kind: 'exemption_marks', clause: 'YT-6.5', exportedAt, jurisdiction: req.actor.regionCode, items: marks.map(({ projectId: _p, ...m }) => m) }, null, 2))
    : await toXlsx('免责标注', [
      { header: '项目编号', value: (m: ExemptionMark) => m.projectCode }, { header: '项目名称', width: 40, value: (m) => m.projectName },
      { header: '承担单位', width: 30, value: (m) => m.undertakingUnit }, { header: '管辖区划', value: (m) => m.jurisdictionCode },
      { header: '免责标注日期', value: (m) => m.exemptedOn }, { header: '认定日期', value: (m) => m.decidedOn }, { header: '案件编号', value: (m) => m.caseNo },
      { header: '免责情形', value: (m) => m.circumstances.join('、') }, { header: '依据', value: (m) => m.clause },
    ], marks);
  return logExport(app, req, { kind: 'exemption_marks', action: 'export.exemption_marks', format, itemIds: marks.map((m) => m.projectId), body, at: exportedAt });
}
