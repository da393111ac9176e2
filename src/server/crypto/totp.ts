/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226, HMAC-SHA1, 6 digits, 30-second steps): the
 * second factor staff and administrators type from an authenticator app (GB/T 22239-2019 8.1.4.1 d,
 * two or more authentication techniques). SHA-1 because every authenticator app speaks it; the
 * secret itself is stored SM4-encrypted.
 */
import crypto from 'node:crypto';

export const TOTP = { digits: 6, stepSeconds: 30, /** steps either side accepted, for phones whose clocks drift */ window: 1 } as const;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) { out += ALPHABET[(value >>> (bits - 5)) & 31]; bits -= 5; }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new Error('not base32');
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) { out.push((value >>> (bits - 8)) & 255); bits -= 8; }
  }
  return Buffer.from(out);
}

/** The code for one time step (RFC 4226 dynamic truncation). */
export function totpAt(secret: Buffer, step: number, digits: number = TOTP.digits): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = crypto.createHmac('sha1', secret).update(counter).digest();
  const offset = mac[mac.length - 1] & 15;
  const n = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(n).padStart(digits, '0');
}

export const stepOf = (at: Date) => Math.floor(at.getTime() / 1000 / TOTP.stepSeconds);

/**
 * The step a code matches near `at`, or null. A step at or before `lastUsedStep` is refused, so a
 * code seen over someone's shoulder cannot be used a second time (RFC 6238 5.2).
 */
export function matchTotp(secret: Buffer, code: string, at: Date, lastUsedStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const now = stepOf(at);
  for (let s = now - TOTP.window; s <= now + TOTP.window; s++) {
    if (lastUsedStep !== null && s <= lastUsedStep) continue;
    if (crypto.timingSafeEqual(Buffer.from(totpAt(secret, s)), Buffer.from(code))) return s;
  }
  return null;
}

export function newTotpSecret(): Buffer {
  return crypto.randomBytes(20);
}

/** What authenticator apps read (as text or a QR code): issuer and account shown to the user. */
export function otpauthUri(secret: Buffer, account: string, issuer = '科信 Kexin'): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  return `otpauth://totp/${label}?secret=${base32Encode(secret)}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=${TOTP.digits}&period=${TOTP.stepSeconds}`;
}
