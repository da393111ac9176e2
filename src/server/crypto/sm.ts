/**
 * Chinese commercial cryptography through node:crypto (OpenSSL 3): SM3 hashing and SM4 field
 * encryption. Kept behind small interfaces so a certified device can replace them later.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function sm3Hex(text: string): string {
  return crypto.createHash('sm3').update(text, 'utf8').digest('hex');
}

export function hmacSm3Hex(key: Buffer, text: string): string {
  return crypto.createHmac('sm3', key).update(text, 'utf8').digest('hex');
}

/** Encrypts a field at rest; a blind index lets the database find equal values without the key. */
export interface FieldCipher {
  encrypt(plain: string): string;
  decrypt(token: string): string;
  blindIndex(plain: string): string;
}

/** SM4-CBC with a random IV per value; token `v1:<keyId>:<iv>:<ciphertext>` names its key for rotation. */
export class Sm4FieldCipher implements FieldCipher {
  private readonly indexKey: Buffer;

  constructor(private readonly keys: Map<string, Buffer>, private readonly currentKeyId: string) {
    const current = keys.get(currentKeyId);
    if (!current || current.length !== 16) throw new Error('SM4 key must be 16 bytes');
    this.indexKey = crypto.createHmac('sm3', current).update('kexin blind index').digest();
  }

  encrypt(plain: string): string {
    const iv = crypto.randomBytes(16);
    const c = crypto.createCipheriv('sm4-cbc', this.keys.get(this.currentKeyId)!, iv);
    const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return `v1:${this.currentKeyId}:${iv.toString('hex')}:${ct.toString('hex')}`;
  }

  decrypt(token: string): string {
    const [v, keyId, ivHex, ctHex] = token.split(':');
    const key = this.keys.get(keyId);
    if (v !== 'v1' || !key) throw new Error('unknown cipher token version or key');
    const d = crypto.createDecipheriv('sm4-cbc', key, Buffer.from(ivHex, 'hex'));
    return Buffer.concat([d.update(Buffer.from(ctHex, 'hex')), d.final()]).toString('utf8');
  }

  blindIndex(plain: string): string {
    return crypto.createHmac('sm3', this.indexKey).update(plain, 'utf8').digest('hex');
  }
}

/** The key comes from the environment, else from a key file outside the database (made on first use). */
export function loadFieldCipher(opts: { dataKeyHex: string | null; keyFile: string }): FieldCipher {
  let hex = opts.dataKeyHex;
  if (!hex) {
    if (!fs.existsSync(opts.keyFile)) {
      fs.mkdirSync(path.dirname(opts.keyFile), { recursive: true, mode: 0o700 });
      fs.writeFileSync(opts.keyFile, crypto.randomBytes(16).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    }
    hex = fs.readFileSync(opts.keyFile, 'utf8').trim();
  }
  return new Sm4FieldCipher(new Map([['k1', Buffer.from(hex, 'hex')]]), 'k1');
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}
