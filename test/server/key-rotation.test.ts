/**
 * Rotating the SM4 data key (GB/T 22239-2019 8.1.4.8; issue 8): a new key is added, every encrypted
 * field (ID numbers, complainant identities, TOTP secrets) is re-encrypted under it batch by batch and
 * audited; every value reads back the same, look-ups by blind index keep working, and an
 * intermediate key can then be retired from the key file.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFieldCipher, rotateDataKey, Sm4FieldCipher } from '../../src/server/crypto/sm';
import { ENCRYPTED_FIELDS, reencryptAll, valuesByKey } from '../../src/server/modules/keys/reencrypt';
import { DB_KINDS } from '../support/databases';
import { startTestApp, type TestApp } from '../support/test-app';
import { fileComplaint } from '../support/complaints';

const K1 = Buffer.from('00112233445566778899aabbccddeeff', 'hex'); // the test app's key
const [K2, K3] = [crypto.randomBytes(16), crypto.randomBytes(16)];

describe.each(DB_KINDS)('数据密钥轮换（%s）', (kind) => {
  let t: TestApp;
  const plain = new Map<string, string>();
  beforeAll(async () => {
    t = await startTestApp(kind);
    await fileComplaint(t, { accusedName: '某研究所', accusedKind: 'organization', content: '该单位在项目验收中弄虚作假', complainant: { name: '举报人甲', phone: '13800001111' } });
    for (const f of ENCRYPTED_FIELDS) {
      for (const r of await t.app.db.query<{ k: string; v: string }>(`SELECT ${f.key}::text AS k, ${f.column} AS v FROM ${f.table} WHERE ${f.column} IS NOT NULL`)) plain.set(`${f.table}.${f.column}.${r.k}`, t.app.cipher.decrypt(r.v));
    }
  });
  afterAll(async () => { await t?.close(); });

  const readAll = async (cipher: Sm4FieldCipher) => {
    const out = new Map<string, string>();
    for (const f of ENCRYPTED_FIELDS) {
      for (const r of await t.app.db.query<{ k: string; v: string }>(`SELECT ${f.key}::text AS k, ${f.column} AS v FROM ${f.table} WHERE ${f.column} IS NOT NULL`)) out.set(`${f.table}.${f.column}.${r.k}`, cipher.decrypt(r.v));
    }
    return out;
  };

  it('启用新密钥并重新加密：全部字段改由新密钥保护，读出的值不变，盲索引不变，留痕；之后可停用中间的旧密钥', async () => {
    expect(plain.size).toBeGreaterThan(300);
    expect(await valuesByKey(t.app)).toEqual({ k1: plain.size });
    const withK2 = new Sm4FieldCipher(new Map([['k1', K1], ['k2', K2]]), 'k2');
    const done = await reencryptAll({ ...t.app, cipher: withK2 }, 100);
    expect(Object.values(done).reduce((a, b) => a + b, 0)).toBe(plain.size);
    expect(await valuesByKey(t.app)).toEqual({ k2: plain.size });
    expect(await readAll(withK2)).toEqual(plain);
    // The blind index stays keyed from k1, so finding a person by ID number does not depend on the rotation.
    const someId = [...plain.entries()].find(([k]) => k.startsWith('subjects.'))![1];
    expect(withK2.blindIndex(someId)).toBe(t.app.cipher.blindIndex(someId));
    // Again to k3; k2 is then no longer needed and is retired.
    const withK3 = new Sm4FieldCipher(new Map([['k1', K1], ['k2', K2], ['k3', K3]]), 'k3');
    await reencryptAll({ ...t.app, cipher: withK3 });
    expect(await readAll(new Sm4FieldCipher(new Map([['k1', K1], ['k3', K3]]), 'k3'))).toEqual(plain);
    const [audit] = await t.app.db.query<{ after: Record<string, number> }>(`SELECT after FROM audit_events WHERE action = 'keys.reencrypt' ORDER BY seq LIMIT 1`);
    expect(Object.values(audit.after).reduce((a, b) => a + b, 0)).toBe(plain.size);
  });

  it.runIf(kind === 'pglite')('kexin keys rotate 在密钥文件末尾追加新密钥，成为当前密钥；旧密钥仍可解密', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kexin-keys-')), 'data.key');
    const before = loadFieldCipher({ dataKeyHex: null, keyFile: file });
    const token = before.encrypt('532301198803125671');
    expect(rotateDataKey(file)).toBe('k2');
    const after = loadFieldCipher({ dataKeyHex: null, keyFile: file });
    expect([before.currentKeyId, after.currentKeyId, after.keyIdOf(after.encrypt('x'))]).toEqual(['k1', 'k2', 'k2']);
    expect(after.decrypt(token)).toBe('532301198803125671');
    expect(after.blindIndex('532301198803125671')).toBe(before.blindIndex('532301198803125671'));
  });
});
