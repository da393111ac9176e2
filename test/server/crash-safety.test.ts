/**
 * Crash safety (GB/T 22239-2019 8.1.4.11; issue 8): the real server (`kexin serve`, its own process)
 * takes a stream of writes — misconduct cases opened (CI-22) and filed — and is killed with SIGKILL at
 * a random moment, restarted, and killed again. Afterwards: every write the server acknowledged is
 * there (0 lost), every case has its whole start (row, first step, audit event; 0 half-written), the
 * audit chain verifies (0 breaks), and no reminder was raised twice (the sweeper runs every second
 * throughout). 4 kills per database in `npm test`, 100 in `npm run test:security`.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAuditSeal } from '../../src/server/crypto/audit-seal';
import { openPglite, openPostgres, type Database } from '../../src/server/db/database';
import { verifyAuditLog } from '../../src/server/modules/audit/checkpoints';
import { DEMO_PASSWORD } from '../../src/server/demo/load-demo';
import { createTestDatabase, DB_KINDS } from '../support/databases';
import { startBody } from '../support/cases';

const exec = promisify(execFile);
const KILLS = process.env.KEXIN_SECURITY_FULL === '1' ? 100 : 4;
/** Writes each round sees acknowledged before its kill. */
const PER_ROUND = 2;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kexin-crash-'));
const keyFile = path.resolve('.kexin-test/keys/data.key');

const freePort = () => new Promise<number>((resolve) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address() as net.AddressInfo; s.close(() => resolve(port)); }); });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(DB_KINDS)('崩溃安全：写入中途强杀服务进程（%s）', (kind) => {
  afterAll(() => fs.rmSync(path.join(tmp, kind), { recursive: true, force: true }));

  it(`强杀 ${KILLS} 次：已确认的写入不丢、没有写了一半的案件、审计链不断、提醒不重复`, async () => {
    const dataDir = path.join(tmp, kind);
    const pg = kind === 'postgres' ? await createTestDatabase('postgres') : null;
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = {
      ...process.env, PORT: String(port), KEXIN_DATA_DIR: dataDir, KEXIN_KEY_FILE: keyFile, KEXIN_AUDIT_CHECKPOINT_DIR: path.join(dataDir, 'checkpoints'),
      KEXIN_DEMO: 'true', KEXIN_SWEEP_SECONDS: '1', KEXIN_COOKIE_SECURE: 'false', KEXIN_RATE_LIMITS: 'false', KEXIN_TOTP_REQUIRED: 'false', LOG_LEVEL: 'silent',
      ...(pg ? { DATABASE_URL: pg.url! } : { DATABASE_URL: '' }),
    };
    let server: ChildProcess | null = null;
    const start = async () => {
      server = spawn(process.execPath, ['bin/kexin.mjs', 'serve'], { env, stdio: 'ignore' });
      for (let i = 0; ; i++) {
        try { if ((await fetch(`${base}/api/health`)).ok) return; } catch { /* starting */ }
        if (i > 600) throw new Error('server did not start');
        await sleep(50);
      }
    };
    const kill = async () => { const s = server!; const gone = new Promise((r) => s.once('exit', r)); s.kill('SIGKILL'); await gone; };

    await start();
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'cx_integrity', password: DEMO_PASSWORD }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const post = (url: string, body: unknown) => fetch(`${base}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
    const subjectId = (await (await fetch(`${base}/api/subjects?regionCode=532301&kind=organization&pageSize=1`, { headers: { cookie } })).json()).items[0].id;

    const created = new Set<string>();
    const filed = new Set<string>();
    const pending: { id: string; version: number }[] = [];
    let attempts = 0;
    for (let k = 0; k < KILLS; k++) {
      // Writes as fast as one client sends them, until the kill lands somewhere among them.
      let stop = false;
      const load = (async () => {
        while (!stop) {
          attempts++;
          try {
            const next = pending.shift();
            if (next && attempts % 2 === 0) {
              const r = await post(`/api/cases/${next.id}/steps/file`, { version: next.version, opinion: '立案调查' });
              if (r.status === 200) filed.add(next.id);
            } else {
              const r = await post('/api/cases', startBody('misconduct', { subjectId, source: 'audit', grounds: `崩溃试验 ${k}-${attempts}：审计线索` }));
              if (r.status === 201) { const c = await r.json(); created.add(c.id); pending.push({ id: c.id, version: c.version }); }
            }
          } catch { if (!stop) await sleep(5); }
        }
      })();
      // The kill lands at a random moment after this round's second acknowledged write, so a slow
      // machine (a loaded CI) cannot make every kill land before anything was written.
      const before = created.size + filed.size;
      for (let w = 0; created.size + filed.size < before + PER_ROUND && w < 1200; w++) await sleep(50);
      await sleep(Math.floor(Math.random() * 400));
      await kill();
      stop = true;
      await load;
      await start();
    }
    server!.kill('SIGTERM');
    await new Promise((r) => server!.once('exit', r));
    // A sweep after the last restart finds nothing left to raise: no reminder was missed across the kills.
    const sweep = JSON.parse((await exec(process.execPath, ['bin/kexin.mjs', 'sweep'], { env })).stdout.trim().split('\n').pop()!);

    const db: Database = pg ? await openPostgres(pg.url!) : await openPglite(dataDir);
    try {
      const ids = [...created];
      const rows = await db.query<{ id: string; state: string; events: number; starts: number; audits: number }>(
        `SELECT c.id, c.state,
                (SELECT count(*)::int FROM case_events e WHERE e.case_id = c.id) AS events,
                (SELECT count(*)::int FROM case_events e WHERE e.case_id = c.id AND e.step = 'start') AS starts,
                (SELECT count(*)::int FROM audit_events a WHERE a.object_id = c.id::text AND a.action IN ('case.start', 'case.transition')) AS audits
           FROM cases c WHERE c.procedure = 'misconduct'`);
      const byId = new Map(rows.map((r) => [r.id, r]));
      const lost = ids.filter((id) => !byId.has(id)).length + [...filed].filter((id) => byId.get(id)?.state !== 'investigating').length;
      const halfWritten = rows.filter((r) => r.starts !== 1 || r.audits !== r.events || (r.state === 'investigating') !== (r.events === 2)).length;
      const [{ dup }] = await db.query<{ dup: number }>('SELECT count(*)::int AS dup FROM (SELECT clock_id, kind FROM reminders GROUP BY clock_id, kind HAVING count(*) > 1) d');
      const audit = await verifyAuditLog(db, loadAuditSeal(path.dirname(keyFile)), path.join(dataDir, 'checkpoints'));
      const [{ reminders }] = await db.query<{ reminders: number }>('SELECT count(*)::int AS reminders FROM reminders');
      const figures = { kills: KILLS, acknowledged: created.size + filed.size, lost, halfWritten, auditBreaks: audit.ok ? 0 : 1, duplicateReminders: dup, missedReminders: sweep.raised };
      console.log(`crash safety (${kind}): ${JSON.stringify({ ...figures, attempts, reminders, checkpoints: audit.checkpoints.checked })}`);
      expect(figures).toEqual({ kills: KILLS, acknowledged: figures.acknowledged, lost: 0, halfWritten: 0, auditBreaks: 0, duplicateReminders: 0, missedReminders: 0 });
      // Every round had its writes acknowledged before the kill (within a minute each): the kills landed among writes.
      expect(figures.acknowledged).toBeGreaterThanOrEqual(KILLS * PER_ROUND);
    } finally {
      await db.close();
      await pg?.drop();
    }
  }, 1_800_000);
});
