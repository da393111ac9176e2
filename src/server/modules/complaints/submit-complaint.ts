/**
 * 投诉举报受理入口 (CI-29): anyone may complain without an account. What is complained of is kept as
 * an intake record; who complained is SM4-encrypted into a separate table and appears nowhere else —
 * not in the record, the audit log, notices or exports. The complainant gets a receipt code to follow
 * the case; only its SM3 digest is stored.
 */
import { AppError } from '../../../core/errors';
import { creditCodeRefusal } from '../../../core/identity/credit-code';
import { businessDate } from '../../../core/time/clock';
import crypto, { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context';
import { sm3Hex } from '../../crypto/sm';
import { appendAudit } from '../audit/append-audit';

export interface ComplaintInput {
  accusedName: string;
  accusedCreditCode?: string | null;
  accusedKind: 'organization' | 'person';
  content: string;
  complainant: { name: string; phone: string; email?: string | null };
}

/** The receipt code: 16 characters a person can copy, unambiguous in print. */
function receiptCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.randomBytes(16);
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}

export const receiptDigest = (code: string) => sm3Hex(`kexin-receipt:${code.trim().toUpperCase()}`);

export async function submitComplaint(app: AppContext, input: ComplaintInput): Promise<{ receipt: string }> {
  // A credit code given with the complaint must be a real one (GB 32100), said on its field.
  const codeRefusal = input.accusedCreditCode ? creditCodeRefusal(input.accusedCreditCode) : null;
  if (codeRefusal) throw new AppError('INVALID_CREDIT_CODE', { field: 'accusedCreditCode', zh: codeRefusal });
  const receipt = receiptCode();
  const id = randomUUID();
  // Complaints about CI reach the bureau that issued it (the CI version's jurisdiction).
  const jurisdiction = app.policies.registry.versionFor('CI', businessDate(app.clock)).version.jurisdiction;
  await app.db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO complaint_intake (id, receipt_digest, jurisdiction_code, accused_name, accused_credit_code, accused_is_unit, content, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, receiptDigest(receipt), jurisdiction, input.accusedName.trim(), input.accusedCreditCode?.toUpperCase() ?? null, input.accusedKind, input.content, app.clock.now().toISOString()]);
    await tx.query('INSERT INTO complainant_identities (intake_id, identity_cipher) VALUES ($1, $2)', [id, app.cipher.encrypt(JSON.stringify(input.complainant))]);
    // The audit event names the intake record only: no complainant data.
    await appendAudit(tx, app, { actor: null, ip: null, action: 'complaint.submit', objectType: 'complaint', objectId: id, after: { jurisdiction } });
  });
  return { receipt };
}
