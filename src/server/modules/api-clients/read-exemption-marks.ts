/**
 * 读取免责标注 (YT-6.5) for a client of the provincial project system: the same marks, in the same
 * data scope reading, as the staff export (exports/export-exemption-marks.ts), audited as the client
 * with what it was given.
 */
import type { AppContext, CallerContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { exemptionMarks, type ExemptionMark } from '../exports/export-exemption-marks';

export async function readExemptionMarks(app: AppContext, caller: CallerContext, since: string | null): Promise<ExemptionMark[]> {
  const marks = await exemptionMarks(app, caller, since);
  await app.db.transaction((tx) => appendAudit(tx, app, {
    actor: caller.actor, ip: caller.ip, action: 'exemption.read', objectType: 'exemption_marks', objectId: null,
    after: { since, count: marks.length, projectIds: marks.map((m) => m.projectId), clause: 'YT-6.5' },
  }));
  return marks.map(({ projectId: _p, ...m }) => m);
}
