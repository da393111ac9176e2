/**
 * 密钥轮换 (GB/T 22239-2019 8.1.4.8; issue 8): after a new data key is added, every encrypted field
 * still under an older key is decrypted and encrypted again under the current one, a batch per
 * transaction (a value is always readable: old token or new). When nothing is left under a key, that
 * key can be retired from the key file. The blind index does not change (crypto/sm.ts).
 */
import type { AppContext } from '../../context';
import { appendAudit } from '../audit/append-audit';

/** Every column that holds an SM4 token, with the key of its rows. */
export const ENCRYPTED_FIELDS = [
  { table: 'subjects', key: 'id', column: 'id_number_cipher' },
  { table: 'complainant_identities', key: 'intake_id', column: 'identity_cipher' },
  { table: 'users', key: 'id', column: 'totp_secret_cipher' },
  { table: 'users', key: 'id', column: 'totp_pending_cipher' },
] as const;

export async function reencryptAll(app: AppContext, batchSize = 500): Promise<Record<string, number>> {
  const current = app.cipher.currentKeyId;
  const done: Record<string, number> = {};
  for (const f of ENCRYPTED_FIELDS) {
    const name = `${f.table}.${f.column}`;
    done[name] = 0;
    for (;;) {
      const n = await app.db.transaction(async (tx) => {
        const rows = await tx.query<{ k: string; v: string }>(
          `SELECT ${f.key}::text AS k, ${f.column} AS v FROM ${f.table} WHERE ${f.column} IS NOT NULL AND split_part(${f.column}, ':', 2) <> $1 LIMIT $2 FOR UPDATE`, [current, batchSize]);
        if (rows.length === 0) return 0;
        await tx.query(`UPDATE ${f.table} t SET ${f.column} = u.v FROM unnest($1::text[], $2::text[]) AS u(k, v) WHERE t.${f.key}::text = u.k`,
          [rows.map((r) => r.k), rows.map((r) => app.cipher.encrypt(app.cipher.decrypt(r.v)))]);
        return rows.length;
      });
      done[name] += n;
      if (n < batchSize) break;
    }
  }
  await app.db.transaction((tx) => appendAudit(tx, app, { actor: null, action: 'keys.reencrypt', objectType: 'keys', objectId: current, after: done }));
  return done;
}

/** How many values each key still protects: a key with none left may be retired. */
export async function valuesByKey(app: Pick<AppContext, 'db'>): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const f of ENCRYPTED_FIELDS) {
    const rows = await app.db.query<{ key_id: string; n: number }>(`SELECT split_part(${f.column}, ':', 2) AS key_id, count(*)::int AS n FROM ${f.table} WHERE ${f.column} IS NOT NULL GROUP BY 1`);
    for (const r of rows) out[r.key_id] = (out[r.key_id] ?? 0) + r.n;
  }
  return out;
}
