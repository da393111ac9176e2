/**
 * The anti-automation check of the public complaint form (CI-29; GB/T 22239-2019 8.1.4, OWASP ASVS
 * V2.2): a server-issued proof of work. The server hands out a challenge — an id, the moment it
 * expires and the difficulty, signed with a keyed MAC (the SM4 key's HMAC-SM3 index key, never sent)
 * — and the browser searches for a nonce whose SHA-256 with the challenge begins with that many zero
 * bits (core/challenge/proof-of-work.ts). A submission carries the challenge and the nonce; the
 * server checks the signature, the expiry and the work, and claims the challenge's id in the
 * complaint's own transaction (a primary key: of two submissions with one answer exactly one wins),
 * so an answer cannot be replayed.
 *
 * Why a proof of work and not a question: an arithmetic or 汉字 question sent as text is read by any
 * script at no cost, a distorted image is read by OCR and shuts out blind complainants and screen
 * readers, and a third-party CAPTCHA is an outside service the bureau's network may not reach and
 * that would see who complains. The proof of work needs nothing from the person, works with any
 * assistive technology, costs every automated submission CPU time the server does not pay (one hash
 * to check), and issuing it writes nothing, so asking for challenges cannot fill the database. It
 * stands beside the per-address rate limit, which stays.
 */
import crypto, { randomUUID } from 'node:crypto';
import { AppError } from '../../../core/errors';
import type { AppContext } from '../../context';
import type { Sql } from '../../db/database';

/** Long enough to fill in a complaint after the page was opened; the form asks again when it has passed. */
export const CHALLENGE_MINUTES = 30;

export interface Challenge { challenge: string; bits: number; expiresAt: string }

const mac = (app: AppContext, payload: string) => app.cipher.blindIndex(`kexin-complaint-challenge:${payload}`);

/** 获取人机校验题: signed, nothing stored. */
export function issueComplaintChallenge(app: AppContext): Challenge {
  const expiresAt = new Date(app.clock.now().getTime() + CHALLENGE_MINUTES * 60_000).toISOString();
  const payload = Buffer.from(JSON.stringify({ id: randomUUID(), exp: expiresAt, bits: app.config.complaintPowBits })).toString('base64url');
  return { challenge: `${payload}.${mac(app, payload)}`, bits: app.config.complaintPowBits, expiresAt };
}

const refused = (zh: string) => new AppError('CHALLENGE_FAILED', { field: 'challenge', zh });

/**
 * Checks an answer and claims its challenge inside `tx` (the submission's transaction): refused with
 * CHALLENGE_FAILED on the field `challenge` when missing, forged, expired, short of the work or used.
 */
export async function claimChallenge(app: AppContext, tx: Sql, answer: { challenge: string; nonce: string } | undefined): Promise<void> {
  if (!answer) throw refused('请完成人机校验后再提交');
  const [payload, signature, extra] = answer.challenge.split('.');
  const expected = payload ? mac(app, payload) : '';
  if (extra !== undefined || !signature || signature.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) throw refused('人机校验无效，请重新提交');
  const claim = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { id: string; exp: string; bits: number };
  if (new Date(claim.exp).getTime() <= app.clock.now().getTime()) throw refused('人机校验已过期，请重新提交');
  const digest = crypto.createHash('sha256').update(`${answer.challenge}:${answer.nonce}`).digest();
  if (leadingZeros(digest) < claim.bits) throw refused('人机校验未通过，请重新提交');
  const won = await tx.query('INSERT INTO complaint_challenge_claims (id, expires_at, claimed_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING RETURNING id', [claim.id, claim.exp, app.clock.now().toISOString()]);
  if (won.length === 0) throw refused('该人机校验已使用过，请重新提交');
  // A claim is needed only until its challenge expires (an expired one is refused above before any claim).
  await tx.query('DELETE FROM complaint_challenge_claims WHERE expires_at < $1', [app.clock.now().toISOString()]);
}

function leadingZeros(d: Buffer): number {
  let n = 0;
  for (const byte of d) {
    if (byte === 0) { n += 8; continue; }
    return n + Math.clz32(byte) - 24;
  }
  return n;
}
