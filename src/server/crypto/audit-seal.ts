/**
 * What keeps the audit log honest against someone who can write to the database (GB/T 22239-2019
 * 8.1.4.3 audit protection): each event is chained with HMAC-SM3 under a key kept outside the
 * database, so a rewritten history cannot be re-chained without the key; and checkpoints of the
 * chain's head are signed with SM2 (GB/T 32918, sm-crypto) and written outside the database, so a
 * truncated log or a restored older database is caught too. One interface, so a certified
 * cryptographic device can take the keys' place.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { sm2 } from 'sm-crypto';

export interface AuditSeal {
  /** The key new events are chained under; its id is stored with each event. */
  readonly macKeyId: string;
  /** HMAC-SM3 of the text under the key with this id; null when no such key is held. */
  mac(keyId: string, text: string): string | null;
  /** The same for many texts at once (verifying a long log); an implementation may spread them over threads. */
  macMany(items: ReadonlyArray<readonly [keyId: string, text: string]>): Promise<Array<string | null>>;
  /**
   * The MAC keys (id, hex) for verifier threads of this process, which walk ranges of the chain in
   * parallel. A seal whose keys never leave a device leaves this out; the walk then runs on one thread.
   */
  macKeysForThreads?(): Array<[keyId: string, hex: string]>;
  /** SM2 signature (hex, r‖s) of the text. */
  sign(text: string): string;
  verify(text: string, signatureHex: string): boolean;
  /** The SM2 public key (hex), published with the checkpoints so anyone can check them. */
  readonly publicKey: string;
}

/** HMAC-SM3 of a text, hex: the MAC every event is chained with. */
export const hmacSm3 = (key: Buffer, text: string) => crypto.createHmac('sm3', key).update(text, 'utf8').digest('hex');

/** A key's id: the first 16 hex digits of its SM3 digest (names the key without revealing it). */
export const macKeyIdOf = (key: Buffer) => crypto.createHash('sm3').update(key).digest('hex').slice(0, 16);

export class SoftwareAuditSeal implements AuditSeal {
  private readonly macKeys = new Map<string, Buffer>();
  readonly macKeyId: string;
  private publicKeyHex: string | null = null;

  /** `macKeys` oldest first: the last is current, older ones still verify the events chained under them. */
  constructor(macKeys: readonly Buffer[], private readonly sm2PrivateKeyHex: string) {
    if (macKeys.length === 0 || macKeys.some((k) => k.length < 16)) throw new Error('audit MAC keys must be at least 16 bytes');
    for (const k of macKeys) this.macKeys.set(macKeyIdOf(k), k);
    this.macKeyId = macKeyIdOf(macKeys[macKeys.length - 1]);
    if (!/^[0-9a-f]{64}$/i.test(sm2PrivateKeyHex)) throw new Error('SM2 private key must be 64 hex digits');
  }

  /** Derived when first asked (a point multiplication that costs ~0.15 s at every start otherwise). */
  get publicKey(): string {
    return (this.publicKeyHex ??= (sm2 as unknown as { getPublicKeyFromPrivateKey(k: string): string }).getPublicKeyFromPrivateKey(this.sm2PrivateKeyHex));
  }

  mac(keyId: string, text: string): string | null {
    const key = this.macKeys.get(keyId);
    return key ? hmacSm3(key, text) : null;
  }

  macKeysForThreads(): Array<[string, string]> {
    return [...this.macKeys].map(([id, key]) => [id, key.toString('hex')]);
  }

  /**
   * Spreads the texts over worker threads (one per core, made on first use, never holding the process
   * open): HMAC-SM3 is most of the cost of walking a chain of millions of events.
   */
  async macMany(items: ReadonlyArray<readonly [string, string]>): Promise<Array<string | null>> {
    if (items.length < 2_000) return items.map(([k, t]) => this.mac(k, t));
    this.pool ??= new MacPool(this.macKeysForThreads());
    return this.pool.run(items);
  }

