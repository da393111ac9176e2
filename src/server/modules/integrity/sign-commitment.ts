/**
 * 签署诚信承诺书 (CI-9), two ways into the one `commitments` table the veto check reads:
 *  - `self`: the subject signs in the system as itself — a person his own (a researcher's or expert's
 *    account), a unit its own (its administrator) — on today's date, the text of the CI version in force
 *    that day (`core/commitments`), its version and the text's SM3 kept;
 *  - `scan`: staff of the area upload the signed paper as a scan, checked by content like case files,
 *    with the date it was signed.
 * Only an applicant registered on the call signs for it; once per subject, role and call. Audited.
 */
import { randomUUID } from 'node:crypto';
import { ROLE_DEFINITIONS } from '../../../core/access/roles';
import { commitmentTemplate, type CommitmentRole } from '../../../core/commitments/commitment';
import { AppError } from '../../../core/errors';
import { businessDate } from '../../../core/time/clock';
import type { AppContext, RequestContext } from '../../context';
import { sm3Hex } from '../../crypto/sm';
import type { Sql } from '../../db/database';
import { appendAudit } from '../audit/append-audit';
import { checkUpload } from '../files/check-upload';
import { insertFactFile } from '../files/fact-files-repo';
import { loadVisibleSubject } from '../subjects/subject-input';
import { isCallApplicant } from './commitments-repo';

async function insertCommitment(app: AppContext, tx: Sql, req: RequestContext, row: { id?: string; callRef: string; subjectId: string; role: CommitmentRole; signedOn: string; method: 'self' | 'scan'; scanFileId: string | null; versionId: string; textSm3: string | null }) {
  const id = row.id ?? randomUUID();
  const rows = await tx.query(
    `INSERT INTO commitments (id, call_ref, subject_id, role, signed_on, recorded_by, recorded_at, method, scan_file_id, policy_version_id, text_sm3)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING RETURNING id`,
    [id, row.callRef, row.subjectId, row.role, row.signedOn, req.actor.userId, app.clock.now().toISOString(), row.method, row.scanFileId, row.versionId, row.textSm3]);
  if (rows.length === 0) throw new AppError('DUPLICATE', { field: 'subjectId', zh: '该主体在本批次已签署承诺书' });
  await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'commitment.record', objectType: 'subject', objectId: row.subjectId,
    after: { id, callRef: row.callRef, role: row.role, signedOn: row.signedOn, method: row.method, scanFile: row.scanFileId, policyVersionId: row.versionId, textSm3: row.textSm3, clause: 'CI-9' } });
  return { id, callRef: row.callRef, subjectId: row.subjectId, role: row.role, signedOn: row.signedOn, method: row.method, policyVersionId: row.versionId };
}

async function applicant(tx: Sql, req: RequestContext, callRef: string, subjectId: string, role: CommitmentRole) {
  const s = await loadVisibleSubject(tx, req.scope, subjectId, 'subjectId');
  if (!(await isCallApplicant(tx, callRef, s.id, role))) throw new AppError('INCONSISTENT', { field: 'subjectId', zh: '该主体未以此身份登记在本申报批次（CI-9）' });
  return s;
}

/** The subject signs its own commitment, as itself. */
export async function signCommitment(app: AppContext, req: RequestContext, callRef: string, input: { subjectId: string; role: CommitmentRole }) {
  const self = input.subjectId === req.actor.personId || input.subjectId === req.actor.unitId;
  if (!self) throw new AppError('FORBIDDEN', { field: 'subjectId', zh: '承诺书由本人（本单位）签署；工作人员可上传签署件扫描件（CI-9）' });
  const today = businessDate(app.clock);
  const t = commitmentTemplate(today, app.policies.registry);
  return app.db.transaction(async (tx) => {
    const s = await applicant(tx, req, callRef, input.subjectId, input.role);
    return insertCommitment(app, tx, req, { callRef, subjectId: s.id, role: input.role, signedOn: today, method: 'self', scanFileId: null, versionId: t.versionId, textSm3: sm3Hex(t.text) });
  });
}

/** Staff of the area keep a commitment signed on paper: the scan, checked by content, and its date. */
export async function uploadSignedCommitment(app: AppContext, req: RequestContext, callRef: string, input: { subjectId: string; role: CommitmentRole; signedOn: string; fileName: string; bytes: Buffer }) {
  if (ROLE_DEFINITIONS[req.actor.role].scope !== 'region') throw new AppError('FORBIDDEN', { zh: '签署件扫描件由科技部门工作人员上传' });
  if (input.signedOn > businessDate(app.clock)) throw new AppError('INVALID_DATE', { field: 'signedOn', zh: '签署日期晚于今天' });
  const file = await checkUpload(app, input);
  const t = commitmentTemplate(input.signedOn, app.policies.registry);
  return app.db.transaction(async (tx) => {
    const s = await applicant(tx, req, callRef, input.subjectId, input.role);
    const commitmentId = randomUUID();
    const meta = await insertFactFile(tx, { id: randomUUID(), ownerType: 'commitment', ownerId: commitmentId, ...file, uploadedBy: req.actor.userId, at: app.clock.now().toISOString() });
    const done = await insertCommitment(app, tx, req, { id: commitmentId, callRef, subjectId: s.id, role: input.role, signedOn: input.signedOn, method: 'scan', scanFileId: meta.id, versionId: t.versionId, textSm3: null });
    return { ...done, scanFile: { id: meta.id, fileName: meta.fileName, sm3: meta.sm3 } };
  });
}
