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
  /** The key new values are encrypted under; a value under any other key is due for re-encryption. */
  readonly currentKeyId: string;
  keyIdOf(token: string): string;
}

/**
 * SM4-CBC with a random IV per value; token `v1:<keyId>:<iv>:<ciphertext>` names its key for rotation.
 * The blind index is keyed from the first key (k1) and stays put when keys rotate, so look-ups by ID
 * number keep working while values are re-encrypted.
 */
export class Sm4FieldCipher implements FieldCipher {
  private readonly indexKey: Buffer;

  constructor(private readonly keys: Map<string, Buffer>, readonly currentKeyId: string) {
    const current = keys.get(currentKeyId);
    if (!current || current.length !== 16) throw new Error('SM4 key must be 16 bytes');
    const first = keys.get('k1') ?? current;
    this.indexKey = crypto.createHmac('sm3', first).update('kexin blind index').digest();
  }

  keyIdOf(token: string): string {
    return token.split(':')[1];
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

/**
 * Keys come from the environment (KEXIN_DATA_KEY, comma-separated, oldest first), else from a key file
 * outside the database (made on first use) holding one key per line, oldest first. Key n is `k<n>`;
 * the last is current.
 */
export function loadFieldCipher(opts: { dataKeyHex: string | null; keyFile: string }): FieldCipher {
  let hex = opts.dataKeyHex;
  if (!hex) {
    if (!fs.existsSync(opts.keyFile)) {
      fs.mkdirSync(path.dirname(opts.keyFile), { recursive: true, mode: 0o700 });
      fs.writeFileSync(opts.keyFile, crypto.randomBytes(16).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    }
    hex = fs.readFileSync(opts.keyFile, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean).join(',');
  }
  const keys = hex.split(',').map((h) => Buffer.from(h.trim(), 'hex'));
  return new Sm4FieldCipher(new Map(keys.map((k, i) => [`k${i + 1}`, k])), `k${keys.length}`);
}

/** Adds a new current data key to the key file (the older ones stay, to read values not yet re-encrypted). */
export function rotateDataKey(keyFile: string): string {
  const lines = fs.readFileSync(keyFile, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
  fs.appendFileSync(keyFile, `${crypto.randomBytes(16).toString('hex')}\n`);
  return `k${lines.length + 1}`;
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}