  private pool: MacPool | null = null;

  sign(text: string): string {
    return sm2.doSignature(text, this.sm2PrivateKeyHex, { hash: true, der: false });
  }

  verify(text: string, signatureHex: string): boolean {
    try {
      return sm2.doVerifySignature(text, signatureHex, this.publicKey, { hash: true, der: false });
    } catch {
      return false;
    }
  }
}

/** Worker threads computing HMAC-SM3 under the seal's keys: chunks of a batch go to each, results come back in order. */
class MacPool {
  private readonly workers: Worker[];
  private next = 0;
  private readonly busy: number[];
  private readonly pending = new Map<number, (out: Array<string | null>) => void>();

  constructor(keys: Array<[string, string]>) {
    const size = Math.max(1, Math.min(4, os.availableParallelism()));
    this.busy = Array.from({ length: size }, () => 0);
    this.workers = Array.from({ length: size }, () => {
      const w = new Worker(MAC_WORKER, { eval: true, workerData: { keys } });
      w.unref();
      w.on('message', ({ id, out }: { id: number; out: Array<string | null> }) => { this.pending.get(id)?.(out); this.pending.delete(id); });
      return w;
    });
  }

  async run(items: ReadonlyArray<readonly [string, string]>): Promise<Array<string | null>> {
    const per = Math.ceil(items.length / this.workers.length);
    const parts = await Promise.all(this.workers.map((w, i) => new Promise<Array<string | null>>((resolve) => {
      const id = this.next++;
      // Held open only while it works: an idle pool never keeps the process alive.
      if ((this.busy[i] += 1) === 1) w.ref();
      this.pending.set(id, (out) => { if ((this.busy[i] -= 1) === 0) w.unref(); resolve(out); });
      w.postMessage({ id, items: items.slice(per * i, per * (i + 1)) });
    })));
    return parts.flat();
  }
}

const MAC_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const crypto = require('node:crypto');
const keys = new Map(workerData.keys.map(([id, hex]) => [id, Buffer.from(hex, 'hex')]));
parentPort.on('message', ({ id, items }) => {
  const out = items.map(([k, t]) => { const key = keys.get(k); return key ? crypto.createHmac('sm3', key).update(t, 'utf8').digest('hex') : null; });
  parentPort.postMessage({ id, out });
});`;

/** Reads a key file, making it first if absent; written aside and linked into place, so a process starting alongside never reads half a key. */
function readOrCreate(file: string, make: () => string): string {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
    fs.writeFileSync(tmp, `${make()}\n`, { mode: 0o600, flag: 'wx' });
    try { fs.linkSync(tmp, file); } catch (e) { if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e; } finally { fs.unlinkSync(tmp); }
  }
  return fs.readFileSync(file, 'utf8');
}

/**
 * Keys from the key folder beside the data key (never in the database), made on first use:
 * `audit-mac.keys` holds one hex key per line, the last one current (rotation appends a line);
 * `audit-sm2.key` holds the SM2 private key.
 */
export function loadAuditSeal(keyDir: string): AuditSeal {
  const macLines = readOrCreate(path.join(keyDir, 'audit-mac.keys'), () => crypto.randomBytes(32).toString('hex'))
    .split('\n').map((l) => l.trim()).filter(Boolean);
  const sm2Key = readOrCreate(path.join(keyDir, 'audit-sm2.key'), () => sm2.generateKeyPairHex().privateKey.padStart(64, '0')).trim();
  return new SoftwareAuditSeal(macLines.map((h) => Buffer.from(h, 'hex')), sm2Key);
}

/** Adds a new current MAC key (the old ones stay to verify earlier events). Returns the new key's id. */
export function rotateAuditMacKey(keyDir: string): string {
  loadAuditSeal(keyDir);
  const key = crypto.randomBytes(32);
  fs.appendFileSync(path.join(keyDir, 'audit-mac.keys'), `${key.toString('hex')}\n`);
  return macKeyIdOf(key);
}
