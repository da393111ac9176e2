/**
 * 受理 / 不予受理 / 查看举报人身份 (CI-29). Registering matches the accused to a subject, routes the
 * complaint (the person's own unit, or the superior authority for a unit or a unit head) and opens
 * the complaint case; the case carries the content only. Reading who complained is for the intake
 * role, with a stated reason, and is audited each time.
 */
import { inScope, regionRecord } from '../../../core/access/policy';
import { AppError } from '../../../core/errors';
import { routeComplaint, type ComplaintCaseData } from '../../../core/procedure/complaint-case';
import type { AppContext, RequestContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { startInternalCase } from '../cases/start-case';
import { loadVisibleSubject } from '../subjects/subject-input';

interface IntakeRow { id: string; jurisdiction_code: string; status: string; content: string; version: number; accused_is_unit: 'organization' | 'person' }

async function lockIntake(tx: Parameters<Parameters<AppContext['db']['transaction']>[0]>[0], req: RequestContext, id: string, version: number) {
  const [row] = await tx.query<IntakeRow>('SELECT id, jurisdiction_code, status, content, version, accused_is_unit FROM complaint_intake WHERE id = $1 FOR UPDATE', [id]);
  if (!row || !inScope(req.scope, regionRecord(row.jurisdiction_code))) throw new AppError('NOT_FOUND');
  if (row.version !== version) throw new AppError('VERSION_CONFLICT', { field: 'version' });
  if (row.status !== 'new') throw new AppError('CASE_STATE', { zh: '该举报已处理' });
  return row;
}

export async function registerComplaint(app: AppContext, req: RequestContext, id: string, input: { version: number; accusedId: string; isUnitHead: boolean }) {
  return app.db.transaction(async (tx) => {
    const intake = await lockIntake(tx, req, id, input.version);
    const accused = await loadVisibleSubject(tx, req.scope, input.accusedId, 'accusedId', '被举报对象不存在');
    const unitId = accused.kind === 'organization' ? null : accused.employer_id;
    const route = routeComplaint({ kind: accused.kind, isUnitHead: input.isUnitHead, hasUnit: !!unitId });
    const data: ComplaintCaseData = { intakeId: id, accusedId: accused.id, accusedKind: accused.kind, route, content: intake.content, history: [] };
    const c = await startInternalCase(app, tx, req, {
      procedure: 'complaint', start: route === 'own_unit' ? 'to_own_unit' : 'to_superior',
      // The investigating unit sees the case; the accused person does not.
      opening: { jurisdictionCode: intake.jurisdiction_code, projectId: null, unitId: route === 'own_unit' ? unitId : null, applicantPersonId: null, data },
    });
    await tx.query(`UPDATE complaint_intake SET status = 'registered', case_id = $2, handled_at = $3, version = version + 1 WHERE id = $1`, [id, c.id, app.clock.now().toISOString()]);
    await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'complaint.register', objectType: 'complaint', objectId: id, after: { case: c.id, route } });
    return c;
  });
}

export async function rejectComplaint(app: AppContext, req: RequestContext, id: string, input: { version: number; reason: string }) {
  return app.db.transaction(async (tx) => {
    await lockIntake(tx, req, id, input.version);
    await tx.query(`UPDATE complaint_intake SET status = 'rejected', rejection_reason = $2, handled_at = $3, version = version + 1 WHERE id = $1`, [id, input.reason, app.clock.now().toISOString()]);
    await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'complaint.reject', objectType: 'complaint', objectId: id, after: { reason: input.reason } });
  });
}

export async function readComplainant(app: AppContext, req: RequestContext, id: string, reason: string) {
  return app.db.transaction(async (tx) => {
    const [row] = await tx.query<{ jurisdiction_code: string; identity_cipher: string }>(
      'SELECT i.jurisdiction_code, c.identity_cipher FROM complaint_intake i JOIN complainant_identities c ON c.intake_id = i.id WHERE i.id = $1', [id]);
    if (!row || !inScope(req.scope, regionRecord(row.jurisdiction_code))) throw new AppError('NOT_FOUND');
    await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'complaint.identity_read', objectType: 'complaint', objectId: id, after: { reason } });
    return JSON.parse(app.cipher.decrypt(row.identity_cipher)) as { name: string; phone: string; email?: string | null };
  });
}
