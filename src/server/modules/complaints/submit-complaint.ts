/**
 * 投诉举报受理入口 (CI-29): anyone may complain without an account. What is complained of is kept as
 * an intake record; who complained is SM4-encrypted into a separate table and appears nowhere else —
 * not in the record, the audit log, notices or exports. The complainant gets a receipt code to follow
 * the case; only its SM3 digest is stored. Evidence files (at most COMPLAINT_MAX_FILES, PDF, JPEG, PNG
 * or Word) are checked by their bytes like a case's materials — type sniffed, the extension matching,
 * the inside inspected (formats/inspect-upload.ts) — before anything is kept, and are stored with the
 * intake, hashed (SHA-256, SM3). The form's proof of work is claimed in the same transaction
 * (complaint-challenge.ts).
 */
import crypto, { randomUUID } from 'node:crypto';
import { AppError } from '../../../core/errors';
import { ALLOWED_TYPES, claimedExtension, safeFileName, sniff, type AllowedType } from '../../../core/files/sniff';
import { creditCodeRefusal } from '../../../core/identity/credit-code';
import { businessDate } from '../../../core/time/clock';
import type { AppContext } from '../../context';
import { sm3Hex } from '../../crypto/sm';
import { MATERIAL_LIMITS } from '../../formats/archive-limits';
import { inspectUpload } from '../../formats/inspect-upload';
import { appendAudit } from '../audit/append-audit';
import { claimChallenge } from './complaint-challenge';

/** Enough for a few pages of evidence and photographs; more belongs to the investigation. */
export const COMPLAINT_MAX_FILES = 5;
/** What a complainant may attach: documents and pictures, not spreadsheets or archives. */
export const COMPLAINT_FILE_TYPES: readonly AllowedType[] = ['pdf', 'jpeg', 'png', 'docx'];

export interface ComplaintInput {
  accusedName: string;
  accusedCreditCode?: string | null;
  accusedKind: 'organization' | 'person';
  content: string;
  complainant: { name: string; phone: string; email?: string | null };
  attachments?: Array<{ fileName: string; contentBase64: string }>;
  proof?: { challenge: string; nonce: string };
}

/** The receipt code: 16 characters a person can copy, unambiguous in print. */
function receiptCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.randomBytes(16);
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}

export const receiptDigest = (code: string) => sm3Hex(`kexin-receipt:${code.trim().toUpperCase()}`);

interface CheckedFile { fileName: string; mediaType: string; bytes: Buffer; sha256: string; sm3: string }

/** Each attachment checked by its content; a refusal names the file, on the field `attachments`. */
async function checkAttachments(app: AppContext, list: ComplaintInput['attachments']): Promise<CheckedFile[]> {
  const files = list ?? [];
  if (files.length > COMPLAINT_MAX_FILES) throw new AppError('VALIDATION_FAILED', { field: 'attachments', zh: `最多上传 ${COMPLAINT_MAX_FILES} 个附件` });
  const checked: CheckedFile[] = [];
  const maxMb = app.config.complaintFileMaxBytes / 1_048_576;
  for (const f of files) {
    const fileName = safeFileName(f.fileName);
    const refuse = (code: 'FILE_REFUSED' | 'FILE_TYPE_MISMATCH' | 'PAYLOAD_TOO_LARGE' | 'VALIDATION_FAILED', why: string) => new AppError(code, { field: 'attachments', zh: `附件“${fileName}”不予接收：${why}` });
    const bytes = Buffer.from(f.contentBase64, 'base64');
    if (bytes.length === 0) throw refuse('VALIDATION_FAILED', '文件为空');
    if (bytes.length > app.config.complaintFileMaxBytes) throw refuse('PAYLOAD_TOO_LARGE', `超过 ${maxMb} MB`);
    const sniffed = sniff(bytes);
    if (!sniffed.ok) throw refuse('FILE_REFUSED', sniffed.zh);
    const type = ALLOWED_TYPES[sniffed.type];
    if (!COMPLAINT_FILE_TYPES.includes(sniffed.type)) throw refuse('FILE_REFUSED', `只接收 PDF、JPEG、PNG 图片或 Word 文档，该文件是${type.label}`);
    if (!(type.extensions as readonly string[]).includes(claimedExtension(fileName))) throw refuse('FILE_TYPE_MISMATCH', `文件内容是${type.label}，与扩展名不符`);
    const inspection = await inspectUpload(bytes, sniffed.type, MATERIAL_LIMITS);
    if (!inspection.ok) throw refuse('FILE_REFUSED', inspection.zh);
    checked.push({ fileName, mediaType: type.mediaType, bytes, sha256: crypto.createHash('sha256').update(bytes).digest('hex'), sm3: crypto.createHash('sm3').update(bytes).digest('hex') });
  }
  return checked;
}

export async function submitComplaint(app: AppContext, input: ComplaintInput): Promise<{ receipt: string }> {
  // A credit code given with the complaint must be a real one (GB 32100), said on its field.
  const codeRefusal = input.accusedCreditCode ? creditCodeRefusal(input.accusedCreditCode) : null;
  if (codeRefusal) throw new AppError('INVALID_CREDIT_CODE', { field: 'accusedCreditCode', zh: codeRefusal });
  if (!input.proof) throw new AppError('CHALLENGE_FAILED', { field: 'challenge', zh: '请完成人机校验后再提交' });
  const files = await checkAttachments(app, input.attachments);
  const receipt = receiptCode();
  const id = randomUUID();
  // Complaints about CI reach the bureau that issued it (the CI version's jurisdiction).
  const jurisdiction = app.policies.registry.versionFor('CI', businessDate(app.clock)).version.jurisdiction;
  const now = app.clock.now().toISOString();
  await app.db.transaction(async (tx) => {
    await claimChallenge(app, tx, input.proof);
    await tx.query(
      `INSERT INTO complaint_intake (id, receipt_digest, jurisdiction_code, accused_name, accused_credit_code, accused_is_unit, content, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, receiptDigest(receipt), jurisdiction, input.accusedName.trim(), input.accusedCreditCode?.toUpperCase() ?? null, input.accusedKind, input.content, now]);
    await tx.query('INSERT INTO complainant_identities (intake_id, identity_cipher) VALUES ($1, $2)', [id, app.cipher.encrypt(JSON.stringify(input.complainant))]);
    const kept: Array<{ file: string; mediaType: string; size: number; sm3: string }> = [];
    for (const [position, f] of files.entries()) {
      const fileId = randomUUID();
      await tx.query(`INSERT INTO complaint_files (id, intake_id, position, file_name, media_type, size_bytes, sha256, sm3, content, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [fileId, id, position, f.fileName, f.mediaType, f.bytes.length, f.sha256, f.sm3, f.bytes, now]);
      kept.push({ file: fileId, mediaType: f.mediaType, size: f.bytes.length, sm3: f.sm3 });
    }
    // The audit event names the intake record and its files' digests only: no complainant data.
    await appendAudit(tx, app, { actor: null, ip: null, action: 'complaint.submit', objectType: 'complaint', objectId: id, after: { jurisdiction, ...(kept.length ? { files: kept } : {}) } });
  });
  return { receipt };
}
